import { z } from 'zod';
import type { DocSpaceUser, DocSpaceUserStatus, DocSpaceUserType, Group, GroupSummary } from '../domain/index.js';
import { toDocSpaceUserId, toGroupId } from '../domain/index.js';

/**
 * Zod schemas for what DocSpace answers, mapped straight to domain types. Unknown fields are stripped,
 * nullable fields may be omitted (DocSpace drops nulls), and a non-GUID id is schema drift.
 */

const idIssue = (kind: string, value: string) => `not a ${kind} GUID: ${JSON.stringify(value.slice(0, 60))}`;

const userIdSchema = z.string().transform((value, ctx) => {
  const id = toDocSpaceUserId(value);
  if (id !== null) return id;
  ctx.addIssue({ code: 'custom', message: idIssue('user', value) });
  return z.NEVER;
});

const groupIdSchema = z.string().transform((value, ctx) => {
  const id = toGroupId(value);
  if (id !== null) return id;
  ctx.addIssue({ code: 'custom', message: idIssue('group', value) });
  return z.NEVER;
});

const STATUS: Readonly<Record<1 | 2 | 4, DocSpaceUserStatus>> = { 1: 'active', 2: 'disabled', 4: 'pending' };

const employeeDtoSchema = z.object({
  id: userIdSchema,
  displayName: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  email: z.string().nullish(),
  status: z.union([z.literal(1), z.literal(2), z.literal(4)]),
  isOwner: z.boolean().nullish(),
  isAdmin: z.boolean().nullish(),
  isRoomAdmin: z.boolean().nullish(),
  isVisitor: z.boolean().nullish(),
});

type EmployeeDto = z.infer<typeof employeeDtoSchema>;

function userTypeOf(dto: EmployeeDto): DocSpaceUserType {
  if (dto.isOwner === true) return 'owner';
  if (dto.isAdmin === true) return 'admin';
  if (dto.isRoomAdmin === true) return 'room_admin';
  if (dto.isVisitor === true) return 'guest';
  return 'user';
}

// DocSpace HTML-encodes `displayName` (e.g. `O&#39;Brien`); decodeHtmlEntities undoes it in one pass.
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g;

function fromCodePoint(codePoint: number, original: string): string {
  const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
  if (codePoint === 0 || codePoint > 0x10ffff || isSurrogate) return original;
  return String.fromCodePoint(codePoint);
}

/** Decodes &amp; &lt; &gt; &quot; &apos; and numeric (&#39; &#x27;) references; anything else is left as is. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (match, name?: string, decimal?: string, hex?: string) => {
    if (name !== undefined) return NAMED[name] ?? match;
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10), match);
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16), match);
    return match;
  });
}

function displayNameOf(dto: EmployeeDto, email: string | null): string {
  const decoded = decodeHtmlEntities(dto.displayName ?? '').trim();
  if (decoded.length > 0) return decoded;
  const built = [dto.firstName, dto.lastName].filter((part) => part != null && part.length > 0).join(' ');
  return built.length > 0 ? built : (email ?? dto.id);
}

function toDocSpaceUser(dto: EmployeeDto): DocSpaceUser {
  const email = dto.email == null || dto.email.trim() === '' ? null : dto.email.trim().toLowerCase();
  return {
    id: dto.id,
    displayName: displayNameOf(dto, email),
    email,
    status: STATUS[dto.status],
    type: userTypeOf(dto),
  };
}

export const userSchema = employeeDtoSchema.transform(toDocSpaceUser);

const groupDtoSchema = z.object({
  id: groupIdSchema,
  name: z.string().nullish(),
  manager: userSchema.nullish(),
  members: z.array(userSchema).nullish(),
  membersCount: z.number().int().nonnegative().nullish(),
});

type GroupDto = z.infer<typeof groupDtoSchema>;

function toGroup(dto: GroupDto): Group {
  const members = dto.members ?? [];
  return {
    id: dto.id,
    name: dto.name ?? '',
    manager: dto.manager ?? null,
    membersCount: dto.membersCount ?? members.length,
    members,
  };
}

function toGroupSummary(dto: GroupDto): GroupSummary {
  const { members: _members, ...summary } = toGroup(dto);
  return summary;
}

const groupSchema = groupDtoSchema.transform(toGroup);
const groupSummarySchema = groupDtoSchema.transform(toGroupSummary);

/** `{response, count, total?, links?, status: 0, statusCode}` around a payload. */
function successEnvelope<T extends z.ZodType>(response: T) {
  return z.object({
    response,
    count: z.number().int().nullish(),
    total: z.number().int().nonnegative().nullish(),
    links: z.array(z.object({ href: z.string().nullish(), action: z.string().nullish() })).nullish(),
    status: z.literal(0),
    statusCode: z.number().int().nullish(),
  });
}

/** Thrown-exception shape: only message, status and statusCode are relied on. */
export const errorEnvelopeSchema = z.object({
  error: z.object({ message: z.string().nullish() }),
  status: z.literal(1),
  statusCode: z.number().int().nullish(),
});

/** Model-validation shape: a ProblemDetails inside the success envelope with status 1. */
export const validationEnvelopeSchema = z.object({
  response: z.object({
    title: z.string().nullish(),
    errors: z.record(z.string(), z.array(z.string())).nullish(),
  }),
  status: z.literal(1),
  statusCode: z.number().int().nullish(),
});

/** Any body that says "failed": `status: 1`, whatever else it holds. */
export const failedBodySchema = z.object({ status: z.literal(1), statusCode: z.number().int().nullish() });

/** Readable one-line summary of zod issues, e.g. `response.members[0].id: not a user GUID: "x"`. */
export function formatIssues(error: z.ZodError, limit = 5): string {
  const parts = error.issues.slice(0, limit).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = error.issues.length > limit ? `; and ${error.issues.length - limit} more` : '';
  return `${parts.join('; ')}${more}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(body)';
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text.length === 0 ? String(key) : `${text}.${String(key)}`;
  }, '');
}

/** Envelopes built once, one per payload the client reads. */
export const envelopes = {
  user: successEnvelope(userSchema),
  users: successEnvelope(z.array(userSchema)),
  group: successEnvelope(groupSchema),
  groupSummaries: successEnvelope(z.array(groupSummarySchema)),
  anything: successEnvelope(z.unknown()),
} as const;
