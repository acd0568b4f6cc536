import type { HomeView, KnownBlock, ModalView, Overflow } from '@slack/types';
import type {
  ChangeRequest,
  GroupId,
  GroupSummary,
  HomeFacts,
  HomeList,
  Role,
  UserMapping,
} from '../../domain/index.js';
import { GROUP_NAME_MAX } from '../../domain/index.js';
import {
  ACTION_HOME_GROUP,
  ACTION_HOME_NEW_GROUP,
  ACTION_NAME,
  BLOCK_HOME_ACTIONS,
  BLOCK_HOME_DECISION,
  BLOCK_NAME,
  CALLBACK_HOME_RENAME,
  COMMAND,
} from '../ids.js';
import { identityFailureText } from '../messages.js';
import {
  button,
  clipMrkdwn,
  context,
  esc,
  LIMITS,
  mention,
  mentionAll,
  NO_MANAGER,
  packLines,
  plain,
  section,
  slackDate,
} from './blocks.js';
import { decisionButtons, describeChange, STATUS_LABEL } from './cards.js';
import { cancelButton, entryLine } from './lists.js';
import { type ReasonMode, reasonBlocks } from './modals.js';

/**
 * The seam for other features: lines shown under the title (e.g. "dry run: nothing is changed in DocSpace") and one
 * note under a request (e.g. "waits for the incoming manager to accept"). Plain mrkdwn the caller has escaped.
 */
export interface HomeAddenda {
  readonly notices?: readonly string[];
  readonly requestNote?: (request: ChangeRequest) => string | null;
}

/** What each group menu offers, by the option value's prefix (`<what>:<group id>`). */
export const HOME_GROUP_ACTIONS = ['show', 'members', 'manager', 'rename'] as const;
export type HomeGroupAction = (typeof HOME_GROUP_ACTIONS)[number];

const NOTICES_SHOWN = 3;

const ROLE_TEXT: Readonly<Record<Role, string>> = {
  admin: '*admin*: your changes are made in DocSpace at once, and you approve or deny requests.',
  approver: '*approver*: you approve or deny other people’s requests; your own changes go to another approver.',
  requester: '*member*: your changes go to an approver first.',
  none: '*not set up*: the bot cannot act for you yet.',
};

const TYPE_TEXT: Readonly<Record<UserMapping['docspaceType'], string>> = {
  owner: 'DocSpace owner',
  admin: 'DocSpace admin',
  room_admin: 'room admin',
  user: 'user',
  guest: 'guest',
};

function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text, LIMITS.headerText) };
}

function moreText(list: HomeList<unknown>, hint: string): KnownBlock[] {
  const more = list.total - list.items.length;
  return more > 0 ? [context(`…and ${more} more. ${hint}`)] : [];
}

function groupMenu(group: GroupSummary, managed: boolean): Overflow {
  const option = (what: HomeGroupAction, label: string) => ({
    text: plain(label, LIMITS.optionText),
    value: `${what}:${group.id}`,
  });
  return {
    type: 'overflow',
    action_id: ACTION_HOME_GROUP,
    options: [
      option('show', 'Show members'),
      option('members', 'Add or remove members'),
      ...(managed ? [option('manager', 'Hand over'), option('rename', 'Rename')] : []),
    ],
  };
}

function groupRow(group: GroupSummary, managed: boolean): KnownBlock {
  const manager = group.manager ? esc(group.manager.displayName, 120) : NO_MANAGER;
  const count = `${group.membersCount} member${group.membersCount === 1 ? '' : 's'}`;
  return {
    ...section(`*${esc(group.name, 128)}* · manager ${manager} · ${count}`),
    accessory: groupMenu(group, managed),
  };
}

function groupSection(title: string, list: HomeList<GroupSummary>, managed: boolean, none: string): KnownBlock[] {
  return [
    header(`${title} (${list.total})`),
    ...(list.items.length ? list.items.map((g) => groupRow(g, managed)) : [section(none)]),
    ...moreText(list, `Type \`${COMMAND} list\` to see every group.`),
  ];
}

function requestText(request: ChangeRequest, addenda: HomeAddenda): string {
  const head = `\`${request.id}\` · ${STATUS_LABEL[request.status]} · asked by ${mentionAll(request.requesterIds)} ${slackDate(request.createdAt, '{ago}')}`;
  const note = addenda.requestNote?.(request);
  return `${head}\n${clipMrkdwn(describeChange(request), 2000)}${note ? `\n${clipMrkdwn(note, 300)}` : ''}`;
}

function waitingSection(list: HomeList<ChangeRequest>, addenda: HomeAddenda): KnownBlock[] {
  const rows = list.items.flatMap((r) => [
    section(requestText(r, addenda)),
    decisionButtons(r, `${BLOCK_HOME_DECISION}:${r.id}`),
  ]);
  return [
    header(`Waiting for you (${list.total})`),
    ...(rows.length ? rows : [section('No requests are waiting for a decision.')]),
    ...moreText(list, `Type \`${COMMAND} requests\` to page through them all.`),
  ];
}

