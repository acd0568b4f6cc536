import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { docspaceIdOf, slackIdOf, TEAM_ID } from '../../fixtures/people.js';
import { useHarness } from '../../helpers/harness.js';
import { ask, seedTeam, writesTo } from './approvals-kit.js';
import { findHandoverDm, HANDOVER_ON } from './handover-kit.js';

describe('manager "G" @user now: an admin gives a group with no manager one, without acceptance', () => {
  const h = useHarness({ env: HANDOVER_ON });

  const managerless = () =>
    h.docspace.seedGroup({
      name: `Orphans ${randomUUID().slice(0, 6)}`,
      managerId: null,
      memberIds: [docspaceIdOf('bob')],
    });

  it('sets the manager at once for an admin when the group has none, asking nobody', async () => {
    const group = managerless();
    const answer = await ask(h, 'owner', `manager "${group.name}" <@U0BOB00001> now`);
    expect(answer).not.toContain('waits for');
    await h.idle();
    expect(writesTo(h.docspace, group.id)).toHaveLength(1);
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('bob'));
    expect(findHandoverDm(h, 'bob', group.name)).toBeUndefined();
  });

  it('refuses `now` for a group that has a manager, naming them, and changes nothing', async () => {
    const group = seedTeam(h.docspace);
    const answer = await ask(h, 'owner', `manager "${group.name}" <@U0BOB00001> now`);
    expect(answer).toContain('already has a manager (Alice Archer)');
    await h.idle();
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    expect(findHandoverDm(h, 'bob', group.name)).toBeUndefined();
  });

  it('refuses `now` from someone who is not an admin, filing no request', async () => {
    const group = managerless();
    const answer = await ask(h, 'alice', `manager "${group.name}" <@U0BOB00001> now`);
    expect(answer).toContain('for admins only');
    expect(
      await h.container.storage.requests.countPending(TEAM_ID as never, { requesterId: slackIdOf('alice') as never }),
    ).toBe(0);
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('accepts `now` in any case but nothing after it', async () => {
    const group = managerless();
    const extra = await h.command('owner', `manager "${group.name}" <@U0BOB00001> NOW please`);
    expect(JSON.stringify(extra.ack.body)).toContain('Unexpected');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    await ask(h, 'owner', `manager "${group.name}" <@U0BOB00001> NOW`);
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('bob'));
  });

  it('still asks for acceptance when a managerless group gets a manager without `now`', async () => {
    const group = managerless();
    const answer = await ask(h, 'owner', `manager "${group.name}" <@U0BOB00001>`);
    expect(answer).toContain('waits for <@U0BOB00001> to accept');
    await h.slack.waitFor(() => findHandoverDm(h, 'bob', group.name) !== undefined);
    expect(writesTo(h.docspace, group.id)).toEqual([]);
    expect(slackIdOf('bob')).toBe('U0BOB00001');
  });
});

describe('HANDOVER_ACCEPTANCE=off (the default): manager changes run as before', () => {
  const h = useHarness();

  it('creates a group, then reassigns its manager at once, asking nobody to accept', async () => {
    const name = `Seed ${randomUUID().slice(0, 6)}`;
    await ask(h, 'owner', `create "${name}" manager <@U0ALICE001>`);
    const answer = await ask(h, 'owner', `manager "${name}" <@U0BOB00001>`);
    expect(answer).not.toContain('waits for');
    const group = h.docspace.listGroups().find((g) => g.name === name);
    expect(group?.managerId).toBe(docspaceIdOf('bob'));
    await h.idle();
    expect(findHandoverDm(h, 'bob', name)).toBeUndefined();
  });

  it('applies an approved manager request at once', async () => {
    const group = seedTeam(h.docspace);
    const answer = await ask(h, 'alice', `manager "${group.name}" <@U0BOB00001>`);
    expect(answer).toContain('is waiting for approval');
    await h.idle();
    expect(findHandoverDm(h, 'bob', group.name)).toBeUndefined();
  });
});
