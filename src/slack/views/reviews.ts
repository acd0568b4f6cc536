import type { KnownBlock, ModalView } from '@slack/types';
import type {
  AccessReview,
  DocSpaceUserId,
  ReviewDecision,
  ReviewId,
  ReviewMember,
  ReviewNotice,
  StartAllReport,
} from '../../domain/index.js';
import { REVIEW_NOTE_MAX } from '../../domain/index.js';
import {
  ACTION_REVIEW_KEEP,
  ACTION_REVIEW_NOTE,
  ACTION_REVIEW_NOTE_INPUT,
  ACTION_REVIEW_REMOVE,
  ACTION_REVIEW_SUBMIT,
  BLOCK_REVIEW_MEMBER,
  BLOCK_REVIEW_NOTE,
  BLOCK_REVIEW_SUBMIT,
  CALLBACK_REVIEW_NOTE,
  COMMAND,
} from '../ids.js';
import {
  button,
  confirmDialog,
  context,
  esc,
  LIMITS,
  listText,
  mention,
  message,
  plain,
  type SlackMessage,
  section,
  slackDate,
} from './blocks.js';

/**
 * Members shown on one DM page: two blocks each (the member, their buttons), with the page's heading (two blocks) and
 * the Submit row (two blocks) that stays within Slack's 50 blocks a message.
 */
const MEMBERS_PER_PAGE = 20;

/** What a review button carries: the review, the member (none for Submit) and the page it sits on. */
export interface ReviewButtonValue {
  readonly r: ReviewId;
  readonly m?: DocSpaceUserId;
  readonly p: number;
}

function pageCount(review: AccessReview): number {
  return Math.max(1, Math.ceil(review.snapshot.members.length / MEMBERS_PER_PAGE));
}

const day = (d: Date) => slackDate(d, '{date_short_pretty}');

function why(review: AccessReview): string {
  const who =
    review.reviewerReason === 'manager'
      ? 'you manage this group'
      : `an admin chose you${review.snapshot.managerName ? '' : ' (the group has no manager)'}`;
  const by = review.startedBy ? ` ${mention(review.startedBy)} started it` : ' It is a scheduled review';
  return `You are asked because ${who}.${by}.`;
}

function memberLine(member: ReviewMember, decision: ReviewDecision | undefined): string {
  const email = member.email ? ` (${esc(member.email, 120)})` : '';
  const since = member.memberSince ? ` · member since ${day(member.memberSince)}` : '';
  const grant = member.grantEndsAt ? ` · :hourglass: time-bound, until ${slackDate(member.grantEndsAt)}` : '';
  const state =
    decision?.decision === 'remove'
      ? ':x: *Remove*'
      : decision?.decision === 'keep'
        ? ':white_check_mark: *Keep*'
        : '_not decided yet_';
  const note = decision?.note ? `\n_Note:_ ${esc(decision.note, REVIEW_NOTE_MAX)}` : '';
  return `*${esc(member.name, 150)}*${email}${since}${grant}\n${state}${note}`;
}

function memberBlocks(
  review: AccessReview,
  member: ReviewMember,
  decision: ReviewDecision | undefined,
  page: number,
): KnownBlock[] {
  const value = JSON.stringify({ r: review.id, m: member.id, p: page } satisfies ReviewButtonValue);
  const chosen = decision?.decision;
  return [
    section(memberLine(member, decision)),
    {
      type: 'actions',
      block_id: `${BLOCK_REVIEW_MEMBER}:${member.id}`,
      elements: [
        button({
          actionId: ACTION_REVIEW_KEEP,
          label: 'Keep',
          value,
          ...(chosen === 'keep' ? { style: 'primary' as const } : {}),
        }),
        button({
          actionId: ACTION_REVIEW_REMOVE,
          label: 'Remove',
          value,
          ...(chosen === 'remove' ? { style: 'danger' as const } : {}),
        }),
        button({ actionId: ACTION_REVIEW_NOTE, label: decision?.note ? 'Edit note' : 'Add note', value }),
      ],
    },
  ];
}

function counts(review: AccessReview, decisions: readonly ReviewDecision[]) {
  const removing = decisions.filter((d) => d.decision === 'remove').length;
  const keeping = decisions.filter((d) => d.decision === 'keep').length;
  return { removing, keeping, open: review.snapshot.members.length - removing - keeping };
}

