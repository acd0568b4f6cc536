import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { runMappingsCli } from '../../../src/cli/mappings.js';
import { createDocSpaceClient } from '../../../src/docspace/client.js';
import type { DocSpaceUserId, SlackTeamId, SlackUserId } from '../../../src/domain/model/ids.js';
import type { UserMapping } from '../../../src/domain/model/mapping.js';
import type { DocSpaceGateway, Storage } from '../../../src/domain/ports.js';
import { type FakeDocSpace, startFakeDocSpace } from '../../fakes/docspace-server.js';
import { TEAM } from '../../helpers/domain-people.js';
import { createMemoryStorage } from '../../helpers/memory-storage.js';
import { recordingLogger } from '../docspace/client-harness.js';

export { TEAM } from '../../helpers/domain-people.js';
export const NOW = new Date('2026-05-04T08:00:00.000Z');
const HEADER = 'slack_user_id,docspace';

export interface CliRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

export interface CliKit {
  readonly docspace: FakeDocSpace;
  readonly gateway: DocSpaceGateway;
  readonly storage: Storage;
  /** Runs the CLI in-process; `gateway` and `storage` may be swapped per run. */
  run(
    argv: string[],
    overrides?: { storage?: Storage; gateway?: DocSpaceGateway; teamId?: SlackTeamId | null },
  ): Promise<CliRun>;
  /** Writes a CSV file in a temp folder removed after the test; returns its path. */
  file(text: string, name?: string): Promise<string>;
}

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dsg-mappings-cli-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh DocSpace double, the real client against it, and a memory store, all closed after the test. */
export async function startCliKit(): Promise<CliKit> {
  const docspace = await startFakeDocSpace();
  onTestFinished(() => docspace.close());
  const gateway = createDocSpaceClient({
    baseUrl: docspace.url,
    apiKey: docspace.apiKey,
    timeoutMs: 5000,
    retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    logger: recordingLogger().logger,
  });
  onTestFinished(() => gateway.close());
  const storage = createMemoryStorage();
  onTestFinished(() => storage.close());
  const dir = await tempDir();
  let files = 0;
  return {
    docspace,
    gateway,
    storage,
    async run(argv, overrides = {}) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runMappingsCli(argv, {
        storage: overrides.storage ?? storage,
        docspace: overrides.gateway ?? gateway,
        teamId: overrides.teamId === undefined ? TEAM : overrides.teamId,
        out: (l) => void out.push(l),
        err: (l) => void err.push(l),
        now: () => NOW,
      });
      return { code, out, err };
    },
    async file(text, name = `import-${++files}.csv`) {
      const path = join(dir, name);
      await writeFile(path, text, 'utf8');
      return path;
    },
  };
}

export function csv(...rows: string[]): string {
  return `${[HEADER, ...rows].join('\n')}\n`;
}

/** A mapping row as a test would seed it by hand. */
export function manualMapping(slackUserId: string, docspaceUserId: string, overrides: Partial<UserMapping> = {}) {
  return {
    teamId: TEAM,
    slackUserId: slackUserId as SlackUserId,
    docspaceUserId: docspaceUserId as DocSpaceUserId,
    source: 'manual',
    createdBy: null,
    createdAt: NOW,
    verifiedAt: NOW,
    docspaceEmail: null,
    docspaceDisplayName: 'Someone',
    docspaceType: 'user',
    docspaceStatus: 'active',
    authorityReadAt: NOW,
    ...overrides,
  } satisfies UserMapping;
}

/** The report line for a row, found by its Slack id column. */
export function lineFor(run: CliRun, slack: string): string | undefined {
  return run.out.find((l) => l.split('  ')[1] === slack);
}
