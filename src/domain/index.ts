export { REQUESTS_MAX_PAGE } from './admin.js';
export { recordAudit } from './audit-log.js';
export type { DomainDeps } from './deps.js';
export { durationProblemText, formatDuration, parseDuration } from './grants/duration.js';
export { GRANT_SWEEP_INTERVAL_MS } from './grants/expire.js';
export {
  GRANT_KINDS,
  GRANT_OUTCOMES,
  GRANT_STATES,
  type Grant,
  type GrantFinish,
  type GrantOutcome,
  type GrantRenewal,
  randomGrantId,
} from './grants/model.js';
export type { ChangeAsk } from './groups/ask.js';
export { editDistance } from './groups/lookup.js';
export type { HomeFacts, HomeList } from './home/facts.js';
export { createHomeService, type HomeService, type HomeSubject } from './home/service.js';
export type { Caller } from './identity/actor.js';
export { createIdentityResolver, lookupDocSpaceUser, unusableReason } from './identity/resolver.js';
export { mapWithConcurrency } from './identity/user-refs.js';
export {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  type AuditEntry,
  type AuditOutcome,
  type NewAuditEntry,
} from './model/audit.js';
export {
  type ApprovalChannelState,
  type CardPostProblem,
  type ChannelAlert,
  type ChannelProblem,
  channelStateOf,
  isChannelProblem,
} from './model/card.js';
export type { DryRunMark, PlannedCall } from './model/dry-run.js';
export type { UndoUnavailableReason } from './model/failures.js';
export {
  type AdminAction,
  DOCSPACE_KEY_SCOPES,
  type DocSpaceFailure,
  type DomainFailure,
  type IdentityFailure,
  type IdentityFailureCode,
} from './model/failures.js';
export {
  type ChangeReport,
  checkGroupName,
  DOCSPACE_USER_STATUSES,
  DOCSPACE_USER_TYPES,
  type DocSpaceUser,
  type DocSpaceUserStatus,
  type DocSpaceUserType,
  GROUP_NAME_MAX,
  type Group,
  type GroupChange,
  type GroupSummary,
  type IgnoredByDocSpace,
  isDocSpaceAdmin,
  type SubmitOutcome,
  type WriteOutcome,
} from './model/group.js';
export {
  HANDOVER_STATUSES,
  type Handover,
  type HandoverId,
  type HandoverTransition,
  toHandoverId,
} from './model/handover.js';
export {
  type DocSpaceUserId,
  type GroupId,
  type GroupRef,
  isGuid,
  isSlackChannelId,
  type LinkTarget,
  type RequestId,
  SLACK_CHANNEL_ID_PATTERN,
  SLACK_USER_ID_PATTERN,
  type SlackTeamId,
  type SlackUserId,
  toDocSpaceUserId,
  toGroupId,
  toRequestId,
  toSlackTeamId,
  toSlackUserId,
  type UserRef,
  userRefKey,
} from './model/ids.js';
export { MAPPING_SOURCES, newMapping, type SaveMappingResult, type UserMapping } from './model/mapping.js';
export {
  type ChangeRequest,
  MAX_ATTEMPTS,
  mayRetry,
  REASON_MAX,
  REQUEST_STATUSES,
  type RequestSnapshot,
  type RequestStatus,
  type RequestTransition,
  randomRequestId,
} from './model/request.js';
export { NAME_RESERVATION_STATES, type NameReservation } from './model/reservation.js';
export { type Err, err, ok, type Result } from './model/result.js';
export type { LeftAlone, UndoClaim, UndoLink, UndoOutcome, UndoTarget } from './model/undo.js';
export { isApprover, type PolicyConfig, type Role } from './policy.js';
export type { GrantNotifier, GrantRepo } from './ports.js';
export {
  type ApprovalNotifier,
  type AuditRepo,
  type CardPostError,
  type ChannelAlertRepo,
  type Clock,
  type DeliveryRepo,
  type DocSpaceGateway,
  type GatewayError,
  type GatewayErrorCode,
  type GroupUpdate,
  type HandoverNotifier,
  type HandoverRepo,
  type HomeViewerRepo,
  isGatewayError,
  type ListGroupsQuery,
  type Logger,
  type MappingRepo,
  type NameReservationRepo,
  type RehearsalSession,
  type RequestRepo,
  type SlackDirectory,
  type SlackProfile,
  type Storage,
  type UndoRepo,
  type WriteRehearsal,
} from './ports.js';
export * from './reviews/index.js';
export { type BotServices, createBotServices } from './services.js';
