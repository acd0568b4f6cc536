import { afterEach } from 'vitest';
import { type Harness, type HarnessOptions, startHarness } from './harness.js';

/**
 * App instances a test starts, restarts or runs side by side, all closed after each test, newest first (later
 * instances borrow the first one's doubles and database file). `defaults` apply to every instance (env is merged).
 */
export function useRestartableApps(defaults: HarnessOptions = {}) {
  const started: Harness[] = [];
  afterEach(async () => {
    while (started.length > 0) await started.pop()?.close();
  });
  const boot = async (options: HarnessOptions = {}): Promise<Harness> => {
    const h = await startHarness({ ...defaults, ...options, env: { ...defaults.env, ...options.env } });
    started.push(h);
    return h;
  };
  /** Another app instance on `before`'s database and doubles: after a restart, or as a second replica. */
  const restart = (before: Harness, options: HarnessOptions = {}): Promise<Harness> =>
    boot({ docspace: before.docspace, slack: before.slack, databaseUrl: before.databaseUrl, ...options });
  return { boot, restart };
}
