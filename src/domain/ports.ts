import type { Grant, GrantFinish, GrantOutcome, GrantRenewal } from './grants/model.js';
import type { AuditEntry, NewAuditEntry } from './model/audit.js';
import type { CardPostProblem, ChannelAlert } from './model/card.js';
import type { PlannedCall } from './model/dry-run.js';
import type {
  DocSpaceUser,
  DocSpaceUserStatus,
  DocSpaceUserType,
  Group,
  GroupSummary,
  WriteOutcome,
} from './model/group.js';
import type { Handover, HandoverId, HandoverTransition } from './model/handover.js';
import type { DocSpaceUserId, GroupId, RequestId, SlackTeamId, SlackUserId } from './model/ids.js';
import type { AuthorityFacts, SaveMappingResult, UserMapping } from './model/mapping.js';
import type { ChangeRequest, RequestStatus, RequestTransition } from './model/request.js';
import type { NameReservation } from './model/reservation.js';
import type { UndoClaim } from './model/undo.js';
import type { ReviewRepo } from './reviews/ports.js';

// ---------------------------------------------------------------------------------------------
// Infrastructure ports owned by the domain. Adapters live in docspace/, storage/ and slack/.
// ---------------------------------------------------------------------------------------------

export interface Clock {
  now(): Date;
}

/** The subset of pino the domain uses: context object first, short message second. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** Codes every DocSpace adapter error carries, so the domain can react without importing the adapter. */
/** Every kind of gateway failure; `busy`: no connection to DocSpace came free in time, so the request was never sent. */
export const GATEWAY_ERROR_CODES = [
  'invalid_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'validation',
  'rate_limited',
  'server_error',
  'timeout',
  'network',
  'unexpected_response',
  'busy',
] as const;
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

export interface GatewayError extends Error {
  readonly code: GatewayErrorCode;
}

const GATEWAY_CODES: ReadonlySet<string> = new Set<string>(GATEWAY_ERROR_CODES);

export function isGatewayError(error: unknown): error is GatewayError {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && GATEWAY_CODES.has(code);
}

export interface ListGroupsQuery {
  readonly filterValue?: string;
  readonly startIndex?: number;
  /** 1..100 */
  readonly count?: number;
  readonly sortBy?: 'title' | 'manager' | 'membersCount';
  readonly sortOrder?: 'ascending' | 'descending';
  /** Only the groups this DocSpace user is a member of (DocSpace G1 `userId`). */
  readonly userId?: DocSpaceUserId;
  /** With userId: only the groups that user manages (DocSpace G1 `manager=true`). */
  readonly managedOnly?: boolean;
}

export interface GroupUpdate {
  readonly name?: string;
  readonly managerId?: DocSpaceUserId;
  readonly add?: readonly DocSpaceUserId[];
  readonly remove?: readonly DocSpaceUserId[];
}

/**
 * DocSpace groups and people. Every method throws a GatewayError on failure (404 is `not_found`).
 * Writes compare the returned group with what was asked and report what DocSpace silently ignored.
 */
export interface DocSpaceGateway {
  getSelf(signal?: AbortSignal): Promise<DocSpaceUser>;
  getUserByEmail(email: string, signal?: AbortSignal): Promise<DocSpaceUser>;
  getUserById(id: DocSpaceUserId, signal?: AbortSignal): Promise<DocSpaceUser>;
  searchPeople(query: string, signal?: AbortSignal): Promise<DocSpaceUser[]>;
  listGroups(query?: ListGroupsQuery, signal?: AbortSignal): Promise<{ groups: GroupSummary[]; total: number }>;
  /** Exact (case-sensitive, trimmed) name matches; names are not unique, so several may come back. */
  findGroupsByName(name: string, signal?: AbortSignal): Promise<GroupSummary[]>;
  getGroup(id: GroupId, options?: { includeMembers?: boolean }, signal?: AbortSignal): Promise<Group>;
  createGroup(
    input: { name: string; managerId?: DocSpaceUserId; memberIds?: readonly DocSpaceUserId[] },
    signal?: AbortSignal,
  ): Promise<WriteOutcome>;
  updateGroup(id: GroupId, update: GroupUpdate, signal?: AbortSignal): Promise<WriteOutcome>;
  setManager(id: GroupId, userId: DocSpaceUserId, signal?: AbortSignal): Promise<WriteOutcome>;
  addMembers(id: GroupId, userIds: readonly DocSpaceUserId[], signal?: AbortSignal): Promise<WriteOutcome>;
  removeMembers(id: GroupId, userIds: readonly DocSpaceUserId[], signal?: AbortSignal): Promise<WriteOutcome>;
  deleteGroup(id: GroupId, signal?: AbortSignal): Promise<void>;
}

