import type { DomainDeps } from '../deps.js';
import {
  CARD_POST_LEASE_MS,
  type CardPostProblem,
  CHANNEL_PROBLEM_FIX,
  type ChannelAlert,
  isChannelProblem,
  repostDelayMs,
} from '../model/card.js';
import type { SlackUserId } from '../model/ids.js';
import type { ChangeRequest } from '../model/request.js';
import { isCardPostError } from '../ports.js';

// Every pending request keeps a way to be decided: its card is posted under a compare-and-set claim (one post at a
// time across replicas), a failed post is recorded with when to try again, maintenance re-posts what is due, and
// admins hear once per channel problem how to fix the channel. Meanwhile approvers decide from `requests`.

export type CardPosting =
  | { readonly kind: 'posted'; readonly card: { readonly channelId: string; readonly ts: string } }
  | { readonly kind: 'failed'; readonly problem: CardPostProblem }
  /** Another caller holds the claim (it is posting now), or the card's next try is not due yet. */
  | { readonly kind: 'not_due' };

/** Claims the card's post, posts it and stores where; on failure records why and when to try again. */
export async function postApprovalCard(deps: DomainDeps, request: ChangeRequest): Promise<CardPosting> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + CARD_POST_LEASE_MS);
  const attempts = await deps.requests.claimCardPost(request.id, { now, leaseUntil });
  if (attempts === null) return { kind: 'not_due' };
  let card: { channelId: string; ts: string };
  try {
    card = await deps.notifier.postCard(request);
  } catch (error) {
    return { kind: 'failed', problem: await cardFailed(deps, request, attempts, error) };
  }
  await deps.requests.setCard(request.id, card);
  if (await deps.alerts.clear(card.channelId)) {
    deps.logger.info({ channelId: card.channelId, requestId: request.id }, 'approval cards post again in the channel');
  }
  return { kind: 'posted', card };
}

async function cardFailed(
  deps: DomainDeps,
  request: ChangeRequest,
  attempts: number,
  error: unknown,
): Promise<CardPostProblem> {
  const classified = isCardPostError(error) ? error : null;
  const problem = classified?.problem ?? 'other';
  const retryAt = new Date(deps.clock.now().getTime() + repostDelayMs(attempts, classified?.retryAfterSeconds ?? null));
  const channelId = deps.policy.approvalChannelId;
  const context = {
    err: classified?.cause ?? error,
    requestId: request.id,
    problem,
    attempts,
    retryAt: retryAt.toISOString(),
    channelId,
  };
  // What the workspace or Slack causes is a warning with its fix; anything else is a bug, logged as an error.
  if (isChannelProblem(problem)) deps.logger.warn({ ...context, fix: CHANNEL_PROBLEM_FIX[problem] }, CARD_NOT_POSTED);
  else if (problem === 'other') deps.logger.error(context, CARD_NOT_POSTED);
  else deps.logger.warn(context, CARD_NOT_POSTED);
  await deps.requests.recordCardPostFailure(request.id, { error: problem, retryAt });
  if (isChannelProblem(problem) && channelId) await alertAdmins(deps, { channelId, problem });
  return problem;
}

const CARD_NOT_POSTED = 'could not post the approval card';

/** DMs the configured admins, once per channel and problem across replicas (the store's `raise` decides who). */
async function alertAdmins(deps: DomainDeps, alert: ChannelAlert): Promise<void> {
  if (!(await deps.alerts.raise(alert.channelId, alert.problem, deps.clock.now()))) return;
  const admins = [...deps.policy.adminSlackIds] as SlackUserId[];
  const context = { channelId: alert.channelId, problem: alert.problem, fix: CHANNEL_PROBLEM_FIX[alert.problem] };
  if (admins.length === 0) {
    deps.logger.warn(context, 'no admin to tell about the approvals channel: ADMIN_SLACK_USER_IDS is empty');
    return;
  }
  try {
    await deps.notifier.tellAdmins(admins, alert);
    deps.logger.info({ ...context, admins: admins.length }, 'told the admins about the approvals channel');
  } catch (error) {
    deps.logger.error({ err: error, ...context }, 'could not tell the admins about the approvals channel');
  }
}

/**
 * Maintenance: posts the cards that are due. A failure stops the pass (the rest would fail alike), so a broken
 * channel costs one Slack call per pass; the others follow once a post succeeds again.
 */
export async function repostMissingCards(deps: DomainDeps, limit = 20): Promise<number> {
  if (!deps.policy.approvalChannelId) return 0;
  const due = await deps.requests.listMissingCards(deps.clock.now(), limit);
  let posted = 0;
  for (const request of due) {
    const result = await postApprovalCard(deps, request);
    if (result.kind === 'posted') posted++;
    if (result.kind === 'failed') break;
  }
  return posted;
}
