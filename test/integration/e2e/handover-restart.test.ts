import { afterEach, describe, expect, it } from 'vitest';
import { docspaceIdOf } from '../../fixtures/people.js';
import { type Harness, type HarnessOptions, startHarness } from '../../helpers/harness.js';
import { ask, seedTeam, writesTo } from './approvals-kit.js';
import { answersTo, HANDOVER_ON, handoverClick, handoverDm, storedHandover } from './handover-kit.js';

describe('handovers survive a restart and are answered once across two replicas', () => {
  // Closed newest first: later instances borrow the first one's doubles and database file.
  const started: Harness[] = [];
  afterEach(async () => {
    while (started.length > 0) await started.pop()?.close();
  });

  async function boot(options: HarnessOptions = {}) {
    const h = await startHarness({ ...options, env: { ...HANDOVER_ON, ...options.env } });
    started.push(h);
    return h;
  }

  /** Another app instance on the first one's database and doubles (after a restart, or as a second replica). */
  const sibling = (first: Harness) =>
    boot({ docspace: first.docspace, slack: first.slack, databaseUrl: first.databaseUrl });

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
