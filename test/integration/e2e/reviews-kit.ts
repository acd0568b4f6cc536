import { randomUUID } from 'node:crypto';
import type { AccessReview, ReviewId } from '../../../src/domain/index.js';
import {
  ACTION_REVIEW_KEEP,
  ACTION_REVIEW_NOTE,
  ACTION_REVIEW_NOTE_INPUT,
  ACTION_REVIEW_REMOVE,
  ACTION_REVIEW_SUBMIT,
  BLOCK_REVIEW_MEMBER,
  BLOCK_REVIEW_NOTE,
  BLOCK_REVIEW_SUBMIT,
} from '../../../src/slack/ids.js';
import type { FakeDocSpace, FakeGroupState } from '../../fakes/docspace-server.js';
import { blockAction, viewSubmission } from '../../fakes/payloads.js';
import type { FakeMessage } from '../../fakes/slack-api-server.js';
import { type DocSpaceHandle, docspaceIdOf, type PersonHandle, slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import type { Harness } from '../../helpers/harness.js';
import { ask } from './approvals-kit.js';

/** Shared steps of the access review end-to-end tests: start a review, find its DM, click as someone. */

export { ask, writesTo } from './approvals-kit.js';

/** A group with a unique name: manager alice, members alice, bob and carol. */
export function seedReviewedGroup(docspace: FakeDocSpace, prefix = 'Finance'): FakeGroupState {
  return docspace.seedGroup({
    name: `${prefix} ${randomUUID().slice(0, 6)}`,
    managerId: docspaceIdOf('alice'),
    memberIds: [docspaceIdOf('alice'), docspaceIdOf('bob'), docspaceIdOf('carol')],
  });
}

function reviewIdIn(text: string): ReviewId {
  const id = /\bV[0-9A-Z]{10,40}\b/.exec(text)?.[0];
  if (!id) throw new Error(`no review id in: ${text}`);
  return id as ReviewId;
}

/** An admin starts a review; returns its id (the answer names it). */
export async function startReview(h: Harness, group: FakeGroupState, by: PersonHandle = 'owner', extra = '') {
  const answer = await ask(h, by, `review "${group.name}"${extra}`);
  return reviewIdIn(answer);
}

/** The review DM pages the reviewer got for this review. */
export function reviewDms(h: Harness, who: PersonHandle, id: ReviewId): FakeMessage[] {
  return h.slack.dms(slackIdOf(who)).filter((m) => JSON.stringify(m.blocks ?? []).includes(id));
}

interface ButtonFound {
  readonly message: FakeMessage;
  readonly blockId: string;
  readonly value: string;
}

type Block = { block_id?: string; elements?: { action_id?: string; value?: string }[] };

/** A button on one of the review's DM pages: a member's Keep / Remove, or Submit. */
function reviewButton(
  h: Harness,
  reviewer: PersonHandle,
  id: ReviewId,
  actionId: string,
  member?: DocSpaceHandle,
): ButtonFound {
  const blockId = member ? `${BLOCK_REVIEW_MEMBER}:${docspaceIdOf(member)}` : BLOCK_REVIEW_SUBMIT;
  for (const message of reviewDms(h, reviewer, id)) {
    const block = ((message.blocks ?? []) as Block[]).find((b) => b.block_id === blockId);
    const value = block?.elements?.find((e) => e.action_id === actionId)?.value;
    if (value) return { message, blockId, value };
  }
  throw new Error(`no ${actionId} button${member ? ` for ${member}` : ''} in the DMs of review ${id}`);
}

/** Clicks a review button as someone, like Slack does from the DM; resolves with the first response_url answer. */
async function clickReview(h: Harness, who: PersonHandle, found: ButtonFound, actionId: string): Promise<string> {
  const responseId = await sendClick(h, who, found, actionId);
  await h.slack.waitFor(() => h.slack.responsesTo(responseId).length > 0);
  return JSON.stringify(h.slack.responsesTo(responseId)[0]?.body);
}

/** Sends the click and resolves once it is acked, with the response_url id it carried. */
async function sendClick(h: Harness, who: PersonHandle, found: ButtonFound, actionId: string): Promise<string> {
  const responseId = `review-${randomUUID()}`;
  const sent = await h.interact(
    blockAction({
      actionId,
      value: found.value,
      blockId: found.blockId,
      userId: slackIdOf(who),
      teamId: TEAM_ID,
      responseUrl: h.slack.responseUrl(responseId),
      channelId: found.message.channel,
      messageTs: found.message.ts,
    }),
  );
  if (sent.status !== 200) throw new Error(`click was not acked: ${sent.status} ${sent.body}`);
  return responseId;
}

/** The reviewer clicks Add note on a member, then saves the note form with `note`. */
export async function addNote(
  h: Harness,
  id: ReviewId,
  member: DocSpaceHandle,
  note: string,
  reviewer: PersonHandle = 'alice',
) {
  const opened = h.slack.callsTo('views.open').length;
  await sendClick(h, reviewer, reviewButton(h, reviewer, id, ACTION_REVIEW_NOTE, member), ACTION_REVIEW_NOTE);
  await h.slack.waitFor(() => h.slack.callsTo('views.open').length > opened);
  const view = h.slack.callsTo('views.open').at(-1)?.args['view'] as {
    private_metadata?: string;
    callback_id?: string;
  };
  const sent = await h.interact(
    viewSubmission({
      callbackId: view.callback_id ?? '',
      userId: slackIdOf(reviewer),
      privateMetadata: view.private_metadata ?? '',
      values: { [BLOCK_REVIEW_NOTE]: { [ACTION_REVIEW_NOTE_INPUT]: { type: 'plain_text_input', value: note } } },
    }),
  );
  if (sent.status !== 200) throw new Error(`the note form was not acked: ${sent.status}`);
  await h.idle();
}

export const keep = (h: Harness, id: ReviewId, member: DocSpaceHandle, reviewer: PersonHandle = 'alice') =>
  clickReview(h, reviewer, reviewButton(h, reviewer, id, ACTION_REVIEW_KEEP, member), ACTION_REVIEW_KEEP);

export const remove = (h: Harness, id: ReviewId, member: DocSpaceHandle, reviewer: PersonHandle = 'alice') =>
  clickReview(h, reviewer, reviewButton(h, reviewer, id, ACTION_REVIEW_REMOVE, member), ACTION_REVIEW_REMOVE);

/** Clicks Submit on the reviewer's DM as `who` (the reviewer unless said otherwise). */
export const submit = (h: Harness, id: ReviewId, reviewer: PersonHandle = 'alice', who: PersonHandle = reviewer) =>
  clickReview(h, who, reviewButton(h, reviewer, id, ACTION_REVIEW_SUBMIT), ACTION_REVIEW_SUBMIT);

export async function storedReview(h: Harness, id: ReviewId): Promise<AccessReview> {
  const review = await h.container.storage.reviews.get(id);
  if (!review) throw new Error(`review ${id} is not stored`);
  return review;
}

/** The reviewer is linked to their DocSpace account (as after any command of theirs). */
export async function linkByUse(h: Harness, who: PersonHandle): Promise<void> {
  await ask(h, who, 'whoami');
}
