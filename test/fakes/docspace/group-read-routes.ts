import { canReadGroups } from './auth.js';
import { groupDto, groupSummaryDto, visibleMembers } from './dto.js';
import { accessDenied, successReply } from './envelopes.js';
import { queryBool, queryCount, queryGuid, queryInt, querySortDescending } from './input.js';
import type { Route, RouteContext } from './router.js';
import type { FakeGroupState } from './types.js';

/** G1 GET /group, G2 GET /group/{id}, G3 GET /group/user/{userid}: owner, admins and room admins only. */
function requireGroupReader(ctx: RouteContext): void {
  if (!canReadGroups(ctx.caller.user)) throw accessDenied();
}

function liveGroups(ctx: RouteContext): FakeGroupState[] {
  return [...ctx.state.groups.values()].filter((g) => !g.removed);
}

type SortKey = (group: FakeGroupState) => string | number;

function sortKeyFor(ctx: RouteContext, sortBy: string): SortKey {
  const users = ctx.state.users;
  if (sortBy === 'membersCount') return (g) => visibleMembers(g, users).length;
  if (sortBy === 'manager') {
    return (g) => {
      const manager = g.managerId ? users.get(g.managerId) : undefined;
      return manager ? `${manager.firstName} ${manager.lastName}` : '';
    };
  }
  return (g) => g.name;
}

function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { sensitivity: 'base' });
}

function filterGroups(ctx: RouteContext, groups: FakeGroupState[]): FakeGroupState[] {
  const text = (ctx.query['filtervalue'] ?? '').trim().toLowerCase();
  const userId = queryGuid(ctx.query, 'userId');
  const managedOnly = queryBool(ctx.query, 'manager', false);
  return groups.filter((g) => {
    if (text && !g.name.toLowerCase().includes(text)) return false;
    if (userId === undefined) return true;
    return managedOnly ? g.managerId === userId : g.memberIds.includes(userId);
  });
}

const listGroups: Route = {
  method: 'GET',
  pattern: '/group',
  area: 'group',
  body: 'none',
  handle(ctx) {
    const count = queryCount(ctx.query);
    const startIndex = Math.max(0, queryInt(ctx.query, 'startIndex', 0));
    const descending = querySortDescending(ctx.query);
    const matches = filterGroups(ctx, liveGroups(ctx));
    requireGroupReader(ctx);
    const raw = ctx.query['sortby']?.trim().toLowerCase();
    const key = sortKeyFor(ctx, raw === 'manager' ? 'manager' : raw === 'memberscount' ? 'membersCount' : 'title');
    const sorted = matches.sort((a, b) => compareKeys(key(a), key(b)) * (descending ? -1 : 1));
    const page = sorted.slice(startIndex, startIndex + count);
    const payload = page.map((g) => groupDto(g, ctx.state.users, { baseUrl: ctx.baseUrl, includeMembers: false }));
    return successReply(ctx.link, payload, { total: matches.length });
  },
};

const getGroup: Route = {
  method: 'GET',
  pattern: '/group/{id:guid}',
  area: 'group',
  body: 'none',
  handle(ctx) {
    const includeMembers = queryBool(ctx.query, 'includeMembers', true);
    requireGroupReader(ctx);
    const group = ctx.state.liveGroup(ctx.params['id'] ?? '');
    return successReply(ctx.link, groupDto(group, ctx.state.users, { baseUrl: ctx.baseUrl, includeMembers }));
  },
};

const groupsOfUser: Route = {
  method: 'GET',
  pattern: '/group/user/{userid:guid}',
  area: 'group',
  body: 'none',
  handle(ctx) {
    requireGroupReader(ctx);
    const userId = ctx.params['userid'] ?? '';
    const groups = liveGroups(ctx).filter((g) => g.memberIds.includes(userId));
    return successReply(
      ctx.link,
      groups.map((g) => groupSummaryDto(g, ctx.state.users)),
    );
  },
};

export const groupReadRoutes: readonly Route[] = [listGroups, groupsOfUser, getGroup];
