import fc from 'fast-check';
import { GRANT_KINDS, GRANT_OUTCOMES, GRANT_STATES, type Grant } from '../../../../src/domain/grants/model.js';
import type { AuditEntry } from '../../../../src/domain/model/audit.js';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../../../src/domain/model/audit.js';
import type { DryRunMark, PlannedCall } from '../../../../src/domain/model/dry-run.js';
import type {
  DocSpaceFailure,
  DomainFailure,
  DomainFailureCode,
  IdentityFailure,
  IdentityFailureCode,
} from '../../../../src/domain/model/failures.js';
import { DOCSPACE_READ_STEPS } from '../../../../src/domain/model/failures.js';
import type {
  ChangeReport,
  DocSpaceUser,
  Group,
  GroupChange,
  GroupSummary,
} from '../../../../src/domain/model/group.js';
import { DOCSPACE_USER_TYPES, GROUP_CHANGE_KINDS } from '../../../../src/domain/model/group.js';
import { HANDOVER_STATUSES, type Handover, type HandoverId } from '../../../../src/domain/model/handover.js';
import type { DocSpaceUserId, GroupId, RequestId, SlackTeamId, SlackUserId } from '../../../../src/domain/model/ids.js';
import type { UserMapping } from '../../../../src/domain/model/mapping.js';
import type { ChangeRequest } from '../../../../src/domain/model/request.js';
import { REQUEST_STATUSES } from '../../../../src/domain/model/request.js';
import type { LeftAlone, UndoLink } from '../../../../src/domain/model/undo.js';
import { GATEWAY_ERROR_CODES } from '../../../../src/domain/ports.js';

/**
 * Random domain values for the Slack builders' property tests: long and hostile names, emails, reasons and outcomes,
 * many members, groups and requesters. Every string a user typed or DocSpace returned starts with MARK, so a test can
 * tell where such text ended up (and check that mrkdwn holding it is verbatim).
 */
export const MARK = '⟦';

const UNITS = [
  ...['<!channel>', '<!here>', '<@U0ALICE001>', '<#C0GENERAL1>', '<https://evil.example|click>', '&', '&amp;', '&lt;'],
  ...['<', '>', '*', '_', '~', '`', '```', '|', '\n', ' ', ';', '@here', '#general', 'https://evil.example', ':smile:'],
  ...['😀', '👍🏽', 'é', 'ß', '中', 'ي', 'a', 'Z', '0', '-', '.', "'", '"', '\\', '%s'],
];
const unit = fc.constantFrom(...UNITS);
const chunk = fc.oneof(
  { weight: 4, arbitrary: unit },
  { weight: 1, arbitrary: fc.tuple(unit, fc.integer({ min: 2, max: 400 })).map(([u, n]) => u.repeat(n)) },
);

/** User or DocSpace text of up to about `max` characters (cut at a code point, never inside a surrogate pair). */
export function userText(max: number): fc.Arbitrary<string> {
  return fc
    .array(chunk, { maxLength: 10 })
    .map((parts) => [...`${MARK}${parts.join('')}`].slice(0, Math.max(1, max)).join(''));
}

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const guid = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => parts.join('-'));
export const groupId = guid.map((id) => id as GroupId);
const docspaceUserId = guid.map((id) => id as DocSpaceUserId);
const goodSlackId = fc.stringMatching(/^U[0-9A-Z]{8,10}$/);
/** Mostly real Slack user ids; sometimes hostile text where an id is expected (it must show inert). */
export const slackUserId = fc
  .oneof({ weight: 9, arbitrary: goodSlackId }, { weight: 1, arbitrary: userText(60) })
  .map((id) => id as SlackUserId);
const requestId = fc.stringMatching(/^R[0-9A-Z]{10}$/).map((id) => id as RequestId);
const channelId = fc.oneof({ weight: 9, arbitrary: fc.stringMatching(/^C[0-9A-Z]{8,10}$/) }, userText(40));
const date = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2035-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const email = fc
  .tuple(userText(100), fc.constantFrom('example.com', `${'x'.repeat(60)}.example`))
  .map(([local, domain]) => `${local.replace(/[\s@]/g, '')}@${domain}`);

