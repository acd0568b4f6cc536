import { expect } from 'vitest';
import type { DocSpaceUser, Group, GroupSummary } from '../../../../src/domain/model/group.js';
import type { DocSpaceUserId, GroupId, RequestId, SlackTeamId, SlackUserId } from '../../../../src/domain/model/ids.js';
import type { UserMapping } from '../../../../src/domain/model/mapping.js';
import type { ChangeRequest } from '../../../../src/domain/model/request.js';
import { messageProblems } from '../../../fakes/slack/block-kit.js';
import { displayNameOf, type FixturePerson, PEOPLE, TEAM_ID } from '../../../fixtures/people.js';

/** Strings that must never reach Slack as live markup. */
export const HOSTILE = '<!channel> <@U999> *bold* & co';
export const HOSTILE_MARKERS = ['<!channel>', '<@U999>', ' & co'] as const;

export const T0 = new Date('2026-11-26T10:00:00Z');
export const LATER = new Date('2026-11-26T12:00:00Z');
export const EXPIRES = new Date('2026-11-29T10:00:00Z');
export const REQUEST_ID = 'R0000000000ABC' as RequestId;
export const GROUP_ID = 'aaaa0001-0000-4000-8000-000000000001' as GroupId;

type Dual = FixturePerson & { readonly slack: { readonly id: string }; readonly docspace: { readonly id: string } };

export const slackId = (p: Dual): SlackUserId => p.slack.id as SlackUserId;
export const dsId = (p: Pick<Dual, 'docspace'>): DocSpaceUserId => p.docspace.id as DocSpaceUserId;

export function user(p: Pick<Dual, 'docspace' | 'firstName' | 'lastName' | 'email'>, name?: string): DocSpaceUser {
  return {
    id: dsId(p),
    displayName: name ?? `${p.firstName} ${p.lastName}`,
    email: p.email,
    status: 'active',
    type: 'user',
  };
}

/** DocSpace user n of a large synthetic group. */
export function syntheticUser(n: number, name = `Member ${n}`): DocSpaceUser {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `eeee0000-0000-4000-8000-${hex}` as DocSpaceUserId,
    displayName: name,
    email: null,
    status: 'active',
    type: 'user',
  };
}

export function makeGroup(overrides: Partial<Group> = {}): Group {
  const members = overrides.members ?? [user(PEOPLE.carol), user(PEOPLE.dave)];
  return {
    id: GROUP_ID,
    name: 'Sales',
    manager: user(PEOPLE.alice),
    membersCount: members.length,
    members,
    ...overrides,
  };
}

export function summary(group: Group): GroupSummary {
  return { id: group.id, name: group.name, manager: group.manager, membersCount: group.membersCount };
}

export const NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  [PEOPLE.alice, PEOPLE.bob, PEOPLE.carol, PEOPLE.dave, PEOPLE.erin].map((p) => [p.docspace.id, displayNameOf(p)]),
);

export function makeRequest(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id: REQUEST_ID,
    teamId: TEAM_ID as SlackTeamId,
    fingerprint: 'fp',
    change: { kind: 'members', groupId: GROUP_ID, add: [dsId(PEOPLE.carol), dsId(PEOPLE.dave)], remove: [] },
    snapshot: { groupName: 'Sales', names: NAMES, managerBefore: dsId(PEOPLE.alice) },
    requesterIds: [slackId(PEOPLE.bob)],
    requesterDocSpaceId: dsId(PEOPLE.bob),
    reason: 'New hires',
    status: 'pending',
    createdAt: T0,
    updatedAt: T0,
    expiresAt: EXPIRES,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    attempts: 0,
    retryable: true,
    outcome: null,
    card: { channelId: 'C0APPROVE1', ts: '1700000000.000100' },
    ...overrides,
  };
}

export function makeMapping(overrides: Partial<UserMapping> = {}): UserMapping {
  return {
    teamId: TEAM_ID as SlackTeamId,
    slackUserId: slackId(PEOPLE.alice),
    docspaceUserId: dsId(PEOPLE.alice),
    source: 'email',
    createdBy: null,
    createdAt: T0,
    verifiedAt: LATER,
    docspaceEmail: PEOPLE.alice.email,
    docspaceDisplayName: displayNameOf(PEOPLE.alice),
    docspaceType: 'user',
    docspaceStatus: 'active',
    authorityReadAt: LATER,
    ...overrides,
  };
}

type Json = unknown;

function walk(node: Json, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const item of node) walk(item, visit);
  else if (node !== null && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

/** Every string Slack parses as mrkdwn: the top-level `text` and every mrkdwn text object. */
function mrkdwnTexts(output: Json): string[] {
  const texts: string[] = [];
  if (output !== null && typeof output === 'object' && 'text' in output && typeof output.text === 'string') {
    texts.push(output.text);
  }
  walk(output, (obj) => {
    if (obj['type'] === 'mrkdwn' && typeof obj['text'] === 'string') texts.push(obj['text']);
  });
  return texts;
}

export function allMrkdwn(output: Json): string {
  return mrkdwnTexts(output).join('\n');
}

export interface FoundButton {
  readonly actionId: string;
  readonly value: string | undefined;
  readonly style: string | undefined;
  readonly hasConfirm: boolean;
}

export function buttons(output: Json): FoundButton[] {
  const found: FoundButton[] = [];
  walk(output, (obj) => {
    if (obj['type'] !== 'button') return;
    found.push({
      actionId: String(obj['action_id']),
      value: typeof obj['value'] === 'string' ? obj['value'] : undefined,
      style: typeof obj['style'] === 'string' ? obj['style'] : undefined,
      hasConfirm: obj['confirm'] !== undefined,
    });
  });
  return found;
}

/** Asserts hostile text shows up only escaped wherever Slack would parse markup. */
export function expectInert(output: Json): void {
  const text = allMrkdwn(output);
  for (const marker of HOSTILE_MARKERS) expect(text).not.toContain(marker);
}

/** Asserts the Block Kit limits the builders promise, with the validator the strict Slack double uses. */
export function expectWithinLimits(output: { text: string; blocks: readonly unknown[] }): void {
  expect(messageProblems(output)).toEqual([]);
}
