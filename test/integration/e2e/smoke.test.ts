import { describe, expect, it } from 'vitest';
import { PEOPLE } from '../../fixtures/people.js';
import { useHarness } from '../../helpers/harness.js';

describe('the bot end to end (smoke)', () => {
  const h = useHarness();

  it('creates Development Team and reassigns its manager through slash commands', async () => {
    const created = await h.command(
      'owner',
      'create "Development Team" manager <@U0ALICE001|alice> members <@U0ALICE001> <@U0BOB00001>',
    );
    expect(created.ack.status).toBe(200);
    const reply = await h.reply(created.responseId);
    expect(JSON.stringify(reply)).toContain('Development Team');
    const group = h.docspace.listGroups().find((g) => g.name === 'Development Team');
    expect(group?.managerId).toBe(PEOPLE.alice.docspace.id);
    const moved = await h.command('owner', 'manager "Development Team" <@U0BOB00001>');
    await h.reply(moved.responseId);
    const after = h.docspace.getGroup(group?.id ?? '');
    expect(after?.managerId).toBe(PEOPLE.bob.docspace.id);
    expect(after?.memberIds).toContain(PEOPLE.alice.docspace.id);
  });
});