/** A Slack user as users.info describes them. */
export interface SlackProfile {
  readonly id: SlackUserId;
  readonly teamId: SlackTeamId | null;
  readonly name: string;
  readonly email: string | null;
  readonly isBot: boolean;
  readonly deleted: boolean;
}

export interface SlackDirectory {
  /** null when Slack says user_not_found; throws on other Slack failures. */
  getUser(userId: SlackUserId): Promise<SlackProfile | null>;
}

// ---------------------------------------------------------------------------------------------
// Storage ports: one Storage holds all three repositories (SQLite, PostgreSQL or memory).
// ---------------------------------------------------------------------------------------------

export interface MappingRepo {
  get(teamId: SlackTeamId, slackUserId: SlackUserId): Promise<UserMapping | null>;
  getByDocSpaceUser(teamId: SlackTeamId, docspaceUserId: DocSpaceUserId): Promise<UserMapping | null>;
  /**
   * Inserts or replaces the Slack user's mapping; refuses when another Slack user of the team holds the DocSpace id.
   * A manual link lifts an unlink block; an email match is refused (`blocked`) while one stands, in the same statement.
   */
  save(mapping: UserMapping): Promise<SaveMappingResult>;
  /** The account was read and is usable: the mapping is verified and its authority facts are fresh, both as of `at`. */
  markVerified(
    teamId: SlackTeamId,
    slackUserId: SlackUserId,
    seen: { at: Date; email: string | null; displayName: string; type: DocSpaceUserType; status: DocSpaceUserStatus },
  ): Promise<void>;
  /** The account was read but may not act (disabled, guest): keeps those facts, leaves verifiedAt alone. */
  recordAuthority(teamId: SlackTeamId, slackUserId: SlackUserId, facts: AuthorityFacts): Promise<void>;
  delete(teamId: SlackTeamId, slackUserId: SlackUserId): Promise<boolean>;
  /**
   * An admin's unlink: removes the mapping and blocks automatic email matching for that Slack user until a manual link
   * (save with source 'manual'), in one transaction. Returns the removed mapping, or null when there was none.
   */
  unlink(
    teamId: SlackTeamId,
    slackUserId: SlackUserId,
    by: { readonly slackUserId: SlackUserId; readonly at: Date },
  ): Promise<UserMapping | null>;
  /** Whether an admin's unlink blocks automatic email matching for this Slack user. */
  isBlocked(teamId: SlackTeamId, slackUserId: SlackUserId): Promise<boolean>;
  /** Ordered by team, then Slack user id. */
  list(teamId?: SlackTeamId): Promise<UserMapping[]>;
}

