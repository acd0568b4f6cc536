import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { BotServices, Caller, DomainFailure, Result, ReviewServices, SubmitOutcome } from '../../domain/index.js';
import { toSlackTeamId, toSlackUserId } from '../../domain/index.js';
import type { DirectMessenger } from '../adapters/slack-notifier.js';
import type { HomePublisher } from '../home/publisher.js';
import {
  cardNotPostedText,
  duplicateDeliveryText,
  failureText,
  formNotOpenedText,
  unexpectedErrorText,
} from '../messages.js';
import { SUBCOMMANDS } from '../parse/usage.js';
import { message, type SlackMessage, section } from '../views/blocks.js';
import { buildHandoverStartedReply } from '../views/handovers.js';
import type { ReasonMode } from '../views/modals.js';
import { buildChangeResult, buildRequestQueuedReply } from '../views/replies.js';
import type { DeliveryGuard } from './deliveries.js';

/** Everything the listeners need; built once by the container. */
export interface ListenerDeps {
  readonly services: BotServices;
  readonly logger: Logger;
  readonly reasonMode: ReasonMode;
  readonly sendDm: DirectMessenger;
  /** How long a modal submit waits for the result before closing the modal and reporting by message. */
  readonly submitDeadlineMs: number;
  /** Recognises a second delivery of one interaction (a Slack retry, a replay, a double submit). */
  readonly deliveries: DeliveryGuard;
  /** Told how each slash command ended: its subcommand (one of COMMAND_LABELS) and outcome (metrics). */
  readonly onCommand?: (subcommand: CommandLabel, outcome: string) => void;
  /** DRY_RUN: the bot sends no DocSpace write (replies and cards say so on their own, from the domain's results). */
  readonly dryRun?: boolean;
  /** Publishes App Home tabs; without it app_home_opened is ignored. */
  readonly home?: HomePublisher;
  /** Access reviews (absent: the review subcommand and buttons say they are not available). */
  readonly reviews?: ReviewServices;
}

/** What the commands metric may name a slash command: its subcommand, `menu` (no text) or `other` (not one). */
export const COMMAND_LABELS = [...SUBCOMMANDS, 'menu', 'other'] as const;
export type CommandLabel = (typeof COMMAND_LABELS)[number];

/** How a listener answers the person who acted (respond, ephemeral post or DM). */
export type Reply = (msg: SlackMessage) => Promise<unknown>;

/** Resolves with the work's result, or with null when the deadline passes first (the work keeps running). */
export function within<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Team and user come from the signed payload, never from user text. */
export function callerOf(teamId: string | undefined | null, userId: string | undefined | null): Caller | null {
  const team = teamId ? toSlackTeamId(teamId) : null;
  const user = userId ? toSlackUserId(userId) : null;
  return team && user ? { teamId: team, slackUserId: user } : null;
}

/** Interactive payloads carry the team in `team` (null for org installs) or `user.team_id`. */
export function callerOfInteraction(body: { team?: { id?: string } | null; user?: { id?: string; team_id?: string } }) {
  return callerOf(body.team?.id ?? body.user?.team_id, body.user?.id);
}

/** Slack's own error code (`data.error`) of a failed Web API call, if that is what was thrown. */
function slackErrorCode(error: unknown): string | null {
  const data: unknown = typeof error === 'object' && error !== null ? (error as { data?: unknown }).data : undefined;
  const code: unknown = typeof data === 'object' && data !== null ? (data as { error?: unknown }).error : undefined;
  return typeof code === 'string' ? code : null;
}

const TRIGGER_ERRORS: ReadonlySet<string> = new Set([
  'expired_trigger_id',
  'invalid_trigger_id',
  'exchanged_trigger_id',
]);

/** A form that could not open because its trigger expired is not a bug: say so and how to get it, log a warning. */
async function toldTriggerExpired(
  deps: Pick<ListenerDeps, 'logger'>,
  context: Record<string, unknown>,
  reply: Reply,
  error: unknown,
): Promise<boolean> {
  const code = slackErrorCode(error);
  if (code === null || !TRIGGER_ERRORS.has(code)) return false;
  deps.logger.warn({ err: error, slackError: code, ...context }, 'Slack did not open the form: its trigger expired');
  await reply(plainMessage(formNotOpenedText())).catch((replyError: unknown) =>
    deps.logger.error({ err: replyError, ...context }, 'could not tell the user the form did not open'),
  );
  return true;
}

/**
 * Runs work after the ack. An unexpected error is logged with a correlation id and the user gets a short apology
 * with that id; no stack, token or key ever reaches Slack. Resolves with false when the work threw.
 */
export async function afterAck(
  deps: Pick<ListenerDeps, 'logger'>,
  context: Record<string, unknown>,
  reply: Reply,
  work: () => Promise<void>,
): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    if (await toldTriggerExpired(deps, context, reply, error)) return false;
    const correlationId = randomUUID().slice(0, 8);
    deps.logger.error({ err: error, correlationId, ...context }, 'unexpected error while handling a Slack request');
    const text = unexpectedErrorText(correlationId);
    await reply({ text, blocks: [] }).catch((replyError: unknown) =>
      deps.logger.error({ err: replyError, correlationId }, 'could not tell the user about an unexpected error'),
    );
    return false;
  }
}

/** Ephemeral in the channel when we know one, else a DM. */
export async function tellUser(
  client: WebClient,
  deps: Pick<ListenerDeps, 'sendDm'>,
  where: { channelId: string | null; userId: string },
  msg: SlackMessage,
): Promise<void> {
  if (where.channelId) {
    try {
      await client.chat.postEphemeral({
        channel: where.channelId,
        user: where.userId,
        text: msg.text,
        blocks: msg.blocks,
      });
      return;
    } catch {
      // The bot may not be in that channel: fall back to a DM below.
    }
  }
  await deps.sendDm(where.userId, msg);
}

/** One mrkdwn section holding the text (whole lines, then "…and N more" if too long), also the notification fallback. */
export function plainMessage(text: string): SlackMessage {
  return message(text, [section(text)]);
}

/** The answer to a second delivery of a command that is handled (or was handled) by the first. */
export function duplicateMessage(): SlackMessage {
  return plainMessage(duplicateDeliveryText());
}

export function failureMessage(failure: DomainFailure): SlackMessage {
  return plainMessage(failureText(failure));
}

/** What the person who asked sees after a change: the result, or where their request waits. */
export function submitMessage(result: Result<SubmitOutcome, DomainFailure>): SlackMessage {
  if (!result.ok) return failureMessage(result.error);
  const outcome = result.value;
  if (outcome.kind === 'executed') return buildChangeResult(outcome.report);
  if (outcome.kind === 'handover') return buildHandoverStartedReply(outcome.handover);
  const card = outcome.request.card;
  if (card && !outcome.cardError) return buildRequestQueuedReply(outcome.request, outcome.created, card.channelId);
  return plainMessage(cardNotPostedText(outcome.request.id, outcome.cardError));
}
