import { onTestFinished } from 'vitest';
import { createDocSpaceClient, type DocSpaceClient, type DocSpaceClientOptions } from '../../../src/docspace/client.js';
import type { DocSpaceUserId, GroupId } from '../../../src/domain/model/ids.js';
import type { Logger } from '../../../src/domain/ports.js';
import { type FakeDocSpace, startFakeDocSpace } from '../../fakes/docspace-server.js';
import { PEOPLE, type PersonHandle } from '../../fixtures/people.js';

/** Shared set-up for the DocSpace client integration tests: a fresh fake and client per test, cleaned up after it. */

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error' | 'debug';
  readonly obj: object;
  readonly msg: string | undefined;
}

export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj, msg });
    };
  return { logger: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') }, lines };
}

export interface ClientSetup {
  readonly fake: FakeDocSpace;
  readonly client: DocSpaceClient;
  /** Every delay the client asked to wait, in order (the injected sleep returns at once). */
  readonly sleeps: number[];
  readonly logLines: LogLine[];
}

export async function startFake(): Promise<FakeDocSpace> {
  const fake = await startFakeDocSpace();
  onTestFinished(() => fake.close());
  return fake;
}

export function startClient(fake: FakeDocSpace, overrides: Partial<DocSpaceClientOptions> = {}) {
  const sleeps: number[] = [];
  const { logger, lines } = recordingLogger();
  const client = createDocSpaceClient({
    baseUrl: fake.url,
    apiKey: fake.apiKey,
    timeoutMs: 2000,
    retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 5000 },
    logger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...overrides,
  });
  onTestFinished(() => client.close());
  return { client, sleeps, logLines: lines };
}

export async function setup(overrides: Partial<DocSpaceClientOptions> = {}): Promise<ClientSetup> {
  const fake = await startFake();
  return { fake, ...startClient(fake, overrides) };
}

export function userId(handle: PersonHandle): DocSpaceUserId {
  const person = PEOPLE[handle];
  if (!('docspace' in person)) throw new Error(`${handle} has no DocSpace account`);
  return person.docspace.id as DocSpaceUserId;
}

export const UNKNOWN_USER = '0badc0de-0000-4000-8000-000000000000' as DocSpaceUserId;
export const UNKNOWN_GROUP = '0badc0de-0000-4000-8000-0000000000ff' as GroupId;

/** Seeds "Development Team" managed by alice with alice and bob, straight into the fake. */
export function seedTeam(fake: FakeDocSpace, name = 'Development Team'): GroupId {
  return fake.seedGroup({ name, managerId: userId('alice'), memberIds: [userId('bob')] }).id as GroupId;
}

/** Runs `work` and returns what it threw; fails when it resolves. */
export async function failureOf(work: () => Promise<unknown>): Promise<Error> {
  try {
    await work();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-Error: ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}
