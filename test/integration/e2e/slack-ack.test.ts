import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as ids from '../../../src/slack/ids.js';
import { blockSuggestion } from '../../fakes/payloads.js';
import { seedDevTeam } from '../../fixtures/groups.js';
import { docspaceIdOf, mentionOf, PEOPLE } from '../../fixtures/people.js';
import { type Harness, useHarness } from '../../helpers/harness.js';
import { clickButton, commandReply, managerValues, resetDoubles, submitView } from './slack-kit.js';

// Slack drops a request whose HTTP answer takes over 3 s. This is a correctness check of that rule, not a benchmark:
// DocSpace holds every answer until the test releases it, so each ack is shown to arrive before DocSpace answered.
const SLACK_ACK_LIMIT_MS = 3000;
const OWNER = PEOPLE.owner.slack.id;

/** Resolves once the app is waiting on a DocSpace request that has not been answered (it is held). */
const heldByDocSpace = (h: Harness) => h.docspace.waitFor(() => h.docspace.requests.some((r) => r.status === 0));

describe('acknowledging within 3 seconds while DocSpace has not answered', () => {
  const h = useHarness();
  beforeAll(async () => {
    // Maps the owner and bob while DocSpace answers, so what is held below is the group work itself.
    h.docspace.seedGroup({ name: 'Warm-up' });
    await commandReply(h, 'owner', `add "Warm-up" ${mentionOf('bob')}`);
  });
  beforeEach(() => {
    resetDoubles(h);
  });

  it('acks a slash command in time and still posts the result to the response_url later', async () => {
    const group = seedDevTeam(h.docspace, ['alice']);
    h.docspace.hold();
    const sent = await h.command('owner', `show ${group.id}`);
    expect(sent.ack.status).toBe(200);
    expect(sent.ack.ms).toBeLessThan(SLACK_ACK_LIMIT_MS);
    await heldByDocSpace(h);
    expect(h.slack.responsesTo(sent.responseId)).toEqual([]);
    h.docspace.release();
    const reply = await h.reply(sent.responseId);
    expect(JSON.stringify(reply)).toContain('Development Team');
  });

  it('closes a submitted modal in time and posts the result as an ephemeral message later', async () => {
    const group = seedDevTeam(h.docspace, ['alice']);
    h.docspace.hold();
    const ack = await submitView(h, 'owner', ids.CALLBACK_MANAGER, managerValues(group.id, 'bob'));
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(SLACK_ACK_LIMIT_MS);
    expect(ack.body).toBe('');
    await heldByDocSpace(h);
    expect(h.slack.ephemerals(OWNER)).toEqual([]);
    h.docspace.release();
    await h.slack.waitFor(() => h.slack.ephemerals(OWNER).length > 0);
    expect(h.slack.ephemerals(OWNER)[0]?.text).toContain('Changed the manager of *Development Team*');
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('bob'));
  });

  it('acks a button click in time and replaces the message with the result later', async () => {
    const group = seedDevTeam(h.docspace, ['alice']);
    h.docspace.hold();
    const value = JSON.stringify({ g: group.id, r: null });
    const ack = await clickButton(h, 'owner', ids.ACTION_CONFIRM_DELETE, value, 'slow-delete');
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(SLACK_ACK_LIMIT_MS);
    await heldByDocSpace(h);
    expect(h.slack.responsesTo('slow-delete')).toEqual([]);
    h.docspace.release();
    const reply = await h.reply('slow-delete');
    expect(JSON.stringify(reply)).toContain('Deleted group *Development Team*');
    expect(h.docspace.getGroup(group.id)?.removed).toBe(true);
  });

  it('answers the group picker in time, with no options, when DocSpace is too slow', async () => {
    seedDevTeam(h.docspace, ['alice']);
    h.docspace.hold();
    const res = await h.interact(
      blockSuggestion({ actionId: ids.ACTION_GROUP_PICKER, blockId: ids.BLOCK_GROUP, value: 'Dev', userId: OWNER }),
    );
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(SLACK_ACK_LIMIT_MS);
    expect(res.json).toEqual({ options: [] });
    await heldByDocSpace(h);
    h.docspace.release();
  });
});
