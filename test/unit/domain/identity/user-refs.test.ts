import { describe, expect, it } from 'vitest';
import { RESOLVE_CONCURRENCY, resolveUserRefs } from '../../../../src/domain/identity/user-refs.js';
import type { DocSpaceUser } from '../../../../src/domain/model/group.js';
import type { DocSpaceUserId, SlackUserId, UserRef } from '../../../../src/domain/model/ids.js';
import type { SlackProfile } from '../../../../src/domain/ports.js';
import { createFakeSlackDirectory, makeDomainDeps, slackIdOf, TEAM } from '../../../helpers/domain-fakes.js';
import { createMemoryDocSpace } from '../../../helpers/memory-docspace.js';

/** n people with both a Slack and a DocSpace account, matched by email. */
function crowd(n: number) {
  const people = Array.from({ length: n }, (_, i) => {
    const hex = (0x1000 + i).toString(16);
    const email = `person${i}@example.com`;
    const docspace: DocSpaceUser = {
      id: `dddd${hex}-0000-4000-8000-00000000${hex}` as DocSpaceUserId,
      displayName: `Person ${i}`,
      email,
      status: 'active',
      type: 'user',
    };
    const slack: SlackProfile = {
      id: `U0CROWD${String(i).padStart(3, '0')}` as SlackUserId,
      teamId: TEAM,
      name: `Person ${i}`,
      email,
      isBot: false,
      deleted: false,
    };
    return { docspace, slack };
  });
  const docspace = createMemoryDocSpace({ users: people.map((p) => p.docspace) });
  const slack = createFakeSlackDirectory(people.map((p) => p.slack));
  const refs: UserRef[] = people.map((p) => ({ kind: 'slack', id: p.slack.id }));
  return { deps: makeDomainDeps({ docspace, slack }), refs };
}

describe('resolveUserRefs', () => {
  it('resolves 50 mentions with at most 8 DocSpace look-ups in flight at once', async () => {
    const { deps, refs } = crowd(50);
    deps.docspace.setLatencyTicks(5);
    const resolved = await resolveUserRefs(deps, TEAM, refs);
    expect([resolved.byKey.size, resolved.failures]).toEqual([50, []]);
    expect(deps.docspace.stats.maxInFlight).toBeLessThanOrEqual(RESOLVE_CONCURRENCY);
    expect(RESOLVE_CONCURRENCY).toBe(8);
  });

  it('resolves 50 mentions with at most 8 Slack look-ups in flight at once', async () => {
    const { deps, refs } = crowd(50);
    await resolveUserRefs(deps, TEAM, refs);
    expect(deps.slack.stats.maxInFlight).toBeLessThanOrEqual(8);
  });

  it('runs the look-ups side by side rather than one after another', async () => {
    const { deps, refs } = crowd(50);
    deps.docspace.setLatencyTicks(5);
    await resolveUserRefs(deps, TEAM, refs);
    expect(deps.docspace.stats.maxInFlight).toBe(8);
  });

  it('looks a user mentioned twice up once', async () => {
    const deps = makeDomainDeps();
    const alice: UserRef = { kind: 'slack', id: slackIdOf('alice') };
    const bob: UserRef = { kind: 'email', email: 'bob@example.com' };
    const resolved = await resolveUserRefs(deps, TEAM, [alice, bob, alice, bob]);
    expect(resolved.byKey.size).toBe(2);
    expect(deps.slack.calls).toEqual([slackIdOf('alice')]);
    expect(deps.docspace.calls).toEqual(['getUserByEmail', 'getUserByEmail']);
  });

  it('lists every ref that cannot be resolved while resolving the others', async () => {
    const deps = makeDomainDeps();
    const refs: UserRef[] = [
      { kind: 'slack', id: slackIdOf('alice') },
      { kind: 'slack', id: slackIdOf('sam') },
      { kind: 'email', email: 'nobody@example.com' },
      { kind: 'email', email: 'gus@example.com' },
      { kind: 'email', email: 'dora@example.com' },
    ];
    const resolved = await resolveUserRefs(deps, TEAM, refs);
    expect([...resolved.byKey.keys()]).toEqual([`slack:${slackIdOf('alice')}`]);
    expect(resolved.failures).toEqual([
      { code: 'docspace_user_not_found', who: { kind: 'slack', id: slackIdOf('sam') } },
      { code: 'docspace_user_not_found', who: { kind: 'email', email: 'nobody@example.com' } },
      { code: 'docspace_user_guest', who: { kind: 'email', email: 'gus@example.com' } },
      { code: 'docspace_user_disabled', who: { kind: 'email', email: 'dora@example.com' } },
    ]);
  });
});
