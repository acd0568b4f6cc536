import { describe, expect, it } from 'vitest';
import type { AccessReview, Caller, Handover, HandoverId } from '../../../../src/domain/index.js';
import { createHomeAddenda, DRY_RUN_NOTICE } from '../../../../src/slack/home/addenda.js';

const caller = { teamId: 'T0TEAM0001', slackUserId: 'U0BOB00001' } as unknown as Caller;

function waitingHandover(groupName: string): Handover {
  return {
    id: `H${groupName.length}` as HandoverId,
    teamId: caller.teamId,
    groupId: 'g-1',
    incomingDocSpaceId: 'd-bob',
    incomingSlackId: caller.slackUserId,
    incomingName: 'Bob Baker',
    requestedBy: 'U0OWNER001',
    approvedBy: null,
    requestId: null,
    reason: null,
    snapshot: { groupName, managerBefore: null, members: [], membersCount: 0 },
    status: 'waiting',
    createdAt: new Date('2026-12-01T10:00:00Z'),
    expiresAt: new Date('2026-12-04T10:00:00Z'),
    decidedAt: null,
    outcome: null,
    dm: null,
  } as unknown as Handover;
}

const repoWith = (handovers: Handover[]) => ({
  listWaitingFor: async (_team: unknown, who: unknown) => {
    expect(who).toEqual({ slackUserId: caller.slackUserId });
    return handovers;
  },
});

const NOW = new Date('2026-12-04T12:00:00Z');
const clock = { now: () => NOW };
const noReviews = { list: async () => [] };
const plain = { role: 'requester' as const };
const admin = { role: 'admin' as const };

function review(groupName: string, reviewer: string, dueAt: Date, state = 'open'): AccessReview {
  return { groupName, reviewerSlackId: reviewer, dueAt, state } as unknown as AccessReview;
}

describe('the lines at the top of a Home that come from dry-run mode and manager handovers', () => {
  it('adds nothing when the bot runs live and nobody waits for this person', async () => {
    const addenda = createHomeAddenda({ dryRun: false, handovers: repoWith([]), reviews: noReviews, clock });
    expect(await addenda(caller, plain)).toEqual({ notices: [] });
  });

  it('says the bot runs as a dry run', async () => {
    const addenda = createHomeAddenda({ dryRun: true, handovers: repoWith([]), reviews: noReviews, clock });
    expect((await addenda(caller, plain)).notices).toEqual([DRY_RUN_NOTICE]);
  });

  it('names each handover waiting for this person to accept, with who asks, escaped', async () => {
    const addenda = createHomeAddenda({
      dryRun: false,
      handovers: repoWith([waitingHandover('<!channel> *Ops*')]),
      reviews: noReviews,
      clock,
    });
    const [line] = (await addenda(caller, plain)).notices ?? [];
    expect(line).toContain('<@U0OWNER001> asks you to become the manager of');
    expect(line).toContain('&lt;!channel&gt;');
    expect(line).not.toContain('<!channel>');
  });

  it('sums up several waiting handovers in one line, so the dry-run notice still shows', async () => {
    const many = Array.from({ length: 12 }, (_, i) => waitingHandover(`Group ${'x'.repeat(i)}`));
    const addenda = createHomeAddenda({ dryRun: true, handovers: repoWith(many), reviews: noReviews, clock });
    const notices = (await addenda(caller, plain)).notices ?? [];
    expect(notices).toHaveLength(2);
    expect(notices[0]).toBe(DRY_RUN_NOTICE);
    expect(notices[1]).toContain('12 manager handovers wait for you to accept');
    expect(notices[1]).toContain('and 2 more');
  });

  it('tells a reviewer about the open reviews asked of them, and admins about every overdue one', async () => {
    const reviews = {
      list: async () => [
        review('Finance', caller.slackUserId, new Date('2026-12-10T00:00:00Z')),
        review('Legal', 'U0CAROL001', new Date('2026-12-01T00:00:00Z')),
        review('Old', caller.slackUserId, new Date('2026-11-01T00:00:00Z'), 'submitted'),
      ],
    };
    const addenda = createHomeAddenda({ dryRun: false, handovers: repoWith([]), reviews, clock });
    const forReviewer = (await addenda(caller, plain)).notices ?? [];
    expect(forReviewer).toHaveLength(1);
    expect(forReviewer[0]).toContain('An access review waits for you: *Finance*');
    expect(forReviewer[0]).not.toContain('Old');
    expect(forReviewer[0]).not.toContain('overdue');
    const forAdmin = (await addenda(caller, admin)).notices ?? [];
    expect(forAdmin[0]).toContain('1 access review is overdue: *Legal*');
  });
});
