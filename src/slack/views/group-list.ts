import type { KnownBlock } from '@slack/types';
import type { GroupSummary } from '../../domain/index.js';
import { context, esc, message, packLines, type SlackMessage, section } from './blocks.js';

export interface GroupListInput {
  readonly groups: readonly GroupSummary[];
  /** How many groups DocSpace has for this filter (may exceed groups.length). */
  readonly total: number;
  readonly filter?: string | null;
}

function groupLine(group: GroupSummary): string {
  const manager = group.manager ? esc(group.manager.displayName, 80) : '_no manager_';
  const members = `${group.membersCount} member${group.membersCount === 1 ? '' : 's'}`;
  return `• *${esc(group.name, 128)}* — ${manager} — ${members} — \`${group.id}\``;
}

/** `/docspace-group list [filter]`: one line per group, with total, filter echo and "showing first N of total". */
export function buildGroupList(input: GroupListInput): SlackMessage {
  const filter = input.filter?.trim();
  const matching = filter ? ` matching “${esc(filter, 100)}”` : '';
  if (input.groups.length === 0) {
    const none = `No DocSpace groups${matching}.`;
    return message(none, [section(none)]);
  }
  const total = Math.max(input.total, input.groups.length);
  const head = `*${total} group${total === 1 ? '' : 's'}${matching}*`;
  const blocks: KnownBlock[] = [section(head), ...packLines(input.groups.map(groupLine), 45)];
  if (input.groups.length < total) {
    blocks.push(
      context(`Showing the first ${input.groups.length} of ${total}. Narrow it with \`/docspace-group list <text>\`.`),
    );
  }
  return message(`${total} DocSpace group${total === 1 ? '' : 's'}${matching}`, blocks);
}
