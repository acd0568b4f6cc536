import { describe, expect, it } from 'vitest';
import { createRefusalTrace, REFUSAL_AUDIT_WINDOW_MS } from '../../../src/domain/refusals.js';
import { callerOf, makeDomainDeps } from '../../helpers/domain-fakes.js';

const bob = callerOf('bob');
const link = { caller: bob, action: 'link', target: '<@U0NORA0001>' };
const notAdmin = { code: 'not_authorized', action: 'link_users' } as const;

function setUp() {
  const deps = makeDomainDeps();
  const trace = createRefusalTrace(deps);
  const warnings = () => deps.logger.entries.filter((e) => e.level === 'warn');
  const refused = async () => (await deps.audit.list({ limit: 50 })).filter((e) => e.action === 'refused');
  return { deps, trace, warnings, refused };
}

describe('createRefusalTrace', () => {
  it('logs every refusal at warn but audits the same actor, action and target at most once a minute', async () => {
    const { deps, trace, warnings, refused } = setUp();
    await trace.note(link, notAdmin);
    deps.clock.advance(REFUSAL_AUDIT_WINDOW_MS - 1);
    await trace.note(link, notAdmin);
    expect(warnings().map((w) => (w.obj as { audited: boolean }).audited)).toEqual([true, false]);
    expect(await refused()).toHaveLength(1);
    deps.clock.advance(1);
    await trace.note(link, notAdmin);
    expect(await refused()).toHaveLength(2);
  });

  it('audits another target or another action of the same actor at once', async () => {
    const { trace, refused } = setUp();
    await trace.note(link, notAdmin);
    await trace.note({ ...link, target: '<@U0ALICE001>' }, notAdmin);
    await trace.note({ ...link, action: 'unlink' }, { code: 'not_authorized', action: 'unlink_users' });
    expect((await refused()).map((e) => e.detail)).toEqual([
      'unlink refused: not an admin',
      'link refused: not an admin',
      'link refused: not an admin',
    ]);
  });

  it('leaves no trace of failures that are not refused privileges', async () => {
    const { trace, warnings, refused } = setUp();
    await trace.note(link, { code: 'reason_required' });
    await trace.note({ caller: bob, action: 'cancel' }, { code: 'not_requester' });
    expect([warnings(), await refused()]).toEqual([[], []]);
  });

  it('logs an unconfirmed authority at warn without auditing it', async () => {
    const { trace, warnings, refused } = setUp();
    await trace.note(link, { code: 'authority_unconfirmed', kind: 'timeout', retryAfterSeconds: null });
    expect(warnings()).toHaveLength(1);
    expect(await refused()).toEqual([]);
  });

  it('reports a store that cannot take the audit entry and does not throw', async () => {
    const { deps, trace } = setUp();
    await deps.storage.close();
    await expect(trace.note(link, notAdmin)).resolves.toBeUndefined();
    expect(deps.logger.entries.map((e) => [e.level, e.msg])).toEqual([
      ['warn', 'refused privileged action'],
      ['error', 'could not audit a refused action'],
    ]);
  });
});
