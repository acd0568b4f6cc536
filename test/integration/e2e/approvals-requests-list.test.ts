import { describe, expect, it } from 'vitest';
import { ACTION_APPROVE, ACTION_CANCEL_REQUEST, ACTION_DENY } from '../../../src/slack/ids.js';
import { PEOPLE, type PersonHandle } from '../../fixtures/people.js';
import { createFakeClock } from '../../helpers/clock.js';
import { APPROVAL_CHANNEL, useHarness } from '../../helpers/harness.js';
import {
  answerTo,
  ask,
  cardJson,
  cardOf,
  clickCard,
  dmsAbout,
  fileRequest,
  requestIdIn,
  seedTeam,
  storedRequest,
  waitForCardStatus,
  writesTo,
} from './approvals-kit.js';
import { clickList, decisionRows, idsIn, listButton, requestsList } from './decidable-kit.js';

// The approvers' `requests` list decides requests like the card does (same buttons, confirmation and compare-and-set),
// oldest first with the total, 25 a page; a co-requester's Cancel withdraws only them.

const CAROL = PEOPLE.carol.slack.id;
const memberWrites = (h: Parameters<typeof writesTo>[0], groupId: string) =>
  writesTo(h, groupId).filter((r) => r.path.endsWith('/members'));

describe('deciding from the `requests` list', () => {
  const h = useHarness();

  it('approves from the list with the card’s own confirmation: executed once, the card updated, the approver told', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@${CAROL}>`);
    const list = await requestsList(h, 'dave');
    const cardApprove = JSON.stringify(cardOf(h.slack, id).blocks).includes('"confirm"');
    const { button } = listButton(list, id, ACTION_APPROVE);
    expect([cardApprove, button.confirm]).toEqual([
      true,
      expect.objectContaining({ title: expect.objectContaining({ text: 'Approve this change?' }) }),
    ]);

    const answer = await answerTo(h.slack, await clickList(h, 'dave', list, ACTION_APPROVE, id));
    expect(answer).toContain(`Request \`${id}\`: done.`);
    await waitForCardStatus(h.slack, id, 'done');
    expect(cardJson(h.slack, id)).toContain('Done, approved by <@U0DAVE0001>');
    expect(memberWrites(h.docspace, group.id)).toHaveLength(1);
  });

  it('executes once when one approver clicks Approve in the list and another on the card at the same moment', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@${CAROL}>`);
    const list = await requestsList(h, 'dave');
    const [fromList, fromCard] = await Promise.all([
      clickList(h, 'dave', list, ACTION_APPROVE, id),
      clickCard(h, 'owner', ACTION_APPROVE, id),
    ]);
    await waitForCardStatus(h.slack, id, 'done');
    await h.idle();
    const answers = [...h.slack.responsesTo(fromList), ...h.slack.responsesTo(fromCard)].map((r) =>
      JSON.stringify(r.body),
    );
    expect(memberWrites(h.docspace, group.id)).toHaveLength(1);
    expect(answers.filter((a) => a.includes('was already decided'))).toHaveLength(1);
  });

  it('opens the same reason form from the list’s Deny, and the card shows the denial', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@${CAROL}>`);
    const list = await requestsList(h, 'dave');
    await clickList(h, 'dave', list, ACTION_DENY, id);
    await h.slack.waitFor(() => h.slack.callsTo('views.open').length > 0);
    const view = h.slack.callsTo('views.open').at(-1)?.args['view'] as { private_metadata?: string };
    expect(view.private_metadata).toBe(id);
    expect((await storedRequest(h, id)).status).toBe('pending');
  });

  it('lets a co-requester withdraw only themselves: the request stays pending for the first asker', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@${CAROL}>`);
    expect(requestIdIn(await ask(h, 'carol', `add "${group.name}" <@${CAROL}>`))).toBe(id);
    await h.slack.waitFor(() => cardJson(h.slack, id).includes('also asked by'));
    const carols = await requestsList(h, 'carol');

    const answer = await answerTo(h.slack, await clickList(h, 'carol', carols, ACTION_CANCEL_REQUEST, id));
    expect(answer).toContain(`You withdrew from request \`${id}\``);
    expect(await storedRequest(h, id)).toMatchObject({ status: 'pending', requesterIds: [PEOPLE.alice.slack.id] });
    await h.slack.waitFor(() => !cardJson(h.slack, id).includes('also asked by'));
    expect(cardOf(h.slack, id).text.endsWith('(waiting for approval)')).toBe(true);
    expect(dmsAbout(h.slack, 'alice', id)).toEqual([]);

    const alices = await requestsList(h, 'alice');
    const last = await answerTo(h.slack, await clickList(h, 'alice', alices, ACTION_CANCEL_REQUEST, id));
    expect(last).toContain(`Request \`${id}\` is cancelled.`);
    await waitForCardStatus(h.slack, id, 'cancelled');
  });
});

describe('the `requests` list with 30 pending requests', () => {
  const clock = createFakeClock();
  const h = useHarness({ clock });

  it('shows the total, the 25 oldest first with Approve and Deny, and the other 5 on page 2', async () => {
    const group = seedTeam(h.docspace);
    // Spread over four requesters: a per-requester cap on pending requests must not be what this test measures.
    const askers: PersonHandle[] = ['alice', 'bob', 'carol', 'mia'];
    const filed: string[] = [];
    for (let i = 0; i < 30; i++) {
      clock.advance(1000);
      filed.push(await fileRequest(h, askers[i % 4] ?? 'alice', `rename "${group.name}" "Renamed ${i}"`));
    }
    const first = await requestsList(h, 'dave');
    expect([first.blocks.length <= 50, idsIn(first), decisionRows(first).length]).toEqual([
      true,
      filed.slice(0, 25),
      25,
    ]);
    expect(JSON.stringify(first.blocks[0])).toContain('*Pending requests: 30*, oldest first · page 1 of 2');
    expect(JSON.stringify(first.blocks[0])).toContain('/docspace-group requests page 2` for the next 5');
    const second = await requestsList(h, 'dave', 'requests page 2');
    expect([idsIn(second), JSON.stringify(second.blocks)]).toEqual([
      filed.slice(25),
      expect.stringContaining('*Pending requests: 30*, oldest first · page 2 of 2'),
    ]);
    expect(h.slack.messages(APPROVAL_CHANNEL).filter((m) => filed.some((id) => m.text.includes(id)))).toHaveLength(30);
  });
});
