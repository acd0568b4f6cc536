import { describe, expect, it } from 'vitest';
import { identify } from '../../../../src/domain/identity/actor.js';
import { RefusedError } from '../../../../src/domain/model/failures.js';
import {
  callerOf,
  docspaceIdOf,
  HOUR,
  MINUTE,
  makeDomainDeps,
  slackIdOf,
  TEAM,
} from '../../../helpers/domain-fakes.js';

/** The caller's authority (type, status) is re-read after authorityTtlMs (5 minutes here); the mapping after a day. */

async function mappedErin() {
  const deps = makeDomainDeps({ identityTtlMs: 24 * HOUR, policy: { trustDocSpaceAdmins: true } });
  const first = await deps.identity.resolveCaller(TEAM, slackIdOf('erin'));
  expect(first.ok && first.value.via).toBe('matched');
  deps.docspace.calls.length = 0;
  return deps;
}

describe('createIdentityResolver: the caller’s authority', () => {
  it('answers from the store with no call while both the mapping and the authority are fresh', async () => {
    const deps = await mappedErin();
    deps.clock.advance(5 * MINUTE - 1);
    const again = await deps.identity.resolveCaller(TEAM, slackIdOf('erin'));
    expect(again.ok && again.value.via).toBe('fresh');
    expect(deps.docspace.calls).toEqual([]);
  });

  it('re-reads an authority older than the window by DocSpace id, once, and stores what it read', async () => {
    const deps = await mappedErin();
    deps.docspace.updateUser(docspaceIdOf('erin'), { type: 'user' });
    deps.clock.advance(5 * MINUTE);
    const reread = await deps.identity.resolveCaller(TEAM, slackIdOf('erin'));
    expect(reread.ok && [reread.value.via, reread.value.user.type]).toEqual(['reverified', 'user']);
    expect(deps.docspace.calls).toEqual(['getUserById']);
    expect(await deps.mappings.get(TEAM, slackIdOf('erin'))).toMatchObject({
      docspaceType: 'user',
      docspaceStatus: 'active',
      authorityReadAt: deps.clock.now(),
      verifiedAt: deps.clock.now(),
    });
    await deps.identity.resolveCaller(TEAM, slackIdOf('erin'));
    expect(deps.docspace.calls).toEqual(['getUserById']);
  });

  it('does not re-read for someone merely named in a change while the mapping is fresh', async () => {
    const deps = await mappedErin();
    deps.clock.advance(HOUR);
    const named = await deps.identity.resolve(TEAM, slackIdOf('erin'));
    expect(named.ok && named.value.via).toBe('fresh');
    expect(deps.docspace.calls).toEqual([]);
  });

  it('reads a mapping whose authority was never read (stored before migration 004) before the caller acts', async () => {
    const deps = await mappedErin();
    const stored = await deps.mappings.get(TEAM, slackIdOf('erin'));
    if (!stored) throw new Error('no mapping');
    await deps.mappings.save({ ...stored, authorityReadAt: null });
    await deps.identity.resolveCaller(TEAM, slackIdOf('erin'));
    expect(deps.docspace.calls).toEqual(['getUserById']);
  });

  it('shares one read among concurrent uses of the same person', async () => {
    const deps = await mappedErin();
    deps.clock.advance(10 * MINUTE);
    deps.docspace.setLatencyTicks(5);
    const all = await Promise.all(
      Array.from({ length: 6 }, () => deps.identity.resolveCaller(TEAM, slackIdOf('erin'))),
    );
    expect(all.every((r) => r.ok)).toBe(true);
    expect(deps.docspace.calls).toEqual(['getUserById']);
  });

  it('keeps a disabled account refused for the window without asking again, leaving verifiedAt alone', async () => {
    const deps = await mappedErin();
    const verifiedAt = (await deps.mappings.get(TEAM, slackIdOf('erin')))?.verifiedAt;
    deps.docspace.updateUser(docspaceIdOf('erin'), { status: 'disabled' });
    deps.clock.advance(6 * MINUTE);
    const refused = await deps.identity.resolveCaller(TEAM, slackIdOf('erin'));
    expect(!refused.ok && refused.error.code).toBe('docspace_user_disabled');
    expect(await deps.mappings.get(TEAM, slackIdOf('erin'))).toMatchObject({
      docspaceStatus: 'disabled',
      authorityReadAt: deps.clock.now(),
      verifiedAt,
    });
    deps.clock.advance(4 * MINUTE);
    const named = await deps.identity.resolve(TEAM, slackIdOf('erin'));
    expect(!named.ok && named.error.code).toBe('docspace_user_disabled');
    expect(deps.docspace.calls).toEqual(['getUserById']);

    deps.docspace.updateUser(docspaceIdOf('erin'), { status: 'active' });
    deps.clock.advance(MINUTE);
    const enabled = await deps.identity.resolve(TEAM, slackIdOf('erin'));
    expect(enabled.ok && enabled.value.via).toBe('reverified');
    expect(deps.docspace.calls).toEqual(['getUserById', 'getUserById']);
  });
});

