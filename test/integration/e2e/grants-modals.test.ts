import { describe, expect, it } from 'vitest';
import * as ids from '../../../src/slack/ids.js';
import { seedDevTeam } from '../../fixtures/groups.js';
import { docspaceIdOf } from '../../fixtures/people.js';
import { createFakeClock } from '../../helpers/clock.js';
import { useHarness } from '../../helpers/harness.js';
import { onlyGrant } from './grants-kit.js';
import { inlineErrors, managerValues, membersValues, submitView } from './slack-kit.js';

// The optional "for how long" field of the add-members and change-manager forms.

const clock = createFakeClock(new Date('2026-03-02T09:00:00.000Z'));
const duration = (text: string) => ({
  [ids.BLOCK_DURATION]: { [ids.ACTION_DURATION]: { type: 'plain_text_input', value: text } },
});

describe('time-bound access from the forms', () => {
  const h = useHarness({ clock });

  it('adds a member for the duration typed in the edit members form', async () => {
    const group = seedDevTeam(h.docspace);
    const ack = await submitView(h, 'owner', ids.CALLBACK_MEMBERS, {
      ...membersValues(group.id, ['carol']),
      ...duration('3d'),
    });
    expect(ack.body).toBe('');
    await h.idle();
    const grant = await onlyGrant(h, group.id);
    expect(grant).toMatchObject({ kind: 'member', userId: docspaceIdOf('carol'), durationMs: 3 * 86_400_000 });
  });

  it('makes an acting manager from the change manager form', async () => {
    const group = seedDevTeam(h.docspace);
    await submitView(h, 'owner', ids.CALLBACK_MANAGER, { ...managerValues(group.id, 'dave'), ...duration('8h') });
    await h.idle();
    expect(await onlyGrant(h, group.id)).toMatchObject({ kind: 'acting_manager', userId: docspaceIdOf('dave') });
  });

  it.each([
    ['0m', 'more than zero'],
    ['later', 'is not a duration'],
    ['91d', 'The longest is 90 days'],
  ])('shows "%s" as an error under the field and changes nothing', async (text, says) => {
    const group = seedDevTeam(h.docspace);
    const ack = await submitView(h, 'owner', ids.CALLBACK_MEMBERS, {
      ...membersValues(group.id, ['carol']),
      ...duration(text),
    });
    expect(inlineErrors(ack)?.[ids.BLOCK_DURATION]).toContain(says);
    expect(h.docspace.getGroup(group.id)?.memberIds).not.toContain(docspaceIdOf('carol'));
  });
});