function mineSection(list: HomeList<ChangeRequest>, addenda: HomeAddenda): KnownBlock[] {
  const rows = list.items.map((r) => ({ ...section(requestText(r, addenda)), accessory: cancelButton(r) }));
  return [
    header(`Your requests (${list.total})`),
    ...(rows.length ? rows : [section('You have no pending requests.')]),
    ...moreText(list, `Type \`${COMMAND} requests\` to see them all.`),
  ];
}

function youText(facts: Extract<HomeFacts, { kind: 'linked' }>): string {
  const m = facts.mapping;
  const email = m.docspaceEmail ? ` (${esc(m.docspaceEmail, 120)})` : '';
  return (
    `${mention(facts.viewer)}, the bot acts for you in DocSpace as *${esc(m.docspaceDisplayName, 120)}*${email}, ` +
    `${TYPE_TEXT[m.docspaceType]}.\nYour role here: ${ROLE_TEXT[facts.role]}`
  );
}

function noticeBlocks(addenda: HomeAddenda): KnownBlock[] {
  return (addenda.notices ?? []).slice(0, NOTICES_SHOWN).map((n) => context(clipMrkdwn(n, 1000)));
}

const UNREACHABLE =
  '⚠️ DocSpace is unreachable right now, so your groups are not shown. What the bot keeps itself is below; ' +
  'open this tab again in a minute.';

function unlinkedBlocks(facts: Extract<HomeFacts, { kind: 'unlinked' }>): KnownBlock[] {
  const why = facts.why
    ? identityFailureText(facts.why)
    : 'DocSpace is unreachable right now, so the bot could not look your account up.';
  return [
    section(`${mention(facts.viewer)}, the bot has no DocSpace account to act as for you.\n${why}`),
    section(
      '*What to do:* make sure your Slack email is the email of your DocSpace account (the bot matches them), or ask ' +
        `an admin to link you with \`${COMMAND} link @you your@email\`. Then open this tab again.`,
    ),
  ];
}

/** The App Home tab: who you are here, your groups, what waits for you, your requests, recent changes (admins). */
export function buildHomeView(facts: HomeFacts, addenda: HomeAddenda = {}): HomeView {
  const top: KnownBlock[] = [header('DocSpace groups'), ...noticeBlocks(addenda)];
  if (facts.kind === 'unlinked') return { type: 'home', blocks: [...top, ...unlinkedBlocks(facts)] };
  const blocks: KnownBlock[] = [...top, section(youText(facts)), { type: 'divider' }];
  if (facts.groups) {
    blocks.push(
      ...groupSection('Groups you manage', facts.groups.managed, true, 'You manage no groups.'),
      ...groupSection('Groups you belong to', facts.groups.member, false, 'You belong to no other groups.'),
      context(`Groups as DocSpace listed them ${slackDate(facts.groups.readAt, '{ago}')}.`),
    );
  } else {
    blocks.push(section(UNREACHABLE));
  }
  blocks.push({ type: 'divider' });
  if (facts.waiting) blocks.push(...waitingSection(facts.waiting, addenda), { type: 'divider' });
  blocks.push(...mineSection(facts.mine, addenda));
  if (facts.recent) {
    const lines = facts.recent.map(entryLine);
    blocks.push(
      { type: 'divider' },
      header('Recent changes'),
      ...(lines.length ? packLines(lines, 2) : [section('The audit log has no entries yet.')]),
    );
  }
  blocks.push({
    type: 'actions',
    block_id: BLOCK_HOME_ACTIONS,
    elements: [button({ actionId: ACTION_HOME_NEW_GROUP, label: 'New group', value: 'create', style: 'primary' })],
  });
  return { type: 'home', blocks: blocks.slice(0, LIMITS.modalBlocks) };
}

/** Rename a group from its Home menu: the new name (pre-filled with the current one), and a reason per mode. */
export function buildRenameModal(input: {
  readonly group: { readonly id: GroupId; readonly name: string };
  readonly reasonMode: ReasonMode;
  readonly needsApproval: boolean;
}): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_HOME_RENAME,
    private_metadata: input.group.id,
    title: plain('Rename group', LIMITS.viewLabel),
    submit: plain(input.needsApproval ? 'Send request' : 'Save', LIMITS.viewLabel),
    close: plain('Cancel', LIMITS.viewLabel),
    blocks: [
      section(`Rename *${esc(input.group.name, 128)}*`),
      {
        type: 'input',
        block_id: BLOCK_NAME,
        label: plain('New name'),
        element: {
          type: 'plain_text_input',
          action_id: ACTION_NAME,
          min_length: 1,
          max_length: GROUP_NAME_MAX,
          initial_value: input.group.name.slice(0, GROUP_NAME_MAX),
        },
      },
      ...reasonBlocks(input.reasonMode),
      ...(input.needsApproval
        ? [context('An approver has to approve this change before it is made in DocSpace.')]
        : []),
    ],
  };
}

/** "Show members" from the Home: the group's details (as `show` prints them) in a modal. */
export function buildGroupModal(title: string, blocks: readonly KnownBlock[]): ModalView {
  return {
    type: 'modal',
    title: plain(title, LIMITS.viewLabel),
    close: plain('Close', LIMITS.viewLabel),
    blocks: blocks.slice(0, LIMITS.modalBlocks),
  };
}
