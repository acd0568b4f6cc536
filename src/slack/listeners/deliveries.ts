import { createHash } from 'node:crypto';
import type { Clock, DeliveryRepo } from '../../domain/index.js';

/**
 * Each Slack interaction that changes something is handled once, however often it arrives: Slack retries an event it
 * thinks unanswered (X-Slack-Retry-Num), a signed request can be replayed within the 5-minute signature window, and a
 * modal can be submitted twice. A key for the interaction is recorded in storage (so every replica agrees) before the
 * work starts; a second delivery with the same key is answered without doing the work again.
 */

/** Longer than the signature window (5 min) and Slack's last retry (about 5 min after the first delivery). */
export const DELIVERY_WINDOW_MS = 10 * 60 * 1000;

export interface DeliveryGuard {
  /** true the first time a key is seen within the window; false for every repeat. */
  first(key: string): Promise<boolean>;
  /** The first delivery changed nothing and left the form open: the same submission may be handled again. */
  forget(key: string): Promise<void>;
}

export function createDeliveryGuard(repo: DeliveryRepo, clock: Clock): DeliveryGuard {
  return {
    first: (key) => {
      const now = clock.now();
      return repo.claim(key, now, new Date(now.getTime() + DELIVERY_WINDOW_MS));
    },
    forget: (key) => repo.forget(key),
  };
}

/** Short and fixed-length: user text never reaches storage through a key. */
function keyOf(kind: string, parts: readonly unknown[]): string {
  return `${kind}:${createHash('sha256').update(JSON.stringify(parts)).digest('base64url')}`;
}

interface CommandFields {
  readonly team_id?: string;
  readonly user_id?: string;
  readonly trigger_id?: string;
  readonly response_url?: string;
  readonly command?: string;
  readonly text?: string;
}

/** A slash command: Slack gives every invocation its own trigger_id and response_url; a replay repeats both. */
export function commandDeliveryKey(command: CommandFields): string {
  const { team_id, user_id, trigger_id, response_url, command: name, text } = command;
  return keyOf('command', [team_id, user_id, trigger_id, response_url, name, text]);
}

interface ViewBody {
  readonly team?: { readonly id?: string } | null;
  readonly user?: { readonly id?: string };
  readonly view?: { readonly id?: string; readonly hash?: string; readonly state?: { readonly values?: unknown } };
}

/**
 * A modal submission: the same view (id and hash) with the same values is the same submission, whatever trigger_id a
 * second delivery carries. Corrected values after an inline error make a new key.
 */
export function viewDeliveryKey(body: ViewBody): string {
  const view = body.view;
  return keyOf('view', [body.team?.id, body.user?.id, view?.id, view?.hash, view?.state?.values ?? null]);
}

interface ActionBody {
  readonly team?: { readonly id?: string } | null;
  readonly user?: { readonly id?: string };
  readonly trigger_id?: string;
  readonly actions?: ReadonlyArray<{
    readonly action_id?: string;
    readonly action_ts?: string;
    readonly value?: string;
  }>;
}

/** A button click: each click has its own trigger_id and action_ts; a replay repeats them. */
export function actionDeliveryKey(body: ActionBody): string {
  const action = body.actions?.[0];
  return keyOf('action', [
    body.team?.id,
    body.user?.id,
    body.trigger_id,
    action?.action_id,
    action?.action_ts,
    action?.value,
  ]);
}

/** What Slack's retry headers said about a delivery (Bolt puts them on the context), for the log. */
function retryOf(context: { readonly retryNum?: number; readonly retryReason?: string }) {
  return { retryNum: context.retryNum ?? 0, ...(context.retryReason ? { retryReason: context.retryReason } : {}) };
}

interface RepeatDeps {
  readonly deliveries: DeliveryGuard;
  readonly logger: { info(obj: object, msg?: string): void };
}

/**
 * Records the delivery; true when it was seen before. The repeat is logged (with Slack's retry headers) and the caller
 * answers it without doing the work again.
 */
export async function isRepeat(
  deps: RepeatDeps,
  key: string,
  context: { readonly retryNum?: number; readonly retryReason?: string },
  what: Record<string, unknown>,
): Promise<boolean> {
  if (await deps.deliveries.first(key)) return false;
  deps.logger.info({ ...what, ...retryOf(context) }, 'the same Slack interaction arrived again: handled once');
  return true;
}
