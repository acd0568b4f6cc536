import type { DocSpaceGateway, GroupId, GroupUpdate, WriteOutcome } from '../domain/index.js';
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

/** A write as it will be sent: checked before any call, so a rehearsal (DRY_RUN) lists exactly the real request. */
export interface PreparedWrite {
  readonly info: RequestInfo;
  /** The JSON body; null when the call has none (DELETE /group/{id}). */
  readonly body: object | null;
  /** What the write asks DocSpace to do, to compare with the group it answers. */
  readonly asked: AskedChange;
  /** The group written to; null for a create. */
  readonly groupId: GroupId | null;
}

function prepareCreate(input: CreateInput): PreparedWrite {
  const info = op('createGroup', 'POST', endpoints.groups());
  const asked = defined({
    name: requireGroupName(info, input.name),
    managerId: input.managerId === undefined ? undefined : requireUserId(info, input.managerId, 'managerId'),
    add: input.memberIds === undefined ? undefined : requireUserIds(info, input.memberIds, 'memberIds'),
  });
  const body = defined({ groupName: asked.name, groupManager: asked.managerId, members: asked.add });
  return { info, body, asked, groupId: null };
}

/** One PUT /group/{id}: DocSpace renames, sets the manager, adds, then removes (so remove wins). */
function prepareUpdate(id: string, update: GroupUpdate): PreparedWrite {
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
  return { info: { ...template, path: endpoints.group(groupId) }, body, asked, groupId };
}

function prepareSetManager(id: string, userId: string): PreparedWrite {
  const template = op('setManager', 'PUT', endpoints.groupManager(ID));
  const groupId = requireGroupId(template, id);
  const managerId = requireUserId(template, userId, 'userId');
  const info = { ...template, path: endpoints.groupManager(groupId) };
  return { info, body: { userId: managerId }, asked: { managerId }, groupId };
}

/** PUT adds, DELETE removes; both always send `{members: [...]}` (a null list is a 500 on PUT). */
function prepareMembers(kind: 'add' | 'remove', id: string, userIds: readonly string[]): PreparedWrite {
  const template =
    kind === 'add'
      ? op('addMembers', 'PUT', endpoints.groupMembers(ID))
      : op('removeMembers', 'DELETE', endpoints.groupMembers(ID));
  const groupId = requireGroupId(template, id);
  const members = requireUserIds(template, userIds, 'userIds');
  const info = { ...template, path: endpoints.groupMembers(groupId) };
  return { info, body: { members }, asked: kind === 'add' ? { add: members } : { remove: members }, groupId };
}

function prepareDelete(id: string): PreparedWrite {
  const groupId = requireGroupId(op('deleteGroup', 'DELETE', endpoints.group(ID)), id);
  return { info: op('deleteGroup', 'DELETE', endpoints.group(groupId)), body: null, asked: {}, groupId };
}

/** Each gateway write as the request it sends; every input check runs here, before any call. */
export const prepareWrite = {
  createGroup: prepareCreate,
  updateGroup: prepareUpdate,
  setManager: prepareSetManager,
  addMembers: (id: string, userIds: readonly string[]) => prepareMembers('add', id, userIds),
  removeMembers: (id: string, userIds: readonly string[]) => prepareMembers('remove', id, userIds),
  deleteGroup: prepareDelete,
} as const;

async function write(caller: Caller, prepared: PreparedWrite, signal: Signal): Promise<WriteOutcome> {
  const { response } = await caller.call({ ...prepared.info, body: prepared.body, signal }, envelopes.group);
  return { group: response, ignored: findIgnored(response, prepared.asked) } satisfies WriteOutcome;
}

/** 204 without a body on current servers; a 200 envelope is accepted too. */
async function deleteGroup(caller: Caller, id: string, signal: Signal): Promise<void> {
  await caller.callAllowingEmpty({ ...prepareDelete(id).info, signal });
}

export function createWriteOperations(caller: Caller): WriteOperations {
  return {
    createGroup: (input, signal) => write(caller, prepareCreate(input), signal),
    updateGroup: (id, update, signal) => write(caller, prepareUpdate(id, update), signal),
    setManager: (id, userId, signal) => write(caller, prepareSetManager(id, userId), signal),
    addMembers: (id, userIds, signal) => write(caller, prepareMembers('add', id, userIds), signal),
    removeMembers: (id, userIds, signal) => write(caller, prepareMembers('remove', id, userIds), signal),
    deleteGroup: (id, signal) => deleteGroup(caller, id, signal),
  };
}
