import { describe, expect, it } from 'vitest';
import type { SlackTeamId, SlackUserId } from '../../../src/domain/model/ids.js';
import type { DocSpaceGateway } from '../../../src/domain/ports.js';
import { PEOPLE } from '../../fixtures/people.js';
import { csv, lineFor, manualMapping, NOW, startCliKit, TEAM } from './mappings-cli-kit.js';

const { alice, bob, carol, mia, gus, dora, pat } = PEOPLE;
const sid = (id: string) => id as SlackUserId;

describe('mappings import: valid rows', () => {
  it('links rows given by email, by mixed-case email and by DocSpace id as manual mappings and exits 0', async () => {
    const kit = await startCliKit();
    const file = await kit.file(
      csv(`${alice.slack.id},${alice.email}`, `${mia.slack.id},${mia.email}`, `${carol.slack.id},${carol.docspace.id}`),
    );
    const run = await kit.run(['import', file]);
    expect(run).toMatchObject({ code: 0, err: [] });
    expect(run.out.at(-1)).toBe('3 linked, 0 unchanged, 0 skipped');
    const stored = await kit.storage.mappings.list(TEAM);
    expect(stored.map((m) => [m.slackUserId, m.docspaceUserId, m.source, m.createdBy])).toEqual([
      [alice.slack.id, alice.docspace.id, 'manual', null],
      [carol.slack.id, carol.docspace.id, 'manual', null],
      [mia.slack.id, mia.docspace.id, 'manual', null],
    ]);
    expect(stored.every((m) => m.verifiedAt.getTime() === NOW.getTime())).toBe(true);
  });

  it('looks emails up in lower case', async () => {
    const kit = await startCliKit();
    await kit.run(['import', await kit.file(csv(`${mia.slack.id},${mia.email}`))]);
    const asked = kit.docspace.requests.filter((r) => r.path === '/api/2.0/people/email').map((r) => r.query['email']);
    expect(asked).toEqual(['mia.mixedcase@example.com']);
  });

  it('prints one report line per row with status, Slack id, the docspace value and a reason', async () => {
    const kit = await startCliKit();
    const run = await kit.run(['import', await kit.file(csv(`${alice.slack.id},${alice.email}`))]);
    expect(run.out).toEqual([
      `linked  ${alice.slack.id}  ${alice.email}  now linked to Alice Archer (${alice.docspace.id})`,
      '1 linked, 0 unchanged, 0 skipped',
    ]);
  });

  it('audits every linked row as a link by no actor with the detail "csv import"', async () => {
    const kit = await startCliKit();
    await kit.run(['import', await kit.file(csv(`${alice.slack.id},${alice.email}`, `${bob.slack.id},${bob.email}`))]);
    const entries = await kit.storage.audit.listAfter(0, 10);
    expect(entries.map((e) => [e.action, e.actorSlackId, e.actorDocSpaceId, e.detail, e.outcome, e.teamId])).toEqual([
      ['link', null, null, 'csv import', 'succeeded', TEAM],
      ['link', null, null, 'csv import', 'succeeded', TEAM],
    ]);
    expect(entries[0]?.after).toMatchObject({ mapping: { slackUserId: alice.slack.id, source: 'manual' } });
  });

  it('accepts a pending DocSpace invitee', async () => {
    const kit = await startCliKit();
    const run = await kit.run(['import', await kit.file(csv(`${pat.slack.id},${pat.email}`))]);
    expect(run.code).toBe(0);
    expect(await kit.storage.mappings.get(TEAM, sid(pat.slack.id))).not.toBeNull();
  });

  it('tolerates a byte-order mark, CRLF, blank lines, quotes, extra whitespace and header case', async () => {
    const kit = await startCliKit();
    const text = `\uFEFF Slack_User_ID , DocSpace \r\n\r\n  "${alice.slack.id}" ,  ${alice.email}  \r\n,\r\n${bob.slack.id},"${bob.email}"\r\n`;
    const run = await kit.run(['import', await kit.file(text)]);
    expect(run.out.at(-1)).toBe('2 linked, 0 unchanged, 0 skipped');
    expect((await kit.storage.mappings.list(TEAM)).map((m) => m.slackUserId)).toEqual([alice.slack.id, bob.slack.id]);
  });

  it('turns an existing email match into a manual link and replaces a link to another account', async () => {
    const kit = await startCliKit();
    await kit.storage.mappings.save(manualMapping(alice.slack.id, alice.docspace.id, { source: 'email' }));
    await kit.storage.mappings.save(manualMapping(bob.slack.id, carol.docspace.id));
    const run = await kit.run([
      'import',
      await kit.file(csv(`${alice.slack.id},${alice.email}`, `${bob.slack.id},${bob.email}`)),
    ]);
    expect(run.out.at(-1)).toBe('2 linked, 0 unchanged, 0 skipped');
    expect(lineFor(run, bob.slack.id)).toContain(`replaces ${carol.docspace.id}`);
    expect((await kit.storage.mappings.get(TEAM, sid(alice.slack.id)))?.source).toBe('manual');
    expect((await kit.storage.mappings.get(TEAM, sid(bob.slack.id)))?.docspaceUserId).toBe(bob.docspace.id);
  });

  it('reports every row unchanged on a second import of the same file, writes nothing and exits 0', async () => {
    const kit = await startCliKit();
    const file = await kit.file(csv(`${alice.slack.id},${alice.email}`, `${carol.slack.id},${carol.docspace.id}`));
    await kit.run(['import', file]);
    const before = await kit.storage.audit.listAfter(0, 100);
    const again = await kit.run(['import', file]);
    expect(again.code).toBe(0);
    expect(again.out.slice(0, 2).map((l) => l.split('  ')[0])).toEqual(['unchanged', 'unchanged']);
    expect(again.out.at(-1)).toBe('0 linked, 2 unchanged, 0 skipped');
    expect(await kit.storage.audit.listAfter(0, 100)).toEqual(before);
  });

  it('runs at most 8 DocSpace look-ups at a time', async () => {
    const kit = await startCliKit();
    const rows: string[] = [];
    for (let i = 0; i < 20; i++) {
      const email = `bulk${i}@example.com`;
      kit.docspace.addUser({ firstName: 'Bulk', lastName: `${i}`, email, type: 'user', status: 'active' });
      rows.push(`U0BULK${String(i).padStart(4, '0')},${email}`);
    }
    kit.docspace.setLatency(30);
    let inFlight = 0;
    let peak = 0;
    const counting: DocSpaceGateway = {
      ...kit.gateway,
      getUserByEmail: async (email, signal) => {
        peak = Math.max(peak, ++inFlight);
        try {
          return await kit.gateway.getUserByEmail(email, signal);
        } finally {
          inFlight--;
        }
      },
    };
    const run = await kit.run(['import', await kit.file(csv(...rows))], { gateway: counting });
    expect(run.out.at(-1)).toBe('20 linked, 0 unchanged, 0 skipped');
    expect(peak).toBe(8);
  });

  it('files the rows under the team given with --team', async () => {
    const kit = await startCliKit();
    const run = await kit.run(
      ['import', await kit.file(csv(`${alice.slack.id},${alice.email}`)), '--team', 'T0OTHER001'],
      {
        teamId: null,
      },
    );
    expect(run.code).toBe(0);
    expect((await kit.storage.mappings.list('T0OTHER001' as SlackTeamId)).length).toBe(1);
    expect(await kit.storage.mappings.list(TEAM)).toEqual([]);
  });
});

