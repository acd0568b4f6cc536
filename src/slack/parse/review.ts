import type { GroupRef, ReviewId, SlackUserId } from '../../domain/index.js';
import { ok, toReviewId } from '../../domain/index.js';
import type { CommandArgs, CommandResult } from './command.js';
import { describeToken, parseGroup, parseSlackUser } from './refs.js';
import { fail, failUsage } from './usage.js';

/** What `review …` asks for. */
export type ReviewCommand =
  | { readonly kind: 'start'; readonly group: GroupRef; readonly reviewer: SlackUserId | null }
  | { readonly kind: 'all' }
  | { readonly kind: 'status' }
  | { readonly kind: 'cancel'; readonly id: ReviewId };

/**
 * `review "<group>" [@reviewer]`, `review all`, `review status`, `review cancel <id>`. The keywords are plain words;
 * a group called "all" or "status" goes in quotes.
 */
export function parseReview({ tokens }: CommandArgs): CommandResult {
  const [first, second, extra] = tokens;
  if (first === undefined) {
    return fail('review', 'missing_argument', 'review needs a group (or all, status, or cancel and a review id).');
  }
  const keyword = first.kind === 'word' ? first.text.toLowerCase() : null;
  if (keyword === 'all' || keyword === 'status') {
    if (second !== undefined)
      return fail('review', 'unexpected_argument', `Unexpected ${describeToken(second)} after ${keyword}.`);
    return ok({ kind: 'review', review: { kind: keyword } });
  }
  if (keyword === 'cancel') {
    const id = second?.kind === 'word' ? toReviewId(second.text.toUpperCase()) : null;
    if (second === undefined)
      return fail('review', 'missing_argument', 'cancel needs the review id (V…, see review status).');
    if (id === null) return fail('review', 'unexpected_argument', `${describeToken(second)} is not a review id (V…).`);
    if (extra !== undefined)
      return fail('review', 'unexpected_argument', `Unexpected ${describeToken(extra)} after the review id.`);
    return ok({ kind: 'review', review: { kind: 'cancel', id } });
  }
  const group = parseGroup(first);
  if (!group.ok) return failUsage('review', group.error);
  let reviewer: SlackUserId | null = null;
  if (second !== undefined) {
    const user = parseSlackUser(second);
    if (!user.ok) return failUsage('review', user.error);
    reviewer = user.value;
  }
  if (extra !== undefined)
    return fail(
      'review',
      'unexpected_argument',
      `Unexpected ${describeToken(extra)} after the reviewer; a review has one reviewer.`,
    );
  return ok({ kind: 'review', review: { kind: 'start', group: group.value, reviewer } });
}
