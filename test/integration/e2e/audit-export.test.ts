import { beforeAll, describe, expect, it } from 'vitest';
import { runAuditCli } from '../../../src/cli/audit.js';
import { useHarness } from '../../helpers/harness.js';
import { runTool } from '../cli/cli-process.js';
import { tempDirForTest } from '../storage/factories.js';
import { approve, ask, denyWithNote, fileRequest, seedTeam, waitForCardStatus } from './approvals-kit.js';

interface ExportedLine {
  id: number;
  at: string;
  action: string;
  outcome: string;
  requestId: string | null;
  actorSlackId: string | null;
  onBehalfOf: string[];
  groupId: string | null;
}

describe('exporting the audit log the app wrote as JSON lines', () => {
  const h = useHarness();
  let approvedId: string;
  let deniedId: string;
  beforeAll(async () => {
    const group = seedTeam(h.docspace);
    approvedId = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await approve(h, 'dave', approvedId);
    await waitForCardStatus(h.slack, approvedId, 'done');
    deniedId = await fileRequest(h, 'bob', `remove "${group.name}" <@U0ALICE001>`);
    await denyWithNote(h, 'dave', deniedId, 'no');
    await waitForCardStatus(h.slack, deniedId, 'denied');
    await ask(h, 'owner', `manager "${group.name}" <@U0BOB00001>`);
  });

  async function exportInProcess() {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAuditCli(['export'], {
      storage: h.container.storage,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    return { code, out, err };
  }

  it('writes one JSON object per audit entry, oldest first, with ISO times', async () => {
    const { code, out, err } = await exportInProcess();
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const lines = out.map((l) => JSON.parse(l) as ExportedLine);
    const stored = await h.container.storage.audit.list({ limit: 1000 });
    expect(lines.map((l) => l.id)).toEqual(stored.map((e) => e.id).reverse());
    expect(lines.every((l) => new Date(l.at).toISOString() === l.at)).toBe(true);
  });

  it('exports each decision and change of the approval flow with its actor and request id', async () => {
    const lines = (await exportInProcess()).out.map((l) => JSON.parse(l) as ExportedLine);
    const pick = (requestId: string | null) => lines.filter((l) => l.requestId === requestId).map((l) => l.action);
    expect(pick(approvedId)).toEqual(['request', 'approve', 'members']);
    expect(pick(deniedId)).toEqual(['request', 'deny']);
    expect(lines.find((l) => l.requestId === approvedId && l.action === 'members')).toMatchObject({
      actorSlackId: 'U0DAVE0001',
      onBehalfOf: ['U0ALICE001'],
      outcome: 'succeeded',
    });
    expect(lines.find((l) => l.action === 'set_manager')).toMatchObject({
      actorSlackId: 'U0OWNER001',
      requestId: null,
    });
  });

  it('exports the same lines from a separate process reading DATABASE_URL', async () => {
    const inProcess = (await exportInProcess()).out;
    const child = await runTool('audit', ['export'], {
      env: { DATABASE_URL: h.databaseUrl },
      cwd: await tempDirForTest(),
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout.trimEnd().split('\n')).toEqual(inProcess);
  });
});
