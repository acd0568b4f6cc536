import { badArgument, FakeApiError } from './envelopes.js';
import { addMembers, canBeMember, removeMembers } from './group-ops.js';
import { groupReply, requireGroupWriter } from './group-write-routes.js';
import { bodyGuidList } from './input.js';
import type { Route } from './router.js';

/** G7 PUT (add), G8 DELETE (remove) and G9 POST (replace) /group/{id}/members, all with a MembersRequest body. */

const addGroupMembers: Route = {
  method: 'PUT',
  pattern: '/group/{id:guid}/members',
  area: 'group',
  body: 'required',
  handle(ctx) {
    const members = bodyGuidList(ctx.body, 'members');
    requireGroupWriter(ctx);
    const group = ctx.state.liveGroup(ctx.params['id'] ?? '');
    // Bug 81484, still in HEAD: `inDto.Members.Members` is dereferenced without a null check.
    if (members === null || members === undefined) {
      throw new FakeApiError(500, 'nullReference', 'Object reference not set to an instance of an object.');
    }
    addMembers(group, ctx.state.users, members);
    return groupReply(ctx, group);
  },
};

const removeGroupMembers: Route = {
  method: 'DELETE',
  pattern: '/group/{id:guid}/members',
  area: 'group',
  body: 'required',
  handle(ctx) {
    const members = bodyGuidList(ctx.body, 'members') ?? [];
    requireGroupWriter(ctx);
    const group = ctx.state.liveGroup(ctx.params['id'] ?? '');
    removeMembers(group, members);
    return groupReply(ctx, group);
  },
};

/** Replace: every current member (manager included, so the manager is cleared) out, the valid new ones in. */
const replaceGroupMembers: Route = {
  method: 'POST',
  pattern: '/group/{id:guid}/members',
  area: 'group',
  body: 'required',
  handle(ctx) {
    const members = bodyGuidList(ctx.body, 'members') ?? [];
    requireGroupWriter(ctx);
    const group = ctx.state.liveGroup(ctx.params['id'] ?? '');
    const valid = members.filter((id) => canBeMember(ctx.state.users, id));
    if (valid.length === 0) throw badArgument('Members');
    removeMembers(group, [...group.memberIds]);
    group.managerId = null;
    addMembers(group, ctx.state.users, valid);
    return groupReply(ctx, group);
  },
};

export const groupMemberRoutes: readonly Route[] = [addGroupMembers, removeGroupMembers, replaceGroupMembers];
