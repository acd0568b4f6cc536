import type { Group } from '../../domain/index.js';
import { esc, LIMITS, message, nameList, plain, type SlackMessage, section } from './blocks.js';

export const MEMBERS_SHOWN = 50;

function managerText(group: Pick<Group, 'manager'>): string {
  return group.manager ? esc(group.manager.displayName) : '_none_';
}

/** `/docspace-group show`: name, id, manager and members (the first 50 by name, then "and N more"). */
export function buildGroupDetails(group: Group): SlackMessage {
  const names = group.members.map((m) => m.displayName).sort((a, b) => a.localeCompare(b));
  const count = Math.max(group.membersCount, group.members.length);
  const members = names.length ? nameList(names, MEMBERS_SHOWN, 2800) : '_no members_';
  return message(`Group ${esc(group.name)}: manager ${managerText(group)}, ${count} member${count === 1 ? '' : 's'}`, [
    { type: 'header', text: plain(group.name, LIMITS.headerText) },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Manager*\n${managerText(group)}` },
        { type: 'mrkdwn', text: `*Members*\n${count}` },
        { type: 'mrkdwn', text: `*ID*\n\`${group.id}\`` },
      ],
    },
    section(`*Members:* ${members}`),
  ]);
}
