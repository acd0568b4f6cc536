import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/domain/model/audit.js';
import { docspaceIdOf } from '../../fixtures/people.js';
import { useHarness } from '../../helpers/harness.js';
import {
  approve,
  ask,
  auditLogLines,
  denyWithNote,
  fileRequest,
  seedTeam,
  waitForCardStatus,
} from './approvals-kit.js';

describe('the audit trail of decisions and changes, and /docspace-group audit', () => {
  const h = useHarness();

  const entriesOf = async (groupId: string): Promise<AuditEntry[]> =>
    h.container.storage.audit.list({ groupId: groupId as never, limit: 50 });

  /** alice asks to add carol, dave approves, the change is made. */
  async function executedRequest() {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001> reason: on-call rota`);
    await approve(h, 'dave', id);
    await waitForCardStatus(h.slack, id, 'done');
    return { group, id };
  }

  it('records the request, the approval and the executed change, each with the request id, oldest first', async () => {
    const { group, id } = await executedRequest();
    const entries = (await entriesOf(group.id)).reverse();
    expect(entries.map((e) => [e.action, e.outcome, e.requestId])).toEqual([
      ['request', 'recorded', id],
      ['approve', 'recorded', id],
      ['members', 'succeeded', id],
    ]);
  });

  it('records who made an approved change, in Slack and DocSpace, on whose behalf, and the group before and after', async () => {
    const { group, id } = await executedRequest();
    const change = (await entriesOf(group.id)).find((e) => e.action === 'members');
    expect(change).toMatchObject({
      actorSlackId: 'U0DAVE0001',
      actorDocSpaceId: docspaceIdOf('dave'),
      onBehalfOf: ['U0ALICE001'],
      requestId: id,
      groupId: group.id,
      groupName: group.name,
      before: { id: group.id, managerId: docspaceIdOf('alice') },
    });
    expect(change?.after).toMatchObject({ memberIds: expect.arrayContaining([docspaceIdOf('carol')]) });
    expect(change?.at).toBeInstanceOf(Date);
  });

  it('records a denial with the decider and the note', async () => {
    const group = seedTeam(h.docspace);
    const id = await fileRequest(h, 'alice', `add "${group.name}" <@U0CAROL001>`);
    await denyWithNote(h, 'dave', id, 'not this quarter');
    await waitForCardStatus(h.slack, id, 'denied');
    const denial = (await entriesOf(group.id)).find((e) => e.action === 'deny');
    expect(denial).toMatchObject({ actorSlackId: 'U0DAVE0001', requestId: id, onBehalfOf: ['U0ALICE001'] });
    expect(denial?.after).toMatchObject({ status: 'denied', note: 'not this quarter' });
  });

  it("records an admin's direct change with no request and nobody on whose behalf", async () => {
    const group = seedTeam(h.docspace);
    await ask(h, 'owner', `manager "${group.name}" <@U0BOB00001>`);
    const [entry] = await entriesOf(group.id);
    expect(entry).toMatchObject({
      action: 'set_manager',
      outcome: 'succeeded',
      actorSlackId: 'U0OWNER001',
      actorDocSpaceId: docspaceIdOf('owner'),
      requestId: null,
      onBehalfOf: [],
    });
  });

  it('writes every audit entry as exactly one structured log line too', async () => {
    const { group } = await executedRequest();
    const stored = await entriesOf(group.id);
    const lines = auditLogLines(h) as unknown as { id: number; action: string; at: string }[];
    for (const entry of stored) {
      const matching = lines.filter((l) => l.id === entry.id);
      expect(matching).toHaveLength(1);
      expect(matching[0]).toMatchObject({ action: entry.action, at: entry.at.toISOString() });
    }
  });

  it('shows an admin the latest audit entries, with the request id and the approver', async () => {
    const { id } = await executedRequest();
    const answer = await ask(h, 'owner', 'audit');
    expect(answer).toContain('Audit log');
    expect(answer).toContain(id);
    expect(answer).toContain('<@U0DAVE0001>');
    expect(answer).toContain('for <@U0ALICE001>');
  });

  it("shows only one group's entries when the admin names the group", async () => {
    const first = await executedRequest();
    const second = await executedRequest();
    const answer = await ask(h, 'owner', `audit "${second.group.name}"`);
    expect(answer).toContain(second.id);
    expect(answer).not.toContain(first.id);
  });

  it('still finds the entries of a deleted group by its last known name', async () => {
    const { group, id } = await executedRequest();
    await fetch(`${h.docspace.url}/api/2.0/group/${group.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${h.docspace.apiKey}` },
    });
    expect(await ask(h, 'owner', `audit "${group.name}"`)).toContain(id);
  });

  it('refuses the audit command to a requester', async () => {
    await executedRequest();
    const answer = await ask(h, 'alice', 'audit');
    expect(answer).toContain('not allowed to read the audit log');
    expect(answer).not.toContain('Audit log');
  });

  it('refuses the audit command to an approver who is not an admin', async () => {
    expect(await ask(h, 'dave', 'audit')).toContain('not allowed to read the audit log');
  });

  it('renders hostile group names in the audit list inertly', async () => {
    const group = h.docspace.seedGroup({ name: 'Ops <!channel> <@U0BOB00001>', memberIds: [docspaceIdOf('alice')] });
    await ask(h, 'owner', `add ${group.id} <@U0CAROL001>`);
    const answer = await ask(h, 'owner', `audit ${group.id}`);
    expect(answer).toContain('&lt;!channel&gt;');
    expect(answer).not.toContain('<!channel>');
    expect(answer).not.toContain('<@U0BOB00001>');
  });
});
