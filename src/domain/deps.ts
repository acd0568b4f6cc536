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
  /** HANDOVER_ACCEPTANCE and HANDOVER_TTL_HOURS: whether manager changes wait for the incoming manager, and how long. */
  readonly handover: {
    readonly acceptance: boolean;
    readonly ttlMs: number;
    readonly repo: HandoverRepo;
    readonly notifier: HandoverNotifier;
  };
}
