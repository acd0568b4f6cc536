import type { IdentityFailure } from '../model/failures.js';
import type { DocSpaceUser } from '../model/group.js';
import type { SlackTeamId } from '../model/ids.js';
import { type UserRef, userRefKey } from '../model/ids.js';
import { ok } from '../model/result.js';
import type { DocSpaceGateway } from '../ports.js';
import { findUsableDocSpaceUser, type IdentityResolver } from './resolver.js';

export const RESOLVE_CONCURRENCY = 8;

export interface ResolvedUsers {
  /** userRefKey(ref) -> DocSpace user, for every ref that resolved. */
  readonly byKey: ReadonlyMap<string, DocSpaceUser>;
  readonly failures: readonly IdentityFailure[];
}

/**
 * Resolves the users named in one command: each distinct ref once, at most RESOLVE_CONCURRENCY look-ups at a time.
 */
export async function resolveUserRefs(
  deps: { identity: IdentityResolver; docspace: DocSpaceGateway },
  teamId: SlackTeamId,
  refs: readonly UserRef[],
  concurrency = RESOLVE_CONCURRENCY,
): Promise<ResolvedUsers> {
  const unique = [...new Map(refs.map((r) => [userRefKey(r), r])).values()];
  const results = await mapWithConcurrency(unique, concurrency, async (ref) => {
    if (ref.kind === 'email') {
      return findUsableDocSpaceUser(() => deps.docspace.getUserByEmail(ref.email), { kind: 'email', email: ref.email });
    }
    const resolved = await deps.identity.resolve(teamId, ref.id);
    return resolved.ok ? ok(resolved.value.user) : resolved;
  });
  const byKey = new Map<string, DocSpaceUser>();
  const failures: IdentityFailure[] = [];
  results.forEach((result, i) => {
    if (result.ok) byKey.set(userRefKey(unique[i] as UserRef), result.value);
    else failures.push(result.error);
  });
  return { byKey, failures };
}

/** Maps items with at most `limit` promises in flight; results keep the input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
