import type { Logger, Storage } from '../domain/index.js';
import { createStorage } from '../storage/index.js';

/**
 * Opens the bot's existing store (never a new one: a mistyped DATABASE_URL must not export nothing, or import into a
 * file nobody reads), runs one command on it and closes it. A store that cannot be opened is said on `err`: exit 1.
 */
export async function withExistingStore(
  open: { readonly databaseUrl: string | undefined; readonly logger: Logger; readonly err: (line: string) => void },
  run: (storage: Storage) => Promise<number>,
): Promise<number> {
  let storage: Storage;
  try {
    storage = await createStorage({ databaseUrl: open.databaseUrl, logger: open.logger, existingOnly: true });
  } catch (error) {
    open.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
  try {
    return await run(storage);
  } finally {
    await storage.close();
  }
}
