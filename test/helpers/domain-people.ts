import type { DomainDeps } from '../../src/domain/deps.js';
import type { ChangeAsk } from '../../src/domain/groups/ask.js';
import { submitChange } from '../../src/domain/groups/service.js';
import type { Caller } from '../../src/domain/identity/actor.js';
import type { DocSpaceUser } from '../../src/domain/model/group.js';
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
import {
  type DocSpaceHandle,
  docspaceIdOf as docspaceIdText,
  PEOPLE,
  type SlackHandle,
  slackIdOf as slackIdText,
  TEAM_ID,
} from '../fixtures/people.js';
import { HOUR, START } from './clock.js';
import { docspaceUserOfPerson } from './memory-docspace.js';

export const TEAM = TEAM_ID as SlackTeamId;
export { seedDevTeam } from '../fixtures/groups.js';
export { APPROVAL_CHANNEL } from '../fixtures/people.js';
export { HOUR, MINUTE } from './clock.js';

/** The fixture ids (test/fixtures/people.ts), typed as the domain's branded ids. */
export const slackIdOf = (handle: SlackHandle) => slackIdText(handle) as SlackUserId;
export const docspaceIdOf = (handle: DocSpaceHandle) => docspaceIdText(handle) as DocSpaceUserId;
export const docspaceUserOf = (handle: DocSpaceHandle) => docspaceUserOfPerson(PEOPLE[handle]) as DocSpaceUser;
export const callerOf = (handle: SlackHandle): Caller => ({ teamId: TEAM, slackUserId: slackIdOf(handle) });
export const mention = (handle: SlackHandle): UserRef => ({ kind: 'slack', id: slackIdOf(handle) });
export const groupNamed = (name: string): GroupRef => ({ kind: 'name', name });

/** The value of a successful Result; fails the test with the failure otherwise. */
export function unwrap<T>(result: Result<T, unknown>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** A requester asks for users to be added to "Development Team"; returns the stored pending request. */
export async function askToAdd(
  deps: DomainDeps,
  requester: SlackHandle,
  ...add: SlackHandle[]
): Promise<ChangeRequest> {
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
