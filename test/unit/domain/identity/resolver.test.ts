import { describe, expect, it } from 'vitest';
import type { IdentityFailureCode } from '../../../../src/domain/model/failures.js';
import type { DocSpaceUserId, SlackUserId } from '../../../../src/domain/model/ids.js';
import type { UserMapping } from '../../../../src/domain/model/mapping.js';
import { PEOPLE } from '../../../fixtures/people.js';
import {
  createFakeSlackDirectory,
  type DomainTestDeps,
  docspaceIdOf,
  docspaceUserOf,
  HOUR,
  makeDomainDeps,
  slackIdOf,
  TEAM,
} from '../../../helpers/domain-fakes.js';

const VANISHED = 'dddd00ff-0000-4000-8000-0000000000ff' as DocSpaceUserId;

async function saveMapping(deps: DomainTestDeps, overrides: Partial<UserMapping> & Pick<UserMapping, 'slackUserId'>) {
  const alice = docspaceUserOf('alice');
  const mapping: UserMapping = {
    teamId: TEAM,
    docspaceUserId: alice.id,
    source: 'email',
    createdBy: null,
    createdAt: deps.clock.now(),
    verifiedAt: deps.clock.now(),
    docspaceEmail: alice.email,
    docspaceDisplayName: alice.displayName,
    docspaceType: alice.type,
    docspaceStatus: alice.status,
    authorityReadAt: deps.clock.now(),
    ...overrides,
  };
  expect((await deps.mappings.save(mapping)).ok).toBe(true);
  return mapping;
}

describe('createIdentityResolver: stored mappings', () => {
  it('uses a fresh mapping with no DocSpace or Slack call', async () => {
    const deps = makeDomainDeps();
    await saveMapping(deps, { slackUserId: slackIdOf('alice') });
    deps.clock.advance(HOUR - 1);
    const resolved = await deps.identity.resolve(TEAM, slackIdOf('alice'));
    expect(resolved.ok && resolved.value.via).toBe('fresh');
    expect([deps.docspace.calls, deps.slack.calls]).toEqual([[], []]);
  });

  it('re-verifies a mapping older than the TTL by DocSpace id only and records when', async () => {
    const deps = makeDomainDeps();
    await saveMapping(deps, { slackUserId: slackIdOf('alice') });
    deps.clock.advance(HOUR);
    const resolved = await deps.identity.resolve(TEAM, slackIdOf('alice'));
    expect(resolved.ok && resolved.value.via).toBe('reverified');
    expect([deps.docspace.calls, deps.slack.calls]).toEqual([['getUserById'], []]);
    expect((await deps.mappings.get(TEAM, slackIdOf('alice')))?.verifiedAt).toEqual(deps.clock.now());
  });

  it('refreshes the stored name and type when re-verifying', async () => {
    const deps = makeDomainDeps();
    await saveMapping(deps, { slackUserId: slackIdOf('alice') });
    deps.docspace.updateUser(docspaceIdOf('alice'), { displayName: 'Alice Smith', type: 'admin' });
    deps.clock.advance(2 * HOUR);
    await deps.identity.resolve(TEAM, slackIdOf('alice'));
    const stored = await deps.mappings.get(TEAM, slackIdOf('alice'));
    expect([stored?.docspaceDisplayName, stored?.docspaceType]).toEqual(['Alice Smith', 'admin']);
  });

  it('drops an email mapping whose DocSpace user vanished and matches the email again', async () => {
    const deps = makeDomainDeps();
    await saveMapping(deps, { slackUserId: slackIdOf('alice'), docspaceUserId: VANISHED });
    deps.clock.advance(2 * HOUR);
    const resolved = await deps.identity.resolve(TEAM, slackIdOf('alice'));
    expect(resolved.ok && resolved.value.via).toBe('matched');
    expect((await deps.mappings.get(TEAM, slackIdOf('alice')))?.docspaceUserId).toBe(docspaceIdOf('alice'));
  });

  it('keeps a manual mapping through re-verification, with its source and creator', async () => {
    const deps = makeDomainDeps();
    const hal = docspaceUserOf('hal');
    await saveMapping(deps, {
      slackUserId: slackIdOf('sam'),
      docspaceUserId: hal.id,
      source: 'manual',
      createdBy: slackIdOf('owner'),
    });
    deps.clock.advance(2 * HOUR);
    const resolved = await deps.identity.resolve(TEAM, slackIdOf('sam'));
    expect(resolved.ok && resolved.value.user.id).toBe(hal.id);
    const stored = await deps.mappings.get(TEAM, slackIdOf('sam'));
    expect([stored?.source, stored?.createdBy]).toEqual(['manual', slackIdOf('owner')]);
  });

  it('keeps a manual mapping whose DocSpace user vanished, and refuses the user', async () => {
    const deps = makeDomainDeps();
    await saveMapping(deps, { slackUserId: slackIdOf('sam'), docspaceUserId: VANISHED, source: 'manual' });
    deps.clock.advance(2 * HOUR);
    const resolved = await deps.identity.resolve(TEAM, slackIdOf('sam'));
    expect(!resolved.ok && resolved.error.code).toBe('docspace_user_not_found');
    expect((await deps.mappings.get(TEAM, slackIdOf('sam')))?.docspaceUserId).toBe(VANISHED);
  });

  it('refuses a stale mapping whose DocSpace user has since been disabled', async () => {
    const deps = makeDomainDeps();
    await saveMapping(deps, { slackUserId: slackIdOf('alice') });
    deps.docspace.updateUser(docspaceIdOf('alice'), { status: 'disabled' });
    deps.clock.advance(2 * HOUR);
    const resolved = await deps.identity.resolve(TEAM, slackIdOf('alice'));
    expect(!resolved.ok && resolved.error.code).toBe('docspace_user_disabled');
  });
});

