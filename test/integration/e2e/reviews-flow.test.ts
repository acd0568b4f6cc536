import { describe, expect, it } from 'vitest';
import { ACTION_REVIEW_SUBMIT } from '../../../src/slack/ids.js';
import { docspaceIdOf, slackIdOf } from '../../fixtures/people.js';
import { findCard } from '../../helpers/approval-cards.js';
import { useHarness } from '../../helpers/harness.js';
import {
  addNote,
  ask,
  keep,
  linkByUse,
  remove,
  reviewDms,
  seedReviewedGroup,
  startReview,
  storedReview,
  submit,
  writesTo,
} from './reviews-kit.js';

describe('access reviews: an admin starts one, the manager decides in a DM and submits', () => {
  const h = useHarness();

  it('sends the manager a DM listing every member with Keep and Remove, and changes nothing yet', async () => {
    const group = seedReviewedGroup(h.docspace);
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    await h.slack.waitFor(() => reviewDms(h, 'alice', id).length > 0);
    const dm = JSON.stringify(reviewDms(h, 'alice', id));
    expect(dm).toContain(group.name);
    expect(dm).toContain('you manage this group');
    for (const name of ['Alice Archer', 'Bob Baker', 'carol@example.com']) expect(dm).toContain(name);
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    expect(await storedReview(h, id)).toMatchObject({ state: 'open', reviewerSlackId: slackIdOf('alice') });
  });

  it('keeps two members and removes one with exactly one DELETE of the group members, on submit only', async () => {
    const group = seedReviewedGroup(h.docspace);
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    await h.slack.waitFor(() => reviewDms(h, 'alice', id).length > 0);
    await keep(h, id, 'alice');
    await keep(h, id, 'bob');
    const page = await remove(h, id, 'carol');
    expect(page).toContain('replace_original');
    expect(page).toContain('Remove*');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    const answer = await submit(h, id);
    expect(answer).toContain('removed 1 member');
    const writes = writesTo(h.docspace, group.id);
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([`DELETE /api/2.0/group/${group.id}/members`]);
    expect(h.docspace.getGroup(group.id)?.memberIds.sort()).toEqual(
      [docspaceIdOf('alice'), docspaceIdOf('bob')].sort(),
    );
    expect((await storedReview(h, id)).outcome).toMatchObject({ kind: 'applied', removed: [docspaceIdOf('carol')] });
  });

  it('applies a double submit once: one DocSpace write, and the second click is told it was already submitted', async () => {
    const group = seedReviewedGroup(h.docspace);
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    await h.slack.waitFor(() => reviewDms(h, 'alice', id).length > 0);
    await remove(h, id, 'bob');
    const answers = await Promise.all([submit(h, id), submit(h, id)]);
    expect(answers.filter((a) => a.includes('already submitted'))).toHaveLength(1);
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
  });

  it('never removes anyone the reviewer did not decide on, and leaves members added since the review alone', async () => {
    const group = seedReviewedGroup(h.docspace);
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    await h.slack.waitFor(() => reviewDms(h, 'alice', id).length > 0);
    await remove(h, id, 'carol');
    await ask(h, 'owner', `add "${group.name}" dave@example.com`);
    h.docspace.clearLog();
    const answer = await submit(h, id);
    expect(answer).toContain('Not reviewed');
    const writes = writesTo(h.docspace, group.id);
    expect(writes).toHaveLength(1);
    expect(JSON.stringify(writes[0]?.body)).not.toContain(docspaceIdOf('dave'));
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('dave'));
    expect((await storedReview(h, id)).outcome?.notReviewed).toEqual([docspaceIdOf('dave')]);
  });

  it('stores a note from the note form with the decision and shows it on the DM page', async () => {
    const group = seedReviewedGroup(h.docspace);
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    await h.slack.waitFor(() => reviewDms(h, 'alice', id).length > 0);
    await remove(h, id, 'carol');
    await addNote(h, id, 'carol', 'Left the team in <March> & moved to Sales');
    const decisions = await h.container.storage.reviews.decisions(id);
    expect(decisions).toEqual([
      expect.objectContaining({
        docspaceUserId: docspaceIdOf('carol'),
        decision: 'remove',
        note: 'Left the team in <March> & moved to Sales',
      }),
    ]);
    const updated = h.slack.callsTo('chat.update').at(-1);
    expect(JSON.stringify(updated?.args['blocks'])).toContain('Left the team in &lt;March&gt; &amp; moved to Sales');
  });

  it('records every decision and the submit in the audit log', async () => {
    const group = seedReviewedGroup(h.docspace);
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    await h.slack.waitFor(() => reviewDms(h, 'alice', id).length > 0);
    await keep(h, id, 'bob');
    await remove(h, id, 'bob');
    await submit(h, id);
    const entries = await h.container.storage.audit.list({ groupId: group.id as never, limit: 50 });
    const actions = entries.map((e) => e.action).reverse();
    expect(actions).toEqual(['review_start', 'review_decision', 'review_decision', 'members', 'review_submit']);
  });
});

