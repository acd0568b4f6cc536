import type { DomainFailure } from './failures.js';
import type { IdentityResolver } from './identity.js';
import type { RequestId } from './ids.js';
import type { PolicyConfig } from './policy.js';
import type {
  ApprovalNotifier,
  AuditRepo,
  ChangeRequest,
  Clock,
  DocSpaceGateway,
  Logger,
  RequestRepo,
} from './ports.js';

export interface ApprovalDeps {
  readonly requests: RequestRepo;
  readonly audit: AuditRepo;
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
}

/** First approval plus at most one Retry. */
export const MAX_ATTEMPTS = 2;

/** Slack failures never undo or block a state change that storage already made; they are logged with context. */
export async function safely(
  deps: Pick<ApprovalDeps, 'logger'>,
  what: string,
  request: ChangeRequest,
  fn: () => Promise<unknown>,
) {
  try {
    await fn();
    return null;
  } catch (error) {
    deps.logger.error({ err: error, requestId: request.id, status: request.status }, `could not ${what}`);
    return error instanceof Error ? error.message : String(error);
  }
}

/** After a state change: re-render the card, then tell the requesters; Slack failures are logged, never thrown. */
export async function announce(deps: Pick<ApprovalDeps, 'logger' | 'notifier'>, request: ChangeRequest): Promise<void> {
  await safely(deps, 'update the approval card', request, () => deps.notifier.updateCard(request));
  await safely(deps, 'notify the requester', request, () => deps.notifier.notifyRequesters(request));
}

/** The failure to show someone acting on a request that is no longer pending. */
export function notPendingFailure(request: ChangeRequest): DomainFailure {
  if (request.status === 'expired') return { code: 'request_expired', requestId: request.id };
  return {
    code: 'already_decided',
    requestId: request.id,
    status: request.status,
    decidedBy: request.decidedBy,
    decidedAt: request.decidedAt,
  };
}

/** Random, URL-safe, upper-case request ids like R7KQ2M9XA4. */
export function randomRequestId(): RequestId {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(10));
  return `R${Array.from(bytes, (b) => alphabet[b % 32]).join('')}` as RequestId;
}
