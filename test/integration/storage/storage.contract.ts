import { describe, expect, it } from 'vitest';
import { isStorageError } from '../../../src/storage/index.js';
import { registerAuditContract } from './audit.contract.js';
import { makeAuditEntry, makeMapping, makeRequest, requestId, slackId, team } from './builders.js';
import { registerDryRunContract } from './dry-run.contract.js';
import { openForTest, type StorageFactory } from './factories.js';
import { registerHandoverContract } from './handovers.contract.js';
import { registerHomesContract } from './homes.contract.js';
import { registerMappingContract } from './mappings.contract.js';
import { registerNamesContract } from './names.contract.js';
import { registerQueueContract } from './queue.contract.js';
import { registerRequestContract } from './requests.contract.js';
import { registerReviewContract } from './reviews.contract.js';
import { registerTransitionContract } from './transitions.contract.js';
import { registerUndoContract } from './undo.contract.js';

export interface ContractOptions {
  /** The store keeps data across close(): the factory's handle has reopen(). */
  readonly durable: boolean;
}

/** Registers the one behavioural suite every Storage implementation must pass. */
export function registerStorageContract(factory: StorageFactory, options: ContractOptions): void {
  registerMappingContract(factory);
  registerRequestContract(factory);
  registerTransitionContract(factory);
  registerUndoContract(factory);
  registerQueueContract(factory);
  registerAuditContract(factory);
  registerNamesContract(factory);
  registerDryRunContract(factory);
  registerHandoverContract(factory);
  registerHomesContract(factory);
  registerReviewContract(factory);
  registerLifecycleContract(factory, options);
}

function registerLifecycleContract(factory: StorageFactory, options: ContractOptions): void {
  describe('lifecycle', () => {
    const durableTitle = options.durable
      ? 'keeps mappings, unlink blocks, requests and audit entries across close and reopen'
      : 'keeps mappings, unlink blocks, requests and audit entries across close and reopen (skipped: this store is not durable)';
    it.skipIf(!options.durable)(durableTitle, async () => {
      const { storage, reopen } = await openForTest(factory);
      const mapping = makeMapping();
      await storage.mappings.save(mapping);
      await storage.mappings.unlink(team(), slackId('bob'), { slackUserId: slackId('alice'), at: new Date(0) });
      const { request } = await storage.requests.insertOrJoin(makeRequest());
      const entry = await storage.audit.append(makeAuditEntry());
      await storage.close();
      if (reopen === undefined) throw new Error('a durable factory must provide reopen()');
      const again = await reopen();
      expect(await again.mappings.get(team(), slackId('alice'))).toEqual(mapping);
      expect(await again.mappings.isBlocked(team(), slackId('bob'))).toBe(true);
      expect(await again.requests.get(request.id)).toEqual(request);
      expect(await again.audit.listAfter(0, 10)).toEqual([entry]);
    });

    it('rejects queries after close with a StorageError coded closed, and closing twice is harmless', async () => {
      const { storage } = await openForTest(factory);
      await storage.close();
      await storage.close();
      const error: unknown = await storage.requests.get(requestId(1)).catch((e: unknown) => e);
      expect(isStorageError(error) && error.code).toBe('closed');
    });

    it('answers ping while open and rejects it with a StorageError coded closed after close', async () => {
      const { storage } = await openForTest(factory);
      await expect(storage.ping()).resolves.toBeUndefined();
      await storage.close();
      const error: unknown = await storage.ping().catch((e: unknown) => e);
      expect(isStorageError(error) && error.code).toBe('closed');
    });
  });
}
