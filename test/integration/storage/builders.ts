import type { NewAuditEntry } from '../../../src/domain/model/audit.js';
import type { DocSpaceUserId, GroupId, RequestId, SlackTeamId, SlackUserId } from '../../../src/domain/model/ids.js';
import {
  toDocSpaceUserId,
  toGroupId,
  toRequestId,
  toSlackTeamId,
  toSlackUserId,
} from '../../../src/domain/model/ids.js';
import type { UserMapping } from '../../../src/domain/model/mapping.js';
import type { ChangeRequest } from '../../../src/domain/model/request.js';
import { displayNameOf, PEOPLE, TEAM_ID } from '../../fixtures/people.js';

// Input factories for the storage suites: every call builds fresh objects, overrides win.

function must<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`bad test id: ${what}`);
  return value;
}

export const team = (id: string = TEAM_ID): SlackTeamId => must(toSlackTeamId(id), id);
export const OTHER_TEAM = team('T0OTHER001');

type WithBoth = { slack: { id: string }; docspace: { id: string } };
const people = {
  alice: PEOPLE.alice,
  bob: PEOPLE.bob,
  carol: PEOPLE.carol,
  dave: PEOPLE.dave,
  erin: PEOPLE.erin,
} satisfies Record<string, WithBoth>;
type Handle = keyof typeof people;

export const slackId = (who: Handle): SlackUserId => must(toSlackUserId(people[who].slack.id), who);
export const docspaceId = (who: Handle): DocSpaceUserId => must(toDocSpaceUserId(people[who].docspace.id), who);
export const nameOf = (who: Handle): string => displayNameOf(people[who]);
/** A numbered Slack user, for races with many requesters. */
export const slackUserNo = (n: number): SlackUserId =>
  must(toSlackUserId(`U0RACE${String(n).padStart(4, '0')}`), `${n}`);
export const groupId = (n = 1): GroupId =>
  must(toGroupId(`9a9a9a9a-0000-4000-8000-${String(n).padStart(12, '0')}`), `group ${n}`);
export const requestId = (n: number): RequestId => must(toRequestId(`R${String(n).padStart(8, '0')}`), `request ${n}`);

/** A fixed instant with milliseconds, so round trips must keep them; `at(5)` is five minutes later. */
const T0 = new Date('2026-03-02T09:15:30.123Z');
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

export function makeMapping(overrides: Partial<UserMapping> = {}): UserMapping {
  return {
    teamId: team(),
    slackUserId: slackId('alice'),
    docspaceUserId: docspaceId('alice'),
    source: 'email',
    createdBy: null,
    createdAt: at(0),
    verifiedAt: at(0),
    docspaceEmail: 'alice@example.com',
    docspaceDisplayName: nameOf('alice'),
    docspaceType: 'user',
    docspaceStatus: 'active',
    authorityReadAt: at(0),
    ...overrides,
  };
}

export function makeRequest(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id: requestId(1),
    teamId: team(),
    fingerprint: 'members:9a9a:+alice',
    change: { kind: 'members', groupId: groupId(), add: [docspaceId('alice')], remove: [] },
    snapshot: {
      groupName: 'Design & Research',
      names: { [docspaceId('alice')]: nameOf('alice'), [docspaceId('carol')]: nameOf('carol') },
      managerBefore: docspaceId('carol'),
    },
    requesterIds: [slackId('alice')],
    requesterDocSpaceId: docspaceId('alice'),
    reason: 'joins the design team',
    status: 'pending',
    createdAt: at(0),
    updatedAt: at(0),
    expiresAt: at(24 * 60),
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

export function makeAuditEntry(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    at: at(0),
    teamId: team(),
    actorSlackId: slackId('carol'),
    actorDocSpaceId: docspaceId('carol'),
    onBehalfOf: [slackId('alice')],
    requestId: requestId(1),
    action: 'members',
    groupId: groupId(),
    groupName: 'Design & Research',
    before: { id: groupId(), name: 'Design & Research', memberIds: [] },
    after: { id: groupId(), name: 'Design & Research', memberIds: [docspaceId('alice')] },
    outcome: 'succeeded',
    detail: null,
    ...overrides,
  };
}
