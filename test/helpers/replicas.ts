import { afterAll, beforeAll } from 'vitest';
import { startFakeDocSpace } from '../fakes/docspace-server.js';
import { startFakeSlack } from '../fakes/slack-api-server.js';
import { TEAM_ID } from '../fixtures/people.js';
import { createPostgresSchema } from '../integration/storage/factories.js';
import type { FakeClock } from './clock.js';
import { type Harness, startHarness } from './harness.js';

/** Two app instances, as two replicas of one deployment: one fresh PostgreSQL schema, one Slack, one DocSpace. */
export interface Replicas {
  readonly a: Harness;
  readonly b: Harness;
}

/**
 * Starts two app instances in beforeAll (one after the other, so the second finds the schema already migrated) and
 * closes them and their doubles in afterAll. Both read `clock`, so a test moves time for the whole deployment.
 * Call inside a `describe.skipIf(!databaseUrl)`.
 */
export function useReplicas(databaseUrl: string | undefined, clock: FakeClock): Replicas {
  const instances: Harness[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const schema = await createPostgresSchema(databaseUrl as string);
    cleanups.push(schema.drop);
    const docspace = await startFakeDocSpace();
    cleanups.push(() => docspace.close());
    const slack = await startFakeSlack({ teamId: TEAM_ID });
    cleanups.push(() => slack.close());
    for (let i = 0; i < 2; i++) instances.push(await startHarness({ docspace, slack, databaseUrl: schema.url, clock }));
  });
  afterAll(async () => {
    for (const instance of instances) await instance.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  const started = (i: number): Harness => {
    const instance = instances[i];
    if (!instance) throw new Error('the replicas start in beforeAll; use them inside a test');
    return instance;
  };
  return {
    get a() {
      return started(0);
    },
    get b() {
      return started(1);
    },
  };
}