function submitBlocks(review: AccessReview, decisions: readonly ReviewDecision[], page: number): KnownBlock[] {
  const { removing, keeping, open } = counts(review, decisions);
  const value = JSON.stringify({ r: review.id, p: page } satisfies ReviewButtonValue);
  const confirm = confirmDialog(
    'Submit review?',
    removing > 0
      ? `${removing} member(s) will be removed from ${review.groupName}. Undecided members are kept.`
      : 'Nobody is removed. Undecided members are kept.',
    'Submit',
    removing > 0 ? 'danger' : 'primary',
  );
  return [
    context(
      `${keeping} kept, ${removing} to remove, ${open} not decided yet. Nothing changes until you submit; undecided members stay.`,
    ),
    {
      type: 'actions',
      block_id: BLOCK_REVIEW_SUBMIT,
      elements: [button({ actionId: ACTION_REVIEW_SUBMIT, label: 'Submit review', value, style: 'primary', confirm })],
    },
  ];
}

/** One page (0-based) of the review DM: heading, its members with Keep / Remove / note, Submit on the last page. */
export function buildReviewPage(
  review: AccessReview,
  decisions: readonly ReviewDecision[],
  page: number,
): SlackMessage {
  const pages = pageCount(review);
  const members = review.snapshot.members.slice(page * MEMBERS_PER_PAGE, (page + 1) * MEMBERS_PER_PAGE);
  const byMember = new Map(decisions.map((d) => [d.docspaceUserId as string, d]));
  const group = `*${esc(review.groupName, 128)}*`;
  const head =
    page === 0
      ? `:clipboard: *Access review* of ${group}: please confirm who still needs to be in it. ${why(review)} Due ${slackDate(review.dueAt)}.`
      : `:clipboard: Access review of ${group}, continued.`;
  const blocks: KnownBlock[] = [
    section(head),
    context(`Review \`${review.id}\` · page ${page + 1} of ${pages} · ${review.snapshot.members.length} members`),
    ...members.flatMap((m) => memberBlocks(review, m, byMember.get(m.id), page)),
    ...(page === pages - 1 ? submitBlocks(review, decisions, page) : []),
  ];
  return message(`Access review of ${esc(review.groupName, 128)} (page ${page + 1} of ${pages})`, blocks);
}

export function buildReviewPages(review: AccessReview, decisions: readonly ReviewDecision[]): SlackMessage[] {
  return Array.from({ length: pageCount(review) }, (_, page) => buildReviewPage(review, decisions, page));
}

function names(review: AccessReview, ids: readonly string[], extra: Readonly<Record<string, string>> = {}): string[] {
  const known = new Map(review.snapshot.members.map((m) => [m.id as string, m.name]));
  return ids.map((id) => `• ${esc(known.get(id) ?? extra[id] ?? id, 150)}`);
}

/** What submitting did, for the reviewer (it replaces the page they submitted from). */
export function buildReviewSubmitted(review: AccessReview): SlackMessage {
  const o = review.outcome;
  const group = `*${esc(review.groupName, 128)}*`;
  const lines: string[] = [];
  if (!o || o.kind === 'nothing') lines.push(`:white_check_mark: Review of ${group} submitted: everyone stays.`);
  else if (o.kind === 'applied')
    lines.push(`:white_check_mark: Review of ${group} submitted: removed ${o.removed.length} member(s).`);
  else if (o.kind === 'requested') {
    lines.push(
      `:hourglass_flowing_sand: Review of ${group} submitted: removing ${o.removed.length} member(s) needs an approver; request \`${o.requestId ?? '?'}\` is waiting.`,
    );
  } else
    lines.push(
      `:warning: Review of ${group} submitted, but the removals failed (${esc(o.detail ?? 'unknown', 200)}); an admin can remove them by hand.`,
    );
  const blocks: KnownBlock[] = [section(lines[0] as string)];
  if (o && o.removed.length > 0)
    blocks.push(section(listText(o.kind === 'requested' ? 'To remove:' : 'Removed:', names(review, o.removed))));
  if (o && o.alreadyGone.length > 0)
    blocks.push(section(listText('Already gone from the group:', names(review, o.alreadyGone))));
  if (o && o.notReviewed.length > 0) {
    blocks.push(
      section(
        listText(
          'Not reviewed (added since the review started; not touched):',
          o.notReviewed.map((id) => `• \`${id}\``),
        ),
      ),
    );
  }
  blocks.push(context(`Review \`${review.id}\``));
  return message(lines[0] as string, blocks);
}

const NOTICE_TEXT: Readonly<Record<'half' | 'due', string>> = {
  half: 'is halfway to its due date',
  due: 'is due',
};

export function buildReviewReminder(review: AccessReview, notice: Exclude<ReviewNotice, 'overdue'>): SlackMessage {
  const text = `:bell: Reminder: your access review of *${esc(review.groupName, 128)}* ${NOTICE_TEXT[notice]} (${slackDate(review.dueAt)}). Decide Keep or Remove for each member in the review message, then Submit review. Nobody is removed without your submit.`;
  return message(text, [section(text), context(`Review \`${review.id}\``)]);
}

