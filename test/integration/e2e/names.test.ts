import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACTION_RETRY, CALLBACK_CREATE } from '../../../src/slack/ids.js';
import { slashCommand } from '../../fakes/payloads.js';
import { type SendResult, sendCommand } from '../../fakes/send-to-app.js';
import { slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import { COMMAND_CHANNEL, type Harness, SIGNING_SECRET, useHarness } from '../../helpers/harness.js';
import {
  approve,
  ask,
  cardJson,
  clickCard,
  fileRequest,
  seedTeam,
  storedRequest,
  waitForCardStatus,
  writesTo,
} from './approvals-kit.js';
import { createPosts, groupsNamed, overlapNameChecks, uniqueName } from './names-kit.js';
import { createValues, submitView } from './slack-kit.js';

// Problem 1 of issue 10: exactly one group per name, however a create arrives, and every approved change re-checks at
// execution what it depends on.

/** The bodies of every answer to one response_url, as JSON text. */
const answers = (h: Harness, responseId: string) => h.slack.responsesTo(responseId).map((r) => JSON.stringify(r.body));

describe('one group per name under duplicate and concurrent deliveries', () => {
  const h = useHarness();

  it('makes one POST /group when the same signed create is delivered twice at once (a retry or a replay)', async () => {
    const name = uniqueName('Replayed');
    const responseId = `replay-${randomUUID()}`;
    const fields = slashCommand({
      text: `create "${name}"`,
      userId: slackIdOf('owner'),
      teamId: TEAM_ID,
      channelId: COMMAND_CHANNEL,
      responseUrl: h.slack.responseUrl(responseId),
    });
    const acks: Promise<SendResult>[] = [];
    await overlapNameChecks(
      h.docspace,
      h.slack,
      async () => {
        acks.push(sendCommand(h.eventsUrl, SIGNING_SECRET, fields), sendCommand(h.eventsUrl, SIGNING_SECRET, fields));
      },
      () => answers(h, responseId).length > 0,
    );
    expect((await Promise.all(acks)).map((a) => a.status)).toEqual([200, 200]);
    await h.slack.waitFor(() => answers(h, responseId).length === 2);
    await h.idle();
    expect(createPosts(h.docspace)).toHaveLength(1);
    expect(groupsNamed(h.docspace, name)).toHaveLength(1);
    const texts = answers(h, responseId);
    expect(texts.filter((t) => t.includes('Created group'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('reached me twice'))).toHaveLength(1);
  });

  it('makes one POST /group when the same create modal is submitted twice', async () => {
    const name = uniqueName('Double submit');
    const acks: Promise<SendResult>[] = [];
    let acked = 0;
    const submit = () => submitView(h, 'owner', CALLBACK_CREATE, createValues({ name, members: ['bob'] }));
    await overlapNameChecks(
      h.docspace,
      h.slack,
      async () => {
        for (const sent of [submit(), submit()]) acks.push(sent.finally(() => void acked++));
      },
      () => acked > 0,
    );
    await Promise.all(acks);
    await h.idle();
    expect(createPosts(h.docspace)).toHaveLength(1);
    expect(groupsNamed(h.docspace, name)).toHaveLength(1);
  });

  it('makes one group when two people create the same name at once, and tells the other', async () => {
    const name = uniqueName('Contested');
    const sent: { responseId: string }[] = [];
    await overlapNameChecks(
      h.docspace,
      h.slack,
      async () => {
        sent.push(
          ...(await Promise.all([h.command('owner', `create "${name}"`), h.command('erin', `create "${name}"`)])),
        );
      },
      () => false,
    );
    const texts = await Promise.all(sent.map((s) => h.reply(s.responseId).then((body) => JSON.stringify(body))));
    await h.idle();
    expect(createPosts(h.docspace)).toHaveLength(1);
    expect(groupsNamed(h.docspace, name)).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Created group'))).toHaveLength(1);
    expect(texts.filter((t) => /right now|already exists/.test(t))).toHaveLength(1);
  });
});

describe('an approved change re-checks at execution what it depends on', () => {
  const h = useHarness();

  it('refuses an approved rename to a name another group took meanwhile, writing nothing', async () => {
    const group = seedTeam(h.docspace);
    const name = uniqueName('Renamed');
    const id = await fileRequest(h, 'alice', `rename "${group.name}" "${name}"`);
    const rival = h.docspace.seedGroup({ name });
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'failed');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    expect(h.docspace.getGroup(group.id)?.name).toBe(group.name);
    expect(groupsNamed(h.docspace, name).map((g) => g.id)).toEqual([rival.id]);
    expect(cardJson(h.slack, id)).toContain('already exists');
  });

  it('refuses an approved create whose name another group took meanwhile, writing nothing', async () => {
    const name = uniqueName('Created meanwhile');
    const id = await fileRequest(h, 'alice', `create "${name}"`);
    h.docspace.seedGroup({ name });
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'failed');
    expect(createPosts(h.docspace)).toEqual([]);
    expect(groupsNamed(h.docspace, name)).toHaveLength(1);
  });
});

describe('a create whose DocSpace answer was lost', () => {
  // Short enough that a held POST times out quickly; the double still applies it (only its answer is held).
  const h = useHarness({ env: { DOCSPACE_TIMEOUT_MS: '1000' } });

  it('recognises on Retry the group the approved create made, instead of a second group or "already exists"', async () => {
    const name = uniqueName('Lost answer');
    const id = await fileRequest(h, 'alice', `create "${name}" members <@${slackIdOf('bob')}>`);
    h.docspace.hold((r) => r.method === 'POST');
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'failed');
    h.docspace.release();
    expect(groupsNamed(h.docspace, name)).toHaveLength(1);
    await clickCard(h, 'dave', ACTION_RETRY, id);
    await waitForCardStatus(h.slack, id, 'done');
    expect(createPosts(h.docspace)).toHaveLength(1);
    expect(groupsNamed(h.docspace, name)).toHaveLength(1);
    expect((await storedRequest(h, id)).outcome).toContain('Found the group the earlier attempt created');
  });

  it('recognises a direct create repeated after its answer was lost', async () => {
    const name = uniqueName('Asked again');
    h.docspace.hold((r) => r.method === 'POST');
    expect(await ask(h, 'owner', `create "${name}"`)).toContain('DocSpace did not answer');
    h.docspace.release();
    const again = await ask(h, 'owner', `create "${name}"`);
    expect(again).toContain('was created by your earlier attempt');
    expect(createPosts(h.docspace)).toHaveLength(1);
    expect(groupsNamed(h.docspace, name)).toHaveLength(1);
  });
});