const docspaceUser: fc.Arbitrary<DocSpaceUser> = fc.record({
  id: docspaceUserId,
  displayName: userText(300),
  email: fc.option(email, { nil: null }),
  status: fc.constantFrom('active' as const, 'pending' as const, 'disabled' as const),
  type: fc.constantFrom(...DOCSPACE_USER_TYPES),
});

const many = <T>(arb: fc.Arbitrary<T>, max: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.array(arb, { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.array(arb, { maxLength: max }) },
  );

export const groupSummary: fc.Arbitrary<GroupSummary> = fc.record({
  id: groupId,
  name: userText(300),
  manager: fc.option(docspaceUser, { nil: null }),
  membersCount: fc.nat({ max: 100_000 }),
});

export const group: fc.Arbitrary<Group> = fc
  .tuple(groupSummary, many(docspaceUser, 400))
  .map(([summary, members]) => ({ ...summary, members }));

const ids = many(docspaceUserId, 300);

const groupChange: fc.Arbitrary<GroupChange> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    name: userText(300),
    managerId: fc.option(docspaceUserId, { nil: null }),
    memberIds: ids,
  }),
  fc.record({ kind: fc.constant('set_manager' as const), groupId, managerId: docspaceUserId }),
  fc.record({ kind: fc.constant('members' as const), groupId, add: ids, remove: ids }),
  // Time-bound changes and renewals.
  fc.record({
    kind: fc.constant('set_manager' as const),
    groupId,
    managerId: docspaceUserId,
    duration: fc.integer({ min: 60_000, max: 3650 * 86_400_000 }),
  }),
  fc.record(
    {
      kind: fc.constant('members' as const),
      groupId,
      add: ids,
      remove: ids,
      duration: fc.integer({ min: 60_000, max: 3650 * 86_400_000 }),
      renews: userText(40),
    },
    { requiredKeys: ['kind', 'groupId', 'add', 'remove', 'duration'] },
  ),
  fc.record({ kind: fc.constant('rename' as const), groupId, name: userText(300) }),
  fc.record({ kind: fc.constant('delete' as const), groupId }),
);

function changeIds(change: GroupChange): string[] {
  switch (change.kind) {
    case 'create':
      return [...(change.managerId ? [change.managerId] : []), ...change.memberIds];
    case 'set_manager':
      return [change.managerId];
    case 'members':
      return [...change.add, ...change.remove];
    default:
      return [];
  }
}

/** Display names for most of the ids a change mentions (some left unnamed, as after a failed look-up). */
const namesFor = (change: GroupChange) =>
  fc
    .array(fc.tuple(fc.boolean(), userText(300)), {
      minLength: changeIds(change).length,
      maxLength: changeIds(change).length,
    })
    .map((named) =>
      Object.fromEntries(changeIds(change).flatMap((id, i) => (named[i]?.[0] ? [[id, named[i][1]]] : []))),
    );

const liveChangeRequest: fc.Arbitrary<ChangeRequest> = groupChange.chain((change) =>
  fc.record({
    id: requestId,
    teamId: fc.constant('T0TEAM0001' as SlackTeamId),
    fingerprint: fc.constant('fp'),
    change: fc.constant(change),
    snapshot: fc.record(
      {
        groupName: userText(300),
        names: namesFor(change),
        managerBefore: fc.option(docspaceUserId, { nil: null }),
        nameShared: fc.boolean(),
        undoes: fc.record({
          entryId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
          requestId: fc.option(requestId, { nil: null }),
        }),
      },
      { requiredKeys: ['groupName', 'names', 'managerBefore'] },
    ),
    requesterIds: fc.array(slackUserId, { minLength: 1, maxLength: 40 }),
    requesterDocSpaceId: fc.option(docspaceUserId, { nil: null }),
    reason: fc.option(userText(500), { nil: null }),
    status: fc.constantFrom(...REQUEST_STATUSES),
    createdAt: date,
    updatedAt: date,
    expiresAt: date,
    decidedBy: fc.option(slackUserId, { nil: null }),
    decidedAt: fc.option(date, { nil: null }),
    decisionNote: fc.option(userText(500), { nil: null }),
    attempts: fc.integer({ min: 0, max: 2 }),
    retryable: fc.boolean(),
    outcome: fc.option(userText(4000), { nil: null }),
    card: fc.option(fc.record({ channelId, ts: fc.constant('1700000000.000100') }), { nil: null }),
  }),
);

