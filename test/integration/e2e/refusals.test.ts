import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/domain/model/audit.js';
import type { SlackUserId } from '../../../src/domain/model/ids.js';
import { ACTION_APPROVE, ACTION_DENY } from '../../../src/slack/ids.js';
import { docspaceIdOf, mentionOf, slackIdOf } from '../../fixtures/people.js';
import { TEAM } from '../../helpers/domain-people.js';
import { useHarness } from '../../helpers/harness.js';
import { answerTo, ask, clickCard, fileRequest, seedTeam } from './approvals-kit.js';

/** Refused privileged actions leave a trace: a warn log line and a `refused` audit entry that `audit` shows. */

interface LogLine {
  level: number;
  msg: string;
  refused?: { actor: string; action: string; requestId: string | null; target: string | null; reason: string };
  audited?: boolean;
}

describe('refused privileged actions', () => {
  const h = useHarness();

  const refusalLogs = (actor: string): LogLine[] =>
    h.logs
      .map((l) => JSON.parse(l) as LogLine)
      .filter((l) => l.msg === 'refused privileged action' && l.refused?.actor === slackIdOf(actor));
  const refusedEntries = async (actor: string): Promise<AuditEntry[]> =>
    (await h.container.storage.audit.list({ limit: 200 })).filter(
      (e) => e.action === 'refused' && e.actorSlackId === slackIdOf(actor),
    );

  it("logs a non-approver's Approve at warn and audits it once a minute, and admins see it in audit", async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" ${mentionOf('carol')}`);
    const first = await answerTo(h.slack, await clickCard(h, 'bob', ACTION_APPROVE, id));
    expect(first).toContain('Only approvers can approve, deny or retry requests.');
    await answerTo(h.slack, await clickCard(h, 'bob', ACTION_APPROVE, id));

    const logs = refusalLogs('bob');
    expect(logs.map((l) => [l.level, l.refused?.action, l.refused?.requestId, l.refused?.reason, l.audited])).toEqual([
      [40, 'approve', id, 'not_approver', true],
      [40, 'approve', id, 'not_approver', false],
    ]);
    const entries = await refusedEntries('bob');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      requestId: id,
      groupId: group.id,
      groupName: group.name,
      outcome: 'recorded',
      detail: 'approve refused: not an approver',
      after: { attempted: 'approve', reason: 'not_approver' },
    });
    expect(h.docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));

    const audit = await ask(h, 'owner', 'audit');
    expect(audit).toContain('*refused*');
    expect(audit).toContain(`approve refused: not an approver`);
    expect(audit).toContain(id);
  });

  it("traces a non-approver's Deny click, refused before its form opens", async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" ${mentionOf('carol')}`);
    expect(await answerTo(h.slack, await clickCard(h, 'bob', ACTION_DENY, id))).toContain('Only approvers');
    expect(h.slack.callsTo('views.open')).toEqual([]);
    expect((await refusedEntries('bob')).filter((e) => e.requestId === id)).toMatchObject([
      { detail: 'deny refused: not an approver' },
    ]);
  });

  it('traces a self-approval', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'dave', `add "${group.name}" ${mentionOf('carol')}`);
    const answer = await answerTo(h.slack, await clickCard(h, 'dave', ACTION_APPROVE, id));
    expect(answer).toContain('You cannot decide your own request');
    expect(refusalLogs('dave').map((l) => [l.refused?.action, l.refused?.requestId, l.refused?.reason])).toEqual([
      ['approve', id, 'self_approval'],
    ]);
    expect(await refusedEntries('dave')).toMatchObject([
      { requestId: id, detail: 'approve refused: their own request' },
    ]);
  });

  it("traces a non-admin's link, unlink, mappings and audit, naming the target and never storing anything else", async () => {
    expect(await ask(h, 'carol', `link ${mentionOf('nora')} hal@example.com`)).toContain(
      'You are not allowed to link users.',
    );
    expect(await ask(h, 'carol', `unlink ${mentionOf('alice')}`)).toContain('You are not allowed to unlink users.');
    expect(await ask(h, 'carol', 'mappings')).toContain('You are not allowed to see mappings.');
    expect(await ask(h, 'carol', 'audit')).toContain('You are not allowed to read the audit log.');
    expect(refusalLogs('carol').map((l) => [l.refused?.action, l.refused?.target, l.refused?.reason])).toEqual([
      ['link', mentionOf('nora'), 'not_authorized'],
      ['unlink', mentionOf('alice'), 'not_authorized'],
      ['mappings', null, 'not_authorized'],
      ['audit', null, 'not_authorized'],
    ]);
    const entries = (await refusedEntries('carol')).reverse();
    expect(entries.map((e) => [e.detail, (e.after as { target: string | null }).target])).toEqual([
      ['link refused: not an admin', mentionOf('nora')],
      ['unlink refused: not an admin', mentionOf('alice')],
      ['mappings refused: not an admin', null],
      ['audit refused: not an admin', null],
    ]);
    expect(await h.container.storage.mappings.isBlocked(TEAM, slackIdOf('alice') as SlackUserId)).toBe(false);
    expect(h.logs.join('\n')).not.toContain(h.docspace.apiKey);
  });
});
