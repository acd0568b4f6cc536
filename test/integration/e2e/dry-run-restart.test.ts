import { describe, expect, it } from 'vitest';
import { ACTION_RETRY } from '../../../src/slack/ids.js';
import { docspaceIdOf } from '../../fixtures/people.js';
import type { Harness } from '../../helpers/harness.js';
import { useRestartableApps } from '../../helpers/restarts.js';
import {
  answerTo,
  approve,
  ask,
  buttonsOf,
  cardOf,
  clickCard,
  fileRequest,
  seedTeam,
  storedRequest,
  waitForCardStatus,
  writesTo,
} from './approvals-kit.js';
import { DRY_RUN_ENV, nonGetRequests } from './dry-run-kit.js';

describe('switching DRY_RUN off: a request made or decided in dry-run is never executed', () => {
  const apps = useRestartableApps();
  const boot = apps.boot;

  /** The next app instance on the same database and doubles, as after a restart with other settings. */
  async function restart(before: Harness, env: Record<string, string> = {}) {
    await before.stop();
    return apps.restart(before, { env });
  }

  it('refuses Approve on a pending dry-run request after the restart, says it must be asked again, writes nothing', async () => {
    const dry = await boot({ env: DRY_RUN_ENV });
    const group = seedTeam(dry.docspace);
    const id = await fileRequest(dry, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const live = await restart(dry);
    const answer = await answerTo(live.slack, await approve(live, 'dave', id));
    expect(answer).toContain('while the bot ran as a dry run, so it is never applied');
    expect(answer).toContain('Ask for the change again');
    expect(writesTo(live.docspace, group.id)).toEqual([]);
    expect((await storedRequest(live, id)).status).toBe('pending');
  });

  it('files the same change asked again after the restart as a new live request, which executes on approval', async () => {
    const dry = await boot({ env: DRY_RUN_ENV });
    const group = seedTeam(dry.docspace);
    const old = await fileRequest(dry, 'alice', `add "${group.name}" <@U0CAROL001>`);
    const live = await restart(dry);
    const fresh = await fileRequest(live, 'alice', `add "${group.name}" <@U0CAROL001>`);
    expect(fresh).not.toBe(old);
    expect((await storedRequest(live, fresh)).dryRun).toBeUndefined();
    await approve(live, 'dave', fresh);
    await waitForCardStatus(live.slack, fresh, 'done');
    expect(writesTo(live.docspace, group.id)).toHaveLength(1);
    expect(live.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
  });

  it('refuses Retry on a dry-run execution that failed, after the restart, and writes nothing', async () => {
    const dry = await boot({ env: { ...DRY_RUN_ENV, DOCSPACE_MAX_RETRIES: '0' } });
    const group = seedTeam(dry.docspace);
    const id = await fileRequest(dry, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await ask(dry, 'dave', 'whoami');
    dry.docspace.failNext(1, 500, { method: 'GET' });
    await approve(dry, 'dave', id);
    await waitForCardStatus(dry.slack, id, 'failed');
    expect(buttonsOf(cardOf(dry.slack, id))).toEqual([ACTION_RETRY]);
    const live = await restart(dry);
    const answer = await answerTo(live.slack, await clickCard(live, 'owner', ACTION_RETRY, id));
    expect(answer).toContain('dry run');
    expect(nonGetRequests(live)).toEqual([]);
    expect((await storedRequest(live, id)).status).toBe('failed');
  });

  it('keeps a live request approved while DRY_RUN was on as rehearsed: marked, executed as a dry run, never written', async () => {
    const first = await boot();
    const group = seedTeam(first.docspace);
    const id = await fileRequest(first, 'alice', `manager "${group.name}" <@U0BOB00001>`);
    expect((await storedRequest(first, id)).dryRun).toBeUndefined();
    const dry = await restart(first, DRY_RUN_ENV);
    await approve(dry, 'dave', id);
    await waitForCardStatus(dry.slack, id, 'done');
    const live = await restart(dry);
    const stored = await storedRequest(live, id);
    expect(stored.status).toBe('executed');
    expect(stored.dryRun?.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `PUT /api/2.0/group/${group.id}/manager`,
    ]);
    const again = await answerTo(live.slack, await approve(live, 'dave', id));
    expect(again).toContain('already decided');
    expect(writesTo(live.docspace, group.id)).toEqual([]);
    expect(live.docspace.getGroup(group.id)?.managerId).toBe(docspaceIdOf('alice'));
  });

  it('answers an admin’s change live again once DRY_RUN is off', async () => {
    const dry = await boot({ env: DRY_RUN_ENV });
    const group = seedTeam(dry.docspace);
    expect(await ask(dry, 'owner', `add "${group.name}" <@U0CAROL001>`)).toContain('Dry run');
    const live = await restart(dry);
    const answer = await ask(live, 'owner', `add "${group.name}" <@U0CAROL001>`);
    expect(answer).not.toContain('Dry run');
    expect(writesTo(live.docspace, group.id)).toHaveLength(1);
  });
});
