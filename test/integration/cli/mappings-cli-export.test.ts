import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/cli/csv.js';
import type { SlackTeamId } from '../../../src/domain/model/ids.js';
import { PEOPLE } from '../../fixtures/people.js';
import { createMemoryStorage } from '../../helpers/memory-storage.js';
import { csv, manualMapping, NOW, startCliKit, TEAM } from './mappings-cli-kit.js';

const { alice, bob, carol } = PEOPLE;
const EXPORT_HEADER = 'slack_user_id,docspace_user_id,docspace_email,source,verified_at';

describe('mappings export', () => {
  it('writes a header and one CSV line per mapping, with source and verification time', async () => {
    const kit = await startCliKit();
    await kit.storage.mappings.save(
      manualMapping(alice.slack.id, alice.docspace.id, { docspaceEmail: alice.email, source: 'email' }),
    );
    const run = await kit.run(['export']);
    expect(run).toEqual({
      code: 0,
      err: [],
      out: [EXPORT_HEADER, `${alice.slack.id},${alice.docspace.id},${alice.email},email,${NOW.toISOString()}`],
    });
  });

  it('quotes fields that hold commas or quotes and leaves a missing email empty', async () => {
    const kit = await startCliKit();
    await kit.storage.mappings.save(manualMapping(alice.slack.id, alice.docspace.id, { docspaceEmail: 'a,"b"@x.io' }));
    await kit.storage.mappings.save(manualMapping(bob.slack.id, bob.docspace.id, { docspaceEmail: null }));
    const run = await kit.run(['export']);
    expect(run.out.slice(1)).toEqual([
      `${alice.slack.id},${alice.docspace.id},"a,""b""@x.io",manual,${NOW.toISOString()}`,
      `${bob.slack.id},${bob.docspace.id},,manual,${NOW.toISOString()}`,
    ]);
  });

  it('lists only the team given with --team, and every team (ordered by team) without one', async () => {
    const kit = await startCliKit();
    const other = 'T0OTHER001' as SlackTeamId;
    await kit.storage.mappings.save(manualMapping(alice.slack.id, alice.docspace.id));
    await kit.storage.mappings.save(manualMapping(bob.slack.id, bob.docspace.id, { teamId: other }));
    const filtered = await kit.run(['export', '--team', other], { teamId: null });
    expect(filtered.out.slice(1).map((l) => l.split(',')[0])).toEqual([bob.slack.id]);
    const all = await kit.run(['export'], { teamId: null });
    expect(all.out.slice(1).map((l) => l.split(',')[0])).toEqual([bob.slack.id, alice.slack.id]);
  });

  it('exports only the header when there are no mappings', async () => {
    const kit = await startCliKit();
    expect((await kit.run(['export'])).out).toEqual([EXPORT_HEADER]);
  });

  it('round-trips: an export imported into an empty store gives the same links, then imports as unchanged', async () => {
    const kit = await startCliKit();
    await kit.run([
      'import',
      await kit.file(csv(`${alice.slack.id},${alice.email}`, `${carol.slack.id},${carol.docspace.id}`)),
    ]);
    const exported = await kit.run(['export']);
    expect(parseCsv(exported.out.join('\r\n')).ok).toBe(true);
    const file = await kit.file(`${exported.out.join('\n')}\n`, 'export.csv');
    const fresh = createMemoryStorage();
    const imported = await kit.run(['import', file], { storage: fresh });
    expect(imported.out.at(-1)).toBe('2 linked, 0 unchanged, 0 skipped');
    const pairs = async (s: typeof fresh) =>
      (await s.mappings.list(TEAM)).map((m) => [m.slackUserId, m.docspaceUserId, m.docspaceEmail, m.source]);
    expect(await pairs(fresh)).toEqual(await pairs(kit.storage));
    const again = await kit.run(['import', file]);
    expect(again.out.at(-1)).toBe('0 linked, 2 unchanged, 0 skipped');
  });
});
