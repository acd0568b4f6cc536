import type { UndoOutcome } from '../../domain/index.js';
import { message, packLines, type SlackMessage, section } from './blocks.js';
import { buildChangeResult, buildRequestQueuedReply } from './replies.js';
import { leftAloneLines, undoesText } from './undo-parts.js';

/**
 * The answer to an Undo: what it reversed (the change result, with an Undo of its own), or where its request waits,
 * then what it left alone and why.
 */
export function buildUndoResult(
  outcome: UndoOutcome,
  queued: (outcome: UndoOutcome & { kind: 'requested' }) => SlackMessage,
): SlackMessage {
  const base = outcome.kind === 'executed' ? buildChangeResult(outcome.report) : queued(outcome);
  const names = outcome.kind === 'executed' ? outcome.report.names : outcome.request.snapshot.names;
  const left = leftAloneLines(outcome.leftAlone, names);
  const head = section(undoesText(outcome.undoes));
  const leftBlocks = left.length ? [section('*Left alone* (the group changed since):'), ...packLines(left, 4)] : [];
  const text = `${undoesText(outcome.undoes)}: ${base.text}${left.length ? ` (${left.length} part${left.length === 1 ? '' : 's'} left alone)` : ''}`;
  return message(text, [head, ...base.blocks, ...leftBlocks]);
}

/** Where an undo request waits, when its card is up. */
export function undoQueuedReply(outcome: UndoOutcome & { kind: 'requested' }, channelId: string): SlackMessage {
  return buildRequestQueuedReply(outcome.request, outcome.created, channelId);
}
