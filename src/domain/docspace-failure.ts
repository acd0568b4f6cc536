import type { DomainFailure } from './failures.js';
import { isGatewayError } from './ports.js';

/**
 * Turns a DocSpace adapter error into the domain failure shown to users; anything else is a bug and is rethrown.
 */
export function toDocSpaceFailure(error: unknown, operation: string): DomainFailure {
  if (!isGatewayError(error)) throw error;
  const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return {
    code: 'docspace_failed',
    kind: error.code,
    operation,
    retryAfterSeconds: typeof retryAfter === 'number' ? retryAfter : null,
  };
}
