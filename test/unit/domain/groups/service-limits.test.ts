import { describe, expect, it } from 'vitest';
import type { ChangeAsk } from '../../../../src/domain/groups/ask.js';
import { submitChange } from '../../../../src/domain/groups/service.js';
import type { SlackUserId, UserRef } from '../../../../src/domain/model/ids.js';
import {
  callerOf,
  type DomainDepsOverrides,
  groupNamed,
  makeDomainDeps,
  mention,
  seedDevTeam,
  slackIdOf,
  TEAM,
  unwrap,
} from '../../../helpers/domain-fakes.js';

const createTeam = (n: number): ChangeAsk => ({ kind: 'create', name: `Team ${n}`, manager: null, members: [] });
const unknownMention = (n: number): UserRef => ({
  kind: 'slack',
  id: `U0NOBODY${String(n).padStart(3, '0')}` as SlackUserId,
});
const addTo = (add: UserRef[]): ChangeAsk => ({
  kind: 'members',
  group: groupNamed('Development Team'),
  add,
  remove: [],
});

function setup(limits: DomainDepsOverrides['limits'] = {}) {
  const deps = makeDomainDeps({ limits });
  seedDevTeam(deps.docspace);
  return deps;
}

describe('MAX_PEOPLE_PER_CHANGE', () => {
  it('refuses a change naming more people than the limit, with the count, before any look-up', async () => {
    const deps = setup();
    const add = Array.from({ length: 51 }, (_, i) => unknownMention(i));
    const result = await submitChange(deps, callerOf('owner'), addTo(add), null);
    expect(result).toEqual({ ok: false, error: { code: 'too_many_people', count: 51, limit: 50 } });
    // Not even the caller was looked up: no Slack call, no DocSpace call.
    expect([deps.slack.calls, deps.docspace.calls]).toEqual([[], []]);
  });

  it('counts each person once however often they are named, and lets a change at the limit through', async () => {
    const deps = setup({ maxPeoplePerChange: 2 });
    const ask: ChangeAsk = {
      kind: 'members',
      group: groupNamed('Development Team'),
      add: [mention('dave'), mention('dave'), mention('erin')],
      remove: [mention('erin')],
    };
    const result = await submitChange(deps, callerOf('owner'), ask, null);
    expect(result.ok ? 'ok' : result.error.code).not.toBe('too_many_people');
  });

  it('counts the manager and the members of a create', async () => {
    const deps = setup({ maxPeoplePerChange: 2 });
    const ask: ChangeAsk = {
      kind: 'create',
      name: 'New',
      manager: mention('dave'),
      members: [mention('bob'), mention('erin')],
    };
    const result = await submitChange(deps, callerOf('owner'), ask, null);
    expect(result).toEqual({ ok: false, error: { code: 'too_many_people', count: 3, limit: 2 } });
  });
});

describe('MAX_PENDING_PER_REQUESTER', () => {
  async function fileTwo(deps: ReturnType<typeof setup>) {
    for (const n of [1, 2]) unwrap(await submitChange(deps, callerOf('alice'), createTeam(n), null));
  }

  it('refuses one more pending request than the limit, naming it, and stores, posts and audits nothing', async () => {
    const deps = setup({ maxPendingPerRequester: 2 });
    await fileTwo(deps);
    const audited = (await deps.audit.list({ limit: 100 })).length;
    const result = await submitChange(deps, callerOf('alice'), createTeam(3), null);
    expect(result).toEqual({ ok: false, error: { code: 'too_many_pending', pending: 2, limit: 2 } });
    expect((await deps.requests.listPending(TEAM, { limit: 100 })).length).toBe(2);
    expect(deps.notifier.posted).toHaveLength(2);
    expect(await deps.audit.list({ limit: 100 })).toHaveLength(audited);
  });

  it('counts per requester: someone else may still file', async () => {
    const deps = setup({ maxPendingPerRequester: 2 });
    await fileTwo(deps);
    const result = unwrap(await submitChange(deps, callerOf('bob'), createTeam(3), null));
    expect(result.kind === 'requested' && result.created).toBe(true);
  });

  it('lets a requester at the limit join an identical pending request, which then counts for them', async () => {
    const deps = setup({ maxPendingPerRequester: 2 });
    await fileTwo(deps);
    unwrap(await submitChange(deps, callerOf('bob'), createTeam(9), null));
    const joined = unwrap(await submitChange(deps, callerOf('alice'), createTeam(9), null));
    expect(joined.kind === 'requested' && joined.request.requesterIds).toEqual([slackIdOf('bob'), slackIdOf('alice')]);
    expect(await deps.requests.countPendingBy(TEAM, slackIdOf('alice'))).toBe(3);
    // Asking again for something already asked is no new request either.
    const again = unwrap(await submitChange(deps, callerOf('alice'), createTeam(1), null));
    expect(again.kind === 'requested' && again.created).toBe(false);
  });

  it('frees a place once a request is decided', async () => {
    const deps = setup({ maxPendingPerRequester: 2 });
    await fileTwo(deps);
    const [newest] = await deps.requests.listPending(TEAM, { limit: 1 });
    if (!newest) throw new Error('expected a pending request');
    await deps.requests.transition(newest.id, { from: ['pending'], to: 'denied', at: deps.clock.now() });
    const result = unwrap(await submitChange(deps, callerOf('alice'), createTeam(3), null));
    expect(result.kind === 'requested' && result.created).toBe(true);
  });

  it('does not limit admins, whose changes run at once', async () => {
    const deps = setup({ maxPendingPerRequester: 1 });
    for (const n of [1, 2])
      expect(unwrap(await submitChange(deps, callerOf('owner'), createTeam(n), null)).kind).toBe('executed');
  });
});