describe('identify: what the caller may do', () => {
  it('makes a demoted DocSpace admin a requester once the window has passed', async () => {
    const deps = await mappedErin();
    expect((await identify(deps, callerOf('erin'))).role).toBe('admin');
    deps.docspace.updateUser(docspaceIdOf('erin'), { type: 'user' });
    deps.clock.advance(4 * MINUTE);
    expect((await identify(deps, callerOf('erin'))).role).toBe('admin');
    deps.clock.advance(MINUTE);
    expect((await identify(deps, callerOf('erin'))).role).toBe('requester');
  });

  it('refuses a disabled account with account_disabled, even one the config lists as an admin', async () => {
    const deps = makeDomainDeps({ policy: { adminSlackIds: new Set([slackIdOf('erin')]) } });
    await identify(deps, callerOf('erin'));
    deps.docspace.updateUser(docspaceIdOf('erin'), { status: 'disabled' });
    deps.clock.advance(5 * MINUTE);
    await expect(identify(deps, callerOf('erin'))).rejects.toEqual(new RefusedError({ code: 'account_disabled' }));
  });

  it('refuses with authority_unconfirmed when the re-read fails, instead of using the old facts', async () => {
    const deps = await mappedErin();
    deps.clock.advance(5 * MINUTE);
    deps.docspace.failNext('timeout', 1, 'getUserById');
    const error: unknown = await identify(deps, callerOf('erin')).catch((e: unknown) => e);
    expect(error instanceof RefusedError && error.failure).toEqual({
      code: 'authority_unconfirmed',
      kind: 'timeout',
      retryAfterSeconds: null,
    });
  });

  it('keeps a config-listed approver an approver, never an admin, while the re-read fails', async () => {
    const deps = makeDomainDeps({
      policy: { trustDocSpaceAdmins: true, approverSlackIds: new Set([slackIdOf('erin')]) },
    });
    expect((await identify(deps, callerOf('erin'))).role).toBe('admin');
    deps.clock.advance(5 * MINUTE);
    deps.docspace.failNext('network', 1, 'getUserById');
    expect((await identify(deps, callerOf('erin'))).role).toBe('approver');
  });
});

describe('an unlink block', () => {
  it('refuses an email match with no Slack or DocSpace call until a manual link lifts it', async () => {
    const deps = makeDomainDeps();
    await deps.mappings.unlink(TEAM, slackIdOf('alice'), { slackUserId: slackIdOf('owner'), at: deps.clock.now() });
    const blocked = await deps.identity.resolve(TEAM, slackIdOf('alice'));
    expect(blocked).toEqual({
      ok: false,
      error: { code: 'unlinked_by_admin', who: { kind: 'slack', id: slackIdOf('alice') } },
    });
    expect([deps.docspace.calls, deps.slack.calls]).toEqual([[], []]);
  });
});
