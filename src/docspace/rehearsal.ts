import {
  type DocSpaceGateway,
  type DocSpaceUser,
  type DocSpaceUserId,
  type Group,
  isGatewayError,
  type PlannedCall,
  type RehearsalSession,
  toGroupId,
  type WriteOutcome,
  type WriteRehearsal,
} from '../domain/index.js';
import { findIgnored } from './verify.js';
import { type PreparedWrite, prepareWrite } from './writes.js';

/**
 * DRY_RUN: a gateway that reads DocSpace and never writes to it. Each write is built by the same code as the real
 * client's (prepareWrite), recorded as the call it would send, and answered with the group as DocSpace would leave it,
 * from fresh reads: so the flow after a write (reply, card, audit) renders as usual.
 */

type Reads = Pick<
  DocSpaceGateway,
  'getSelf' | 'getUserByEmail' | 'getUserById' | 'searchPeople' | 'listGroups' | 'findGroupsByName' | 'getGroup'
>;

/** The id a group about to be created has in a rehearsal: DocSpace would choose it. */
const NOT_CREATED = toGroupId('00000000-0000-0000-0000-000000000000') as NonNullable<ReturnType<typeof toGroupId>>;

/** Only the reads, picked one by one: nothing that writes can reach a rehearsal or a read-only gateway. */
function readsOf(gateway: DocSpaceGateway): Reads {
  return {
    getSelf: (signal) => gateway.getSelf(signal),
    getUserByEmail: (email, signal) => gateway.getUserByEmail(email, signal),
    getUserById: (id, signal) => gateway.getUserById(id, signal),
    searchPeople: (query, signal) => gateway.searchPeople(query, signal),
    listGroups: (query, signal) => gateway.listGroups(query, signal),
    findGroupsByName: (name, signal) => gateway.findGroupsByName(name, signal),
    getGroup: (id, options, signal) => gateway.getGroup(id, options, signal),
  };
}

function toPlannedCall(prepared: PreparedWrite): PlannedCall {
  const { operation, method, path } = prepared.info;
  if (method === 'GET') throw new Error(`rehearsal: ${operation} is not a write`);
  return { operation, method, path, body: prepared.body };
}

/** The account DocSpace would take as a member or manager, or null where it refuses it (unknown, guest, disabled). */
async function usable(reads: Reads, id: DocSpaceUserId, signal: AbortSignal | undefined): Promise<DocSpaceUser | null> {
  try {
    const user = await reads.getUserById(id, signal);
    return user.status === 'disabled' || user.type === 'guest' ? null : user;
  } catch (error) {
    if (isGatewayError(error) && error.code === 'not_found') return null;
    throw error;
  }
}

/** DocSpace's order within one write: rename, set the manager (who also becomes a member), add, then remove. */
async function groupLeftBy(reads: Reads, prepared: PreparedWrite, signal: AbortSignal | undefined): Promise<Group> {
  const start: Group = prepared.groupId
    ? await reads.getGroup(prepared.groupId, { includeMembers: true }, signal)
    : { id: NOT_CREATED, name: '', manager: null, membersCount: 0, members: [] };
  const { name, managerId, add = [], remove = [] } = prepared.asked;
  let manager = start.manager;
  const members = new Map(start.members.map((m) => [m.id, m]));
  const newcomers = [...(managerId ? [managerId] : []), ...add].filter((id) => !members.has(id));
  const accounts = new Map<string, DocSpaceUser | null>();
  for (const id of new Set(newcomers)) accounts.set(id, await usable(reads, id, signal));
  if (managerId) {
    const next = members.get(managerId) ?? accounts.get(managerId) ?? null;
    if (next) {
      manager = next;
      members.set(next.id, next);
    }
  }
  for (const id of add) {
    const user = members.get(id) ?? accounts.get(id) ?? null;
    if (user) members.set(id, user);
  }
  for (const id of remove) {
    members.delete(id);
    if (manager?.id === id) manager = null;
  }
  const list = [...members.values()];
  return { id: start.id, name: name ?? start.name, manager, membersCount: list.length, members: list };
}

/** One rehearsal per execution, so the calls one change would make are never mixed with another's. */
function openSession(reads: Reads): RehearsalSession {
  const calls: PlannedCall[] = [];
  const rehearse = async (prepared: PreparedWrite, signal: AbortSignal | undefined): Promise<WriteOutcome> => {
    calls.push(toPlannedCall(prepared));
    const group = await groupLeftBy(reads, prepared, signal);
    return { group, ignored: findIgnored(group, prepared.asked) };
  };
  const gateway: DocSpaceGateway = {
    ...reads,
    createGroup: (input, signal) => rehearse(prepareWrite.createGroup(input), signal),
    updateGroup: (id, update, signal) => rehearse(prepareWrite.updateGroup(id, update), signal),
    setManager: (id, userId, signal) => rehearse(prepareWrite.setManager(id, userId), signal),
    addMembers: (id, userIds, signal) => rehearse(prepareWrite.addMembers(id, userIds), signal),
    removeMembers: (id, userIds, signal) => rehearse(prepareWrite.removeMembers(id, userIds), signal),
    deleteGroup: async (id, signal) => {
      const prepared = prepareWrite.deleteGroup(id);
      calls.push(toPlannedCall(prepared));
      // The group must exist for DocSpace to delete it.
      await reads.getGroup(
        prepared.groupId as NonNullable<PreparedWrite['groupId']>,
        { includeMembers: false },
        signal,
      );
    },
  };
  return { gateway, calls: () => [...calls] };
}

/** The rehearsal for dry-run mode over the real gateway, of which it only ever calls reads. */
export function createRehearsal(gateway: DocSpaceGateway): WriteRehearsal {
  const reads = readsOf(gateway);
  return { open: () => openSession(reads) };
}

/**
 * The gateway the rest of the bot gets in dry-run mode: reads pass through, and every write throws before anything is
 * sent. Writes go through a rehearsal instead; this is the backstop should any path ever reach a write.
 */
export function withoutWrites<G extends DocSpaceGateway>(gateway: G): G {
  const refuse = (operation: string) => () => {
    throw new Error(`dry run: ${operation} was not sent (DRY_RUN=true sends no DocSpace write)`);
  };
  return {
    ...gateway,
    createGroup: refuse('createGroup'),
    updateGroup: refuse('updateGroup'),
    setManager: refuse('setManager'),
    addMembers: refuse('addMembers'),
    removeMembers: refuse('removeMembers'),
    deleteGroup: refuse('deleteGroup'),
  };
}
