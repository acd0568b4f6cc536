import { isDocSpaceAdmin } from './auth.js';
import { groupDto } from './dto.js';
import {
  accessDenied,
  badArgument,
  emptyReply,
  FakeApiError,
  FakeValidationError,
  notFound,
  type Reply,
  successReply,
  userNotFoundMessage,
} from './envelopes.js';
import { addMembers, canBeMember, removeMembers, setManager } from './group-ops.js';
import { type Body, bodyGuid, bodyGuidList, bodyString, checkNameLength, EMPTY_GUID } from './input.js';
import type { Route, RouteContext } from './router.js';
import type { FakeGroupState } from './types.js';

/** G4 POST /group, G5 PUT /group/{id}, G6 DELETE /group/{id}, G10 PUT /group/{id}/manager: owner and admins only. */
export function requireGroupWriter(ctx: RouteContext): void {
  if (!isDocSpaceAdmin(ctx.caller.user)) throw accessDenied();
}

export function groupReply(ctx: RouteContext, group: FakeGroupState): Reply {
  return successReply(ctx.link, groupDto(group, ctx.state.users, { baseUrl: ctx.baseUrl, includeMembers: true }));
}

function requireMember(body: Body, name: string, dto: string): void {
  if (name.toLowerCase() in body) return;
  throw new FakeValidationError({
    $: [
      `JSON deserialization for type 'ASC.People.ApiModels.RequestDto.${dto}' was missing required properties including: '${name}'.`,
    ],
    inDto: ['The inDto field is required.'],
  });
}

function checkCreateName(name: string | null | undefined): string {
  if (name === null || name === undefined) {
    throw new FakeApiError(400, 'argumentNull', "Value cannot be null. (Parameter 'GroupName')");
  }
  if (name.trim() === '') {
    throw badArgument(
      "The value cannot be an empty string or composed entirely of whitespace. (Parameter 'GroupName')",
    );
  }
  return name;
}

const createGroup: Route = {
  method: 'POST',
  pattern: '/group',
  area: 'group',
  body: 'required',
  handle(ctx) {
    requireMember(ctx.body, 'groupName', 'GroupRequestDto');
    const rawName = bodyString(ctx.body, 'groupName');
    if (typeof rawName === 'string') checkNameLength(rawName, 1);
    const rawManager = bodyGuid(ctx.body, 'groupManager');
    const memberIds = bodyGuidList(ctx.body, 'members') ?? [];
    requireGroupWriter(ctx);
    const name = checkCreateName(rawName);
    const managerId = rawManager === EMPTY_GUID ? undefined : rawManager;
    const everyone = managerId ? [managerId, ...memberIds] : memberIds;
    if (!everyone.every((id) => canBeMember(ctx.state.users, id))) throw badArgument(userNotFoundMessage);
    return groupReply(ctx, ctx.state.insertGroup({ name, managerId: managerId ?? null, memberIds }));
  },
};

const updateGroup: Route = {
  method: 'PUT',
  pattern: '/group/{id:guid}',
  area: 'group',
  body: 'required',
  handle(ctx) {
    const name = bodyString(ctx.body, 'groupName');
    if (typeof name === 'string') checkNameLength(name, 0);
    const managerId = bodyGuid(ctx.body, 'groupManager');
    const toAdd = bodyGuidList(ctx.body, 'membersToAdd') ?? [];
    const toRemove = bodyGuidList(ctx.body, 'membersToRemove') ?? [];
    requireGroupWriter(ctx);
    const group = ctx.state.liveGroup(ctx.params['id'] ?? '');
    if (typeof name === 'string') group.name = name;
    if (managerId !== undefined && managerId !== EMPTY_GUID) setManager(group, ctx.state.users, managerId);
    addMembers(group, ctx.state.users, toAdd);
    removeMembers(group, toRemove);
    return groupReply(ctx, group);
  },
};

const deleteGroup: Route = {
  method: 'DELETE',
  pattern: '/group/{id:guid}',
  area: 'group',
  body: 'none',
  handle(ctx) {
    requireGroupWriter(ctx);
    ctx.state.liveGroup(ctx.params['id'] ?? '').removed = true;
    return emptyReply(204);
  },
};

const setGroupManager: Route = {
  method: 'PUT',
  pattern: '/group/{id:guid}/manager',
  area: 'group',
  body: 'required',
  handle(ctx) {
    requireMember(ctx.body, 'userId', 'SetManagerRequestDto');
    const userId = bodyGuid(ctx.body, 'userId') ?? EMPTY_GUID;
    requireGroupWriter(ctx);
    const group = ctx.state.liveGroup(ctx.params['id'] ?? '');
    if (!ctx.state.users.has(userId)) throw notFound(userNotFoundMessage);
    setManager(group, ctx.state.users, userId);
    return groupReply(ctx, group);
  },
};

export const groupWriteRoutes: readonly Route[] = [createGroup, updateGroup, deleteGroup, setGroupManager];
