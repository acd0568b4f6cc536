import { describe, expect, it } from 'vitest';
import { linkUser, listMappings, unlinkUser } from '../../../src/domain/admin.js';
import type { IdentityFailureCode } from '../../../src/domain/model/failures.js';
import type { LinkTarget, SlackUserId } from '../../../src/domain/model/ids.js';
import { callerOf, docspaceIdOf, HOUR, makeDomainDeps, slackIdOf, TEAM } from '../../helpers/domain-fakes.js';

const owner = callerOf('owner');
const hal: LinkTarget = { kind: 'email', email: 'hal@example.com' };

describe('linkUser', () => {
  it('links a Slack user to a DocSpace user found by email, as a manual mapping made by the admin', async () => {
    const deps = makeDomainDeps();
    const result = await linkUser(deps, owner, slackIdOf('sam'), hal);
    expect(result.ok).toBe(true);
    expect(await deps.mappings.get(TEAM, slackIdOf('sam'))).toMatchObject({
      docspaceUserId: docspaceIdOf('hal'),
      source: 'manual',
      createdBy: slackIdOf('owner'),
      verifiedAt: deps.clock.now(),
    });
  });

  it('links a Slack user to a DocSpace user given by id', async () => {
    const deps = makeDomainDeps();
    await linkUser(deps, owner, slackIdOf('sam'), { kind: 'id', id: docspaceIdOf('hal') });
    expect((await deps.mappings.get(TEAM, slackIdOf('sam')))?.docspaceUserId).toBe(docspaceIdOf('hal'));
  });

  it("records a 'link' audit entry by the admin", async () => {
    const deps = makeDomainDeps();
    await linkUser(deps, owner, slackIdOf('sam'), hal);
    const [entry] = await deps.audit.list({ limit: 1 });
    expect(entry).toMatchObject({
      action: 'link',
      actorSlackId: slackIdOf('owner'),
      actorDocSpaceId: docspaceIdOf('owner'),
      after: { mapping: { slackUserId: slackIdOf('sam'), docspaceUserId: docspaceIdOf('hal') } },
      outcome: 'succeeded',
    });
  });

  it('replaces the email match of the linked Slack user, and the link then wins over email matching', async () => {
    const deps = makeDomainDeps();
    await deps.identity.resolve(TEAM, slackIdOf('alice'));
    await linkUser(deps, owner, slackIdOf('alice'), hal);
    deps.clock.advance(2 * HOUR);
    const resolved = await deps.identity.resolve(TEAM, slackIdOf('alice'));
    expect(resolved.ok && [resolved.value.user.id, resolved.value.mapping.source]).toEqual([
      docspaceIdOf('hal'),
      'manual',
    ]);
  });

  const refusals: Array<{ why: string; target: SlackUserId; to: LinkTarget; code: IdentityFailureCode }> = [
    { why: 'a Slack bot', target: slackIdOf('robo'), to: hal, code: 'slack_user_is_bot' },
    { why: 'a deactivated Slack user', target: slackIdOf('zed'), to: hal, code: 'slack_user_deleted' },
    { why: 'an unknown Slack user', target: 'U0NOBODY01' as SlackUserId, to: hal, code: 'slack_user_not_found' },
    {
      why: 'a DocSpace guest',
      target: slackIdOf('sam'),
      to: { kind: 'id', id: docspaceIdOf('gus') },
      code: 'docspace_user_guest',
    },
    {
      why: 'a disabled DocSpace user',
      target: slackIdOf('sam'),
      to: { kind: 'email', email: 'dora@example.com' },
      code: 'docspace_user_disabled',
    },
    {
      why: 'an unknown DocSpace email',
      target: slackIdOf('sam'),
      to: { kind: 'email', email: 'nobody@example.com' },
      code: 'docspace_user_not_found',
    },
  ];

  it.each(refusals)('refuses to link $why with $code and stores nothing', async ({ target, to, code }) => {
    const deps = makeDomainDeps();
    const result = await linkUser(deps, owner, target, to);
    expect(result).toEqual({
      ok: false,
      error: { code: 'identity', failures: [{ code, who: { kind: 'slack', id: target } }] },
    });
    expect(await deps.mappings.get(TEAM, target)).toBeNull();
  });

  it('refuses to link a DocSpace user another Slack user holds, naming the holder', async () => {
    const deps = makeDomainDeps();
    await deps.identity.resolve(TEAM, slackIdOf('alice'));
    const result = await linkUser(deps, owner, slackIdOf('sam'), { kind: 'id', id: docspaceIdOf('alice') });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'identity',
        failures: [
          { code: 'mapping_conflict', who: { kind: 'slack', id: slackIdOf('sam') }, heldBy: slackIdOf('alice') },
        ],
      },
    });
    expect(await deps.mappings.get(TEAM, slackIdOf('sam'))).toBeNull();
  });

  it('refuses a caller who is not an admin, before looking anyone up', async () => {
    const deps = makeDomainDeps();
    const result = await linkUser(deps, callerOf('carol'), slackIdOf('sam'), hal);
    expect(result).toEqual({ ok: false, error: { code: 'not_authorized', action: 'link_users' } });
    expect(deps.slack.calls).toEqual([slackIdOf('carol')]);
  });

  it('answers docspace_failed when DocSpace is down during the look-up', async () => {
    const deps = makeDomainDeps();
    deps.docspace.failNext('server_error', 1, 'getUserById');
    const result = await linkUser(deps, owner, slackIdOf('sam'), { kind: 'id', id: docspaceIdOf('hal') });
    expect(!result.ok && result.error).toMatchObject({ code: 'docspace_failed', kind: 'server_error' });
  });
});

