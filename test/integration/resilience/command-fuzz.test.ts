import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../../src/slack/escape.js';
import { type ParsedCommand, parseCommand } from '../../../src/slack/parse/command.js';
import { buildHelpText } from '../../../src/slack/views/replies.js';
import type { RequestLogEntry } from '../../fakes/docspace-server.js';
import type { SendResult } from '../../fakes/send-to-app.js';
import { FUZZ_SEED, SEED_TITLE } from '../../helpers/fuzz-seed.js';
import { type Harness, startHarness } from '../../helpers/harness.js';
import { asReceived, BROADCASTS, hostileText } from './hostile-text.js';
import { commandText, logRecords, PEOPLE, WRITE_METHODS, warmUp } from './kit.js';

// ~100 hostile texts sent as signed slash commands by alice (a requester: her changes only become requests, so no
// DocSpace write is ever legitimate). The seed is fixed (FUZZ_SEED overrides it), named in the title and in every
// failure message, so a run can be replayed.

const RUNS = 100;
const SLACK_ACK_LIMIT_MS = 3000;
const NO_REPLY_KINDS: ReadonlySet<ParsedCommand['kind']> = new Set(['help', 'open_menu', 'open_modal']);

interface Observation {
  readonly text: string;
  readonly parsed: ReturnType<typeof parseCommand>;
  readonly ack: SendResult;
  readonly reply: Record<string, unknown> | null;
  readonly docspace: readonly RequestLogEntry[];
}

/** Sends one text and waits until the app is idle (its work is over), so DocSpace traffic can be attributed to it. */
async function observe(h: Harness, text: string): Promise<Observation> {
  const parsed = parseCommand(asReceived(text));
  const before = h.docspace.requests.length;
  const views = h.slack.callsTo('views.open').length;
  const sent = await h.command('alice', text);
  let reply: Record<string, unknown> | null = null;
  if (parsed.ok && !NO_REPLY_KINDS.has(parsed.value.kind)) reply = await h.reply(sent.responseId, 5000);
  else if (parsed.ok && parsed.value.kind !== 'help')
    await h.slack.waitFor(() => h.slack.callsTo('views.open').length > views);
  await h.idle();
  return { text, parsed, ack: sent.ack, reply, docspace: h.docspace.requests.slice(before) };
}

describe(`the slash command fuzzed through the real app ${SEED_TITLE}`, () => {
  const seed = FUZZ_SEED;
  const why = (o: Observation) => `seed ${seed}, text ${JSON.stringify(o.text.slice(0, 300))}`;
  // Not useHarness(): the fuzz runs once, here, and a test reads every Web API call it made, which a per-test clear
  // would wipe.
  let h: Harness;
  let seen: Observation[] = [];
  beforeAll(async () => {
    h = await startHarness();
    h.docspace.seedGroup({ name: 'Dev Team', managerId: PEOPLE.bob.docspace.id });
    await warmUp(h, 'alice');
    seen = [];
    for (const text of fc.sample(hostileText, { numRuns: RUNS, seed })) seen.push(await observe(h, text));
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const failed = () => seen.filter((o) => !o.parsed.ok);
  const parsedOk = () => seen.filter((o) => o.parsed.ok);

  it('exercises both texts that fail to parse and texts that parse', () => {
    expect([failed().length >= 20, parsedOk().length >= 20], `seed ${seed}`).toEqual([true, true]);
  });

  it("acks every text with 200 within Slack's three-second limit", () => {
    for (const o of seen) expect([o.ack.status, o.ack.ms < SLACK_ACK_LIMIT_MS], why(o)).toEqual([200, true]);
  });

  it('answers every text that fails to parse with its precise parse error in the ack', () => {
    for (const o of failed()) {
      const message = o.parsed.ok ? '' : o.parsed.error.message;
      const text = `${escapeMrkdwn(message)}\nType \`/docspace-group help\` for the full syntax.`;
      expect(o.ack.json, why(o)).toEqual({ response_type: 'ephemeral', text });
    }
  });

  it('sends no request at all to DocSpace for a text that fails to parse', () => {
    for (const o of failed()) expect(o.docspace, why(o)).toEqual([]);
  });

  it('answers every parsed text with help, a form, or a reply that is not an apology', () => {
    for (const o of parsedOk()) {
      const kind = o.parsed.ok ? o.parsed.value.kind : 'help';
      if (kind === 'help') expect((o.ack.json as { text?: string }).text, why(o)).toBe(buildHelpText());
      else if (NO_REPLY_KINDS.has(kind)) expect(o.reply, why(o)).toBeNull();
      else expect(String(o.reply?.['text'] ?? ''), why(o)).toMatch(/^(?!Sorry, something went wrong)\S/);
    }
  });

  it('sends no write (POST, PUT or DELETE) to DocSpace for any text', () => {
    for (const o of seen)
      expect(
        o.docspace.filter((r) => WRITE_METHODS.has(r.method)),
        why(o),
      ).toEqual([]);
  });

  it('never lets a broadcast mention reach Slack unescaped, in acks, replies or Web API calls', () => {
    for (const o of seen) expect(`${o.ack.body} ${JSON.stringify(o.reply)}`, why(o)).not.toMatch(BROADCASTS);
    for (const call of h.slack.calls) expect(JSON.stringify(call.args), `seed ${seed}`).not.toMatch(BROADCASTS);
  });

  it('keeps serving afterwards, with no unexpected error logged', async () => {
    const unexpected = logRecords(h).filter((r) => Number(r['level']) >= 50);
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect([unexpected, health.status, await commandText(h, 'alice', 'show "Dev Team"')], `seed ${seed}`).toEqual([
      [],
      200,
      expect.stringContaining('Dev Team'),
    ]);
  });
});
