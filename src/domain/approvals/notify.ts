import type { DomainDeps } from '../deps.js';
import type { ChangeRequest } from '../model/request.js';

/** Slack failures never undo or block a state change that storage already made; they are logged with context. */
export async function safely(
  deps: Pick<DomainDeps, 'logger'>,
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
export async function announce(deps: Pick<DomainDeps, 'logger' | 'notifier'>, request: ChangeRequest): Promise<void> {
  await safely(deps, 'update the approval card', request, () => deps.notifier.updateCard(request));
  await safely(deps, 'notify the requester', request, () => deps.notifier.notifyRequesters(request));
}
