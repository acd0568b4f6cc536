import { describe, expect, it } from 'vitest';
import {
  ACTION_ADD,
  ACTION_GROUP_PICKER,
  ACTION_REASON,
  BLOCK_ADD,
  BLOCK_GROUP,
  BLOCK_REASON,
  CALLBACK_MEMBERS,
} from '../../../src/slack/ids.js';
import { encodeModalMetadata } from '../../../src/slack/listeners/forms.js';
import { viewSubmission } from '../../fakes/payloads.js';
import { docspaceIdOf, slackIdOf } from '../../fixtures/people.js';
import { APPROVAL_CHANNEL, COMMAND_CHANNEL, type Harness, useHarness } from '../../helpers/harness.js';
import {
  answerTo,
  approve,
  ask,
  cardJson,
  fileRequest,
  requestIdIn,
  seedTeam,
  storedRequest,
  waitForCardStatus,
  writesTo,
} from './approvals-kit.js';

const cardsPosted = (h: Harness) =>
  h.slack.callsTo('chat.postMessage').filter((c) => c.args['channel'] === APPROVAL_CHANNEL);

/** Submits the "Edit members" modal as someone: add people to a group, with an optional reason. */
function submitMembersModal(h: Harness, who: 'alice', groupId: string, add: string[], reason: string | null) {
  return h.interact(
    viewSubmission({
      callbackId: CALLBACK_MEMBERS,
      userId: slackIdOf(who),
      privateMetadata: encodeModalMetadata(COMMAND_CHANNEL),
      values: {
        [BLOCK_GROUP]: {
          [ACTION_GROUP_PICKER]: { type: 'external_select', selected_option: { value: groupId, text: {} } },
        },
        [BLOCK_ADD]: { [ACTION_ADD]: { type: 'multi_users_select', selected_users: add } },
        [BLOCK_REASON]: { [ACTION_REASON]: { type: 'plain_text_input', value: reason } },
      },
    }),
  );
}

describe('who acts directly and who must ask (default policy: TRUST_DOCSPACE_ADMINS unset)', () => {
  const h = useHarness();

  it('executes an ADMIN_SLACK_USER_IDS admin’s change at once, with no request and no card', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `add "${group.name}" <@U0CAROL001>`);
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
    expect(cardsPosted(h)).toEqual([]);
  });

  it('trusts a Slack user mapped to a DocSpace admin (erin) as an admin: her change is made at once', async () => {
    const group = seedTeam(h.docspace);
    const answer = await ask(h, 'erin', `add "${group.name}" <@U0CAROL001>`);
    expect(answer).not.toContain('waiting for approval');
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
    expect(cardsPosted(h)).toEqual([]);
  });

  it('lets a trusted DocSpace admin approve someone else’s request', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0DAVE0001>`);
    await approve(h, 'erin', id);
    await waitForCardStatus(h.slack, id, 'done');
    expect(cardJson(h.slack, id)).toContain('approved by <@U0ERIN0001>');
  });

  it('refuses a change from a Slack user with no DocSpace account and files no request', async () => {
    const group = seedTeam(h.docspace);
    const answer = await ask(h, 'sam', `add "${group.name}" <@U0CAROL001>`);
    expect(answer).toContain('not linked to a DocSpace account');
    expect(cardsPosted(h)).toEqual([]);
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });
});

describe('TRUST_DOCSPACE_ADMINS=false: DocSpace admins are ordinary requesters', () => {
  const h = useHarness({ env: { TRUST_DOCSPACE_ADMINS: 'false' } });

  it("turns erin's change into a pending request with a card instead of making it", async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'erin', `add "${group.name}" <@U0CAROL001>`);
    expect((await storedRequest(h, id)).status).toBe('pending');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it("refuses erin's Approve click: without trust she is not an approver", async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const answer = await answerTo(h.slack, await approve(h, 'erin', id));
    expect(answer).toContain('Only approvers');
    await h.idle();
    expect((await storedRequest(h, id)).status).toBe('pending');
  });
});

describe('REQUIRE_REASON=true: a request needs a reason', () => {
  const h = useHarness({ env: { REQUIRE_REASON: 'true' } });

  it('refuses a request without a reason and files nothing', async () => {
    const group = seedTeam(h.docspace);
    const answer = await ask(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    expect(answer).toContain('Please give a reason');
    expect(cardsPosted(h)).toEqual([]);
  });

  it('files a request whose reason is given inline, and shows the reason on the card', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001> reason: Carol joins the on-call rota`);
    expect(cardJson(h.slack, id)).toContain('Carol joins the on-call rota');
  });

  it('lets an admin act directly without a reason', async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `add "${group.name}" <@U0CAROL001>`);
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
  });

  it('shows an inline error on the reason field when the modal is submitted without one', async () => {
    const group = seedTeam(h.docspace);
    const sent = await submitMembersModal(h, 'alice', group.id, ['U0CAROL001'], null);
    expect(sent.json).toMatchObject({ response_action: 'errors', errors: { [BLOCK_REASON]: expect.any(String) } });
    expect(cardsPosted(h).filter((c) => JSON.stringify(c.args).includes(group.name))).toEqual([]);
  });

  it('files a request with the reason typed in the modal and tells the requester where it waits', async () => {
    const group = seedTeam(h.docspace);
    const sent = await submitMembersModal(h, 'alice', group.id, ['U0CAROL001'], 'Needed for the audit project');
    expect(sent.status).toBe(200);
    await h.slack.waitFor(() => h.slack.ephemerals(slackIdOf('alice')).some((e) => e.text.includes('waiting')));
    const told = h.slack.ephemerals(slackIdOf('alice')).find((e) => e.text.includes('waiting'));
    const id = requestIdIn(told?.text ?? '');
    expect(told?.channel).toBe(COMMAND_CHANNEL);
    expect(cardJson(h.slack, id)).toContain('Needed for the audit project');
  });
});
