import { describe, expect, it } from 'vitest';
import type { Caller, Handover, HandoverId } from '../../../../src/domain/index.js';
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

describe('the lines at the top of a Home that come from dry-run mode and manager handovers', () => {
  it('adds nothing when the bot runs live and nobody waits for this person', async () => {
    const addenda = createHomeAddenda({ dryRun: false, handovers: repoWith([]) });
    expect(await addenda(caller)).toEqual({ notices: [] });
  });

  it('says the bot runs as a dry run', async () => {
    const addenda = createHomeAddenda({ dryRun: true, handovers: repoWith([]) });
    expect((await addenda(caller)).notices).toEqual([DRY_RUN_NOTICE]);
  });

  it('names each handover waiting for this person to accept, with who asks, escaped', async () => {
    const addenda = createHomeAddenda({ dryRun: false, handovers: repoWith([waitingHandover('<!channel> *Ops*')]) });
    const [line] = (await addenda(caller)).notices ?? [];
    expect(line).toContain('<@U0OWNER001> asks you to become the manager of');
    expect(line).toContain('&lt;!channel&gt;');
    expect(line).not.toContain('<!channel>');
  });

  it('sums up more than two waiting handovers in one line, so the dry-run notice still shows', async () => {
    const many = Array.from({ length: 12 }, (_, i) => waitingHandover(`Group ${'x'.repeat(i)}`));
    const addenda = createHomeAddenda({ dryRun: true, handovers: repoWith(many) });
    const notices = (await addenda(caller)).notices ?? [];
    expect(notices).toHaveLength(2);
    expect(notices[0]).toBe(DRY_RUN_NOTICE);
    expect(notices[1]).toContain('12 manager handovers wait for you to accept');
    expect(notices[1]).toContain('and 2 more');
  });
});
