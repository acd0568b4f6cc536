import { describe, expect, it } from 'vitest';
import { docspaceIdOf, slackIdOf } from '../../fixtures/people.js';
import { useHarness } from '../../helpers/harness.js';
import { runTool } from '../cli/cli-process.js';
import { tempDirForTest } from '../storage/factories.js';
import { keep, linkByUse, remove, reviewDms, seedReviewedGroup, startReview, submit } from './reviews-kit.js';

interface ExportedReview {
  id: string;
  groupName: string;
  state: string;
  reviewer: { slackUserId: string; reason: string };
  decisions: { docspaceUserId: string; decision: string; decidedBy: string; decidedAt: string }[];
  closedBy: string;
  closedAt: string;
  outcome: { kind: string; removed: string[] };
}

describe('npm run reviews -- export', () => {
  const h = useHarness();

  it('writes one JSON line per review with every decision, the reviewer and the timestamps, and nothing else', async () => {
    const group = seedReviewedGroup(h.docspace, 'Audited');
    await linkByUse(h, 'alice');
    const id = await startReview(h, group);
    await h.slack.waitFor(() => reviewDms(h, 'alice', id).length > 0);
    await keep(h, id, 'alice');
    await keep(h, id, 'bob');
    await remove(h, id, 'carol');
    await submit(h, id);
    const other = seedReviewedGroup(h.docspace, 'Still open');
    await startReview(h, other);

    const run = await runTool('reviews', ['export'], {
      env: { DATABASE_URL: h.databaseUrl },
      cwd: await tempDirForTest(),
    });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as ExportedReview);
    expect(lines.map((l) => [l.groupName, l.state])).toEqual([
      [group.name, 'submitted'],
      [other.name, 'open'],
    ]);
    const done = lines[0] as ExportedReview;
    expect(done).toMatchObject({
      id,
      reviewer: { slackUserId: slackIdOf('alice'), reason: 'manager' },
      closedBy: slackIdOf('alice'),
      outcome: { kind: 'applied', removed: [docspaceIdOf('carol')] },
    });
    expect(done.decisions.map((d) => [d.docspaceUserId, d.decision, d.decidedBy])).toEqual(
      [
        [docspaceIdOf('alice'), 'keep', slackIdOf('alice')],
        [docspaceIdOf('bob'), 'keep', slackIdOf('alice')],
        [docspaceIdOf('carol'), 'remove', slackIdOf('alice')],
      ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
    for (const d of done.decisions) expect(d.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(done.closedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('answers help without opening a store, and exits 2 with usage for an unknown command', async () => {
    const cwd = await tempDirForTest();
    const help = await runTool('reviews', ['help'], { env: {}, cwd });
    expect(help).toMatchObject({ status: 0, stderr: '' });
    expect(help.stdout).toContain('export');
    const wrong = await runTool('reviews', ['wipe'], { env: {}, cwd });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('Unknown command: wipe');
  });
});
