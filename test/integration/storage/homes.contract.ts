import { describe, expect, it } from 'vitest';
import { at, OTHER_TEAM, slackId, team } from './builders.js';
import { openForTest, type StorageFactory } from './factories.js';

export function registerHomesContract(factory: StorageFactory): void {
  describe('home viewers', () => {
    it('knows only the people of that team who opened their Home, in the order asked, once each', async () => {
      const { storage } = await openForTest(factory);
      await storage.homes.record(team(), slackId('alice'), at(0));
      await storage.homes.record(team(), slackId('carol'), at(1));
      await storage.homes.record(OTHER_TEAM, slackId('bob'), at(2));
      const asked = [slackId('carol'), slackId('bob'), slackId('alice'), slackId('carol')];
      expect(await storage.homes.filterOpened(team(), asked)).toEqual([slackId('carol'), slackId('alice')]);
      expect(await storage.homes.filterOpened(team(), [])).toEqual([]);
    });

    it('records a second opening, and many concurrent ones, without an error or a duplicate', async () => {
      const { storage } = await openForTest(factory);
      await Promise.all(Array.from({ length: 8 }, (_, n) => storage.homes.record(team(), slackId('alice'), at(n))));
      expect(await storage.homes.filterOpened(team(), [slackId('alice')])).toEqual([slackId('alice')]);
    });
  });
}
