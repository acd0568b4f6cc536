import { describe, expect, it, onTestFinished } from 'vitest';
import type { Storage } from '../../../src/domain/ports.js';
import { createStorage, StorageError } from '../../../src/storage/index.js';
import { MIGRATIONS } from '../../../src/storage/sql/migrations/index.js';
import { at, makeAuditEntry, makeRequest, requestId, slackId, slackUserNo, team } from './builders.js';
import {
  createPostgresSchema,
  createTestLogger,
  PG_SKIP_NOTE,
  type PostgresSchema,
  TEST_DATABASE_URL,
} from './factories.js';

const baseUrl = TEST_DATABASE_URL ?? '';

async function schemaForTest(): Promise<PostgresSchema> {
  const schema = await createPostgresSchema(baseUrl);
  onTestFinished(() => schema.drop());
  return schema;
}

async function openOn(url: string): Promise<Storage> {
  const storage = await createStorage({ databaseUrl: url, logger: createTestLogger() });
  onTestFinished(() => storage.close());
  return storage;
}

async function openError(url: string): Promise<StorageError> {
  const error: unknown = await createStorage({ databaseUrl: url, logger: createTestLogger() }).then(
    (s) => s.close().then(() => new Error('the store opened')),
    (e: unknown) => e,
  );
  if (!(error instanceof StorageError)) throw error;
  return error;
}

describe('PostgreSQL that cannot be opened', () => {
  it('reports a server that refuses connections as open_failed, naming host, port and database but never the password', async () => {
    const error = await openError('postgres://bot:s3cret-pw@127.0.0.1:1/botdb');
    expect(error.code).toBe('open_failed');
    expect(error.message).toContain('127.0.0.1:1/botdb');
    expect(error.message).toContain('Start PostgreSQL');
    expect(`${error.message} ${error.store} ${String(error.cause)}`).not.toContain('s3cret-pw');
  });
});

describe.skipIf(!TEST_DATABASE_URL)(`PostgreSQL storage specifics ${TEST_DATABASE_URL ? '' : PG_SKIP_NOTE}`, () => {
  it('reports a database that does not exist as open_failed and says to create it', async () => {
    const url = new URL(baseUrl);
    url.pathname = '/no_such_database_for_docspace_bot';
    const error = await openError(url.toString());
    expect(error.code).toBe('open_failed');
    expect(error.message).toContain('/no_such_database_for_docspace_bot');
    expect(error.message).toContain('createdb');
  });

  it('migrates once when several replicas start at the same moment', async () => {
    const schema = await schemaForTest();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openOn(schema.url)));
    expect(stores.map((s) => s.kind)).toEqual(['postgres', 'postgres', 'postgres', 'postgres']);
    expect(await schema.query('SELECT version, name FROM schema_migrations ORDER BY version')).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
    );
  });

  it('refuses a database whose schema is newer than the code with schema_too_new', async () => {
    const schema = await schemaForTest();
    await (await openOn(schema.url)).close();
    await schema.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
    const error = await openError(schema.url);
    expect(error.code).toBe('schema_too_new');
    expect(error.message).toContain('database schema version 999 ');
    expect(error.message).toContain(`knows up to ${Math.max(...MIGRATIONS.map((m) => m.version))}`);
  });

  it('lets exactly one of two replicas win a race to approve the same request', async () => {
    const schema = await schemaForTest();
    const [a, b] = await Promise.all([openOn(schema.url), openOn(schema.url)]);
    await a.requests.insertOrJoin(makeRequest());
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        (n % 2 === 0 ? a : b).requests.transition(requestId(1), {
          from: ['pending'],
          to: 'approved',
          at: at(1),
          decidedBy: slackUserNo(n),
        }),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('joins concurrent identical requests from two replicas into one pending request', async () => {
    const schema = await schemaForTest();
    const [a, b] = await Promise.all([openOn(schema.url), openOn(schema.url)]);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        (n % 2 === 0 ? a : b).requests.insertOrJoin(
          makeRequest({ id: requestId(10 + n), requesterIds: [slackUserNo(n)] }),
        ),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(
      await schema.query("SELECT jsonb_array_length(requester_ids) AS n FROM change_requests WHERE status = 'pending'"),
    ).toEqual([{ n: 10 }]);
  });

  it('lets exactly one of two replicas reserve a group name, and one take over a lapsed reservation', async () => {
    const schema = await schemaForTest();
    const [a, b] = await Promise.all([openOn(schema.url), openOn(schema.url)]);
    const reservation = (n: number) => ({
      teamId: team(),
      nameKey: 'ops',
      name: 'Ops',
      owner: `direct:${slackUserNo(n)}:x`,
      token: `token-${n}`,
      state: 'held' as const,
      groupId: null,
      leaseUntil: at(15),
      updatedAt: at(0),
    });
    const inserts = await Promise.all(
      Array.from({ length: 10 }, (_, n) => (n % 2 === 0 ? a : b).names.insert(reservation(n))),
    );
    expect(inserts.filter(Boolean)).toHaveLength(1);
    const holder = await a.names.get(team(), 'ops');
    const swaps = await Promise.all(
      Array.from({ length: 10 }, (_, n) => (n % 2 === 0 ? a : b).names.swap(holder?.token ?? '', reservation(20 + n))),
    );
    expect(swaps.filter(Boolean)).toHaveLength(1);
  });

  it('refuses to update, delete or truncate audit rows even with raw SQL', async () => {
    const schema = await schemaForTest();
    const storage = await openOn(schema.url);
    await storage.audit.append(makeAuditEntry({ onBehalfOf: [slackId('alice')] }));
    await expect(schema.query("UPDATE audit_log SET action = 'forged'")).rejects.toThrow(/append-only/);
    await expect(schema.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(schema.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });
});
