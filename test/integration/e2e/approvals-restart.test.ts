import { describe, expect, it } from 'vitest';
import { INTERRUPTED_OUTCOME } from '../../../src/domain/approvals/recover.js';
import { ACTION_RETRY, ACTION_UNDO } from '../../../src/slack/ids.js';
import { docspaceIdOf } from '../../fixtures/people.js';
import { createFakeClock, MINUTE } from '../../helpers/clock.js';
import { useRestartableApps } from '../../helpers/restarts.js';
import {
  answerTo,
  approve,
  buttonsOf,
  cardJson,
  cardOf,
  clickCard,
  fileRequest,
  seedTeam,
  storedRequest,
  waitForCardStatus,
  writesTo,
} from './approvals-kit.js';

describe('pending requests and their cards survive a restart of the app', () => {
  const { boot, restart } = useRestartableApps();

  it('executes once when Approve is clicked, after a restart, on a card posted before it', async () => {
    const first = await boot();
    const group = seedTeam(first.docspace);
    const id = await fileRequest(first, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await first.stop();
    const second = await restart(first);
    await approve(second, 'dave', id);
    await waitForCardStatus(second.slack, id, 'done');
    expect(writesTo(second.docspace, group.id)).toHaveLength(1);
    expect(second.docspace.getGroup(group.id)?.memberIds).toContain(docspaceIdOf('carol'));
    expect(buttonsOf(cardOf(second.slack, id))).toEqual([ACTION_UNDO]);
  });

  it('still lists a pending request for approvers after a restart', async () => {
    const first = await boot();
    const group = seedTeam(first.docspace);
    const id = await fileRequest(first, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await first.stop();
    const second = await restart(first);
    const sent = await second.command('dave', 'requests');
    expect(JSON.stringify(await second.reply(sent.responseId))).toContain(id);
  });

  it('checks authorization again at the click: an approver removed from the config before the restart is refused', async () => {
    const first = await boot();
    const group = seedTeam(first.docspace);
    const id = await fileRequest(first, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await first.stop();
    const second = await restart(first, { env: { APPROVER_SLACK_USER_IDS: '' } });
    const answer = await answerTo(second.slack, await approve(second, 'dave', id));
    expect(answer).toContain('Only approvers');
    expect((await storedRequest(second, id)).status).toBe('pending');
    expect(writesTo(second.docspace, group.id)).toEqual([]);
  });

  describe('an execution interrupted between approval and the DocSpace change', () => {
    /** The state a crash leaves behind: approved (attempt 1 started) but never finished. */
    async function interruptedRequest() {
      const clock = createFakeClock(new Date());
      const first = await boot({ clock });
      const group = seedTeam(first.docspace);
      const id = await fileRequest(first, 'alice', `add "${group.name}" <@U0CAROL001>`);
      const approved = await first.container.storage.requests.transition(id as never, {
        from: ['pending'],
        to: 'approved',
        at: clock.now(),
        decidedBy: 'U0DAVE0001' as never,
        startAttempt: { maxAttempts: 2 },
      });
      expect(approved?.status).toBe('approved');
      await first.stop();
      const later = createFakeClock(new Date(clock.now().getTime() + 20 * MINUTE));
      const second = await restart(first, { clock: later });
      await second.container.services.maintain();
      return { second, group, id };
    }

    it('marks it failed with the interrupted outcome on maintenance 20 minutes later, with Retry on the card', async () => {
      const { second, group, id } = await interruptedRequest();
      const stored = await storedRequest(second, id);
      expect(stored.status).toBe('failed');
      expect(stored.outcome).toBe(INTERRUPTED_OUTCOME);
      await waitForCardStatus(second.slack, id, 'failed');
      expect(cardJson(second.slack, id)).toContain('Interrupted');
      expect(buttonsOf(cardOf(second.slack, id))).toEqual([ACTION_RETRY]);
      expect(writesTo(second.docspace, group.id)).toEqual([]);
    });

    it('records the recovery in the audit log as a failure by the bot itself', async () => {
      const { second, id } = await interruptedRequest();
      const entries = await second.container.storage.audit.list({ limit: 20 });
      expect(entries.find((e) => e.requestId === id && e.action === 'recover')).toMatchObject({
        actorSlackId: null,
        outcome: 'failed',
        detail: INTERRUPTED_OUTCOME,
      });
    });

    it('executes exactly once on Retry, and refuses a second Retry', async () => {
      const { second, group, id } = await interruptedRequest();
      await clickCard(second, 'dave', ACTION_RETRY, id);
      await waitForCardStatus(second.slack, id, 'done');
      expect(writesTo(second.docspace, group.id)).toHaveLength(1);
      const again = await answerTo(second.slack, await clickCard(second, 'dave', ACTION_RETRY, id));
      expect(again).toContain('already decided');
      expect(writesTo(second.docspace, group.id)).toHaveLength(1);
      expect((await storedRequest(second, id)).attempts).toBe(2);
    });

    it('leaves a recent approval alone: maintenance does not fail an execution that may still be running', async () => {
      const clock = createFakeClock(new Date());
      const h = await boot({ clock });
      const group = seedTeam(h.docspace);
      const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
      await h.container.storage.requests.transition(id as never, {
        from: ['pending'],
        to: 'approved',
        at: clock.now(),
        decidedBy: 'U0DAVE0001' as never,
        startAttempt: { maxAttempts: 2 },
      });
      clock.advance(5 * MINUTE);
      expect(await h.container.services.maintain()).toMatchObject({ ok: true, value: { recovered: 0 } });
      expect((await storedRequest(h, id)).status).toBe('approved');
    });
  });
});
