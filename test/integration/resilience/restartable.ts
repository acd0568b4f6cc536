import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../../src/domain/ports.js';
import { type FakeDocSpace, type RequestLogEntry, startFakeDocSpace } from '../../fakes/docspace-server.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-api-server.js';
import { TEAM_ID } from '../../fixtures/people.js';
import { type Harness, startHarness } from '../../helpers/harness.js';

/** Doubles and a database file that outlive one app instance, so a second instance can take over. */
export interface World {
  readonly docspace: FakeDocSpace;
  readonly slack: FakeSlack;
  readonly databaseUrl: string;
  /** Starts an app instance on this world (stop or close it; the world stays). */
  start(clock?: Clock): Promise<Harness>;
  close(): Promise<void>;
}

export async function createWorld(): Promise<World> {
  const docspace = await startFakeDocSpace();
  const slack = await startFakeSlack({ teamId: TEAM_ID });
  const dir = mkdtempSync(join(tmpdir(), 'dsg-resilience-'));
  const databaseUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
  return {
    docspace,
    slack,
    databaseUrl,
    start: (clock) => startHarness({ docspace, slack, databaseUrl, ...(clock ? { clock } : {}) }),
    close: async () => {
      await docspace.close();
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls the DocSpace request log until a request matching the predicate has arrived. */
export async function arrived(docspace: FakeDocSpace, match: (r: RequestLogEntry) => boolean, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  while (!docspace.requests.some(match)) {
    if (Date.now() > deadline) throw new Error('the awaited DocSpace request never arrived');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Crash-like stop: the database is closed first, so nothing the instance does after this moment is recorded (as if
 * the process had died), then the instance is stopped. Its in-flight DocSpace call still completes or fails.
 */
export async function crash(h: Harness): Promise<void> {
  await h.container.storage.close();
  await h.stop();
}
