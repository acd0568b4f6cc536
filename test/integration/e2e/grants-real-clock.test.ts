import { describe, expect, it } from 'vitest';
import { docspaceIdOf } from '../../fixtures/people.js';
import { useHarness } from '../../helpers/harness.js';
import { ask, seedTeam } from './approvals-kit.js';
import { memberDeletes, onlyGrant } from './grants-kit.js';

// SLOW (about 60 s): the one test on the real clock. A 1-minute grant is ended by the app's own sweep timer, with no
// hand-run sweep and no injected clock; the test waits for the definite signal (the DELETE reaching DocSpace).

describe('time-bound access on the real clock (slow: about a minute)', () => {
  const h = useHarness({ grantSweepIntervalMs: 1000 });

  it('removes a real 1-minute grant by itself, with exactly one DELETE …/members', { timeout: 150_000 }, async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `add "${group.name}" <@U0CAROL001> for 1m`);
    const grant = await onlyGrant(h, group.id);
    expect(grant.endsAt.getTime() - grant.startsAt.getTime()).toBe(60_000);
    await h.docspace.waitFor(() => memberDeletes(h.docspace, group.id).length > 0, 120_000);
    expect(h.docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));
    expect(memberDeletes(h.docspace, group.id)).toHaveLength(1);
  });
});
