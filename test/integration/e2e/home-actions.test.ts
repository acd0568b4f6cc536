import { describe, expect, it } from 'vitest';
import {
  ACTION_APPROVE,
  ACTION_CANCEL_REQUEST,
  ACTION_DENY,
  ACTION_HOME_GROUP,
  ACTION_HOME_NEW_GROUP,
  ACTION_NAME,
  BLOCK_HOME_DECISION,
  BLOCK_NAME,
  CALLBACK_CREATE,
  CALLBACK_DENY_REASON,
  CALLBACK_HOME_RENAME,
  CALLBACK_MANAGER,
  CALLBACK_MEMBERS,
} from '../../../src/slack/ids.js';
import { homeBlockAction, viewSubmission } from '../../fakes/payloads.js';
import { mentionOf, type SlackHandle, slackIdOf } from '../../fixtures/people.js';
import { type Harness, useHarness } from '../../helpers/harness.js';
import { fileRequest, storedRequest } from './approvals-kit.js';
import { homeOf, openHome, seedGroup } from './home-kit.js';

type OpenedView = { callback_id?: string; blocks: unknown[]; private_metadata?: string };

/** Picks an option of a group's menu on the Home; returns the modal that opened. */
async function pickGroupMenu(h: Harness, who: SlackHandle, value: string): Promise<OpenedView> {
  const before = h.slack.callsTo('views.open').length;
  await h.interact(
    homeBlockAction({
      actionId: ACTION_HOME_GROUP,
      userId: slackIdOf(who),
      extra: { type: 'overflow', selected_option: { text: { type: 'plain_text', text: 'x' }, value } },
    }),
  );
  await h.slack.waitFor(() => h.slack.callsTo('views.open').length > before);
  return h.slack.callsTo('views.open').at(-1)?.args['view'] as OpenedView;
}

describe('App Home actions', () => {
  const h = useHarness();

  it('shows a group’s members in a modal from its menu', async () => {
    const group = seedGroup(h.docspace, 'Show', 'alice', ['alice', 'bob']);
    const view = await pickGroupMenu(h, 'bob', `show:${group.id}`);
    expect(JSON.stringify(view.blocks)).toContain('Bob Baker');
  });

  it('opens the existing members and manager modals with the group already chosen', async () => {
    const group = seedGroup(h.docspace, 'Prefill', 'alice', ['alice', 'bob']);
    const members = await pickGroupMenu(h, 'alice', `members:${group.id}`);
    expect(members.callback_id).toBe(CALLBACK_MEMBERS);
    expect(JSON.stringify(members.blocks)).toContain(
      `"initial_option":{"text":{"type":"plain_text","text":"${group.name}"`,
    );
    const manager = await pickGroupMenu(h, 'alice', `manager:${group.id}`);
    expect(manager.callback_id).toBe(CALLBACK_MANAGER);
    expect(JSON.stringify(manager.blocks)).toContain(group.id);
  });

  it('renames a group through the same submit as the command: an admin’s rename is made at once', async () => {
    const group = seedGroup(h.docspace, 'Old', 'owner', ['owner']);
    const view = await pickGroupMenu(h, 'owner', `rename:${group.id}`);
    expect(view.callback_id).toBe(CALLBACK_HOME_RENAME);
    await h.interact(
      viewSubmission({
        callbackId: CALLBACK_HOME_RENAME,
        userId: slackIdOf('owner'),
        privateMetadata: view.private_metadata ?? '',
        values: { [BLOCK_NAME]: { [ACTION_NAME]: { type: 'plain_text_input', value: `${group.name} renamed` } } },
      }),
    );
    await h.idle();
    expect(h.docspace.getGroup(group.id)?.name).toBe(`${group.name} renamed`);
  });

  it('refuses a blank new name inline and changes nothing', async () => {
    const group = seedGroup(h.docspace, 'Blank', 'owner', ['owner']);
    const ack = await h.interact(
      viewSubmission({
        callbackId: CALLBACK_HOME_RENAME,
        userId: slackIdOf('owner'),
        privateMetadata: group.id,
        values: { [BLOCK_NAME]: { [ACTION_NAME]: { type: 'plain_text_input', value: '   ' } } },
      }),
    );
    expect(ack.json).toEqual({ response_action: 'errors', errors: { [BLOCK_NAME]: 'Enter a group name.' } });
    expect(h.docspace.getGroup(group.id)?.name).toBe(group.name);
  });

  it('opens the create modal from New group', async () => {
    const before = h.slack.callsTo('views.open').length;
    await h.interact(homeBlockAction({ actionId: ACTION_HOME_NEW_GROUP, value: 'create', userId: slackIdOf('bob') }));
    await h.slack.waitFor(() => h.slack.callsTo('views.open').length > before);
    expect((h.slack.callsTo('views.open').at(-1)?.args['view'] as OpenedView | undefined)?.callback_id).toBe(
      CALLBACK_CREATE,
    );
  });

  it('opens the deny form from the Home, and answers a click on a request already decided by DM', async () => {
    const group = seedGroup(h.docspace, 'Deny', 'alice', ['alice', 'bob']);
    const id = await fileRequest(h, 'bob', `add "${group.name}" ${mentionOf('carol')}`);
    const before = h.slack.callsTo('views.open').length;
    const deny = { actionId: ACTION_DENY, value: id, blockId: `${BLOCK_HOME_DECISION}:${id}` };
    await h.interact(homeBlockAction({ ...deny, userId: slackIdOf('dave') }));
    await h.slack.waitFor(() => h.slack.callsTo('views.open').length > before);
    expect((h.slack.callsTo('views.open').at(-1)?.args['view'] as OpenedView | undefined)?.callback_id).toBe(
      CALLBACK_DENY_REASON,
    );

    await h.interact(homeBlockAction({ actionId: ACTION_CANCEL_REQUEST, value: id, userId: slackIdOf('bob') }));
    await h.idle();
    const dmsBefore = h.slack.dms(slackIdOf('dave')).length;
    await h.interact(homeBlockAction({ ...deny, actionId: ACTION_APPROVE, userId: slackIdOf('dave') }));
    await h.idle();
    const dms = h.slack.dms(slackIdOf('dave')).slice(dmsBefore);
    expect(dms).toHaveLength(1);
    expect(dms[0]?.text).toContain('cancelled');
  });

  it('cancels one’s own request from the Home, and the Home no longer lists it', async () => {
    const group = seedGroup(h.docspace, 'Cancel', 'alice', ['alice', 'bob']);
    const id = await fileRequest(h, 'bob', `add "${group.name}" ${mentionOf('carol')}`);
    await openHome(h, 'bob');
    await h.interact(homeBlockAction({ actionId: ACTION_CANCEL_REQUEST, value: id, userId: slackIdOf('bob') }));
    await h.idle();
    expect((await storedRequest(h, id)).status).toBe('cancelled');
    expect((await homeOf(h, 'bob')).json).not.toContain(`"value":"${id}"`);
  });
});

describe('App Home in Socket Mode', () => {
  const h = useHarness({ socketMode: true });

  it('publishes the Home when app_home_opened arrives as an events_api envelope', async () => {
    const home = await openHome(h, 'bob');
    expect(home.json).toContain('the bot acts for you in DocSpace as *Bob Baker*');
    expect(h.slack.socket.acks.some((a) => a.type === 'events_api')).toBe(true);
  });
});
