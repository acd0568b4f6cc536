import { describe, expect, it } from 'vitest';
import { repostMissingCards } from '../../../../src/domain/approvals/cards.js';
import { submitChange } from '../../../../src/domain/groups/service.js';
import { createBotServices } from '../../../../src/domain/services.js';
import {
  APPROVAL_CHANNEL,
  askToAdd,
  callerOf,
  type DomainDepsOverrides,
  groupNamed,
  MINUTE,
  makeDomainDeps,
  mention,
  seedDevTeam,
  slackIdOf,
  unwrap,
} from '../../../helpers/domain-fakes.js';

// Every request stays decidable: a card that could not be posted is recorded, re-posted by maintenance with backoff
// (one post at a time across callers), and admins are told once per channel problem.

function setup(overrides: DomainDepsOverrides = {}) {
  const deps = makeDomainDeps(overrides);
  seedDevTeam(deps.docspace);
  return deps;
}

const warnings = (deps: ReturnType<typeof setup>, msg: string) =>
  deps.logger.entries.filter((e) => e.level === 'warn' && e.msg === msg);

describe('a card post that fails', () => {
  it('keeps the request pending without a card and says why', async () => {
    const deps = setup();
    deps.notifier.failCardsWith('not_in_channel');
    const ask = { kind: 'members', group: groupNamed('Development Team'), add: [mention('erin')], remove: [] } as const;
    const outcome = unwrap(await submitChange(deps, callerOf('alice'), ask, null));
    if (outcome.kind !== 'requested') throw new Error('expected a request');
    expect([outcome.cardError, outcome.request.card, (await deps.requests.get(outcome.request.id))?.status]).toEqual([
      'not_in_channel',
      null,
      'pending',
    ]);
  });

  it('logs a warning with the fix and DMs the configured admins once, however many requests and tries fail', async () => {
    const deps = setup();
    deps.notifier.failCardsWith('not_in_channel');
    await askToAdd(deps, 'alice', 'erin');
    await askToAdd(deps, 'bob', 'pat');
    deps.clock.advance(30 * MINUTE);
    await repostMissingCards(deps);
    expect(deps.notifier.alerts).toEqual([
      { adminIds: [slackIdOf('owner')], alert: { channelId: APPROVAL_CHANNEL, problem: 'not_in_channel' } },
    ]);
    const warned = warnings(deps, 'could not post the approval card');
    expect(warned).toHaveLength(3);
    expect(warned[0]?.obj).toMatchObject({ problem: 'not_in_channel', fix: expect.stringContaining('invite the bot') });
  });

  it('tells the admins again about a different problem, and about the same one after the channel worked again', async () => {
    const deps = setup();
    deps.notifier.failCardsWith('not_in_channel');
    await askToAdd(deps, 'alice', 'erin');
    deps.notifier.failCardsWith('is_archived');
    await askToAdd(deps, 'bob', 'pat');
    deps.notifier.failCardsWith(null);
    await askToAdd(deps, 'alice', 'carol');
    deps.notifier.failCardsWith('is_archived');
    await askToAdd(deps, 'alice', 'dave');
    expect(deps.notifier.alerts.map((a) => a.alert.problem)).toEqual(['not_in_channel', 'is_archived', 'is_archived']);
  });

  it('does not DM admins about a rate limit or a network failure: those pass on their own', async () => {
    const deps = setup();
    deps.notifier.failCardsWith('rate_limited', 30);
    await askToAdd(deps, 'alice', 'erin');
    deps.notifier.failCardsWith('network');
    await askToAdd(deps, 'bob', 'pat');
    expect(deps.notifier.alerts).toEqual([]);
  });

  it('logs that no admin can be told when ADMIN_SLACK_USER_IDS is empty', async () => {
    const deps = setup({ policy: { adminSlackIds: new Set() } });
    deps.notifier.failCardsWith('channel_not_found');
    await askToAdd(deps, 'alice', 'erin');
    expect(warnings(deps, 'no admin to tell about the approvals channel: ADMIN_SLACK_USER_IDS is empty')).toHaveLength(
      1,
    );
  });
});

