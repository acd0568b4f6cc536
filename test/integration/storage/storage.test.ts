import { describe } from 'vitest';
import { memoryFactory, PG_SKIP_NOTE, postgresFactory, sqliteFactory, TEST_DATABASE_URL } from './factories.js';
import { registerStorageContract } from './storage.contract.js';

describe('memory storage', () => {
  registerStorageContract(memoryFactory, { durable: false });
});

describe('SQLite storage (temp file)', () => {
  registerStorageContract(sqliteFactory, { durable: true });
});

describe.skipIf(!TEST_DATABASE_URL)(
  `PostgreSQL storage ${TEST_DATABASE_URL ? '(a fresh schema per test)' : PG_SKIP_NOTE}`,
  () => {
    registerStorageContract(postgresFactory(TEST_DATABASE_URL ?? ''), { durable: true });
  },
);
