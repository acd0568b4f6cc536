import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERRUPTED_OUTCOME } from '../../../src/domain/approvals/recover.js';
import type { ChangeRequest } from '../../../src/domain/model/request.js';
import { INTERRUPTED_AFTER_MS } from '../../../src/domain/services.js';
import { createFakeClock } from '../../helpers/clock.js';
import type { Harness } from '../../helpers/harness.js';
import {
  ACTION_APPROVE,
  ACTION_RETRY,
  auditTrail,
  buttonsOf,
  cardOf,
  clickOnCard,
  fileRequest,
  PEOPLE,
  requestsTo,
  seedOps,
  waitForStatus,
  warmUp,
} from './kit.js';
import { arrived, crash, createWorld, type World } from './restartable.js';

// Instance A dies in the middle of a flow; instance B starts on the same database and doubles. Nothing is lost,
// nothing runs twice, and an interrupted execution is offered for Retry once it is older than the 15-minute threshold.

const isMembersPut = (r: { method: string; path: string }) => r.method === 'PUT' && r.path.endsWith('/members');

interface Scenario {
  world: World;
  b: Harness;
  id: string;
  groupId: string;
  recovered: number;
  afterRecovery: ChangeRequest;
}

/** A files and approves alice's request, dies once `when` sees its DocSpace call arrive; B recovers 16 minutes on. */
async function interrupt(when: (r: { method: string; path: string }) => boolean): Promise<Scenario> {
  const world = await createWorld();
  const a = await world.start();
  const groupId = seedOps(a).id;
  await warmUp(a, 'alice', 'bob', 'dave');
  const id = await fileRequest(a);
  // DocSpace holds its answers, so the crash certainly comes while the awaited call is in flight.
  world.docspace.hold(when);
  const from = world.docspace.requests.length;
  await clickOnCard(a, 'dave', ACTION_APPROVE, id);
  await arrived(world.docspace, (r) => world.docspace.requests.indexOf(r) >= from && when(r));
  await crash(a);
  const clock = createFakeClock(new Date());
  const b = await world.start(clock);
  clock.advance(INTERRUPTED_AFTER_MS + 60_000);
  const maintained = await b.container.services.maintain();
  const recovered = maintained.ok ? maintained.value.recovered : -1;
  const afterRecovery = await waitForStatus(b, id, ['failed']);
  return { world, b, id, groupId, recovered, afterRecovery };
}

describe('a crash while the approved write is in flight', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await interrupt(isMembersPut);
  }, 30_000);
  afterAll(async () => {
    await s?.b.close();
    await s?.world.close();
  });

  it('marks the interrupted request failed on the first maintenance past the threshold', () => {
    expect([s.recovered, s.afterRecovery.status, s.afterRecovery.outcome]).toEqual([1, 'failed', INTERRUPTED_OUTCOME]);
  });

  it('offers Retry on the approval card after recovery', async () => {
    await s.b.slack.waitFor(() => buttonsOf(cardOf(s.b.slack, s.id)).includes(ACTION_RETRY));
    expect(buttonsOf(cardOf(s.b.slack, s.id))).toEqual([ACTION_RETRY]);
  });

  it('audits the recovery as a failure', async () => {
    const last = (await auditTrail(s.b, s.id)).at(-1);
    expect([last?.action, last?.outcome]).toEqual(['recover', 'failed']);
  });

  it('has sent exactly one write to DocSpace, and a Retry finds the change made and sends none', async () => {
    await clickOnCard(s.b, 'dave', ACTION_RETRY, s.id);
    // The click is handled after its ack (the approver's authority may be read first): wait until it is done.
    await s.b.idle();
    const retried = await waitForStatus(s.b, s.id, ['executed', 'failed']);
    const member = s.world.docspace.getGroup(s.groupId)?.memberIds.includes(PEOPLE.bob.docspace.id);
    expect([retried.status, s.world.docspace.requests.filter(isMembersPut).length, member]).toEqual([
      'executed',
      1,
      true,
    ]);
  });
});

describe('a crash after the approval but before the write', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await interrupt((r) => r.method === 'GET' && r.path.includes('/api/2.0/group/'));
  }, 30_000);
  afterAll(async () => {
    await s?.b.close();
    await s?.world.close();
  });

  it('leaves the request failed with Retry and no write sent', () => {
    expect([s.afterRecovery.status, s.world.docspace.requests.filter(isMembersPut).length]).toEqual(['failed', 0]);
  });

  it('executes the change exactly once when Retry is clicked on the new instance', async () => {
    await s.b.slack.waitFor(() => buttonsOf(cardOf(s.b.slack, s.id)).includes(ACTION_RETRY));
    await clickOnCard(s.b, 'dave', ACTION_RETRY, s.id);
    // The click is handled after its ack (the approver's authority may be read first): wait until it is done.
    await s.b.idle();
    const retried = await waitForStatus(s.b, s.id, ['executed', 'failed']);
    expect([retried.status, retried.attempts, s.world.docspace.requests.filter(isMembersPut).length]).toEqual([
      'executed',
      2,
      1,
    ]);
  });
});

describe('a restart between the request and its approval', () => {
  let world: World;
  let b: Harness;
  let id: string;
  beforeAll(async () => {
    world = await createWorld();
    const a = await world.start();
    seedOps(a);
    await warmUp(a, 'alice', 'bob', 'dave');
    id = await fileRequest(a);
    await a.close();
    b = await world.start();
  });
  afterAll(async () => {
    await b?.close();
    await world?.close();
  });

  it('lets the new instance approve the stored request from its old card and execute it once', async () => {
    await clickOnCard(b, 'dave', ACTION_APPROVE, id);
    const request = await waitForStatus(b, id, ['executed', 'failed']);
    expect([request.status, requestsTo(world.docspace.requests, 'PUT', '/members').length]).toEqual(['executed', 1]);
  });
});
