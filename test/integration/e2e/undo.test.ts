import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/domain/index.js';
import { ACTION_CONFIRM_DELETE } from '../../../src/slack/ids.js';
import { docspaceIdOf, mentionOf } from '../../fixtures/people.js';
import { createFakeClock, MINUTE } from '../../helpers/clock.js';
import { useHarness } from '../../helpers/harness.js';
import { answerTo, approve, cardJson, seedTeam, storedRequest, waitForCardStatus } from './approvals-kit.js';
import { change, clickUndo, portal, undo, undoButtonsIn, undoValueIn, writes } from './undo-kit.js';

const carol = docspaceIdOf('carol');
const mia = docspaceIdOf('mia');
const alice = docspaceIdOf('alice');
const bob = docspaceIdOf('bob');

describe('Undo of an executed change', () => {
  const clock = createFakeClock(new Date());
  const h = useHarness({ clock });

  /** The undo entries of the audit log, newest first. */
  async function undoEntries(): Promise<AuditEntry[]> {
    const entries = await h.container.storage.audit.list({ limit: 500 });
    return entries.filter((e) => e.action === 'undo');
  }

  it('removes the members a change added, leaves alone one who has left since, and audits an undo linked to it', async () => {
    const group = seedTeam(h.docspace);
    const reply = await change(h, 'owner', `add "${group.name}" ${mentionOf('carol')} ${mentionOf('mia')}`);
    const value = undoValueIn(reply);
    expect(JSON.stringify(reply)).toContain('Undo works until');
    await portal(h.docspace).removeMembers(group.id, [mia]);
    h.docspace.clearLog();
    const answer = await undo(h, 'owner', value);
    expect(answer).toContain('Updated the members');
    expect(answer).toContain('Left alone');
    expect(answer).toContain('has left the group since');
    expect(h.docspace.getGroup(group.id)?.memberIds.sort()).toEqual([alice, bob].sort());
    expect(writes(h.docspace)).toHaveLength(1);
    const [entry] = await undoEntries();
    expect(entry?.outcome).toBe('succeeded');
    expect(entry?.after).toMatchObject({ undoes: Number(value.slice(2)), change: { remove: [carol] } });
  });

  it('re-adds the members a change removed, except one who is back already', async () => {
    const group = h.docspace.seedGroup({
      name: `Undo rm ${clock.now().getTime()}`,
      managerId: alice,
      memberIds: [bob, carol, mia],
    });
    const reply = await change(h, 'owner', `remove "${group.name}" ${mentionOf('carol')} ${mentionOf('mia')}`);
    await portal(h.docspace).addMembers(group.id, [mia]);
    h.docspace.clearLog();
    const answer = await undo(h, 'owner', undoValueIn(reply));
    expect(answer).toContain('is back in the group');
    expect(h.docspace.getGroup(group.id)?.memberIds.sort()).toEqual([alice, bob, carol, mia].sort());
    expect(writes(h.docspace)).toHaveLength(1);
  });

  it('restores the previous manager, and leaves the manager alone once someone else changed it', async () => {
    const group = seedTeam(h.docspace);
    const first = await change(h, 'owner', `manager "${group.name}" ${mentionOf('bob')}`);
    await undo(h, 'owner', undoValueIn(first));
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(alice);

    const second = await change(h, 'owner', `manager "${group.name}" ${mentionOf('bob')}`);
    await portal(h.docspace).setManager(group.id, carol);
    h.docspace.clearLog();
    const answer = await undo(h, 'owner', undoValueIn(second));
    expect(answer).toContain('Nothing was undone');
    expect(answer).toContain('the manager is Carol');
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(carol);
    expect(writes(h.docspace)).toHaveLength(0);
  });

  it('renames back, and leaves the name alone once someone renamed the group again', async () => {
    const group = seedTeam(h.docspace);
    const first = await change(h, 'owner', `rename "${group.name}" "${group.name} v2"`);
    await undo(h, 'owner', undoValueIn(first));
    expect(h.docspace.getGroup(group.id)?.name).toBe(group.name);

    const second = await change(h, 'owner', `rename "${group.name}" "${group.name} v3"`);
    await portal(h.docspace).rename(group.id, `${group.name} portal`);
    h.docspace.clearLog();
    const answer = await undo(h, 'owner', undoValueIn(second));
    expect(answer).toContain('the name was left as is');
    expect(h.docspace.getGroup(group.id)?.name).toBe(`${group.name} portal`);
    expect(writes(h.docspace)).toHaveLength(0);
  });

  it('deletes a group the change created, after a confirmation, unless it was changed since', async () => {
    const name = `Undo create ${clock.now().getTime()}`;
    const reply = await change(
      h,
      'owner',
      `create "${name}" manager ${mentionOf('alice')} members ${mentionOf('bob')}`,
    );
    const [button] = undoButtonsIn(reply);
    expect(JSON.stringify(button?.confirm)).toContain('A delete cannot be undone');
    const created = h.docspace.listGroups().find((g) => g.name === name);
    await undo(h, 'owner', undoValueIn(reply));
    expect(h.docspace.getGroup(created?.id ?? '')?.removed).toBe(true);

    const kept = `Undo kept ${clock.now().getTime()}`;
    const again = await change(h, 'owner', `create "${kept}" manager ${mentionOf('alice')}`);
    const group = h.docspace.listGroups().find((g) => g.name === kept);
    await portal(h.docspace).addMembers(group?.id ?? '', [carol]);
    h.docspace.clearLog();
    const answer = await undo(h, 'owner', undoValueIn(again));
    expect(answer).toContain('so it was not deleted');
    expect(h.docspace.getGroup(group?.id ?? '')?.removed).toBe(false);
    expect(writes(h.docspace)).toHaveLength(0);
  });

  it('answers that the window has passed after UNDO_WINDOW_MINUTES, and changes nothing', async () => {
    const group = seedTeam(h.docspace);
    const reply = await change(h, 'owner', `add "${group.name}" ${mentionOf('carol')}`);
    clock.advance(16 * MINUTE);
    h.docspace.clearLog();
    const answer = await undo(h, 'owner', undoValueIn(reply));
    expect(answer).toContain('The Undo window of that change closed');
    expect(writes(h.docspace)).toHaveLength(0);
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(carol);
  });

  it('undoes an undo once (it is itself a change), and refuses a second undo of the same change', async () => {
    const group = seedTeam(h.docspace);
    const reply = await change(h, 'owner', `add "${group.name}" ${mentionOf('carol')}`);
    const undone = await undo(h, 'owner', undoValueIn(reply));
    expect(h.docspace.getGroup(group.id)?.memberIds).not.toContain(carol);
    const redone = await undo(h, 'owner', undoValueIn(undone));
    expect(redone).toContain('Updated the members');
    expect(h.docspace.getGroup(group.id)?.memberIds).toContain(carol);
    h.docspace.clearLog();
    expect(await undo(h, 'owner', undoValueIn(reply))).toContain('already undid that change');
    expect(await undo(h, 'owner', undoValueIn(undone))).toContain('already undid that change');
    expect(writes(h.docspace)).toHaveLength(0);
  });

  it('refuses to undo a delete, whose confirmation says it has no Undo', async () => {
    const group = seedTeam(h.docspace);
    const confirmation = await change(h, 'owner', `delete "${group.name}"`);
    expect(JSON.stringify(confirmation)).toContain('a delete has no Undo');
    const value = (confirmation['blocks'] as { elements?: { value: string }[] }[]).find((b) => b.elements)
      ?.elements?.[0]?.value as string;
    await h.click('owner', ACTION_CONFIRM_DELETE, value);
    await h.docspace.waitFor(() => h.docspace.getGroup(group.id)?.removed === true);
    await h.idle();
    const [deleted] = (await h.container.storage.audit.list({ limit: 5 })).filter((e) => e.action === 'delete');
    expect(await undo(h, 'owner', `e:${deleted?.id}`)).toContain('A delete cannot be undone');
  });

  it('makes one DocSpace write when Undo is clicked twice at once', async () => {
    const group = seedTeam(h.docspace);
    const reply = await change(h, 'owner', `add "${group.name}" ${mentionOf('carol')}`);
    const value = undoValueIn(reply);
    h.docspace.clearLog();
    h.docspace.setLatency(50);
    const clicks = await Promise.all([clickUndo(h, 'owner', value), clickUndo(h, 'owner', value)]);
    const answers = await Promise.all(clicks.map((c) => answerTo(h.slack, c)));
    h.docspace.setLatency(0);
    expect(writes(h.docspace)).toHaveLength(1);
    expect(answers.filter((a) => a.includes('already undid that change'))).toHaveLength(1);
    const linked = (await undoEntries()).filter(
      (e) => (e.after as { undoes?: number }).undoes === Number(value.slice(2)),
    );
    expect(linked).toHaveLength(1);
  });

  it('files a non-admin’s Undo as a request that says what it undoes, and applies it once approved', async () => {
    const group = seedTeam(h.docspace);
    const asked = await change(h, 'alice', `add "${group.name}" ${mentionOf('carol')}`);
    const original = JSON.stringify(asked).match(/R[0-9A-Z]{10}/)?.[0] as string;
    await approve(h, 'dave', original);
    await waitForCardStatus(h.slack, original, 'done');
    const cardUndo = undoValueIn(cardJson(h.slack, original));
    expect(cardUndo).toBe(`r:${original}`);
    h.docspace.clearLog();
    const answer = await undo(h, 'alice', cardUndo, { requestId: original });
    expect(writes(h.docspace)).toHaveLength(0);
    const undoRequest = answer.match(/R[0-9A-Z]{10}/g)?.find((id) => id !== original) as string;
    expect(answer).toContain(`Undoes request \`${original}\``);
    expect(cardJson(h.slack, undoRequest)).toContain(`Undoes request \`${original}\``);
    await approve(h, 'dave', undoRequest);
    await waitForCardStatus(h.slack, undoRequest, 'done');
    expect(h.docspace.getGroup(group.id)?.memberIds).not.toContain(carol);
    expect(writes(h.docspace)).toHaveLength(1);
    expect((await storedRequest(h, undoRequest)).status).toBe('executed');
    const [entry] = await undoEntries();
    expect(entry?.requestId).toBe(undoRequest);
    expect(await undo(h, 'bob', cardUndo, { requestId: original })).toContain(undoRequest);
    // The approved undo's own card offers Undo of it.
    expect(undoValueIn(cardJson(h.slack, undoRequest))).toBe(`r:${undoRequest}`);
  });

  it('applies an approved undo request to the group as it is then: what moved after it was filed is left alone', async () => {
    const group = seedTeam(h.docspace);
    const reply = await change(h, 'owner', `manager "${group.name}" ${mentionOf('bob')}`);
    const answer = await undo(h, 'alice', undoValueIn(reply));
    const undoRequest = answer.match(/R[0-9A-Z]{10}/)?.[0] as string;
    expect(answer).toContain('Undoes audit entry');
    await portal(h.docspace).setManager(group.id, carol);
    h.docspace.clearLog();
    await approve(h, 'dave', undoRequest);
    await waitForCardStatus(h.slack, undoRequest, 'done');
    expect(h.docspace.getGroup(group.id)?.managerId).toBe(carol);
    expect(writes(h.docspace)).toHaveLength(0);
    expect(cardJson(h.slack, undoRequest)).toContain('no longer as the undone change left it');
  });
});