const liveChangeReport: fc.Arbitrary<ChangeReport> = groupChange.chain((change) =>
  fc.record(
    {
      change: fc.constant(change),
      before: fc.option(groupSummary, { nil: null }),
      after: fc.option(group, { nil: null }),
      ignored: fc.record({
        managerNotSet: fc.option(docspaceUserId, { nil: null }),
        notAdded: ids,
        notRemoved: ids,
        nameNotApplied: fc.option(userText(300), { nil: null }),
      }),
      skipped: fc.record({ alreadyMembers: many(docspaceUser, 300), notMembers: many(docspaceUser, 300) }),
      names: namesFor(change),
      undo: fc.record({ entryId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), until: date }),
    },
    { requiredKeys: ['change', 'before', 'after', 'ignored', 'skipped', 'names'] },
  ),
);

/** DRY_RUN: the calls a rehearsal lists, with user text (group names) and many ids in their bodies. */
const plannedCall: fc.Arbitrary<PlannedCall> = fc.record({
  operation: fc.constantFrom('createGroup', 'updateGroup', 'setManager', 'addMembers', 'removeMembers', 'deleteGroup'),
  method: fc.constantFrom('POST' as const, 'PUT' as const, 'DELETE' as const),
  path: fc.oneof(
    groupId.map((id) => `/api/2.0/group/${id}/members`),
    userText(400),
  ),
  body: fc.oneof(
    fc.constant(null),
    fc.record({ groupName: userText(300), groupManager: docspaceUserId, members: ids }),
    fc.record({ membersToAdd: ids, membersToRemove: ids }),
  ),
});
const dryRunMark: fc.Arbitrary<DryRunMark | undefined> = fc.option(
  fc.record({ calls: fc.array(plannedCall, { maxLength: 8 }) }),
  { nil: undefined },
);

/** Adds a dry-run mark to some of the generated values. */
const maybeDryRun = <T extends object>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.tuple(arb, dryRunMark).map(([value, dryRun]) => (dryRun ? { ...value, dryRun } : value));

export const changeRequest: fc.Arbitrary<ChangeRequest> = maybeDryRun(liveChangeRequest);
export const changeReport: fc.Arbitrary<ChangeReport> = maybeDryRun(liveChangeReport);

export const leftAlone: fc.Arbitrary<LeftAlone> = fc.oneof(
  fc.record({ kind: fc.constant('member_left' as const), userId: docspaceUserId }),
  fc.record({ kind: fc.constant('member_back' as const), userId: docspaceUserId }),
  fc.record({
    kind: fc.constant('manager_moved' as const),
    expected: docspaceUserId,
    current: fc.option(docspaceUserId, { nil: null }),
  }),
  fc.record({ kind: fc.constant('no_previous_manager' as const) }),
  fc.record({ kind: fc.constant('renamed_since' as const), expected: userText(300), current: userText(300) }),
  fc.record({
    kind: fc.constant('group_changed' as const),
    parts: fc.subarray(['name' as const, 'manager' as const, 'members' as const], { minLength: 1 }),
  }),
  fc.record({ kind: fc.constant('group_gone' as const) }),
);

export const undoLink: fc.Arbitrary<UndoLink> = fc.record({
  entryId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  requestId: fc.option(requestId, { nil: null }),
});

export const auditEntry: fc.Arbitrary<AuditEntry> = fc.record({
  id: fc.nat(),
  at: date,
  teamId: fc.constant(null),
  actorSlackId: fc.option(slackUserId, { nil: null }),
  actorDocSpaceId: fc.option(docspaceUserId, { nil: null }),
  onBehalfOf: fc.array(slackUserId, { maxLength: 30 }),
  requestId: fc.option(requestId, { nil: null }),
  action: fc.constantFrom(...AUDIT_ACTIONS),
  groupId: fc.option(groupId, { nil: null }),
  groupName: fc.option(userText(300), { nil: null }),
  before: fc.constant(null),
  after: fc.constant(null),
  outcome: fc.constantFrom(...AUDIT_OUTCOMES),
  detail: fc.option(userText(2000), { nil: null }),
});

