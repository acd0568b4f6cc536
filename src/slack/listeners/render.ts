import type { DomainFailure, Result, SubmitOutcome } from '../../domain/index.js';
import { escapeMrkdwn } from '../escape.js';
import { failureText } from '../messages.js';
import type { SlackMessage } from '../views/blocks.js';
import { buildChangeResult } from '../views/change-result.js';
import { buildRequestQueuedReply } from '../views/requests-list.js';
import { plainMessage } from './context.js';

export function failureMessage(failure: DomainFailure): SlackMessage {
  return plainMessage(failureText(failure));
}

/** What the person who asked sees after a change: the result, or where their request waits. */
export function submitMessage(result: Result<SubmitOutcome, DomainFailure>): SlackMessage {
  if (!result.ok) return failureMessage(result.error);
  const outcome = result.value;
  if (outcome.kind === 'executed') return buildChangeResult(outcome.report);
  const channel = outcome.request.card?.channelId ?? '';
  const queued = buildRequestQueuedReply(outcome.request, outcome.created, channel);
  if (!outcome.cardError) return queued;
  const note = `:warning: Your request \`${outcome.request.id}\` is saved, but I could not post it to the approvals channel (${escapeMrkdwn(outcome.cardError.slice(0, 120))}). Approvers can still see it with \`/docspace-group requests\`.`;
  return { text: note, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: note } }] };
}