export interface RequestRepo {
  /** Inserts a pending request, or, if a pending one with the same team and fingerprint exists, adds the requester to it. */
  insertOrJoin(request: ChangeRequest): Promise<{ request: ChangeRequest; created: boolean }>;
  get(id: RequestId): Promise<ChangeRequest | null>;
  /** The single atomic compare-and-set: returns the updated request, or null when it was not in a `from` state. */
  transition(id: RequestId, transition: RequestTransition): Promise<ChangeRequest | null>;
  setCard(id: RequestId, card: { channelId: string; ts: string }): Promise<void>;
  /** How many pending requests list this Slack user among their requesters (what `requests` shows them). */
  countPendingBy(teamId: SlackTeamId, requesterId: SlackUserId): Promise<number>;
  /** The pending request with this fingerprint (the one insertOrJoin would join), or null. */
  findPendingTwin(teamId: SlackTeamId, fingerprint: string): Promise<ChangeRequest | null>;
  /** Pending requests, oldest first, `offset` skipped; only those the user asked for when requesterId is given. */
  listPending(
    teamId: SlackTeamId,
    filter: { requesterId?: SlackUserId; limit: number; offset?: number },
  ): Promise<ChangeRequest[]>;
  /** How many requests listPending would list with no limit. */
  countPending(teamId: SlackTeamId, filter: { requesterId?: SlackUserId }): Promise<number>;
  /**
   * One requester withdraws from a pending request, atomically: they leave its requesters, or, when they are the last
   * one, it becomes `cancelled` (decided by them). null when it is not pending or they are not among its requesters.
   */
  withdraw(
    id: RequestId,
    requesterId: SlackUserId,
    at: Date,
  ): Promise<{ request: ChangeRequest; cancelled: boolean } | null>;
  /**
   * Compare-and-set claim to post a missing card: applies only while the request is pending, has no card and is due
   * (never claimed, or its retry time or an earlier claim's lease has passed); it then counts one more attempt and
   * holds the request until leaseUntil. Returns the attempts so far, or null when another caller holds it or it is
   * not due: so across replicas one card post runs at a time.
   */
  claimCardPost(id: RequestId, claim: { now: Date; leaseUntil: Date }): Promise<number | null>;
  /** After a failed card post: why, and when it is due again. */
  recordCardPostFailure(id: RequestId, failure: { error: string; retryAt: Date }): Promise<void>;
  /** Pending requests without a card whose post is due at `now`, longest waiting first. */
  listMissingCards(now: Date, limit: number): Promise<ChangeRequest[]>;
  /** Pending requests whose expiresAt <= now. */
  listExpired(now: Date, limit: number): Promise<ChangeRequest[]>;
  /** Requests in a status last updated before a time (recovery of executions interrupted by a crash). */
  listStuck(status: RequestStatus, updatedBefore: Date, limit: number): Promise<ChangeRequest[]>;
  /** How many requests are in each status (every status present, 0 when none), for the requests gauge. */
  countByStatus(): Promise<Record<RequestStatus, number>>;
}

/** Append-only: no update or delete exists. */
export interface AuditRepo {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  list(filter: { teamId?: SlackTeamId; groupId?: GroupId; limit: number }): Promise<AuditEntry[]>;
  /** Oldest first, in pages, for export. */
  listAfter(afterId: number, limit: number): Promise<AuditEntry[]>;
}

/**
 * Group name reservations: at most one per team and name key (a unique key in storage, so two replicas cannot both
 * hold one). Every change is a compare-and-set on the holder's token; nothing here reads and then writes.
 */
export interface NameReservationRepo {
  /** Inserts the reservation, or returns false (changing nothing) when one exists for its team and name key. */
  insert(reservation: NameReservation): Promise<boolean>;
  get(teamId: SlackTeamId, nameKey: string): Promise<NameReservation | null>;
  /** Replaces the reservation of `next`'s team and name key only while it still carries `token`. */
  swap(token: string, next: NameReservation): Promise<boolean>;
  /** Deletes the reservation only while it still carries `token`. */
  release(teamId: SlackTeamId, nameKey: string, token: string): Promise<boolean>;
  /** Deletes the reservations linked to a group (it was renamed or deleted), except the one under `keepNameKey`. */
  releaseGroup(teamId: SlackTeamId, groupId: GroupId, keepNameKey: string | null): Promise<number>;
}

/** Keys of Slack deliveries already handled, kept for a while so a second delivery of one interaction is recognised. */
export interface DeliveryRepo {
  /** Records the key until `expiresAt`; false when it is already recorded and not yet expired (a duplicate). */
  claim(key: string, now: Date, expiresAt: Date): Promise<boolean>;
  /** Forgets a key, so the same delivery may be handled again (its first handling changed nothing). */
  forget(key: string): Promise<void>;
}

/** The channel problems admins were told about, so each is told once (across replicas), not per request or attempt. */
export interface ChannelAlertRepo {
  /** Notes the problem; true only for the one caller that changed what was on record for that channel. */
  raise(channelId: string, problem: CardPostProblem, at: Date): Promise<boolean>;
  /** The channel works again; true when a problem was on record. */
  clear(channelId: string): Promise<boolean>;
}

/**
 * Time-bound memberships and acting managers. Every change is one compare-and-set statement, so two replicas on one
 * PostgreSQL (or a restart mid-expiry) never both end the same grant.
 */