export const userMapping: fc.Arbitrary<UserMapping> = fc.record({
  teamId: fc.constant('T0TEAM0001' as SlackTeamId),
  slackUserId,
  docspaceUserId,
  source: fc.constantFrom('email' as const, 'manual' as const),
  createdBy: fc.option(slackUserId, { nil: null }),
  createdAt: date,
  verifiedAt: date,
  docspaceEmail: fc.option(email, { nil: null }),
  docspaceDisplayName: userText(300),
  docspaceType: fc.constantFrom(...DOCSPACE_USER_TYPES),
  docspaceStatus: fc.constantFrom('active' as const, 'pending' as const, 'disabled' as const),
  authorityReadAt: fc.option(date, { nil: null }),
});

const IDENTITY_CODES: readonly IdentityFailureCode[] = [
  'slack_user_not_found',
  'slack_user_is_bot',
  'slack_user_deleted',
  'slack_no_email',
  'docspace_user_not_found',
  'docspace_user_disabled',
  'docspace_user_guest',
  'docspace_lookup_forbidden',
  'mapping_conflict',
  'unlinked_by_admin',
];

export const identityFailure: fc.Arbitrary<IdentityFailure> = fc.record(
  {
    code: fc.constantFrom(...IDENTITY_CODES),
    who: fc.oneof(
      fc.record({ kind: fc.constant('slack' as const), id: slackUserId }),
      fc.record({ kind: fc.constant('email' as const), email }),
    ),
    heldBy: slackUserId,
  },
  { requiredKeys: ['code', 'who'] },
);

const GATEWAY_CODES = GATEWAY_ERROR_CODES;

const docspaceFailure: fc.Arbitrary<DocSpaceFailure> = fc.oneof(
  fc.record({
    code: fc.constant('docspace_failed' as const),
    kind: fc.constantFrom(...GATEWAY_CODES),
    phase: fc.constant('read' as const),
    step: fc.constantFrom(...DOCSPACE_READ_STEPS),
    scope: fc.constant('accounts:read' as const),
    retryAfterSeconds: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null }),
  }),
  fc.record({
    code: fc.constant('docspace_failed' as const),
    kind: fc.constantFrom(...GATEWAY_CODES),
    phase: fc.constant('write' as const),
    step: fc.constantFrom(...GROUP_CHANGE_KINDS),
    mayHaveApplied: fc.boolean(),
    scope: fc.constant('accounts:write' as const),
    retryAfterSeconds: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null }),
  }),
);

type FailureOf<C extends DomainFailureCode> = Extract<DomainFailure, { code: C }>;

