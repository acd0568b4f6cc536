import type { DomainDeps } from '../../src/domain/deps.js';
import type { ChangeAsk } from '../../src/domain/groups/ask.js';
import { submitChange } from '../../src/domain/groups/service.js';
import type { Caller } from '../../src/domain/identity/actor.js';
import type { DocSpaceUser, Group } from '../../src/domain/model/group.js';
import type {
  DocSpaceUserId,
  GroupId,
  GroupRef,
  RequestId,
  SlackTeamId,
  SlackUserId,
  UserRef,
} from '../../src/domain/model/ids.js';
import type { ChangeRequest } from '../../src/domain/model/request.js';
import type { Result } from '../../src/domain/model/result.js';
import { PEOPLE, type PersonHandle, TEAM_ID } from '../fixtures/people.js';
import { docspaceUserOfPerson, type MemoryDocSpace } from './memory-docspace.js';

export const TEAM = TEAM_ID as SlackTeamId;
export const APPROVAL_CHANNEL = 'C0APPROVALS';
export const START = new Date('2025-03-03T09:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

type WithSlack = { [K in PersonHandle]: (typeof PEOPLE)[K] extends { slack: object } ? K : never }[PersonHandle];
type WithDocSpace = { [K in PersonHandle]: (typeof PEOPLE)[K] extends { docspace: object } ? K : never }[PersonHandle];

export const slackIdOf = (handle: WithSlack) => PEOPLE[handle].slack.id as SlackUserId;
export const docspaceIdOf = (handle: WithDocSpace) => PEOPLE[handle].docspace.id as DocSpaceUserId;
export const docspaceUserOf = (handle: WithDocSpace) => docspaceUserOfPerson(PEOPLE[handle]) as DocSpaceUser;
export const callerOf = (handle: WithSlack): Caller => ({ teamId: TEAM, slackUserId: slackIdOf(handle) });
export const mention = (handle: WithSlack): UserRef => ({ kind: 'slack', id: slackIdOf(handle) });
export const groupNamed = (name: string): GroupRef => ({ kind: 'name', name });

/** The value of a successful Result; fails the test with the failure otherwise. */
export function unwrap<T>(result: Result<T, unknown>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** "Development Team": managed by alice, with alice and bob as members. */
export function seedDevTeam(deps: { readonly docspace: MemoryDocSpace }): Group {
  return deps.docspace.seedGroup({
    name: 'Development Team',
    managerId: docspaceIdOf('alice'),
    memberIds: [docspaceIdOf('bob')],
  });
}

/** A requester asks for users to be added to "Development Team"; returns the stored pending request. */
export async function askToAdd(deps: DomainDeps, requester: WithSlack, ...add: WithSlack[]): Promise<ChangeRequest> {
  const ask: ChangeAsk = { kind: 'members', group: groupNamed('Development Team'), add: add.map(mention), remove: [] };
  const result = await submitChange(deps, callerOf(requester), ask, 'needed for the project');
  if (!result.ok || result.value.kind !== 'requested') throw new Error(`expected a request: ${JSON.stringify(result)}`);
  return result.value.request;
}

/** A pending request for a members change, for tests that only need its shape. */
export function makeChangeRequest(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id: 'R000001' as RequestId,
    teamId: TEAM,
    fingerprint: 'fp',
    change: { kind: 'members', groupId: 'eeee0001-0000-4000-8000-000000000001' as GroupId, add: [], remove: [] },
    snapshot: { groupName: 'Development Team', names: {}, managerBefore: null },
    requesterIds: [slackIdOf('alice')],
    requesterDocSpaceId: docspaceIdOf('alice'),
    reason: null,
    status: 'pending',
    createdAt: START,
    updatedAt: START,
    expiresAt: new Date(START.getTime() + 24 * HOUR),
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    attempts: 0,
    retryable: true,
    outcome: null,
    card: null,
    ...overrides,
  };
}
