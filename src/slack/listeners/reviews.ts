import { z } from 'zod';
import type { Caller, DocSpaceUserId, ReviewFailure, ReviewVerdict } from '../../domain/index.js';
import { toDocSpaceUserId, toReviewId } from '../../domain/index.js';
import { ACTION_REVIEW_NOTE_INPUT, BLOCK_REVIEW_NOTE } from '../ids.js';
import { reviewFailureText } from '../messages.js';
import type { ReviewCommand } from '../parse/review.js';
import { parseViewValues, textValue } from '../parse/view-state.js';
import { esc, type SlackMessage } from '../views/blocks.js';
import {
  buildReviewNoteModal,
  buildReviewPage,
  buildReviewStarted,
  buildReviewStatus,
  buildReviewSubmitted,
  buildStartAllReply,
  type ReviewButtonValue,
} from '../views/reviews.js';
import type { ButtonArgs } from './buttons.js';
import { afterAck, callerOfInteraction, type ListenerDeps, plainMessage, type Reply, tellUser } from './context.js';
import { actionDeliveryKey, isRepeat } from './deliveries.js';
import type { ViewArgs } from './modals.js';

// Access reviews in Slack: the `review` subcommand, and the Keep / Remove / note / Submit buttons of the review DM.
// Each click is checked on the server (only the reviewer, only while open); the DM page is re-rendered in place.

const NOT_SET_UP = 'Access reviews are not available in this bot.';

function reviewFailureMessage(failure: ReviewFailure): SlackMessage {
  return plainMessage(reviewFailureText(failure));
}

/** `review …`: one ephemeral answer. */
export async function runReviewCommand(
  deps: ListenerDeps,
  caller: Caller,
  command: ReviewCommand,
): Promise<SlackMessage> {
  const reviews = deps.reviews;
  if (!reviews) return plainMessage(NOT_SET_UP);
  switch (command.kind) {
    case 'start': {
      const started = await reviews.start(caller, command.group, command.reviewer);
      return started.ok ? buildReviewStarted(started.value) : reviewFailureMessage(started.error);
    }
    case 'all': {
      const report = await reviews.startAll(caller);
      if (!report.ok) return reviewFailureMessage(report.error);
      return buildStartAllReply(report.value, (name, failure) => `*${esc(name, 128)}*: ${reviewFailureText(failure)}`);
    }
    case 'status': {
      const status = await reviews.status(caller);
      return status.ok
        ? buildReviewStatus(status.value.reviews, status.value.admin)
        : reviewFailureMessage(status.error);
    }
    case 'cancel': {
      const cancelled = await reviews.cancel(caller, command.id);
      if (!cancelled.ok) return reviewFailureMessage(cancelled.error);
      return plainMessage(
        `Cancelled access review \`${cancelled.value.id}\` of *${esc(cancelled.value.groupName, 128)}*; nothing was changed.`,
      );
    }
  }
}

const valueSchema = z.object({ r: z.string(), m: z.string().optional(), p: z.number().int().min(0).max(1000) });

function decodeValue(raw: string | undefined): ReviewButtonValue | null {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    return null;
  }
  const parsed = valueSchema.safeParse(json);
  if (!parsed.success) return null;
  const r = toReviewId(parsed.data.r);
  const m = parsed.data.m === undefined ? undefined : toDocSpaceUserId(parsed.data.m);
  if (!r || m === null) return null;
  return { r, p: parsed.data.p, ...(m ? { m } : {}) };
}

/** Answers only the clicker; the page itself is replaced through replace_original. */
function ephemeral(args: ButtonArgs): Reply {
  return async (msg) => {
    if (args.body.response_url) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: msg.text, blocks: msg.blocks });
    }
  };
}

function replacePage(args: ButtonArgs): Reply {
  return async (msg) => {
    if (args.body.response_url) await args.respond({ replace_original: true, text: msg.text, blocks: msg.blocks });
  };
}

const UNKNOWN = 'That button does not name an access review I know.';

function reviewsAndCaller(deps: ListenerDeps, args: ButtonArgs) {
  const caller = callerOfInteraction(args.body);
  const value = decodeValue(args.action.value);
  return { reviews: deps.reviews, caller, value };
}

