import { describe, expect, it } from 'vitest';
import { ACTION_CANCEL_REQUEST } from '../../../src/slack/ids.js';
import { docspaceIdOf } from '../../fixtures/people.js';
import { APPROVAL_CHANNEL, useHarness } from '../../helpers/harness.js';
import {
  answerTo,
  approve,
  ask,
  buttonsOf,
  cardJson,
  cardOf,
  clickCard,
  denyWithNote,
  dmsAbout,
  fileRequest,
  requestIdIn,
  seedTeam,
  storedRequest,
  waitForCardStatus,
  writesTo,
} from './approvals-kit.js';

/** The section blocks of a `requests` answer that carry a Cancel button, by request id. */
function cancellable(answer: string): string[] {
  const body = JSON.parse(answer) as { blocks?: { accessory?: { action_id?: string; value?: string } }[] };
  return (body.blocks ?? [])
    .filter((b) => b.accessory?.action_id === ACTION_CANCEL_REQUEST)
    .map((b) => b.accessory?.value ?? '');
}

describe('approval requests end to end: no-ops, duplicates, hostile text, the requests list and cancel', () => {
  const h = useHarness();

  const cardsPosted = () => h.slack.callsTo('chat.postMessage').filter((c) => c.args['channel'] === APPROVAL_CHANNEL);

  it('answers at once and files no request when the person to add is already a member', async () => {
    const group = seedTeam(h.docspace);
    const answer = await ask(h, 'alice', `add "${group.name}" <@U0BOB00001>`);
    expect(answer).toContain('Nothing to change');
    expect(cardsPosted()).toEqual([]);
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('answers at once and files no request when the new manager already manages the group', async () => {
    const group = seedTeam(h.docspace);
    const answer = await ask(h, 'bob', `manager "${group.name}" <@U0ALICE001>`);
    expect(answer).toContain('Nothing to change');
    expect(cardsPosted()).toEqual([]);
  });

  it('answers at once and files no request when the person to remove is not a member', async () => {
    const group = seedTeam(h.docspace);
    const answer = await ask(h, 'alice', `remove "${group.name}" <@U0CAROL001>`);
    expect(answer).toContain('Nothing to change');
    expect(cardsPosted()).toEqual([]);
  });

  it('adds a second requester of an identical pending change to the first request: one card naming both', async () => {
    const group = seedTeam(h.docspace);
    const first = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const answer = await ask(h, 'carol', `add "${group.name}" <@U0CAROL001>`);
    expect(answer).toContain('identical request');
    expect(requestIdIn(answer)).toBe(first);
    await h.slack.waitFor(() => cardJson(h.slack, first).includes('<@U0CAROL001>'));
    expect(cardsPosted()).toHaveLength(1);
    expect(cardJson(h.slack, first)).toContain('also asked by <@U0CAROL001>');
    expect((await storedRequest(h, first)).requesterIds).toEqual(['U0ALICE001', 'U0CAROL001']);
  });

  it('tells every requester of a joined request by DM once it is approved and applied', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await ask(h, 'carol', `add "${group.name}" <@U0CAROL001>`);
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    await h.slack.waitFor(() => dmsAbout(h.slack, 'carol', id).length > 0 && dmsAbout(h.slack, 'alice', id).length > 0);
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
  });

  it('renders hostile reasons, group names and display names inertly on the card and in the DM', async () => {
    const group = h.docspace.seedGroup({
      name: 'Ops <@U0BOB00001> <!here>',
      managerId: docspaceIdOf('alice'),
      memberIds: [docspaceIdOf('alice')],
    });
    const id = await fileRequest(
      h,
      'alice',
      `add ${group.id} hal@example.com reason: <!channel> *x* <https://evil.example|click>`,
    );
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    await h.slack.waitFor(() => dmsAbout(h.slack, 'alice', id).length > 0);
    const everything = JSON.stringify([cardOf(h.slack, id), dmsAbout(h.slack, 'alice', id)]);
    for (const raw of ['<!channel>', '<!here>', '<@U0BOB00001>', '<https://evil'])
      expect(everything).not.toContain(raw);
    expect(cardJson(h.slack, id)).toContain('&lt;!channel&gt;');
    expect(cardJson(h.slack, id)).toContain('Hal &lt;!channel&gt; &amp; Co');
  });

  it('lists every pending request for an approver, with a Cancel button only on requests of their own', async () => {
    const group = seedTeam(h.docspace);
    const alices = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const daves = await fileRequest(h, 'dave', `add "${group.name}" <@U0ERIN0001>`);
    const answer = await ask(h, 'dave', 'requests');
    expect(answer).toContain('Pending requests');
    expect(answer).toContain(alices);
    expect(cancellable(answer)).toContain(daves);
    expect(cancellable(answer)).not.toContain(alices);
  });

  it("lists only a requester's own pending requests, each with a Cancel button", async () => {
    const group = seedTeam(h.docspace);
    const alices = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const daves = await fileRequest(h, 'dave', `add "${group.name}" <@U0ERIN0001>`);
    const answer = await ask(h, 'alice', 'requests');
    expect(answer).toContain('Your pending requests');
    expect(answer).not.toContain(daves);
    expect(cancellable(answer)).toContain(alices);
  });

  it('cancels a request when its requester clicks Cancel: the card says so and loses its buttons', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const answer = await answerTo(h.slack, await clickCard(h, 'alice', ACTION_CANCEL_REQUEST, id));
    expect(answer).toContain('is cancelled');
    await waitForCardStatus(h.slack, id, 'cancelled');
    expect(cardJson(h.slack, id)).toContain('Cancelled by <@U0ALICE001>');
    expect(buttonsOf(cardOf(h.slack, id))).toEqual([]);
    expect(await ask(h, 'alice', 'requests')).not.toContain(id);
  });

  it('refuses a Cancel click by someone who did not ask for the request', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const answer = await answerTo(h.slack, await clickCard(h, 'dave', ACTION_CANCEL_REQUEST, id));
    expect(answer).toContain('Only the people who asked');
    expect((await storedRequest(h, id)).status).toBe('pending');
  });

  it('refuses to approve a cancelled request', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await answerTo(h.slack, await clickCard(h, 'alice', ACTION_CANCEL_REQUEST, id));
    const answer = await answerTo(h.slack, await approve(h, 'dave', id));
    expect(answer).toContain('already decided: cancelled');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });
  it('records a cancellation in the audit log with the requester as actor', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await answerTo(h.slack, await clickCard(h, 'alice', ACTION_CANCEL_REQUEST, id));
    const entries = await h.container.storage.audit.list({ groupId: group.id as never, limit: 10 });
    expect(entries.find((e) => e.action === 'cancel')).toMatchObject({ actorSlackId: 'U0ALICE001', requestId: id });
  });

  it('renders a hostile deny note inertly on the card and in the DM', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await denyWithNote(h, 'dave', id, '<!channel> <@U0BOB00001> *no*');
    await waitForCardStatus(h.slack, id, 'denied');
    await h.slack.waitFor(() => dmsAbout(h.slack, 'alice', id).length > 0);
    const everything = JSON.stringify([cardOf(h.slack, id), dmsAbout(h.slack, 'alice', id)]);
    expect(everything).toContain('&lt;!channel&gt;');
    expect(everything).not.toContain('<!channel>');
    expect(everything).not.toContain('<@U0BOB00001>');
  });
});
