import { describe, expect, it } from 'vitest';
import { ACTION_DENY } from '../../../src/slack/ids.js';
import { createFakeClock, HOUR } from '../../helpers/clock.js';
import { useHarness } from '../../helpers/harness.js';
import {
  answerTo,
  approve,
  buttonsOf,
  cardJson,
  cardOf,
  clickCard,
  dmsAbout,
  fileRequest,
  seedTeam,
  storedRequest,
  waitForCardStatus,
  writesTo,
} from './approvals-kit.js';

describe('pending requests expire after REQUEST_TTL_HOURS (72 h by default)', () => {
  const clock = createFakeClock(new Date());
  const h = useHarness({ clock });

  it('keeps a request pending until its 72 hours are up', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    clock.advance(71 * HOUR);
    expect(await h.container.services.maintain()).toMatchObject({ ok: true, value: { expired: 0 } });
    expect((await storedRequest(h, id)).status).toBe('pending');
    expect(buttonsOf(cardOf(h.slack, id)).length).toBe(2);
  });

  it('expires an overdue request on maintenance: the card says expired without buttons, and the requester is told', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    clock.advance(72 * HOUR + 60_000);
    const maintained = await h.container.services.maintain();
    expect(maintained.ok && maintained.value.expired).toBeGreaterThanOrEqual(1);
    await waitForCardStatus(h.slack, id, 'expired');
    expect(cardJson(h.slack, id)).toContain('Expired');
    expect(buttonsOf(cardOf(h.slack, id))).toEqual([]);
    await h.slack.waitFor(() => dmsAbout(h.slack, 'alice', id).some((m) => m.text.includes('expired')));
    expect((await storedRequest(h, id)).status).toBe('expired');
  });

  it('records an expiry in the audit log as done by the bot, on behalf of the requesters', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    clock.advance(73 * HOUR);
    await h.container.services.maintain();
    const entries = await h.container.storage.audit.list({ groupId: group.id as never, limit: 10 });
    expect(entries.find((e) => e.action === 'expire')).toMatchObject({
      actorSlackId: null,
      requestId: id,
      onBehalfOf: ['U0ALICE001'],
    });
  });

  it('refuses a late Approve click on an expired card as expired, and changes nothing', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    clock.advance(73 * HOUR);
    await h.container.services.maintain();
    const answer = await answerTo(h.slack, await approve(h, 'dave', id));
    expect(answer).toContain('has expired');
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('refuses an Approve click on an overdue request before maintenance has run, and expires it then', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    clock.advance(73 * HOUR);
    const answer = await answerTo(h.slack, await approve(h, 'dave', id));
    expect(answer).toContain('has expired');
    await waitForCardStatus(h.slack, id, 'expired');
    expect(buttonsOf(cardOf(h.slack, id))).toEqual([]);
    expect(writesTo(h.docspace, group.id)).toEqual([]);
  });

  it('refuses a late Deny click on an expired request without opening the deny modal', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    clock.advance(73 * HOUR);
    await h.container.services.maintain();
    const answer = await answerTo(h.slack, await clickCard(h, 'dave', ACTION_DENY, id));
    expect(answer).toContain('expired');
    expect(h.slack.callsTo('views.open')).toEqual([]);
  });
});

describe('REQUEST_TTL_HOURS=2: a shorter time to decide', () => {
  const clock = createFakeClock(new Date());
  const h = useHarness({ clock, env: { REQUEST_TTL_HOURS: '2' } });

  it('expires a pending request after two hours instead of 72', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    clock.advance(HOUR);
    await h.container.services.maintain();
    expect((await storedRequest(h, id)).status).toBe('pending');
    clock.advance(HOUR + 1000);
    await h.container.services.maintain();
    expect((await storedRequest(h, id)).status).toBe('expired');
    await waitForCardStatus(h.slack, id, 'expired');
  });
});
