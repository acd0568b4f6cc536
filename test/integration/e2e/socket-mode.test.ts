import { beforeEach, describe, expect, it } from 'vitest';
import * as ids from '../../../src/slack/ids.js';
import { seedDevTeam } from '../../fixtures/groups.js';
import { docspaceIdOf, PEOPLE } from '../../fixtures/people.js';
import { type Harness, useHarness } from '../../helpers/harness.js';
import { clickButton, createValues, inlineErrors, managerValues, resetDoubles, submitView } from './slack-kit.js';

// Slack drops an envelope that is not acked within 3 s, in Socket Mode as over HTTP. The proof that matters is the
// order: each ack below arrives while DocSpace still holds the request the work depends on.
const SLACK_ACK_LIMIT_MS = 3000;
const OWNER = PEOPLE.owner.slack.id;

/** Resolves once the app is waiting on a DocSpace request that has not been answered (it is held). */
const heldByDocSpace = (h: Harness) => h.docspace.waitFor(() => h.docspace.requests.some((r) => r.status === 0));

/** The types of the envelopes acked so far, in order: proof the request went over the socket, not HTTP. */
const ackedTypes = (h: Harness) => h.slack.socket.acks.map((a) => a.type);

describe('Socket Mode end to end (the real container connected to the Slack double over WebSocket)', () => {
  const h = useHarness({ socketMode: true });
  beforeEach(() => {
    resetDoubles(h);
  });

  it('runs in Socket Mode on one connection opened with the app token', () => {
    expect(h.mode).toBe('socket');
    expect(h.container.slack.mode).toBe('socket');
    expect(h.slack.socket.connections()).toEqual([{ id: 1, state: 'open', closeCode: null }]);
  });

  it('acks a slash command within 3 s, before DocSpace answers, and delivers the result to the response_url', async () => {
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
    expect(ackedTypes(h)).toEqual(['slash_commands']);
  });

  it('answers help in the ack itself, as the envelope’s response payload', async () => {
    const sent = await h.command('owner', 'help');
    expect(sent.ack.json).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(sent.ack.json)).toContain('/docspace-group');
  });

  it('acks a button click and replaces the message with the result', async () => {
    const group = seedDevTeam(h.docspace, ['alice']);
    const value = JSON.stringify({ g: group.id, r: null });
    const ack = await clickButton(h, 'owner', ids.ACTION_CONFIRM_DELETE, value, 'socket-delete');
    expect([ack.status, ack.body]).toEqual([200, '']);
    const reply = await h.reply('socket-delete');
    expect(JSON.stringify(reply)).toContain('Deleted group *Development Team*');
    expect(h.docspace.getGroup(group.id)?.removed).toBe(true);
    expect(ackedTypes(h)).toEqual(['interactive']);
  });

  it('opens the menu modal from a command with no text, with the trigger_id of the envelope', async () => {
    const sent = await h.command('owner', '');
    expect(sent.ack.status).toBe(200);
    await h.slack.waitFor(() => h.slack.views().length > 0);
    expect(h.slack.views()[0]?.view['callback_id']).toBe(ids.CALLBACK_MENU);
    expect(h.slack.views()[0]?.triggerId).toMatch(/^trigger-/);
  });

  it('closes a submitted modal with a bare ack and posts the result as an ephemeral message', async () => {
    const group = seedDevTeam(h.docspace, ['alice']);
    const ack = await submitView(h, 'owner', ids.CALLBACK_MANAGER, managerValues(group.id, 'bob'));
    expect([ack.status, ack.body]).toEqual([200, '']);
    await h.slack.waitFor(() => h.slack.ephemerals(OWNER).length > 0);
    expect(h.slack.ephemerals(OWNER)[0]?.text).toContain('Changed the manager of *Development Team*');
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('bob'));
  });

  it('keeps a modal open with inline errors carried in the ack’s payload', async () => {
    seedDevTeam(h.docspace);
    const ack = await submitView(h, 'owner', ids.CALLBACK_CREATE, createValues({ name: 'Development Team' }));
    expect(inlineErrors(ack)?.[ids.BLOCK_NAME]).toContain('already exists');
    const [acked] = h.slack.socket.acks;
    expect(acked?.payload).toMatchObject({ response_action: 'errors' });
    expect(h.docspace.listGroups()).toHaveLength(1);
  });

  it('acks an Events API envelope it has no listener for, and does nothing with it', async () => {
    const ack = await h.slack.socket.event({
      type: 'reaction_added',
      user: OWNER,
      reaction: 'thumbsup',
      item: { type: 'message', channel: 'C0APPROVAL', ts: '1700000000.000100' },
    });
    expect(ack.payload).toEqual({});
    await h.idle();
    expect(h.slack.calls).toEqual([]);
  });
});