describe('unlinkUser', () => {
  it("removes a mapping and records an 'unlink' audit entry with what it was", async () => {
    const deps = makeDomainDeps();
    await linkUser(deps, owner, slackIdOf('sam'), hal);
    const result = await unlinkUser(deps, owner, slackIdOf('sam'));
    expect(result.ok && result.value.removed).toBe(true);
    expect(await deps.mappings.get(TEAM, slackIdOf('sam'))).toBeNull();
    const [entry] = await deps.audit.list({ limit: 1 });
    expect(entry).toMatchObject({
      action: 'unlink',
      after: { slackUserId: slackIdOf('sam'), before: { docspaceUserId: docspaceIdOf('hal') } },
    });
  });

  it('answers removed: false for a user with no mapping, and still blocks and audits their email matching', async () => {
    const deps = makeDomainDeps();
    const result = await unlinkUser(deps, owner, slackIdOf('sam'));
    expect(result).toEqual({ ok: true, value: { removed: false, before: null } });
    expect(await deps.mappings.isBlocked(TEAM, slackIdOf('sam'))).toBe(true);
    expect(await deps.audit.list({ limit: 10 })).toMatchObject([
      { action: 'unlink', after: { slackUserId: slackIdOf('sam'), before: null, emailMatching: 'blocked' } },
    ]);
  });

  it('refuses a caller who is not an admin and keeps the mapping', async () => {
    const deps = makeDomainDeps();
    await deps.identity.resolve(TEAM, slackIdOf('bob'));
    const result = await unlinkUser(deps, callerOf('alice'), slackIdOf('bob'));
    expect(result).toEqual({ ok: false, error: { code: 'not_authorized', action: 'unlink_users' } });
    expect(await deps.mappings.get(TEAM, slackIdOf('bob'))).not.toBeNull();
  });
});

describe('listMappings', () => {
  it("lists every mapping of the admin's team", async () => {
    const deps = makeDomainDeps();
    await deps.identity.resolve(TEAM, slackIdOf('alice'));
    await deps.identity.resolve(TEAM, slackIdOf('bob'));
    const result = await listMappings(deps, owner, null);
    expect(result.ok && result.value.map((m) => m.slackUserId)).toEqual([
      slackIdOf('alice'),
      slackIdOf('bob'),
      slackIdOf('owner'),
    ]);
  });

  it("lists one user's mapping, or none when they have none", async () => {
    const deps = makeDomainDeps();
    await deps.identity.resolve(TEAM, slackIdOf('alice'));
    const alice = await listMappings(deps, owner, slackIdOf('alice'));
    const sam = await listMappings(deps, owner, slackIdOf('sam'));
    expect(alice.ok && alice.value.map((m) => m.docspaceUserId)).toEqual([docspaceIdOf('alice')]);
    expect(sam).toEqual({ ok: true, value: [] });
  });

  it('refuses a caller who is not an admin', async () => {
    const deps = makeDomainDeps();
    expect(await listMappings(deps, callerOf('carol'), null)).toEqual({
      ok: false,
      error: { code: 'not_authorized', action: 'see_mappings' },
    });
  });
});
