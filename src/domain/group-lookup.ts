import { toDocSpaceFailure } from './docspace-failure.js';
import type { DomainFailure } from './failures.js';
import type { Group, GroupSummary } from './group.js';
import type { DocSpaceGateway } from './ports.js';
import { isGatewayError } from './ports.js';
import type { GroupRef } from './refs.js';
import { err, ok, type Result } from './result.js';
import { closestNames } from './similarity.js';

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
    return err(toDocSpaceFailure(error, 'find the group'));
  }
}