/** One arbitrary per failure code: a new code fails to compile here until the property tests cover it. */
const FAILURES: { readonly [C in DomainFailureCode]: fc.Arbitrary<FailureOf<C>> } = {
  grant_too_long: fc.record({ code: fc.constant('grant_too_long'), maxDays: fc.nat() }),
  grant_duration_unsupported: fc.record({ code: fc.constant('grant_duration_unsupported') }),
  grant_not_found: fc.record({ code: fc.constant('grant_not_found'), grantId: userText(300) }),
  grant_not_allowed: fc.record({ code: fc.constant('grant_not_allowed') }),
  grant_not_active: fc.record({ code: fc.constant('grant_not_active'), grantId: userText(300), state: userText(30) }),
  identity: fc.record({
    code: fc.constant('identity'),
    failures: fc.array(identityFailure, { minLength: 1, maxLength: 250 }),
  }),
  actor_not_mapped: fc.record({ code: fc.constant('actor_not_mapped'), failure: identityFailure }),
  group_not_found: fc.record({
    code: fc.constant('group_not_found'),
    query: userText(300),
    suggestions: fc.array(userText(300), { maxLength: 8 }),
  }),
  group_ambiguous: fc.record({
    code: fc.constant('group_ambiguous'),
    query: userText(300),
    matches: fc.array(groupSummary, { minLength: 2, maxLength: 120 }),
  }),
  group_name_taken: fc.record({
    code: fc.constant('group_name_taken'),
    name: userText(300),
    existing: fc.array(groupSummary, { maxLength: 20 }),
  }),
  invalid_name: fc.record({
    code: fc.constant('invalid_name'),
    reason: fc.constantFrom('blank' as const, 'too_long' as const),
  }),
  reason_too_long: fc.record({ code: fc.constant('reason_too_long'), max: fc.nat() }),
  no_change: fc.record({ code: fc.constant('no_change'), explanation: userText(5000) }),
  not_authorized: fc.record({
    code: fc.constant('not_authorized'),
    action: fc.constantFrom(
      'link_users' as const,
      'unlink_users' as const,
      'see_mappings' as const,
      'read_audit' as const,
      'request_changes' as const,
    ),
  }),
  approvals_not_configured: fc.record({ code: fc.constant('approvals_not_configured') }),
  reason_required: fc.record({ code: fc.constant('reason_required') }),
  request_not_found: fc.record({ code: fc.constant('request_not_found'), requestId: userText(300) }),
  already_decided: fc.record({
    code: fc.constant('already_decided'),
    requestId,
    status: fc.constantFrom(...REQUEST_STATUSES),
    decidedBy: fc.option(slackUserId, { nil: null }),
    decidedAt: fc.option(date, { nil: null }),
  }),
  request_expired: fc.record({ code: fc.constant('request_expired'), requestId }),
  self_approval: fc.record({ code: fc.constant('self_approval') }),
  not_approver: fc.record({ code: fc.constant('not_approver') }),
  not_requester: fc.record({ code: fc.constant('not_requester') }),
  retry_exhausted: fc.record({ code: fc.constant('retry_exhausted'), requestId }),
  dry_run_request: fc.record({ code: fc.constant('dry_run_request'), requestId }),
  not_retryable: fc.record({
    code: fc.constant('not_retryable'),
    requestId,
    outcome: fc.option(userText(3000), { nil: null }),
  }),
  group_gone: fc.record({ code: fc.constant('group_gone'), groupId: userText(100), groupName: userText(300) }),
  docspace_failed: docspaceFailure,
  group_name_busy: fc.record({ code: fc.constant('group_name_busy'), name: userText(300) }),
  too_many_pending: fc.record({ code: fc.constant('too_many_pending'), pending: fc.nat(), limit: fc.nat() }),
  too_many_people: fc.record({ code: fc.constant('too_many_people'), count: fc.nat(), limit: fc.nat() }),
  account_disabled: fc.record({ code: fc.constant('account_disabled') }),
  authority_unconfirmed: fc.record({
    code: fc.constant('authority_unconfirmed'),
    kind: fc.constantFrom(...GATEWAY_CODES),
    retryAfterSeconds: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null }),
  }),
  undo_unavailable: fc.record({
    code: fc.constant('undo_unavailable'),
    reason: fc.constantFrom('not_found' as const, 'not_a_change' as const, 'not_applied' as const, 'delete' as const),
  }),
  undo_window_passed: fc.record({ code: fc.constant('undo_window_passed'), closedAt: date }),
  undo_taken: fc.record({
    code: fc.constant('undo_taken'),
    by: slackUserId,
    at: date,
    requestId: fc.option(requestId, { nil: null }),
  }),
  undo_nothing_left: fc.record({
    code: fc.constant('undo_nothing_left'),
    groupName: userText(300),
    leftAlone: fc.array(leftAlone, { maxLength: 60 }),
    names: fc.dictionary(fc.string({ maxLength: 40 }), userText(300), { maxKeys: 60 }),
  }),
  handover_not_found: fc.record({ code: fc.constant('handover_not_found') }),
  handover_not_incoming: fc.record({ code: fc.constant('handover_not_incoming'), incomingSlackId: slackUserId }),
  handover_decided: fc.record({
    code: fc.constant('handover_decided'),
    status: fc.constantFrom(...HANDOVER_STATUSES),
    decidedAt: fc.option(date, { nil: null }),
  }),
  handover_waiting: fc.record({
    code: fc.constant('handover_waiting'),
    groupName: userText(300),
    incomingSlackId: slackUserId,
  }),
  handover_unreachable: fc.record({ code: fc.constant('handover_unreachable'), displayName: userText(300) }),
  handover_not_delivered: fc.record({ code: fc.constant('handover_not_delivered'), incomingSlackId: slackUserId }),
  manager_now_not_admin: fc.record({ code: fc.constant('manager_now_not_admin') }),
  manager_now_has_manager: fc.record({
    code: fc.constant('manager_now_has_manager'),
    groupName: userText(300),
    managerName: userText(300),
  }),
};

