import { describe, expect, it } from 'vitest';
import { PEOPLE } from '../../fixtures/people.js';
import { csv, startCliKit } from './mappings-cli-kit.js';

const { alice } = PEOPLE;

describe('mappings import: usage errors', () => {
  it('exits 2 when the file does not exist', async () => {
    const kit = await startCliKit();
    const run = await kit.run(['import', '/nonexistent/mappings.csv']);
    expect(run).toMatchObject({ code: 2, out: [] });
    expect(run.err.join('\n')).toContain('Cannot read /nonexistent/mappings.csv: ENOENT');
  });

  it('exits 2 without looking anything up when the header is wrong', async () => {
    const kit = await startCliKit();
    const run = await kit.run(['import', await kit.file(`user,email\n${alice.slack.id},${alice.email}\n`)]);
    expect(run.code).toBe(2);
    expect(run.err.join('\n')).toContain('slack_user_id,docspace');
    expect(kit.docspace.requests).toEqual([]);
  });

  it('exits 2 for an empty file and for a quote that is never closed', async () => {
    const kit = await startCliKit();
    expect((await kit.run(['import', await kit.file('')])).code).toBe(2);
    const broken = await kit.run(['import', await kit.file(csv(`${alice.slack.id},"${alice.email}`))]);
    expect(broken.code).toBe(2);
    expect(broken.err.join('\n')).toContain('line 2: a quoted field is never closed');
    expect(await kit.storage.mappings.list()).toEqual([]);
  });

  it('exits 2 when no team is known, and for a malformed --team', async () => {
    const kit = await startCliKit();
    const file = await kit.file(csv(`${alice.slack.id},${alice.email}`));
    const noTeam = await kit.run(['import', file], { teamId: null });
    expect(noTeam.code).toBe(2);
    expect(noTeam.err.join('\n')).toContain('SLACK_TEAM_ID');
    expect((await kit.run(['import', file, '--team', 'acme'])).code).toBe(2);
    expect(await kit.storage.mappings.list()).toEqual([]);
  });

  it('exits 2 with the usage for a missing or unknown command and 0 with it for help', async () => {
    const kit = await startCliKit();
    const none = await kit.run([]);
    expect(none.code).toBe(2);
    expect(none.err.join('\n')).toContain('Usage: npm run -s mappings');
    expect((await kit.run(['import'])).code).toBe(2);
    expect((await kit.run(['wipe'])).code).toBe(2);
    const help = await kit.run(['help']);
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toContain('import <file.csv>');
  });
});
