import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoResult, runDemo } from '../demo/demo.js';
import { type DemoStep, runSteps } from '../demo/step-runner.js';
import { reassignStep } from '../demo/stories-admin.js';
import { createTranscript } from '../demo/transcript.js';

async function playDemo(options: Parameters<typeof runDemo>[1] = {}): Promise<{ result: DemoResult; text: string }> {
  const chunks: string[] = [];
  const result = await runDemo((s) => void chunks.push(s), options);
  return { result, text: chunks.join('') };
}

describe('npm run demo (runDemo)', () => {
  let result: DemoResult;
  let text: string;
  beforeAll(async () => {
    ({ result, text } = await playDemo());
  });

  it('reports success with no failed step when every story does what it should', () => {
    expect(result).toEqual({ ok: true, failedStep: null });
  });

  it('gives each of the stories its own header', () => {
    for (const title of [
      'Story 1 · An admin creates a group',
      'Story 2 · The admin reassigns the manager',
      'Story 3 · A request is approved',
      'Story 4 · A request is denied',
      'Story 5 · Access that ends by itself',
      'Story 6 · Undo',
      'Story 7 · Everyone’s App Home',
      'Story 8 · An access review',
    ]) {
      expect(text).toContain(title);
    }
  });

  it('shows what each person typed, with mentions shown as names', () => {
    expect(text).toContain(
      'Olivia Owner types in #general:\n      /docspace-group create "Development Team" manager @Alice Archer',
    );
    expect(text).toContain(
      '/docspace-group add "Development Team" @Dave Dunn reason: Dave joins the project next week',
    );
    expect(text).toContain("Carol O'Neil types in #general");
    expect(text).toContain('Alice Archer types in #general');
  });

  it('shows the approval cards with their buttons, their updates and the requesters’ DMs', () => {
    expect(text).toContain('The bot posts in #group-approvals');
    expect(text).toContain('│ [Approve] [Deny]');
    expect(text).toContain('│ ✅ Done, approved by @Erin Evans');
    expect(text).toContain("DM from the bot to Carol O'Neil");
    expect(text).toContain('A form opens for Erin Evans');
    expect(text).toContain('DM from the bot to Alice Archer');
  });

  it('renders Slack markup as text: no raw mentions, dates or entities', () => {
    expect(text).toContain('Note: Wiki pages & dashboards link to "Development Team"');
    expect(text).not.toMatch(/<@U|<#C|<!date|&amp;|&lt;|&gt;/);
  });

  it('shows an Undo that reverses what is still as the change left it and names what it left alone', () => {
    expect(text).toContain('clicks [Undo] on the bot');
    expect(text).toContain('Erin Evans was added by the change but has left the group since');
  });

  it('renders the App Home as text: a request waiting with its buttons, and the Home republished after Approve', () => {
    expect(text).toContain('Story 7 · Everyone’s App Home');
    expect(text).toContain("Erin Evans's Home tab now shows");
    expect(text).toContain('│ Waiting for you (1)');
    expect(text).toContain("│ *Design Crew* · manager Carol O'Neil · 2 members");
  });

  it('shows an access review: the DM with Keep and Remove, and the group after Submit', () => {
    expect(text).toContain('Story 8 · An access review');
    expect(text).toContain('DM from the bot to Bob Baker');
    expect(text).toContain('[Keep] [Remove] [Add note]');
    expect(text).toContain('• Development Team — manager: Bob Baker; members: Alice Archer, Bob Baker\n');
  });

  it('shows the DocSpace group after the stories', () => {
    expect(text).toContain('• Development Team — manager: Bob Baker; members: Alice Archer, Bob Baker, Dave Dunn');
  });
});

describe('npm run demo -- --socket (runDemo in Socket Mode)', () => {
  it('plays every story with the app in Socket Mode, each request acked over the WebSocket', async () => {
    const { result, text } = await playDemo({ socketMode: true });
    expect(result).toEqual({ ok: true, failedStep: null });
    expect(text).toContain('the real app in Socket Mode, driven by envelopes over a WebSocket');
    expect(text).toContain('Story 4 · A request is denied');
    expect(text).toMatch(/ (\d+) envelopes went to the app over Socket Mode; it acked \1\./);
  });
});

describe('the demo when something goes wrong', () => {
  it('names the step whose expectation is not met and does not run the later ones', async () => {
    const { result, text } = await playDemo({ expect: { nextManager: 'carol' } });
    expect(result).toEqual({ ok: false, failedStep: reassignStep.name });
    expect(text).toContain("✘ Carol O'Neil is now the manager in DocSpace");
    expect(text).toContain(`✘ FAILED: ${reassignStep.name}`);
    expect(text).not.toContain('Story 3 · A request is approved');
  });

  it('fails a step that throws and reports it by name', async () => {
    const steps: DemoStep<null>[] = [
      { name: 'first', run: async (_ctx, check) => check(true, 'fine') },
      {
        name: 'second',
        run: async () => {
          throw new Error('the double went away');
        },
      },
      { name: 'third', run: async (_ctx, check) => check(true, 'never reached') },
    ];
    const chunks: string[] = [];
    const result = await runSteps(
      steps,
      null,
      createTranscript((s) => void chunks.push(s)),
    );
    expect(result).toEqual({ ok: false, failedStep: 'second', passed: 1 });
    expect(chunks.join('')).toContain('the double went away');
    expect(chunks.join('')).toContain('· third (not run)');
  });

  it('fails a step that checks nothing', async () => {
    const steps: DemoStep<null>[] = [{ name: 'silent', run: async () => {} }];
    const result = await runSteps(
      steps,
      null,
      createTranscript(() => {}),
    );
    expect(result.failedStep).toBe('silent');
  });

  it('fails a step that takes longer than the step limit', async () => {
    const steps: DemoStep<null>[] = [{ name: 'slow', run: () => new Promise(() => {}) }];
    const chunks: string[] = [];
    const result = await runSteps(
      steps,
      null,
      createTranscript((s) => void chunks.push(s)),
      { timeoutMs: 50 },
    );
    expect(result.failedStep).toBe('slow');
    expect(chunks.join('')).toContain('did not finish within 50 ms');
  });
});
