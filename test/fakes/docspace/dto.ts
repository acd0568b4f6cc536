import { createHash } from 'node:crypto';
import { EMPTY_GUID } from './input.js';
import type { FakeGroupState, UserRecord } from './types.js';

/** Response DTOs shaped like the server's GroupDto, GroupSummaryDto and EmployeeFullDto (camelCase, nulls omitted). */

/** Like .NET HttpUtility.HtmlEncode: & < > " ' plus characters 160-255 as numeric entities. */
function htmlEncode(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&#39;';
    else if (code >= 160 && code <= 255) out += `&#${code};`;
    else out += ch;
  }
  return out;
}

const STATUS_CODE = { active: 1, disabled: 2, pending: 4 } as const;
const ACTIVATION_CODE = { active: 1, disabled: 1, pending: 2 } as const;

function avatarUrls(user: UserRecord): Record<string, string> {
  const hash = createHash('md5').update(user.id).digest('hex').slice(0, 10);
  const url = (size: string) => `/static/images/default_user_photo_size_${size}.png?hash=${hash}`;
  return {
    avatar: url('82-82'),
    avatarOriginal: url('200-200'),
    avatarMax: url('200-200'),
    avatarMedium: url('48-48'),
    avatarSmall: url('32-32'),
  };
}

/** An invited (pending) user shows their email as display name. */
function displayNameOf(user: UserRecord): string {
  if (user.status === 'pending') return htmlEncode(user.email);
  return htmlEncode(`${user.firstName} ${user.lastName}`.trim());
}

export interface EmployeeExtras {
  /** Self-only fields of GET /people/@self. */
  readonly self?: boolean;
  /** GroupSummaryDto[] of the user's groups (people endpoints). */
  readonly groups?: readonly FakeGroupState[];
}

export function employeeFullDto(user: UserRecord, baseUrl: string, extras: EmployeeExtras = {}): object {
  const groups = extras.groups && extras.groups.length > 0 ? extras.groups : undefined;
  return {
    id: user.id,
    displayName: displayNameOf(user),
    ...avatarUrls(user),
    profileUrl: `${baseUrl}/accounts/view/${encodeURIComponent(user.userName)}`,
    hasAvatar: false,
    isAnonim: false,
    firstName: user.firstName,
    lastName: user.lastName,
    userName: user.userName,
    email: user.email,
    status: STATUS_CODE[user.status],
    activationStatus: ACTIVATION_CODE[user.status],
    department: groups?.map((g) => htmlEncode(g.name)).join(', '),
    groups: groups?.map((g) => ({ id: g.id, name: g.name })),
    isAdmin: user.type === 'admin',
    isRoomAdmin: user.type === 'room_admin',
    isLDAP: false,
    isOwner: user.type === 'owner',
    isVisitor: user.type === 'guest',
    isCollaborator: user.type === 'user',
    mobilePhoneActivationStatus: 0,
    isSSO: false,
    ...(extras.self ? { theme: 'Base', hasPersonalFolder: user.type !== 'guest' } : {}),
    registrationDate: user.registrationDate,
  };
}

/** `members` and `membersCount` list only Active and Pending users; disabled ones stay referenced but hidden. */
export function visibleMembers(group: FakeGroupState, users: ReadonlyMap<string, UserRecord>): UserRecord[] {
  return group.memberIds.flatMap((id) => {
    const user = users.get(id);
    return user && user.status !== 'disabled' ? [user] : [];
  });
}

export interface GroupDtoOptions {
  readonly baseUrl: string;
  readonly includeMembers: boolean;
}

export function groupDto(
  group: FakeGroupState,
  users: ReadonlyMap<string, UserRecord>,
  options: GroupDtoOptions,
): object {
  const manager = group.managerId ? users.get(group.managerId) : undefined;
  const members = visibleMembers(group, users);
  return {
    name: group.name,
    parent: EMPTY_GUID,
    category: EMPTY_GUID,
    id: group.id,
    isLDAP: false,
    manager: manager ? employeeFullDto(manager, options.baseUrl) : undefined,
    members: options.includeMembers ? members.map((m) => employeeFullDto(m, options.baseUrl)) : undefined,
    membersCount: members.length,
  };
}

/** GroupSummaryDto: `manager` is the manager's userName (login), not an id. */
export function groupSummaryDto(group: FakeGroupState, users: ReadonlyMap<string, UserRecord>): object {
  const manager = group.managerId ? users.get(group.managerId) : undefined;
  return { id: group.id, name: group.name, manager: manager?.userName };
}