describe('maintenance re-posting missing cards', () => {
  it('re-posts a missing card once its retry is due, not before, and then leaves it alone', async () => {
    const deps = setup();
    deps.notifier.failCardsWith('not_in_channel');
    const request = await askToAdd(deps, 'alice', 'erin');
    deps.notifier.failCardsWith(null);
    deps.clock.advance(MINUTE - 1);
    expect(await repostMissingCards(deps)).toBe(0);
    deps.clock.advance(1);
    expect(await repostMissingCards(deps)).toBe(1);
    expect((await deps.requests.get(request.id))?.card).toEqual({
      channelId: APPROVAL_CHANNEL,
      ts: expect.any(String),
    });
    deps.clock.advance(60 * MINUTE);
    expect(await repostMissingCards(deps)).toBe(0);
    expect(deps.notifier.posted.map((r) => r.id)).toEqual([request.id]);
  });

  it('backs off 1, 2, 4, 8 minutes, then every 15', async () => {
    const deps = setup();
    deps.notifier.failCardsWith('not_in_channel');
    await askToAdd(deps, 'alice', 'erin');
    const triesAt: number[] = [];
    for (let minute = 1; minute <= 45; minute++) {
      deps.clock.advance(MINUTE);
      const before = warnings(deps, 'could not post the approval card').length;
      await repostMissingCards(deps);
      if (warnings(deps, 'could not post the approval card').length > before) triesAt.push(minute);
    }
    expect(triesAt).toEqual([1, 3, 7, 15, 30, 45]);
  });

  it('waits at least as long as Slack’s Retry-After', async () => {
    const deps = setup();
    deps.notifier.failCardsWith('rate_limited', 300);
    await askToAdd(deps, 'alice', 'erin');
    deps.notifier.failCardsWith(null);
    deps.clock.advance(5 * MINUTE - 1);
    expect(await repostMissingCards(deps)).toBe(0);
    deps.clock.advance(1);
    expect(await repostMissingCards(deps)).toBe(1);
  });

  it('posts each missing card once when two maintenance passes run at the same time (two replicas)', async () => {
    const deps = setup();
    deps.notifier.failCardsWith('not_in_channel');
    await askToAdd(deps, 'alice', 'erin');
    await askToAdd(deps, 'bob', 'pat');
    deps.notifier.failCardsWith(null);
    deps.clock.advance(MINUTE);
    const [first, second] = await Promise.all([repostMissingCards(deps), repostMissingCards(deps)]);
    expect([first + second, deps.notifier.posted.length]).toEqual([2, 2]);
  });

  it('stops a pass at the first failure, so a broken channel costs one post per pass', async () => {
    const deps = setup();
    deps.notifier.failCardsWith('not_in_channel');
    for (const who of ['alice', 'bob', 'pat'] as const) await askToAdd(deps, who, 'erin');
    deps.clock.advance(MINUTE);
    const before = warnings(deps, 'could not post the approval card').length;
    await repostMissingCards(deps);
    expect(warnings(deps, 'could not post the approval card').length - before).toBe(1);
  });

  it('runs as part of maintain(), which reports how many cards it posted', async () => {
    const deps = setup();
    deps.notifier.failCardsWith('network');
    await askToAdd(deps, 'alice', 'erin');
    deps.notifier.failCardsWith(null);
    deps.clock.advance(MINUTE);
    expect(unwrap(await createBotServices(deps).maintain())).toEqual({
      expired: 0,
      recovered: 0,
      reposted: 1,
      handoversExpired: 0,
    });
  });

  it('posts nothing when no approvals channel is configured', async () => {
    const deps = setup({ policy: { approvalChannelId: null } });
    expect(await repostMissingCards(deps)).toBe(0);
  });
});
