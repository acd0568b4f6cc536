import type { DomainDeps } from '../deps.js';
import type { ChangeAsk } from '../groups/ask.js';
import type { DomainFailure } from '../model/failures.js';
import { DAY_MS, MIN_GRANT_MS } from './duration.js';

/** A duration is only for adding members or setting a manager, and within 1 minute..MAX_GRANT_DAYS; checked first. */
export function checkAskDuration(deps: Pick<DomainDeps, 'grants'>, ask: ChangeAsk): DomainFailure | null {
  const duration = 'duration' in ask ? ask.duration : undefined;
  if (duration === undefined) return null;
  const takesOne = ask.kind === 'set_manager' || (ask.kind === 'members' && ask.add.length > 0);
  if (!deps.grants || !takesOne || !Number.isFinite(duration) || duration < MIN_GRANT_MS) {
    return { code: 'grant_duration_unsupported' };
  }
  if (duration > deps.grants.maxDays * DAY_MS) return { code: 'grant_too_long', maxDays: deps.grants.maxDays };
  return null;
}
