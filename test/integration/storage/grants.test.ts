import { describe } from 'vitest';
import { memoryFactory, PG_SKIP_NOTE, postgresFactory, sqliteFactory, TEST_DATABASE_URL } from './factories.js';
import { registerGrantsContract } from './grants.contract.js';

describe('grants: memory storage', () => {
  registerGrantsContract(memoryFactory, { durable: false });
});

describe('grants: SQLite storage (temp file)', () => {
  registerGrantsContract(sqliteFactory, { durable: true });
});

describe.skipIf(!TEST_DATABASE_URL)(
  `grants: PostgreSQL storage ${TEST_DATABASE_URL ? '(a fresh schema per test)' : PG_SKIP_NOTE}`,
  () => {
    registerGrantsContract(postgresFactory(TEST_DATABASE_URL ?? ''), { durable: true });
  },
);
