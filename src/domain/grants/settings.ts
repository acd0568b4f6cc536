import type { GrantNotifier, GrantRepo } from '../ports.js';

/** What happened to grants, for the metrics. */
type GrantEvent = 'started' | 'expired' | 'renewed' | 'failed';

/** Time-bound access: where grants are kept and told about, and its limits (MAX_GRANT_DAYS, REMIND_BEFORE). */
export interface GrantSettings {
  readonly repo: GrantRepo;
  readonly notifier: GrantNotifier;
  readonly maxDays: number;
  readonly remindBeforeMs: number;
  readonly newGrantId: () => string;
  readonly onEvent?: (event: GrantEvent) => void;
}