/** Keep or Remove on one member: stored at once, the page re-rendered with it. */
export async function handleReviewDecision(deps: ListenerDeps, args: ButtonArgs, verdict: ReviewVerdict) {
  await args.ack();
  const { reviews, caller, value } = reviewsAndCaller(deps, args);
  const reply = ephemeral(args);
  await afterAck(deps, { action: `review_${verdict}`, user: caller?.slackUserId }, reply, async () => {
    if (!reviews || !caller || !value?.m) {
      await reply(plainMessage(reviews ? UNKNOWN : NOT_SET_UP));
      return;
    }
    const decided = await reviews.decide(caller, value.r, value.m, verdict);
    if (!decided.ok) await reply(reviewFailureMessage(decided.error));
    else await replacePage(args)(buildReviewPage(decided.value.review, decided.value.decisions, value.p));
  });
}

const metadataSchema = z.object({ v: z.string(), c: z.string().nullable(), t: z.string().nullable() });

/** Add note: opens the note form for that member (after checking the clicker may still decide). */
export async function handleReviewNoteButton(deps: ListenerDeps, args: ButtonArgs) {
  await args.ack();
  const { reviews, caller, value } = reviewsAndCaller(deps, args);
  const reply = ephemeral(args);
  await afterAck(deps, { action: 'review_note', user: caller?.slackUserId }, reply, async () => {
    if (!reviews || !caller || !value?.m) {
      await reply(plainMessage(reviews ? UNKNOWN : NOT_SET_UP));
      return;
    }
    const view = await reviews.view(caller, value.r);
    if (!view.ok) return void (await reply(reviewFailureMessage(view.error)));
    const { review, decisions } = view.value;
    if (review.state !== 'open') {
      await reply(reviewFailureMessage({ code: 'review_closed', reviewId: review.id, state: review.state }));
      return;
    }
    const member = review.snapshot.members.find((m) => m.id === value.m);
    if (!member)
      return void (await reply(reviewFailureMessage({ code: 'review_member_unknown', reviewId: review.id })));
    const current = decisions.find((d) => d.docspaceUserId === member.id)?.note ?? null;
    const channel = args.body.channel?.id ?? null;
    const ts = args.body.message?.ts ?? null;
    const metadata = JSON.stringify({ v: args.action.value ?? '', c: channel, t: ts });
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: buildReviewNoteModal(member, current, metadata),
    });
  });
}

/** The note form's submit: stores the note and re-renders the DM page it came from. */
export async function handleReviewNoteSubmitted(deps: ListenerDeps, args: ViewArgs) {
  const { ack, body, view, client } = args;
  await ack();
  const caller = callerOfInteraction(body);
  let meta: z.infer<typeof metadataSchema> | null = null;
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(view.private_metadata ?? ''));
    meta = parsed.success ? parsed.data : null;
  } catch {
    meta = null;
  }
  const value = decodeValue(meta?.v);
  const reviews = deps.reviews;
  if (!caller || !value?.m || !reviews || !meta) return;
  const note = textValue(parseViewValues(view.state.values), BLOCK_REVIEW_NOTE, ACTION_REVIEW_NOTE_INPUT);
  const tell: Reply = (msg) => tellUser(client, deps, { channelId: null, userId: caller.slackUserId }, msg);
  await afterAck(deps, { view: 'review_note', user: caller.slackUserId }, tell, async () => {
    const noted = await reviews.note(caller, value.r, value.m as DocSpaceUserId, note);
    if (!noted.ok) return void (await tell(reviewFailureMessage(noted.error)));
    if (meta.c && meta.t) {
      const page = buildReviewPage(noted.value.review, noted.value.decisions, value.p);
      await client.chat.update({ channel: meta.c, ts: meta.t, text: page.text, blocks: page.blocks });
    }
  });
}

/** Submit review: applies (or files) the removals once; the page becomes the outcome. A replayed click is silent. */
export async function handleReviewSubmit(deps: ListenerDeps, args: ButtonArgs) {
  await args.ack();
  const { reviews, caller, value } = reviewsAndCaller(deps, args);
  const reply = ephemeral(args);
  await afterAck(deps, { action: 'review_submit', user: caller?.slackUserId }, reply, async () => {
    if (!reviews || !caller || !value) {
      await reply(plainMessage(reviews ? UNKNOWN : NOT_SET_UP));
      return;
    }
    const what = { action: 'review_submit', review: value.r, user: caller.slackUserId };
    if (await isRepeat(deps, actionDeliveryKey(args.body), args.context, what)) return;
    const submitted = await reviews.submit(caller, value.r);
    if (!submitted.ok) await reply(reviewFailureMessage(submitted.error));
    else await replacePage(args)(buildReviewSubmitted(submitted.value.review));
  });
}
