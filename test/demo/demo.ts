import { createFakeClock } from '../helpers/clock.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { type DemoContext, type DemoExpectations, EXPECTED } from './demo-context.js';
import { createSlackFeed } from './slack-feed.js';
import { type DemoStep, runSteps } from './step-runner.js';
import { castStep, createStep, reassignStep } from './stories-admin.js';
import { timeBoundStep } from './stories-grants.js';
import { homeStep } from './stories-home.js';
import { approveStep, denyStep } from './stories-requests.js';
import { reviewStep } from './stories-reviews.js';
import { undoStep } from './stories-undo.js';
import { createTranscript, type Transcript } from './transcript.js';

export interface DemoResult {
  readonly ok: boolean;
  /** The name of the first step that failed, or null when every step passed. */
  readonly failedStep: string | null;
}

export interface DemoOptions {
  /** Replaces some of what the demo expects (to see it fail, or to check the checks). */
  readonly expect?: Partial<DemoExpectations>;
  /** Per-step limit (default 8000 ms). */
  readonly stepTimeoutMs?: number;
  /** Runs the app in Socket Mode: the stories reach it as envelopes over the Slack double's WebSocket. */
  readonly socketMode?: boolean;
}

const SETUP_STEP = 'Setup: start the DocSpace and Slack doubles and the app';

const DEMO_STEPS: readonly DemoStep<DemoContext>[] = [
  castStep,
  createStep,
  reassignStep,
  approveStep,
  denyStep,
  timeBoundStep,
  undoStep,
  homeStep,
  reviewStep,
];

function intro(t: Transcript, h: Harness): void {
  if (h.mode === 'socket') {
    t.write('docspace-group-bot demo: the real app in Socket Mode, driven by envelopes over a WebSocket.\n');
    t.write(`  app        connected to the Slack double's Socket Mode; health on ${h.baseUrl}/healthz\n`);
  } else {
    t.write('docspace-group-bot demo: the real app in HTTP mode, driven by signed Slack requests.\n');
    t.write(`  app        ${h.eventsUrl}\n`);
  }
  t.write(`  DocSpace   ${h.docspace.url} (double)\n`);
  t.write(`  Slack API  ${h.slack.apiUrl} (double)\n`);
  t.write('Everything runs on 127.0.0.1; the database is a temporary SQLite file removed at the end.\n');
}

function outro(t: Transcript, h: Harness, passed: number, started: number): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const warnings = h.logs.length;
  t.write(`\n✔ All ${passed} steps passed in ${seconds} s`);
  t.write(warnings ? ` (the app logged ${warnings} warning or error lines).\n` : '; the app logged no warnings.\n');
  if (h.mode === 'socket') {
    const { envelopes, acks } = h.slack.socket;
    t.write(`  ${envelopes.length} envelopes went to the app over Socket Mode; it acked ${acks.length}.\n`);
  }
}

/**
 * Plays the product's core stories against the real app and the doubles and writes a readable transcript to `out`.
 * Resolves with ok and the first failed step; never throws, and always removes what it started.
 */
export async function runDemo(out: (s: string) => void, options: DemoOptions = {}): Promise<DemoResult> {
  const started = performance.now();
  const t = createTranscript(out);
  let h: Harness;
  const clock = createFakeClock(new Date());
  try {
    h = await startHarness({
      env: { LOG_LEVEL: 'warn' },
      clock,
      ...(options.socketMode ? { socketMode: true } : {}),
    });
  } catch (error) {
    t.fail('the doubles and the app start', error instanceof Error ? error.message : String(error));
    t.write(`\n✘ FAILED: ${SETUP_STEP}\n`);
    return { ok: false, failedStep: SETUP_STEP };
  }
  try {
    intro(t, h);
    const ctx: DemoContext = {
      h,
      t,
      feed: createSlackFeed(h.slack),
      expect: { ...EXPECTED, ...options.expect },
      clock,
    };
    const result = await runSteps(
      DEMO_STEPS,
      ctx,
      t,
      options.stepTimeoutMs ? { timeoutMs: options.stepTimeoutMs } : {},
    );
    if (result.ok) outro(t, h, result.passed, started);
    else if (h.logs.length) t.write(`\nLast app log lines:\n${h.logs.slice(-5).join('')}`);
    return { ok: result.ok, failedStep: result.failedStep };
  } finally {
    await h.close().catch((error: unknown) => t.write(`\n(cleaning up failed: ${String(error)})\n`));
  }
}