export interface GrantRepo {
  insert(grant: Grant): Promise<void>;
  get(id: string): Promise<Grant | null>;
  /** The group's active and expiring grants, soonest end first (what `show` and access reviews list). */
  listActiveForGroup(teamId: SlackTeamId, groupId: GroupId): Promise<Grant[]>;
  /** Active and expiring grants of a team, soonest end first; with slackUserId only those they hold or asked for. */
  listActive(teamId: SlackTeamId, filter: { slackUserId?: SlackUserId; limit: number }): Promise<Grant[]>;
  /** Grants due for expiry at `now`: active past their end, or expiring whose lease or retry time has passed. */
  listDue(now: Date, limit: number): Promise<Grant[]>;
  /**
   * Claims a due grant's expiry: active past its end, or expiring past its lease, becomes expiring until leaseUntil
   * with one more attempt. Returns the claimed grant, or null when it is not due or another caller holds it.
   */
  claimExpiry(id: string, claim: { now: Date; leaseUntil: Date }): Promise<Grant | null>;
  /** After a failed attempt (only while that claim still holds it): stays expiring, due again at retryAt. */
  deferExpiry(id: string, attempts: number, failure: { error: string; retryAt: Date }): Promise<boolean>;
  /** Ends an expiring grant, only while the claim that made `attempts` still holds it. */
  finishExpiry(id: string, finish: GrantFinish): Promise<Grant | null>;
  /** Ends an active grant with no DocSpace write (superseded, group deleted); null when it is not active. */
  endActive(id: string, end: { at: Date; outcome: GrantOutcome }): Promise<Grant | null>;
  /** Moves an active grant's end (Renew, or End now with endsAt = now) only while it still ends at fromEndsAt. */
  reschedule(id: string, renewal: GrantRenewal): Promise<Grant | null>;
  /** Active grants whose reminder is due at `now`. */
  listDueReminders(now: Date, limit: number): Promise<Grant[]>;
  /** Takes a due reminder (clears remindAt); true for the one caller that should send it. */
  claimReminder(id: string, now: Date): Promise<boolean>;
}

/** One undo per executed change: the claims on audit entries, and the reads Undo needs of the audit log. */
export interface UndoRepo {
  /** The audit entry with this id, or null. */
  entry(id: number): Promise<AuditEntry | null>;
  /** The newest entry recording an executed change (any change kind or `undo`, succeeded or partial) of a request. */
  executionOf(requestId: RequestId): Promise<AuditEntry | null>;
  /** Stores the claim, or returns false (changing nothing) when the entry already has one: one undo per entry. */
  claim(claim: UndoClaim): Promise<boolean>;
  get(entryId: number): Promise<UndoClaim | null>;
  /** Notes the request filed for the undo, only while the claim still carries `token`. */
  attachRequest(entryId: number, token: string, requestId: RequestId): Promise<boolean>;
  /** Drops the claim (the undo changed nothing, so it may be tried again), only while it still carries `token`. */
  release(entryId: number, token: string): Promise<boolean>;
}

/**
 * Manager handovers waiting for the incoming manager (HANDOVER_ACCEPTANCE=on). At most one waiting per team and group
 * (a unique key in storage); every answer is one compare-and-set `waiting -> …`, so two clicks, a repeated delivery or
 * two replicas lead to one DocSpace write.
 */
export interface HandoverRepo {
  /** Stores a waiting handover; false (nothing stored) when one is already waiting for its team and group. */
  insert(handover: Handover): Promise<boolean>;
  get(id: HandoverId): Promise<Handover | null>;
  /** The waiting handover of this group, if any. */
  findWaiting(teamId: SlackTeamId, groupId: GroupId): Promise<Handover | null>;
  /** The handover an approved request waits on (the newest), if any. */
  findByRequest(requestId: RequestId): Promise<Handover | null>;
  /** The compare-and-set: the updated handover, or null when it was no longer waiting. */
  transition(id: HandoverId, transition: HandoverTransition): Promise<Handover | null>;
  /** What the accepted change did, or why it did not run (after the transition). */
  recordOutcome(id: HandoverId, outcome: string): Promise<void>;
  setDm(id: HandoverId, dm: { channelId: string; ts: string }): Promise<void>;
  /** Waiting handovers whose expiresAt <= now, oldest first. */
  listExpired(now: Date, limit: number): Promise<Handover[]>;
  /** Waiting handovers this person is asked to accept (by Slack or DocSpace id), oldest first: for the App Home. */
  listWaitingFor(
    teamId: SlackTeamId,
    who: { readonly slackUserId: SlackUserId } | { readonly docspaceUserId: DocSpaceUserId },
  ): Promise<Handover[]>;
}

