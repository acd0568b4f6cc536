import type { ChangeReport, UndoOutcome } from '../../domain/index.js';
import { message, packLines, type SlackMessage, section } from './blocks.js';
import { buildChangeResult, buildRequestQueuedReply } from './replies.js';
import { leftAloneLines, undoBlock, undoesText } from './undo-parts.js';

type Queued = UndoOutcome & { kind: 'requested' };

/**
 * The answer to an Undo: what it reversed (the change result), or where its request waits, then what it left alone
 * and why, and last the Undo of this undo (it is itself a change).
 */
export function buildUndoResult(outcome: UndoOutcome, queued: (outcome: Queued) => SlackMessage): SlackMessage {
  const executed = outcome.kind === 'executed' ? outcome.report : null;
  const base = executed ? buildChangeResult(withoutUndo(executed)) : queued(outcome as Queued);
  const names = executed ? executed.names : (outcome as Queued).request.snapshot.names;
  const left = leftAloneLines(outcome.leftAlone, names);
  const leftBlocks = left.length ? [section('*Left alone* (the group changed since):'), ...packLines(left, 4)] : [];
  const again = executed?.undo
    ? undoBlock({ kind: 'entry', entryId: executed.undo.entryId }, executed.change, executed.undo.until)
    : [];
  const note = left.length ? ` (${left.length} part${left.length === 1 ? '' : 's'} left alone)` : '';
  return message(`${undoesText(outcome.undoes)}: ${base.text}${note}`, [
    section(undoesText(outcome.undoes)),
    ...base.blocks,
    ...leftBlocks,
    ...again,
  ]);
}

function withoutUndo(report: ChangeReport): ChangeReport {
  const { undo: _undo, ...rest } = report;
  return rest;
}

/** Where an undo request waits, when its card is up. */
export function undoQueuedReply(outcome: Queued, channelId: string): SlackMessage {
  return buildRequestQueuedReply(outcome.request, outcome.created, channelId);
}
