import type { ChangeRequest, RequestStatus } from '../../domain/index.js';
import { esc, mention, slackDate } from './blocks.js';

export const STATUS_LABEL: Readonly<Record<RequestStatus, string>> = {
  pending: 'waiting for approval',
  approved: 'approved, applying',
  executed: 'done',
  failed: 'failed',
  denied: 'denied',
  expired: 'expired',
  cancelled: 'cancelled',
};

/** `<@U123>` of the decider, or a neutral word when none is recorded. */
export function decider(request: Pick<ChangeRequest, 'decidedBy'>, fallback = 'an approver'): string {
  return request.decidedBy ? mention(request.decidedBy) : fallback;
}

/** ` at <date>` when the decision time is known. */
export function decidedWhen(request: Pick<ChangeRequest, 'decidedAt'>): string {
  return request.decidedAt ? ` at ${slackDate(request.decidedAt)}` : '';
}

export function reasonText(reason: string | null): string {
  const trimmed = reason?.trim();
  return trimmed ? esc(trimmed, 1000) : '_no reason given_';
}

export function outcomeText(outcome: string | null, fallback: string): string {
  const trimmed = outcome?.trim();
  return trimmed ? esc(trimmed, 1500) : fallback;
}
