import { describe, expect, it } from 'vitest';
import { docspaceIdOf, slackIdOf } from '../../fixtures/people.js';
import { createFakeClock, HOUR } from '../../helpers/clock.js';
import { useHarness } from '../../helpers/harness.js';
import { linkByUse, reviewDms, seedReviewedGroup, startReview, storedReview, writesTo } from './reviews-kit.js';

const DAY = 24 * HOUR;

const remindersTo = (h: ReturnType<typeof useHarness>, who: 'alice' | 'owner', id: string, words: string) =>
  h.slack.dms(slackIdOf(who)).filter((m) => m.text.includes(words) && JSON.stringify(m.blocks).includes(id));

describe('access review reminders and escalation, on an injected clock', () => {
  const clock = createFakeClock();
  const h = useHarness({ clock, env: { REVIEW_DUE_DAYS: '7' } });

  it('reminds the reviewer halfway and on the due day, reports the overdue review to admins once, and removes no one', async () => {
    const group = seedReviewedGroup(h.docspace);
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    await h.slack.waitFor(() => reviewDms(h, 'alice', id).length > 0);

    clock.advance(3 * DAY);
    expect(await h.container.reviews.sweep()).toMatchObject({ reminded: 0, escalated: 0 });

    clock.advance(12 * HOUR);
    expect(await h.container.reviews.sweep()).toMatchObject({ reminded: 1, escalated: 0 });
    expect(remindersTo(h, 'alice', id, 'halfway')).toHaveLength(1);
    expect(await h.container.reviews.sweep()).toMatchObject({ reminded: 0 });

    clock.advance(3 * DAY);
    expect(await h.container.reviews.sweep()).toMatchObject({ reminded: 1, escalated: 0 });
    expect(remindersTo(h, 'alice', id, 'is due')).toHaveLength(1);

    clock.advance(DAY);
    expect(await h.container.reviews.sweep()).toMatchObject({ reminded: 0, escalated: 1 });
    expect(await h.container.reviews.sweep()).toMatchObject({ escalated: 0 });
    const overdue = h.slack.dms(slackIdOf('owner')).filter((m) => m.text.includes('overdue') && m.text.includes(id));
    expect(overdue).toHaveLength(1);
    expect(overdue[0]?.text).toContain(slackIdOf('alice'));

    expect(writesTo(h.docspace, group.id)).toEqual([]);
    const review = await storedReview(h, id);
    expect(review.state).toBe('open');
    expect(review.escalatedAt).toEqual(clock.now());
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
  });

  it('sends one reminder when two maintenance passes sweep at the same moment', async () => {
    const group = seedReviewedGroup(h.docspace);
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    clock.advance(4 * DAY);
    const runs = await Promise.all([h.container.reviews.sweep(), h.container.reviews.sweep()]);
    expect(runs.reduce((n, r) => n + r.reminded, 0)).toBe(1);
    expect(remindersTo(h, 'alice', id, 'halfway')).toHaveLength(1);
  });
});

describe('scheduled access reviews (REVIEW_INTERVAL_DAYS)', () => {
  const clock = createFakeClock();
  const h = useHarness({ clock, env: { REVIEW_INTERVAL_DAYS: '90' } });

  it('starts a review of each group whose linked manager has had none for the interval, and not again until it passes', async () => {
    const group = seedReviewedGroup(h.docspace, 'Scheduled');
    await linkByUse(h, 'alice');
    // The schedule lists every group, so it looks at most hourly; the app's start-up pass was its last look.
    expect((await h.container.reviews.sweep()).scheduled).toBe(0);
    clock.advance(HOUR);
    expect((await h.container.reviews.sweep()).scheduled).toBe(1);
    const first = await h.container.storage.reviews.findOpen('T0TEAM0001' as never, group.id as never);
    expect(first).toMatchObject({ trigger: 'schedule', startedBy: null, reviewerSlackId: slackIdOf('alice') });
    if (!first) throw new Error('no scheduled review');
    await h.slack.waitFor(() => reviewDms(h, 'alice', first.id).length > 0);
    expect(JSON.stringify(reviewDms(h, 'alice', first.id))).toContain('scheduled review');
    await h.container.storage.reviews.close(first.id, 'submitted', { slackUserId: null, at: clock.now() });

    clock.advance(30 * 24 * HOUR);
    await h.container.reviews.sweep();
    expect(await h.container.storage.reviews.findOpen('T0TEAM0001' as never, group.id as never)).toBeNull();

    clock.advance(61 * 24 * HOUR);
    await h.container.reviews.sweep();
    const second = await h.container.storage.reviews.findOpen('T0TEAM0001' as never, group.id as never);
    expect(second?.id).not.toBe(first.id);
  });
});