describe('mappings import: invalid rows', () => {
  it('skips unknown, guest, disabled and malformed rows with a reason each, writes none of them and exits 1', async () => {
    const kit = await startCliKit();
    const file = await kit.file(
      csv(
        `${alice.slack.id},${alice.email}`,
        `${PEOPLE.sam.slack.id},${PEOPLE.sam.email}`,
        `${gus.slack.id},${gus.email}`,
        `${dora.slack.id},${dora.docspace.id}`,
        `alice,${bob.email}`,
        `${bob.slack.id},not-an-email`,
        `${carol.slack.id},dddd9999-0000-4000-8000-000000009999`,
        `${mia.slack.id},`,
      ),
    );
    const run = await kit.run(['import', file]);
    expect(run.code).toBe(1);
    expect(run.out.at(-1)).toBe('1 linked, 0 unchanged, 7 skipped');
    expect(lineFor(run, PEOPLE.sam.slack.id)).toBe(
      `skipped  ${PEOPLE.sam.slack.id}  sam@example.com  line 3: no DocSpace user has this email`,
    );
    expect(lineFor(run, gus.slack.id)).toMatch(
      /line 4: Gus Guest \(.+\) is a DocSpace guest; guests cannot be linked$/,
    );
    expect(lineFor(run, dora.slack.id)).toMatch(/line 5: the DocSpace account Dora Disabled \(.+\) is disabled$/);
    expect(lineFor(run, 'alice')).toMatch(/line 6: not a Slack user id/);
    expect(lineFor(run, bob.slack.id)).toMatch(/line 7: not an email address or a DocSpace user id/);
    expect(lineFor(run, carol.slack.id)).toMatch(/line 8: no DocSpace user has this id$/);
    expect(lineFor(run, mia.slack.id)).toBe(`skipped  ${mia.slack.id}  -  line 9: no DocSpace email or user id`);
    expect((await kit.storage.mappings.list()).map((m) => m.slackUserId)).toEqual([alice.slack.id]);
    expect(await kit.storage.audit.listAfter(0, 100)).toHaveLength(1);
  });

  it('refuses a DocSpace account another Slack user already holds and leaves that link alone', async () => {
    const kit = await startCliKit();
    await kit.storage.mappings.save(manualMapping(bob.slack.id, alice.docspace.id));
    const run = await kit.run(['import', await kit.file(csv(`${alice.slack.id},${alice.email}`))]);
    expect(run.code).toBe(1);
    expect(lineFor(run, alice.slack.id)).toContain(`is already linked to ${bob.slack.id}; unlink that first`);
    expect(await kit.storage.mappings.get(TEAM, sid(alice.slack.id))).toBeNull();
    expect((await kit.storage.mappings.get(TEAM, sid(bob.slack.id)))?.docspaceUserId).toBe(alice.docspace.id);
  });

  it('refuses both rows when one Slack user is on two lines, without looking either up', async () => {
    const kit = await startCliKit();
    const run = await kit.run([
      'import',
      await kit.file(csv(`${alice.slack.id},${alice.email}`, `${alice.slack.id},${bob.email}`)),
    ]);
    expect(run.out.slice(0, 2)).toEqual([
      `skipped  ${alice.slack.id}  ${alice.email}  line 2: ${alice.slack.id} is on more than one line (2, 3); keep only one`,
      `skipped  ${alice.slack.id}  ${bob.email}  line 3: ${alice.slack.id} is on more than one line (2, 3); keep only one`,
    ]);
    expect(kit.docspace.requests.filter((r) => r.path.startsWith('/api/2.0/people'))).toEqual([]);
    expect(await kit.storage.mappings.list()).toEqual([]);
  });

  it('refuses both rows when two Slack users claim one DocSpace user, even named once by email and once by id', async () => {
    const kit = await startCliKit();
    const run = await kit.run([
      'import',
      await kit.file(csv(`${alice.slack.id},${alice.email}`, `${bob.slack.id},${alice.docspace.id}`)),
    ]);
    expect(run.code).toBe(1);
    expect(lineFor(run, alice.slack.id)).toContain('is claimed by more than one Slack user (lines 2, 3)');
    expect(lineFor(run, bob.slack.id)).toContain('is claimed by more than one Slack user (lines 2, 3)');
    expect(await kit.storage.mappings.list()).toEqual([]);
  });

  it('skips a row whose look-up fails because DocSpace is down, writes nothing for it, and the next import works', async () => {
    const kit = await startCliKit();
    kit.docspace.failNext(1, 503);
    const run = await kit.run(['import', await kit.file(csv(`${alice.slack.id},${alice.email}`))]);
    const second = await kit.run(['import', await kit.file(csv(`${bob.slack.id},${bob.email}`))]);
    expect(run.code).toBe(1);
    expect(lineFor(run, alice.slack.id)).toContain('the DocSpace look-up failed (server_error)');
    expect(second.code).toBe(0);
    expect((await kit.storage.mappings.list()).map((m) => m.slackUserId)).toEqual([bob.slack.id]);
  });
});
