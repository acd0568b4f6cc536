import type { DomainFailure } from '../model/failures.js';
import { readFailure } from '../model/failures.js';
import type { Group, GroupSummary } from '../model/group.js';
import type { GroupRef } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';
import type { DocSpaceGateway } from '../ports.js';
import { isGatewayError } from '../ports.js';

async function suggest(docspace: DocSpaceGateway, name: string): Promise<string[]> {
  const words = name.split(/\s+/).filter((w) => w.length >= 3);
  const longest = words.sort((a, b) => b.length - a.length)[0];
  const filtered = longest ? await docspace.listGroups({ filterValue: longest, count: 100 }) : { groups: [] };
  const pool = filtered.groups.length > 0 ? filtered.groups : (await docspace.listGroups({ count: 100 })).groups;
  return closestNames(
    name,
    pool.map((g) => g.name),
  );
}

async function byId(docspace: DocSpaceGateway, ref: Extract<GroupRef, { kind: 'id' }>, withMembers: boolean) {
  try {
    return ok(await docspace.getGroup(ref.id, { includeMembers: withMembers }));
  } catch (error) {
    if (isGatewayError(error) && error.code === 'not_found') {
      return err<DomainFailure>({ code: 'group_not_found', query: ref.id, suggestions: [] });
    }
    throw error;
  }
}

/**
 * Finds the one group a command means. A name matching several groups is ambiguous (names are not unique);
 * a name matching none comes back with close names. With `withMembers` the result carries members.
 */
export async function resolveGroup(
  docspace: DocSpaceGateway,
  ref: GroupRef,
  options: { withMembers: boolean },
): Promise<Result<Group | GroupSummary, DomainFailure>> {
  try {
    if (ref.kind === 'id') return await byId(docspace, ref, options.withMembers);
    const matches = await docspace.findGroupsByName(ref.name);
    if (matches.length === 0) {
      return err({ code: 'group_not_found', query: ref.name, suggestions: await suggest(docspace, ref.name) });
    }
    if (matches.length > 1) return err({ code: 'group_ambiguous', query: ref.name, matches });
    const only = matches[0] as GroupSummary;
    return options.withMembers ? await byId(docspace, { kind: 'id', id: only.id }, true) : ok(only);
  } catch (error) {
    return err(readFailure(error, 'find_group'));
  }
}

/** Edit distance with a cap: returns cap + 1 as soon as the distance must exceed it. */
export function editDistance(a: string, b: string, cap = 64): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > cap) return cap + 1;
    prev = row;
  }
  return prev[b.length] ?? cap + 1;
}

/**
 * The one name comparison of the domain: surrounding spaces and letter case do not make two names different. Close-name
 * suggestions and name reservations both compare names by this key.
 */
export function groupNameKey(name: string): string {
  return name.trim().toLowerCase();
}

/** Candidates close to the query, best first: same letters ignoring case, containment, then small edit distance. */
function closestNames(query: string, candidates: readonly string[], max = 5): string[] {
  const q = groupNameKey(query);
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of new Set(candidates)) {
    const n = groupNameKey(name);
    const cap = Math.max(2, Math.floor(q.length / 3));
    let score: number;
    if (n === q) score = 0;
    else if (n.includes(q) || q.includes(n)) score = 1;
    else score = 2 + editDistance(q, n, cap);
    if (score <= 2 + cap) scored.push({ name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
}