export function buildReviewOverdue(review: AccessReview): SlackMessage {
  const text = `:warning: The access review of *${esc(review.groupName, 128)}* by ${mention(review.reviewerSlackId)} is overdue (it was due ${slackDate(review.dueAt)}). Nothing was changed. Remind them, or cancel it with \`${COMMAND} review cancel ${review.id}\` and start one with another reviewer.`;
  return message(text, [section(text)]);
}

export function buildReviewCancelled(review: AccessReview): SlackMessage {
  const by = review.closedBy ? ` by ${mention(review.closedBy)}` : '';
  const text = `Your access review of *${esc(review.groupName, 128)}* was cancelled${by}; nothing of it will be applied, and you need not finish it.`;
  return message(text, [section(text), context(`Review \`${review.id}\``)]);
}

export function buildReviewStarted(review: AccessReview): SlackMessage {
  const text = `Started access review \`${review.id}\` of *${esc(review.groupName, 128)}* (${review.snapshot.members.length} members): ${mention(review.reviewerSlackId)} reviews it by DM, due ${slackDate(review.dueAt)}.`;
  return message(text, [section(text)]);
}

export function buildStartAllReply(
  report: StartAllReport,
  failureLine: (groupName: string, failure: StartAllReport['skipped'][number]['failure']) => string,
): SlackMessage {
  const head = `Started ${report.started.length} access review(s).`;
  const started = report.started.map(
    (r) => `• *${esc(r.groupName, 128)}* — ${mention(r.reviewerSlackId)} (\`${r.id}\`)`,
  );
  const skipped = report.skipped.map((s) => `• ${failureLine(s.groupName, s.failure)}`);
  const blocks: KnownBlock[] = [section(head)];
  if (started.length > 0) blocks.push(section(listText('Started:', started)));
  if (skipped.length > 0) blocks.push(section(listText('Not started:', skipped)));
  return message(head, blocks);
}

function statusLine(r: AccessReview): string {
  const group = `*${esc(r.groupName, 128)}*`;
  const base = `• \`${r.id}\` ${group} — ${mention(r.reviewerSlackId)}`;
  if (r.state === 'open')
    return `${base} — open, due ${slackDate(r.dueAt)}${r.escalatedAt ? ' :warning: overdue' : ''}`;
  if (r.state === 'cancelled') return `${base} — cancelled${r.closedAt ? ` ${slackDate(r.closedAt)}` : ''}`;
  const o = r.outcome;
  const what = !o
    ? 'submitted'
    : o.kind === 'nothing'
      ? 'everyone kept'
      : o.kind === 'applied'
        ? `${o.removed.length} removed`
        : o.kind === 'requested'
          ? `${o.removed.length} to remove, request \`${o.requestId ?? '?'}\``
          : 'removals failed';
  return `${base} — submitted${r.closedAt ? ` ${slackDate(r.closedAt)}` : ''}: ${what}`;
}

export function buildReviewStatus(reviews: readonly AccessReview[], admin: boolean): SlackMessage {
  if (reviews.length === 0) {
    const text = admin
      ? `No access reviews yet. Start one with \`${COMMAND} review "&lt;group&gt;"\`.`
      : 'You have no access reviews.';
    return message(text, [section(text)]);
  }
  const open = reviews.filter((r) => r.state === 'open');
  const done = reviews.filter((r) => r.state !== 'open');
  const blocks: KnownBlock[] = [];
  if (open.length > 0) blocks.push(section(listText(`*Open reviews* (${open.length}):`, open.map(statusLine))));
  if (done.length > 0) blocks.push(section(listText(`*Finished reviews* (${done.length}):`, done.map(statusLine))));
  return message(`${open.length} open and ${done.length} finished access reviews`, blocks);
}

/** A stored note as the input's starting text: at most REVIEW_NOTE_MAX UTF-16 units, never half a surrogate pair. */
function clipNote(note: string): string {
  const cut = note.slice(0, REVIEW_NOTE_MAX);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** The note form for one member; private_metadata round-trips the button value and the DM message to re-render. */
export function buildReviewNoteModal(member: ReviewMember, current: string | null, metadata: string): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_REVIEW_NOTE,
    private_metadata: metadata.slice(0, LIMITS.privateMetadata),
    title: plain('Review note', LIMITS.viewLabel),
    submit: plain('Save note', LIMITS.viewLabel),
    close: plain('Back', LIMITS.viewLabel),
    blocks: [
      section(`A note on *${esc(member.name, 150)}* for the review record (optional).`),
      {
        type: 'input',
        block_id: BLOCK_REVIEW_NOTE,
        optional: true,
        label: plain('Note'),
        element: {
          type: 'plain_text_input',
          action_id: ACTION_REVIEW_NOTE_INPUT,
          multiline: true,
          max_length: REVIEW_NOTE_MAX,
          ...(current ? { initial_value: clipNote(current) } : {}),
        },
      },
    ],
  };
}
