import { displayNameOf, PEOPLE, type PersonHandle } from '../fixtures/people.js';
import { APPROVAL_CHANNEL, COMMAND_CHANNEL } from '../helpers/harness.js';
import type { NameBook } from './render.js';

/** The people the demo's stories use: each has both a Slack and a DocSpace account. */
export type CastHandle = Extract<PersonHandle, 'owner' | 'erin' | 'alice' | 'bob' | 'carol' | 'dave'>;

/** The cast with the part each plays. */
export const CAST: readonly { readonly handle: CastHandle; readonly part: string }[] = [
  { handle: 'owner', part: 'DocSpace owner and bot admin (ADMIN_SLACK_USER_IDS): her changes apply at once' },
  { handle: 'erin', part: 'DocSpace admin, so the bot trusts her as an admin: she decides requests' },
  { handle: 'alice', part: 'DocSpace user without admin rights: her changes need approval' },
  { handle: 'bob', part: 'DocSpace user' },
  { handle: 'carol', part: 'DocSpace room admin without bot admin rights: her changes need approval' },
  { handle: 'dave', part: 'DocSpace user who joins the team (an approver, but not of his own request)' },
];

const CHANNEL_NAMES: Readonly<Record<string, string>> = {
  [APPROVAL_CHANNEL]: 'group-approvals',
  [COMMAND_CHANNEL]: 'general',
};

export function nameOf(handle: CastHandle): string {
  return displayNameOf(PEOPLE[handle]);
}

export function channelName(id: string): string {
  return CHANNEL_NAMES[id] ?? id;
}

/** Every fixture person with a Slack account, by Slack id, and every fixture DocSpace account, by DocSpace id. */
function indexPeople() {
  const bySlack = new Map<string, string>();
  const byDocSpace = new Map<string, string>();
  for (const person of Object.values(PEOPLE)) {
    const slack: { id: string } | undefined = 'slack' in person ? person.slack : undefined;
    const docspace: { id: string } | undefined = 'docspace' in person ? person.docspace : undefined;
    if (slack) bySlack.set(slack.id, displayNameOf(person));
    if (docspace) byDocSpace.set(docspace.id.toLowerCase(), displayNameOf(person));
  }
  return { bySlack, byDocSpace };
}

const INDEX = indexPeople();

/** The renderer's view of the cast: Slack ids as display names, channel ids as channel names. */
export const NAMES: NameBook = {
  user: (id) => INDEX.bySlack.get(id) ?? null,
  channel: (id) => CHANNEL_NAMES[id] ?? null,
};

export function nameOfDocSpaceId(id: string | null): string {
  if (id === null) return '(nobody)';
  return INDEX.byDocSpace.get(id.toLowerCase()) ?? id;
}
