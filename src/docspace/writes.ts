import type { DocSpaceGateway, GroupUpdate, WriteOutcome } from '../domain/index.js';
import type { Caller } from './client.js';
import {
  endpoints,
  ID,
  type RequestInfo,
  requireGroupId,
  requireGroupName,
  requireUserId,
  requireUserIds,
} from './requests.js';
import { envelopes } from './schemas.js';
import { type AskedChange, findIgnored } from './verify.js';

/** The write half of the gateway: every write returns the group and what DocSpace silently ignored. */

type WriteOperations = Pick<
  DocSpaceGateway,
  'createGroup' | 'updateGroup' | 'setManager' | 'addMembers' | 'removeMembers' | 'deleteGroup'
>;

type Signal = AbortSignal | undefined;
type CreateInput = Parameters<DocSpaceGateway['createGroup']>[0];
type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/** Drops undefined fields, so no body ever carries null, "" or an absent field as a value. */
function defined<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Defined<T>;
}

const nonEmpty = <T>(list: readonly T[] | undefined): readonly T[] | undefined =>
  list === undefined || list.length === 0 ? undefined : list;

const op = (operation: string, method: RequestInfo['method'], path: string): RequestInfo => ({
  operation,
  method,
  path,
});

async function write(caller: Caller, info: RequestInfo, body: object, asked: AskedChange, signal: Signal) {
  const { response } = await caller.call({ ...info, body, signal }, envelopes.group);
  return { group: response, ignored: findIgnored(response, asked) } satisfies WriteOutcome;
}

function createGroup(caller: Caller, input: CreateInput, signal: Signal): Promise<WriteOutcome> {
  const info = op('createGroup', 'POST', endpoints.groups());
  const asked = defined({
    name: requireGroupName(info, input.name),
    managerId: input.managerId === undefined ? undefined : requireUserId(info, input.managerId, 'managerId'),
    add: input.memberIds === undefined ? undefined : requireUserIds(info, input.memberIds, 'memberIds'),
  });
  const body = defined({ groupName: asked.name, groupManager: asked.managerId, members: asked.add });
  return write(caller, info, body, asked, signal);
}

/** One PUT /group/{id}: DocSpace renames, sets the manager, adds, then removes (so remove wins). */
function updateGroup(caller: Caller, id: string, update: GroupUpdate, signal: Signal): Promise<WriteOutcome> {
  const template = op('updateGroup', 'PUT', endpoints.group(ID));
  const groupId = requireGroupId(template, id);
  const asked = defined({
    name: update.name === undefined ? undefined : requireGroupName(template, update.name),
    managerId: update.managerId === undefined ? undefined : requireUserId(template, update.managerId, 'managerId'),
    add: nonEmpty(update.add === undefined ? undefined : requireUserIds(template, update.add, 'add')),
    remove: nonEmpty(update.remove === undefined ? undefined : requireUserIds(template, update.remove, 'remove')),
  });
  const body = defined({
    groupName: asked.name,
    groupManager: asked.managerId,
    membersToAdd: asked.add,
    membersToRemove: asked.remove,
  });
  return write(caller, { ...template, path: endpoints.group(groupId) }, body, asked, signal);
}

function setManager(caller: Caller, id: string, userId: string, signal: Signal): Promise<WriteOutcome> {
  const template = op('setManager', 'PUT', endpoints.groupManager(ID));
  const groupId = requireGroupId(template, id);
  const managerId = requireUserId(template, userId, 'userId');
  const info = { ...template, path: endpoints.groupManager(groupId) };
  return write(caller, info, { userId: managerId }, { managerId }, signal);
}

/** PUT adds, DELETE removes; both always send `{members: [...]}` (a null list is a 500 on PUT). */
function changeMembers(
  caller: Caller,
  kind: 'add' | 'remove',
  id: string,
  userIds: readonly string[],
  signal: Signal,
): Promise<WriteOutcome> {
  const template =
    kind === 'add'
      ? op('addMembers', 'PUT', endpoints.groupMembers(ID))
      : op('removeMembers', 'DELETE', endpoints.groupMembers(ID));
  const groupId = requireGroupId(template, id);
  const members = requireUserIds(template, userIds, 'userIds');
  const info = { ...template, path: endpoints.groupMembers(groupId) };
  return write(caller, info, { members }, kind === 'add' ? { add: members } : { remove: members }, signal);
}

/** 204 without a body on current servers; a 200 envelope is accepted too. */
async function deleteGroup(caller: Caller, id: string, signal: Signal): Promise<void> {
  const groupId = requireGroupId(op('deleteGroup', 'DELETE', endpoints.group(ID)), id);
  await caller.callAllowingEmpty({ ...op('deleteGroup', 'DELETE', endpoints.group(groupId)), signal });
}

export function createWriteOperations(caller: Caller): WriteOperations {
  return {
    createGroup: (input, signal) => createGroup(caller, input, signal),
    updateGroup: (id, update, signal) => updateGroup(caller, id, update, signal),
    setManager: (id, userId, signal) => setManager(caller, id, userId, signal),
    addMembers: (id, userIds, signal) => changeMembers(caller, 'add', id, userIds, signal),
    removeMembers: (id, userIds, signal) => changeMembers(caller, 'remove', id, userIds, signal),
    deleteGroup: (id, signal) => deleteGroup(caller, id, signal),
  };
}