export const cardPostProblem = fc.constantFrom(
  'not_in_channel' as const,
  'channel_not_found' as const,
  'is_archived' as const,
  'restricted' as const,
  'rate_limited' as const,
  'network' as const,
  'other' as const,
);
export const channelProblem = fc.constantFrom(
  'not_in_channel' as const,
  'channel_not_found' as const,
  'is_archived' as const,
  'restricted' as const,
);
export { channelId };

export const domainFailure: fc.Arbitrary<DomainFailure> = fc.oneof(
  ...Object.values(FAILURES).map((arb) => arb as fc.Arbitrary<DomainFailure>),
);

/** Time-bound access as storage holds it, with hostile names and extreme dates. */
export const grant: fc.Arbitrary<Grant> = fc.record({
  id: fc.stringMatching(/^G[0-9A-Z]{10}$/),
  teamId: fc.constant('T0TEAM0001' as SlackTeamId),
  groupId,
  groupName: userText(300),
  kind: fc.constantFrom(...GRANT_KINDS),
  userId: docspaceUserId,
  userName: userText(300),
  memberSlackId: fc.option(slackUserId, { nil: null }),
  requesterSlackId: fc.option(slackUserId, { nil: null }),
  previousManagerId: fc.option(docspaceUserId, { nil: null }),
  previousManagerName: fc.option(userText(300), { nil: null }),
  durationMs: fc.integer({ min: 60_000, max: 3650 * 86_400_000 }),
  startsAt: date,
  endsAt: date,
  remindAt: fc.option(date, { nil: null }),
  state: fc.constantFrom(...GRANT_STATES),
  leaseUntil: fc.option(date, { nil: null }),
  attempts: fc.nat({ max: 10 }),
  lastError: fc.option(userText(500), { nil: null }),
  requestId: fc.option(requestId, { nil: null }),
  endedAt: fc.option(date, { nil: null }),
  outcome: fc.option(fc.constantFrom(...GRANT_OUTCOMES), { nil: null }),
  updatedAt: date,
});

const handoverPerson = fc.record({ id: docspaceUserId, displayName: userText(300) });

/** A manager handover in any state, with hostile names, reason and outcome. */
export const handover: fc.Arbitrary<Handover> = fc.record({
  id: fc.stringMatching(/^H[0-9A-Z]{10}$/).map((id) => id as HandoverId),
  teamId: fc.constant('T0TEAM0001' as SlackTeamId),
  groupId,
  incomingDocSpaceId: docspaceUserId,
  incomingSlackId: slackUserId,
  incomingName: userText(300),
  requestedBy: slackUserId,
  approvedBy: fc.option(slackUserId, { nil: null }),
  requestId: fc.option(requestId, { nil: null }),
  reason: fc.option(userText(500), { nil: null }),
  snapshot: fc.record({
    groupName: userText(300),
    managerBefore: fc.option(handoverPerson, { nil: null }),
    members: fc.array(handoverPerson, { maxLength: 50 }),
    membersCount: fc.nat({ max: 100_000 }),
  }),
  status: fc.constantFrom(...HANDOVER_STATUSES),
  createdAt: date,
  expiresAt: date,
  decidedAt: fc.option(date, { nil: null }),
  outcome: fc.option(userText(4000), { nil: null }),
  dm: fc.option(fc.record({ channelId, ts: fc.constant('1700000000.000100') }), { nil: null }),
});
