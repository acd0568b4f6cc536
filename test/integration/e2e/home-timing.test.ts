import { describe, expect, it } from 'vitest';
import { mentionOf, slackIdOf } from '../../fixtures/people.js';
import { createFakeClock } from '../../helpers/clock.js';
import { useHarness } from '../../helpers/harness.js';
import { useRestartableApps } from '../../helpers/restarts.js';
import { approve, ask, fileRequest, waitForCardStatus } from './approvals-kit.js';
import { groupReads, homeOf, openHome, publishesFor, seedGroup } from './home-kit.js';

describe('App Home reads and republishes on the clock', () => {
  const clock = createFakeClock();
  const h = useHarness({ clock });

  it('reuses the group reads of a render for the same person within 30 seconds, and reads again after', async () => {
    await ask(h, 'alice', 'whoami');
    const group = seedGroup(h.docspace, 'Reuse', 'alice', ['alice', 'bob']);
    h.docspace.clearLog();

    await openHome(h, 'alice');
    clock.advance(29_000);
    const again = await openHome(h, 'alice');
    expect(groupReads(h.docspace)).toHaveLength(2);
    expect(again.json).toContain(group.name);

    clock.advance(1_000);
    await openHome(h, 'alice');
    expect(groupReads(h.docspace)).toHaveLength(4);
    expect(h.docspace.requests).toHaveLength(4);
  });

  it('republishes a person at most once a second: asks within the second become one publish after it', async () => {
    await ask(h, 'bob', 'whoami');
    await ask(h, 'dave', 'whoami');
    const group = seedGroup(h.docspace, 'Coalesce', 'alice', ['alice', 'bob']);
    const first = await fileRequest(h, 'bob', `add "${group.name}" ${mentionOf('carol')}`);
    const second = await fileRequest(h, 'bob', `add "${group.name}" ${mentionOf('erin')}`);
    clock.advance(5_000);
    await openHome(h, 'dave');
    h.slack.clear();

    // The clock stands still: both decisions fall within dave's second after his Home was published.
    // Both writes are held until both are sent, so both decisions end (and ask for dave's Home) together.
    const isWrite = (r: { method: string }) => r.method !== 'GET';
    h.docspace.hold(isWrite);
    await Promise.all([approve(h, 'owner', first), approve(h, 'owner', second)]);
    await h.docspace.waitFor(() => h.docspace.requests.filter(isWrite).length >= 2);
    h.docspace.release();
    await waitForCardStatus(h.slack, first, 'done');
    await waitForCardStatus(h.slack, second, 'done');

    const home = await homeOf(h, 'dave');
    expect(publishesFor(h, 'dave')).toHaveLength(1);
    expect(home.json).not.toContain(`dsg_home_decision:${first}`);
    expect(home.json).not.toContain(`dsg_home_decision:${second}`);
  });
});

describe('App Home viewers are remembered across a restart', () => {
  const { boot, restart } = useRestartableApps();

  it('republishes, after a restart, the Home of someone who opened it before, and of no one else', async () => {
    const first = await boot();
    const group = seedGroup(first.docspace, 'Restart', 'alice', ['alice', 'bob']);
    const id = await fileRequest(first, 'bob', `add "${group.name}" ${mentionOf('carol')}`);
    await openHome(first, 'bob');
    await first.stop();
    const second = await restart(first);
    second.slack.clear();

    await approve(second, 'owner', id);
    await waitForCardStatus(second.slack, id, 'done');
    await second.idle();

    expect(publishesFor(second, 'bob')).toHaveLength(1);
    expect(second.slack.callsTo('views.publish').map((c) => c.args['user_id'])).toEqual([slackIdOf('bob')]);
  });
});
