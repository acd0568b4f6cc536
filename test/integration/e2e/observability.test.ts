import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_APPROVE } from '../../../src/slack/ids.js';
import { PEOPLE, TEAM_ID } from '../../fixtures/people.js';
import { createFakeClock } from '../../helpers/clock.js';
import { type Harness, startHarness, useHarness } from '../../helpers/harness.js';
import { ask, clickCard, fileRequest, waitForCardStatus } from './approvals-kit.js';

// /metrics and /readyz through the real app in HTTP mode, against the DocSpace and Slack doubles.

/** Every sample of a scrape, keyed `name{labels}` exactly as exposed. */
function parseSamples(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    samples.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return samples;
}

async function scrape(h: Harness) {
  const res = await fetch(`${h.baseUrl}/metrics`);
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), text, samples: parseSamples(text) };
}

async function readyz(h: Harness) {
  const res = await fetch(`${h.baseUrl}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; failed: string[] } };
}

const healthz = async (h: Harness) => (await fetch(`${h.baseUrl}/healthz`)).status;

describe('/metrics and /readyz end to end (HTTP mode)', () => {
  const clock = createFakeClock();
  const h = useHarness({ clock });

  it('counts commands, acks, DocSpace and Slack calls, requests and decisions, with no name, email or id', async () => {
    const group = h.docspace.seedGroup({
      name: 'Zebra Quokka Guild',
      managerId: PEOPLE.alice.docspace.id,
      memberIds: [PEOPLE.alice.docspace.id, PEOPLE.bob.docspace.id],
    });
    const before = (await scrape(h)).samples;
    await ask(h, 'owner', `show "${group.name}"`);
    const approved = await fileRequest(h, 'alice', `add "${group.name}" <@${PEOPLE.carol.slack.id}>`);
    await clickCard(h, 'dave', ACTION_APPROVE, approved);
    await waitForCardStatus(h.slack, approved, 'done');
    const pending = await fileRequest(h, 'alice', `remove "${group.name}" <@${PEOPLE.bob.slack.id}> reason: Zebra`);
    const invalid = await h.command('owner', `frobnicate "${group.name}"`);
    expect(invalid.ack.body).toContain('help');
    await ask(h, 'owner', `show "No Such Quokka"`);
    await h.idle();

    const after = await scrape(h);
    const delta = (key: string) => (after.samples.get(key) ?? 0) - (before.get(key) ?? 0);
    expect([after.status, after.contentType]).toEqual([200, 'text/plain; version=0.0.4; charset=utf-8']);
    expect({
      show: delta('docspace_bot_commands_total{subcommand="show",outcome="ok"}'),
      showMissing: delta('docspace_bot_commands_total{subcommand="show",outcome="group_not_found"}'),
      add: delta('docspace_bot_commands_total{subcommand="add",outcome="ok"}'),
      remove: delta('docspace_bot_commands_total{subcommand="remove",outcome="ok"}'),
      invalid: delta('docspace_bot_commands_total{subcommand="other",outcome="invalid"}'),
      commandAcks: delta('docspace_bot_ack_duration_seconds_count{kind="command"}'),
      clickAcks: delta('docspace_bot_ack_duration_seconds_count{kind="block_actions"}'),
      approvals: delta('docspace_bot_decisions_total{action="approve",outcome="executed"}'),
      pending: after.samples.get('docspace_bot_requests{status="pending"}'),
      executed: after.samples.get('docspace_bot_requests{status="executed"}'),
      authTest: after.samples.get('docspace_bot_slack_api_calls_total{method="auth.test",outcome="ok"}'),
    }).toEqual({
      show: 1,
      showMissing: 1,
      add: 1,
      remove: 1,
      invalid: 1,
      commandAcks: 5,
      clickAcks: 1,
      approvals: 1,
      pending: 1,
      executed: 1,
      authTest: 1,
    });
    expect(delta('docspace_bot_ack_duration_seconds_bucket{le="+Inf",kind="command"}')).toBe(5);
    expect(delta('docspace_bot_slack_api_calls_total{method="response_url",outcome="ok"}')).toBeGreaterThanOrEqual(4);
    expect(delta('docspace_bot_slack_api_calls_total{method="chat.postMessage",outcome="ok"}')).toBeGreaterThanOrEqual(
      2,
    );
    expect(delta('docspace_bot_docspace_requests_total{operation="findGroupsByName",status="200"}')).toBeGreaterThan(0);
    expect(delta('docspace_bot_docspace_requests_total{operation="addMembers",status="200"}')).toBe(1);
    expect(delta('docspace_bot_docspace_request_duration_seconds_count{operation="addMembers"}')).toBe(1);
    expect(after.samples.get('docspace_bot_docspace_requests_total{operation="getSelf",status="200"}')).toBeGreaterThan(
      0,
    );
    expect(after.samples.has('process_cpu_user_seconds_total')).toBe(true);
    expect(after.samples.has('nodejs_heap_size_used_bytes')).toBe(true);

    const people = [PEOPLE.owner, PEOPLE.alice, PEOPLE.bob, PEOPLE.carol, PEOPLE.dave];
    const secrets = [
      'Zebra',
      'Quokka',
      group.id,
      approved,
      pending,
      TEAM_ID,
      h.docspace.apiKey,
      h.slack.botToken,
      ...people.flatMap((p) => [p.firstName, p.lastName, p.email, p.slack.id, p.docspace.id]),
    ];
    expect(secrets.filter((s) => after.text.includes(s))).toEqual([]);
  });

  it('is ready while DocSpace answered within 30 s, and not once that answer is older and DocSpace fails', async () => {
    const ok = await readyz(h);
    expect([ok.status, ok.body.status, ok.body.failed]).toEqual([200, 'ready', []]);
    h.docspace.failNext(3, 503);
    const stillFresh = await readyz(h);
    clock.advance(31_000);
    const stale = await readyz(h);
    expect([stillFresh.status, stale.status, stale.body.failed, await healthz(h)]).toEqual([
      200,
      503,
      ['docspace'],
      200,
    ]);
    const failedProbes = 'docspace_bot_docspace_requests_total{operation="getSelf",status="503"}';
    expect((await scrape(h)).samples.get(failedProbes)).toBe(3);
  });

  it('is ready again once a later probe finds DocSpace answering', async () => {
    clock.advance(31_000);
    const again = await readyz(h);
    expect([again.status, again.body.failed]).toEqual([200, []]);
  });
});

describe('/readyz when storage is closed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers /readyz 503 naming storage, while /healthz and /metrics still answer', async () => {
    await h.container.storage.close();
    const ready = await readyz(h);
    const metrics = await scrape(h);
    expect([ready.status, ready.body.failed, await healthz(h), metrics.status]).toEqual([503, ['storage'], 200, 200]);
    expect([...metrics.samples.keys()].filter((k) => k.startsWith('docspace_bot_requests{'))).toEqual([]);
  });
});
