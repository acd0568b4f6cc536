import type { GrantSettings } from './grants/settings.js';
import type { IdentityResolver } from './identity/resolver.js';
import type { RequestId } from './model/ids.js';
import type { PolicyConfig } from './policy.js';
import type {
  ApprovalNotifier,
  AuditRepo,
  ChannelAlertRepo,
  Clock,
  DocSpaceGateway,
  HandoverNotifier,
  HandoverRepo,
  Logger,
  MappingRepo,
  NameReservationRepo,
  RequestRepo,
  SlackDirectory,
  UndoRepo,
  WriteRehearsal,
} from './ports.js';

/** Everything the use cases need, built once by the container; each use case reads only what it uses. */
export interface DomainDeps {
  readonly requests: RequestRepo;
  readonly audit: AuditRepo;
  /** Which approvals-channel problems admins were already told about. */
  readonly alerts: ChannelAlertRepo;
  readonly mappings: MappingRepo;
  readonly names: NameReservationRepo;
  readonly slack: SlackDirectory;
  readonly docspace: DocSpaceGateway;
  readonly notifier: ApprovalNotifier;
  readonly identity: IdentityResolver;
  readonly policy: PolicyConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly requestTtlMs: number;
  readonly newRequestId: () => RequestId;
  /** An execution still running after this long first shows an "approved, applying…" card. */
  readonly interimCardDelayMs: number;
  /** MAX_PENDING_PER_REQUESTER and MAX_PEOPLE_PER_CHANGE: floods are refused with a reply that names the limit. */
  readonly limits: { readonly maxPendingPerRequester: number; readonly maxPeoplePerChange: number };
  /** Undo claims (one per executed change) and the audit reads Undo needs. */
  readonly undo: UndoRepo;
  /** UNDO_WINDOW_MINUTES: how long after a change its Undo works. */
  readonly undoWindowMs: number;
  /** Time-bound access (grants); absent: durations are refused. */
  readonly grants?: GrantSettings;
  /** DRY_RUN: present in dry-run mode, when every change is rehearsed through it and nothing is written. */
  readonly rehearsal?: WriteRehearsal;
  /** HANDOVER_ACCEPTANCE and HANDOVER_TTL_HOURS: whether manager changes wait for the incoming manager, and how long. */
  readonly handover: {
    readonly acceptance: boolean;
    readonly ttlMs: number;
    readonly repo: HandoverRepo;
    readonly notifier: HandoverNotifier;
  };
}

/** Whether the bot runs in dry-run mode (DRY_RUN=true): it reads DocSpace but never writes to it. */
export function isDryRun(deps: { readonly rehearsal?: WriteRehearsal | undefined }): boolean {
  return deps.rehearsal !== undefined;
}