describe('access reviews of a long group', () => {
  const h = useHarness();

  it('pages 45 members over three DMs within Block Kit limits, with Submit on the last page only', async () => {
    const extra = Array.from({ length: 44 }, (_, i) =>
      h.docspace.addUser({
        firstName: 'Member',
        lastName: `No ${String(i).padStart(2, '0')}`,
        email: `member${i}@example.com`,
        type: 'user',
        status: 'active',
      }),
    );
    const group = h.docspace.seedGroup({
      name: `Everyone ${Date.now()}`,
      managerId: docspaceIdOf('alice'),
      memberIds: [docspaceIdOf('alice'), ...extra.map((u) => u.id)],
    });
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    await h.slack.waitFor(() => reviewDms(h, 'alice', id).length === 3);
    const pages = reviewDms(h, 'alice', id);
    for (const page of pages) expect((page.blocks as unknown[]).length).toBeLessThanOrEqual(50);
    const withSubmit = pages.filter((p) => JSON.stringify(p.blocks).includes(ACTION_REVIEW_SUBMIT));
    expect(withSubmit).toEqual([pages[2]]);
    expect(h.slack.rejectedResponses).toEqual([]);
  });
});

describe('access reviews: refusals, each with nothing written', () => {
  const h = useHarness();

  it('refuses a review of a group with no manager when no reviewer is named, and says how to name one', async () => {
    const group = h.docspace.seedGroup({ name: `Orphans ${Date.now()}`, memberIds: [docspaceIdOf('bob')] });
    const answer = await ask(h, 'owner', `review "${group.name}"`);
    expect(answer).toContain('has no manager');
    expect(answer).toContain('@reviewer');
    expect(await h.container.storage.reviews.findOpen(TEAM, group.id as never)).toBeNull();
  });

  it('starts a review of a group with no manager by the reviewer an admin names', async () => {
    const group = h.docspace.seedGroup({ name: `Orphans ${Date.now()}`, memberIds: [docspaceIdOf('bob')] });
    const id = await startReview(h, group, 'owner', ` <@${slackIdOf('carol')}>`);
    await h.slack.waitFor(() => reviewDms(h, 'carol', id).length > 0);
    expect(JSON.stringify(reviewDms(h, 'carol', id))).toContain('an admin chose you');
  });

  it('refuses a second review of a group that has one open, pointing to the open one', async () => {
    const group = seedReviewedGroup(h.docspace);
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    const answer = await ask(h, 'owner', `review "${group.name}"`);
    expect(answer).toContain('already has an open review');
    expect(answer).toContain(id);
  });

  it('refuses to start a review for someone who is not an admin', async () => {
    const group = seedReviewedGroup(h.docspace);
    expect(await ask(h, 'bob', `review "${group.name}"`)).toContain('Only admins');
  });

  it('refuses a Submit by someone who is not the reviewer', async () => {
    const group = seedReviewedGroup(h.docspace);
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    await h.slack.waitFor(() => reviewDms(h, 'alice', id).length > 0);
    await remove(h, id, 'bob');
    expect(await submit(h, id, 'alice', 'bob')).toContain('Only the reviewer');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    expect((await storedReview(h, id)).state).toBe('open');
  });

  it('refuses a Submit after an admin cancelled the review', async () => {
    const group = seedReviewedGroup(h.docspace);
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    await h.slack.waitFor(() => reviewDms(h, 'alice', id).length > 0);
    await remove(h, id, 'bob');
    expect(await ask(h, 'owner', `review cancel ${id}`)).toContain('Cancelled access review');
    await h.slack.waitFor(() => h.slack.dms(slackIdOf('alice')).some((m) => m.text.includes('was cancelled')));
    expect(await submit(h, id)).toContain('is cancelled');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('refuses a Submit after the group was deleted', async () => {
    const group = seedReviewedGroup(h.docspace);
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    await h.slack.waitFor(() => reviewDms(h, 'alice', id).length > 0);
    await remove(h, id, 'bob');
    await h.container.docspace.deleteGroup(group.id as never);
    h.docspace.clearLog();
    expect(await submit(h, id)).toContain('no longer exists');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    expect((await storedReview(h, id)).state).toBe('open');
  });
});

const TEAM = 'T0TEAM0001' as never;

describe('access reviews with REVIEW_REMOVALS_APPLY=false', () => {
  const h = useHarness({ env: { REVIEW_REMOVALS_APPLY: 'false' } });

  it("turns the manager's removals into one approval card and writes nothing to DocSpace", async () => {
    const group = seedReviewedGroup(h.docspace);
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    await h.slack.waitFor(() => reviewDms(h, 'alice', id).length > 0);
    await remove(h, id, 'bob');
    await remove(h, id, 'carol');
    const answer = await submit(h, id);
    expect(answer).toContain('needs an approver');
    const review = await storedReview(h, id);
    expect(review.outcome?.kind).toBe('requested');
    const requestId = review.outcome?.requestId ?? '';
    await h.slack.waitFor(() => findCard(h.slack, requestId) !== undefined);
    expect(h.slack.messages().filter((m) => m.text.includes(group.name) && m.channel.startsWith('C'))).toHaveLength(1);
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    const request = await h.container.storage.requests.get(requestId as never);
    expect(request?.change).toEqual({
      kind: 'members',
      groupId: group.id,
      add: [],
      remove: [docspaceIdOf('bob'), docspaceIdOf('carol')].sort(),
    });
  });
});
