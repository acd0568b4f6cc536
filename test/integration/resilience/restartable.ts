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

/** Waits until a DocSpace request matching the predicate has arrived. */
export function arrived(docspace: FakeDocSpace, match: (r: RequestLogEntry) => boolean, timeoutMs = 8000) {
  return docspace.waitFor(() => docspace.requests.some(match), timeoutMs);
}

/**
 * Crash-like stop: the database is closed first, so nothing the instance does after this moment is recorded (as if
 * the process had died), and its DocSpace client stops taking new calls. Then the DocSpace answers held so far are
 * released (the in-flight call completes on a dead instance, and nothing follows it) and the instance is stopped.
 */
export async function crash(h: Harness): Promise<void> {
  await h.container.storage.close();
  const closing = h.container.docspace.close();
  h.docspace.release();
  await closing;
  await h.stop();
}
