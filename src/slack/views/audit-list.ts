import type { AuditEntry, AuditOutcome } from '../../domain/index.js';
import { esc, mention, mentionAll, message, packLines, type SlackMessage, section, slackDate } from './blocks.js';

const OUTCOME_MARK: Readonly<Record<AuditOutcome, string>> = {
  succeeded: '✅',
  partial: '⚠️',
  failed: '❌',
  no_op: '➖',
  recorded: '📝',
};

function entryLine(e: AuditEntry): string {
  const actor = e.actorSlackId ? mention(e.actorSlackId) : '_the bot_';
  const forWhom = e.onBehalfOf.length ? ` for ${mentionAll(e.onBehalfOf)}` : '';
  const group = e.groupName ? ` *${esc(e.groupName, 80)}*` : e.groupId ? ` \`${e.groupId}\`` : '';
  const request = e.requestId ? ` · \`${e.requestId}\`` : '';
  const detail = e.detail ? ` — ${esc(e.detail, 200)}` : '';
  const when = slackDate(e.at, '{date_short} {time}');
  return `${OUTCOME_MARK[e.outcome]} \`#${e.id}\` ${when} ${actor}${forWhom} *${esc(e.action, 40)}*${group}${request}${detail}`;
}

/** `/docspace-group audit`: newest first, one compact line per entry. */
export function buildAuditList(entries: readonly AuditEntry[]): SlackMessage {
  if (entries.length === 0) {
    const none = 'The audit log has no entries yet.';
    return message(none, [section(none)]);
  }
  const sorted = [...entries].sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id);
  const head = `*Audit log*, newest first (${entries.length})`;
  return message(`Audit log: ${entries.length} entries`, [section(head), ...packLines(sorted.map(entryLine), 45)]);
}
