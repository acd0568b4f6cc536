import { describe, expect, it } from 'vitest';
import { docspaceIdOf } from '../../fixtures/people.js';
import { useRestartableApps } from '../../helpers/restarts.js';
import { ask, seedTeam, writesTo } from './approvals-kit.js';
import { answersTo, HANDOVER_ON, handoverClick, handoverDm, storedHandover } from './handover-kit.js';

describe('handovers survive a restart and are answered once across two replicas', () => {
  // Another app instance on the first one's database and doubles (after a restart, or as a second replica).
  const { boot, restart: sibling } = useRestartableApps({ env: HANDOVER_ON });

  it('executes a handover accepted after a restart, on the DM sent before it', async () => {
    const first = await boot();
    const group = seedTeam(first.docspace);
    await ask(first, 'owner', `manager "${group.name}" <@U0BOB00001>`);
    const { dm, id } = await handoverDm(first, 'bob', group.name);
    await first.stop();
    const second = await sibling(first);
    expect((await storedHandover(second, id)).status).toBe('waiting');
    await second.interact(handoverClick(second, 'bob', 'accept', id, dm, `restart-${id}`));
    await second.idle();
    expect(writesTo(second.docspace, group.id)).toHaveLength(1);
    expect(second.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('bob'));
  });

  it('makes one DocSpace write when each of two replicas receives an Accept click at the same time', async () => {
    const first = await boot();
    const second = await sibling(first);
    const group = seedTeam(first.docspace);
    await ask(first, 'owner', `manager "${group.name}" <@U0BOB00001>`);
    const { dm, id } = await handoverDm(first, 'bob', group.name);
    await Promise.all([
      first.interact(handoverClick(first, 'bob', 'accept', id, dm, `one-${id}`)),
      second.interact(handoverClick(second, 'bob', 'accept', id, dm, `two-${id}`)),
    ]);
    await Promise.all([first.idle(), second.idle()]);
    expect(writesTo(first.docspace, group.id)).toHaveLength(1);
    const answers = [answersTo(first, `one-${id}`), answersTo(second, `two-${id}`)];
    expect(answers.filter((a) => a.includes('already answered'))).toHaveLength(1);
  });
});
