import { describe, expect, it } from 'vitest';
import type { SlackHandle } from '../../fixtures/people.js';
import { mentionOf } from '../../fixtures/people.js';
import type { Harness } from '../../helpers/harness.js';
import { type Doubles, mappingOf, say, seedGroupG, startApp, startDoubles } from './identity-kit.js';

/** Adds `who` to group G as the admin and returns the reply; the group must be left untouched. */
async function addToG(who: SlackHandle): Promise<{ h: Harness; doubles: Doubles; text: string; groupId: string }> {
  const doubles = await startDoubles();
  const groupId = seedGroupG(doubles.docspace);
  const h = await startApp(doubles);
  const text = await say(h, 'owner', `add "G" ${mentionOf(who)}`);
  return { h, doubles, text, groupId };
}

async function expectNothingChanged(run: { h: Harness; doubles: Doubles; groupId: string }, who: SlackHandle) {
  expect(run.doubles.docspace.getGroup(run.groupId)?.memberIds).toEqual([]);
  const writes = run.doubles.docspace.requests.filter((r) => r.method !== 'GET');
  expect(writes).toEqual([]);
  expect(await mappingOf(run.h, who)).toBeNull();
}

describe('every reason a Slack user cannot be used, through /docspace-group add', () => {
  it('refuses a Slack user with no email address and suggests an admin link', async () => {
    const run = await addToG('nora');
    expect(run.text).toContain(`${mentionOf('nora')} has no email address in Slack`);
    expect(run.text).toContain('/docspace-group link @user email');
    await expectNothingChanged(run, 'nora');
  });

  it('refuses a Slack bot', async () => {
    const run = await addToG('robo');
    expect(run.text).toContain(`${mentionOf('robo')} is a bot; bots cannot be DocSpace group members or managers.`);
    await expectNothingChanged(run, 'robo');
  });

  it('refuses a deactivated Slack user even though their email matches a DocSpace account', async () => {
    const run = await addToG('zed');
    expect(run.text).toContain(`${mentionOf('zed')} is deactivated in Slack`);
    await expectNothingChanged(run, 'zed');
  });

  it('refuses a Slack user with no DocSpace account of that email', async () => {
    const run = await addToG('sam');
    expect(run.text).toContain(`No DocSpace account has the email of ${mentionOf('sam')}`);
    await expectNothingChanged(run, 'sam');
  });

  it('refuses a Slack user whose DocSpace account is disabled', async () => {
    const run = await addToG('dora');
    expect(run.text).toContain(`The DocSpace account of ${mentionOf('dora')} is disabled`);
    await expectNothingChanged(run, 'dora');
  });

  it('refuses a Slack user who is a DocSpace guest', async () => {
    const run = await addToG('gus');
    expect(run.text).toContain(
      `${mentionOf('gus')} is a guest in DocSpace; guests cannot be group members or managers.`,
    );
    await expectNothingChanged(run, 'gus');
  });

  it('refuses a second Slack user claiming a DocSpace account linked by hand to someone else', async () => {
    const doubles = await startDoubles();
    const groupId = seedGroupG(doubles.docspace);
    const h = await startApp(doubles);
    expect(await say(h, 'owner', `link ${mentionOf('bob')} mia.mixedcase@example.com`)).toContain(
      `Linked ${mentionOf('bob')}`,
    );
    const text = await say(h, 'owner', `add "G" ${mentionOf('mia')}`);
    expect(text).toContain(`The DocSpace account for ${mentionOf('mia')} is already linked to ${mentionOf('bob')}`);
    await expectNothingChanged({ h, doubles, groupId }, 'mia');
    expect((await mappingOf(h, 'bob'))?.source).toBe('manual');
  });

  it('lists every refused person at once and adds no one when one of several cannot be used', async () => {
    const doubles = await startDoubles();
    const groupId = seedGroupG(doubles.docspace);
    const h = await startApp(doubles);
    const text = await say(h, 'owner', `add "G" ${mentionOf('alice')} ${mentionOf('gus')} ${mentionOf('nora')}`);
    expect(text).toContain(mentionOf('gus'));
    expect(text).toContain(mentionOf('nora'));
    expect(doubles.docspace.getGroup(groupId)?.memberIds).toEqual([]);
    expect(await mappingOf(h, 'gus')).toBeNull();
    expect(await mappingOf(h, 'nora')).toBeNull();
  });
});
