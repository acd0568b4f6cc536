import { canReadGroups, canView, isDocSpaceAdmin } from './auth.js';
import { employeeFullDto } from './dto.js';
import {
  accessDenied,
  badArgument,
  FakeValidationError,
  notFound,
  type Reply,
  successReply,
  userNotFoundMessage,
} from './envelopes.js';
import { parseRouteGuid, queryCount, queryInt } from './input.js';
import type { Route, RouteContext } from './router.js';
import type { UserRecord } from './types.js';

/** GET /people/email, /people/@self, /people/search, /people/filter and /people/{userid}. */

function profileReply(ctx: RouteContext, user: UserRecord, self = false): Reply {
  const groups = [...ctx.state.groups.values()].filter((g) => !g.removed && g.memberIds.includes(user.id));
  return successReply(ctx.link, employeeFullDto(user, ctx.baseUrl, { self, groups }));
}

function listReply(ctx: RouteContext, users: readonly UserRecord[], total?: number): Reply {
  const payload = users.map((u) => employeeFullDto(u, ctx.baseUrl));
  return successReply(ctx.link, payload, total === undefined ? {} : { total });
}

function visibleProfile(ctx: RouteContext, user: UserRecord | undefined): Reply {
  if (!user) throw notFound(userNotFoundMessage);
  if (!canView(ctx.caller.user, user)) throw accessDenied();
  return profileReply(ctx, user);
}

/** EmailAddressAttribute: exactly one '@', neither first nor last, no line breaks. */
function isEmailAddress(value: string): boolean {
  const at = value.indexOf('@');
  return at > 0 && at === value.lastIndexOf('@') && at < value.length - 1 && !/[\r\n]/.test(value);
}

function checkEmailParameter(raw: string): void {
  if (raw.length > 255) {
    throw new FakeValidationError({ Email: ['The field Email must be a string with a maximum length of 255.'] });
  }
  if (!isEmailAddress(raw))
    throw new FakeValidationError({ Email: ['The Email field is not a valid e-mail address.'] });
}

const byEmail: Route = {
  method: 'GET',
  pattern: '/people/email',
  area: 'people',
  body: 'none',
  handle(ctx) {
    const raw = ctx.query['email'] ?? '';
    if (raw !== '') checkEmailParameter(raw);
    const email = raw.trim();
    if (email === '') throw badArgument("Value cannot be null or empty. (Parameter 'email')");
    const same = ctx.emailCaseSensitive
      ? (u: UserRecord) => u.email === email
      : (u: UserRecord) => u.email.toLowerCase() === email.toLowerCase();
    return visibleProfile(ctx, [...ctx.state.users.values()].find(same));
  },
};

const self: Route = {
  method: 'GET',
  pattern: '/people/@self',
  area: 'people',
  body: 'none',
  handle: (ctx) => profileReply(ctx, ctx.caller.user, true),
};

function matchesEveryWord(user: UserRecord, text: string): boolean {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const fields = [user.firstName, user.lastName, user.email].map((f) => f.toLowerCase());
  return words.every((word) => fields.some((field) => field.includes(word)));
}

/** Admins only; active users only; no paging. */
const search: Route = {
  method: 'GET',
  pattern: '/people/search',
  area: 'people',
  body: 'none',
  handle(ctx) {
    if (!isDocSpaceAdmin(ctx.caller.user)) throw accessDenied();
    const text = ctx.query['query'] ?? '';
    if (text.trim() === '') return listReply(ctx, []);
    const found = [...ctx.state.users.values()].filter((u) => u.status === 'active' && matchesEveryWord(u, text));
    return listReply(ctx, found);
  },
};

/** Owner, admins and room admins; admins see every status, room admins no disabled users. Paged, with total. */
const filter: Route = {
  method: 'GET',
  pattern: '/people/filter',
  area: 'people',
  body: 'none',
  handle(ctx) {
    const count = queryCount(ctx.query);
    const startIndex = Math.max(0, queryInt(ctx.query, 'startIndex', 0));
    if (!canReadGroups(ctx.caller.user)) throw accessDenied();
    const text = ctx.query['filtervalue'] ?? '';
    const seesDisabled = isDocSpaceAdmin(ctx.caller.user);
    const matches = [...ctx.state.users.values()]
      .filter((u) => (seesDisabled || u.status !== 'disabled') && matchesEveryWord(u, text))
      .sort((a, b) => `${a.firstName} ${a.lastName}`.localeCompare(`${b.firstName} ${b.lastName}`, 'en'));
    return listReply(ctx, matches.slice(startIndex, startIndex + count), matches.length);
  },
};

/** `userid` is a GUID or a userName. */
const byId: Route = {
  method: 'GET',
  pattern: '/people/{userid}',
  area: 'people',
  body: 'none',
  handle(ctx) {
    const raw = ctx.params['userid'] ?? '';
    const id = parseRouteGuid(raw);
    const users = [...ctx.state.users.values()];
    const user = id ? ctx.state.users.get(id) : users.find((u) => u.userName.toLowerCase() === raw.toLowerCase());
    return visibleProfile(ctx, user);
  },
};

export const peopleRoutes: readonly Route[] = [byEmail, self, search, filter, byId];