/** Where the incoming manager is asked, and where the requester hears the answer (Slack DMs in production). */
export interface HandoverNotifier {
  /** DMs the incoming manager who asks, which group, its members, with Accept / Decline; returns where it went. */
  askIncoming(handover: Handover): Promise<{ channelId: string; ts: string }>;
  /** Re-renders the Accept / Decline message after the answer (no-op when it has no message). */
  updateAsk(handover: Handover): Promise<void>;
  /** Tells the admin who asked directly how the handover ended (request handovers are told through their request). */
  tellRequester(handover: Handover): Promise<void>;
  /** Re-renders an approved request's card, saying that it waits for the incoming manager to accept. */
  showWaitingOnCard(request: ChangeRequest, handover: Handover): Promise<void>;
}

/** Who has opened the bot's App Home, so a change republishes only the Homes people actually look at. */
export interface HomeViewerRepo {
  /** Notes that this person opened their Home at `at` (inserted once, then its time moves on). */
  record(teamId: SlackTeamId, slackUserId: SlackUserId, at: Date): Promise<void>;
  /** Those of these people who have opened their Home before, in the order given. */
  filterOpened(teamId: SlackTeamId, slackUserIds: readonly SlackUserId[]): Promise<SlackUserId[]>;
}

export interface Storage {
  readonly kind: 'sqlite' | 'postgres' | 'memory';
  readonly mappings: MappingRepo;
  readonly requests: RequestRepo;
  readonly audit: AuditRepo;
  readonly names: NameReservationRepo;
  readonly deliveries: DeliveryRepo;
  readonly alerts: ChannelAlertRepo;
  /** Time-bound memberships and acting managers. */
  readonly grants: GrantRepo;
  readonly undo: UndoRepo;
  readonly handovers: HandoverRepo;
  readonly homes: HomeViewerRepo;
  /** Access reviews and their decisions. */
  readonly reviews: ReviewRepo;
  /** The cheapest query that proves the store answers now (readiness); rejects like any query when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Where approval cards and requester DMs go (Slack in production). Implementations render from the request itself. */
export interface ApprovalNotifier {
  /** Posts the card for a new pending request in the approvals channel. */
  postCard(request: ChangeRequest): Promise<{ channelId: string; ts: string }>;
  /** Re-renders the card in place after any state change (no-op when the request has no card). */
  updateCard(request: ChangeRequest): Promise<void>;
  /** Tells every requester, by DM, the request's current state. */
  notifyRequesters(request: ChangeRequest): Promise<void>;
  /** DMs these admins what is wrong with the approvals channel and how to fix it. */
  tellAdmins(adminIds: readonly SlackUserId[], alert: ChannelAlert): Promise<void>;
}

/** Where grant messages go (Slack DMs in production). Implementations render from the grant itself. */
export interface GrantNotifier {
  /** The reminder before a grant ends, with Renew and End now, to each of these people. */
  remind(grant: Grant, to: readonly SlackUserId[]): Promise<void>;
  /** How a grant ended (grant.outcome), to each of these people. */
  ended(grant: Grant, to: readonly SlackUserId[]): Promise<void>;
  /** Every retry of a grant's expiry failed: these admins must end it by hand. */
  expiryFailed(grant: Grant, adminIds: readonly SlackUserId[]): Promise<void>;
}

/** What postCard throws when Slack refuses or cannot be reached, classified by the adapter; `cause` is Slack's error. */
export interface CardPostError extends Error {
  readonly code: 'card_post_failed';
  readonly problem: CardPostProblem;
  readonly retryAfterSeconds: number | null;
}

export function isCardPostError(error: unknown): error is CardPostError {
  return error instanceof Error && (error as Error & { code?: unknown }).code === 'card_post_failed';
}

/**
 * DRY_RUN: one rehearsal per execution. Its gateway reads DocSpace as usual; its writes are never sent: each is
 * recorded as the call the real client would send, and answered with the group as that call would have left it.
 */
export interface WriteRehearsal {
  open(): RehearsalSession;
}

export interface RehearsalSession {
  readonly gateway: DocSpaceGateway;
  /** The writes recorded so far, in order. */
  calls(): readonly PlannedCall[];
}