describe('createIdentityResolver: matching by email', () => {
  it('maps a Slack user to the DocSpace user with the same email and stores the match', async () => {
    const deps = makeDomainDeps();
    const resolved = await deps.identity.resolve(TEAM, slackIdOf('alice'));
    expect(resolved.ok && resolved.value.via).toBe('matched');
    expect(await deps.mappings.get(TEAM, slackIdOf('alice'))).toMatchObject({
      docspaceUserId: docspaceIdOf('alice'),
      source: 'email',
      createdBy: null,
      verifiedAt: deps.clock.now(),
    });
  });

  it('lower-cases a mixed-case Slack email before asking DocSpace', async () => {
    const deps = makeDomainDeps();
    const resolved = await deps.identity.resolve(TEAM, slackIdOf('mia'));
    expect(resolved.ok && resolved.value.user.id).toBe(docspaceIdOf('mia'));
  });

  it('maps a pending DocSpace invitee', async () => {
    const deps = makeDomainDeps();
    const resolved = await deps.identity.resolve(TEAM, slackIdOf('pat'));
    expect(resolved.ok && resolved.value.user.status).toBe('pending');
  });

  const refusals: Array<{ why: string; who: SlackUserId; code: IdentityFailureCode; forbid?: boolean }> = [
    { why: 'is unknown to Slack', who: 'U0NOBODY01' as SlackUserId, code: 'slack_user_not_found' },
    { why: 'is a bot', who: slackIdOf('robo'), code: 'slack_user_is_bot' },
    { why: 'is deactivated in Slack', who: slackIdOf('zed'), code: 'slack_user_deleted' },
    { why: 'has no email in Slack', who: slackIdOf('nora'), code: 'slack_no_email' },
    { why: 'has no DocSpace account', who: slackIdOf('sam'), code: 'docspace_user_not_found' },
    { why: 'is disabled in DocSpace', who: slackIdOf('dora'), code: 'docspace_user_disabled' },
    { why: 'is a DocSpace guest', who: slackIdOf('gus'), code: 'docspace_user_guest' },
    { why: 'cannot be seen by the API key', who: slackIdOf('alice'), code: 'docspace_lookup_forbidden', forbid: true },
  ];

  it.each(refusals)('refuses a Slack user who $why with $code and stores nothing', async ({ who, code, forbid }) => {
    const deps = makeDomainDeps();
    if (forbid) deps.docspace.failNext('forbidden');
    const resolved = await deps.identity.resolve(TEAM, who);
    expect(resolved).toEqual({ ok: false, error: { code, who: { kind: 'slack', id: who } } });
    expect(await deps.mappings.list()).toEqual([]);
  });

  it('refuses a second Slack user claiming the same DocSpace user and stores nothing for them', async () => {
    const slack = createFakeSlackDirectory([
      {
        id: 'U0ALICE002' as SlackUserId,
        teamId: TEAM,
        name: 'Alice Two',
        email: PEOPLE.alice.email,
        isBot: false,
        deleted: false,
      },
    ]);
    const deps = makeDomainDeps({ slack });
    await deps.identity.resolve(TEAM, slackIdOf('alice'));
    const resolved = await deps.identity.resolve(TEAM, 'U0ALICE002' as SlackUserId);
    expect(resolved).toEqual({
      ok: false,
      error: { code: 'mapping_conflict', who: { kind: 'slack', id: 'U0ALICE002' }, heldBy: slackIdOf('alice') },
    });
    expect((await deps.mappings.list()).map((m) => m.slackUserId)).toEqual([slackIdOf('alice')]);
  });

  it('throws on a DocSpace outage and stores nothing', async () => {
    const deps = makeDomainDeps();
    deps.docspace.failNext('server_error');
    await expect(deps.identity.resolve(TEAM, slackIdOf('alice'))).rejects.toMatchObject({ code: 'server_error' });
    expect(await deps.mappings.list()).toEqual([]);
  });
});
