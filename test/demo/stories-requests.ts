import { ACTION_APPROVE, ACTION_DENY, ACTION_REASON, BLOCK_REASON, CALLBACK_DENY_REASON } from '../../src/slack/ids.js';
import type { FakeMessage, FakeView } from '../fakes/slack-api-server.js';
import { docspaceIdOf, slackIdOf } from '../fixtures/people.js';
import { APPROVAL_CHANNEL } from '../helpers/harness.js';
import { type ButtonOnCard, clickButton, findButton, shown, submitModal, typeCommand, waitAndShow } from './actors.js';
import { nameOf } from './cast.js';
import { type DemoContext, describeGroup, groupNamed, sameMembers, showDocSpace } from './demo-context.js';
import type { Check, DemoStep } from './step-runner.js';

const ADD_REASON = 'Dave joins the project next week';
const RENAME_REASON = 'shorter name for the sidebar';
const DENY_NOTE = 'Wiki pages & dashboards link to "Development Team"; let’s keep the name for now.';

/** The card the bot posted in the approvals channel after `before` cards, as it stands now (updates applied). */
function cardAfter(ctx: DemoContext, before: number): FakeMessage | undefined {
  return ctx.h.slack.messages(APPROVAL_CHANNEL)[before];
}

/** Checks a freshly posted request card and returns it with its request id. */
function checkNewCard(ctx: DemoContext, check: Check, before: number, requester: 'carol' | 'alice', why: string) {
  const card = cardAfter(ctx, before);
  const text = shown(card);
  check(card !== undefined, 'a request card is posted in #group-approvals', () => 'no new message in the channel');
  check(text.includes(`@${nameOf(requester)} asks`), `the card says ${nameOf(requester)} asks`, () => text);
  check(text.includes(`*Why:* ${why}`), 'the card shows the reason', () => text);
  const approve = card ? findButton(card, ACTION_APPROVE) : null;
  const deny = card ? findButton(card, ACTION_DENY) : null;
  check(approve !== null && deny !== null, 'the card offers [Approve] and [Deny]', () => text);
  return {
    card: card as FakeMessage,
    approve: approve as NonNullable<typeof approve>,
    deny: deny as NonNullable<typeof deny>,
  };
}

function checkDecided(ctx: DemoContext, check: Check, before: number, phrase: string): string {
  const card = cardAfter(ctx, before);
  const text = shown(card);
  check(text.includes(phrase), `the card now says “${phrase}”`, () => text);
  const buttons = card ? (findButton(card, ACTION_APPROVE) ?? findButton(card, ACTION_DENY)) : null;
  check(buttons === null, 'the card no longer offers [Approve] or [Deny]', () => text);
  return text;
}

/** A non-admin types a change with a reason: they are told it waits, and a card appears with both buttons. */
async function askForChange(ctx: DemoContext, check: Check, who: 'carol' | 'alice', command: string, why: string) {
  const before = ctx.h.slack.messages(APPROVAL_CHANNEL).length;
  const reply = await typeCommand(ctx, who, `${command} reason: ${why}`);
  check(shown(reply).includes('waiting for approval'), `${nameOf(who)} is told the request waits for approval`, () =>
    shown(reply),
  );
  return { before, ...checkNewCard(ctx, check, before, who, why) };
}

function checkAdded(ctx: DemoContext, check: Check): void {
  const { expect } = ctx;
  const group = groupNamed(ctx, expect.groupName);
  const everyone = [...expect.firstMembers, expect.addedMember];
  check(sameMembers(group, everyone), `DocSpace now lists ${everyone.map(nameOf).join(', ')}`, () =>
    describeGroup(group),
  );
  check(
    group?.managerId === docspaceIdOf(expect.nextManager),
    `${nameOf(expect.nextManager)} is still the manager`,
    () => describeGroup(group),
  );
}

export const approveStep: DemoStep<DemoContext> = {
  name: 'Story 3: Carol asks to add Dave and Erin approves',
  async run(ctx, check) {
    const { expect, h } = ctx;
    ctx.t.story(
      'Story 3 · A request is approved',
      'Carol is not an admin: her change becomes a request that an approver decides in #group-approvals.',
    );
    const ask = await askForChange(ctx, check, 'carol', 'add "Development Team" <@U0DAVE0001|dave>', ADD_REASON);
    const waiting = groupNamed(ctx, expect.groupName);
    check(
      !waiting?.memberIds.includes(docspaceIdOf(expect.addedMember)),
      'nothing changes in DocSpace before the decision',
      () => describeGroup(waiting),
    );
    await clickButton(ctx, 'erin', ask.card, ACTION_APPROVE, ask.approve);
    await waitAndShow(ctx, () => h.slack.dms(slackIdOf('carol')).length > 0);
    showDocSpace(ctx);
    checkAdded(ctx, check);
    checkDecided(ctx, check, ask.before, `Done, approved by @${nameOf('erin')}`);
    const dm = shown(h.slack.dms(slackIdOf('carol'))[0]);
    const applied = dm.includes(`approved by @${nameOf('erin')}`) && dm.includes('applied');
    check(applied, 'Carol gets a DM that it was applied', () => dm);
  },
};

/** Erin clicks Deny, sees the form, writes a note and submits it; resolves once Alice has her DM. */
async function denyWithNote(ctx: DemoContext, check: Check, card: FakeMessage, deny: ButtonOnCard): Promise<void> {
  const { h } = ctx;
  const formsBefore = h.slack.views().length;
  await clickButton(ctx, 'erin', card, ACTION_DENY, deny);
  await waitAndShow(ctx, () => h.slack.views().length > formsBefore);
  const form = h.slack.views()[formsBefore];
  check(form?.view['callback_id'] === CALLBACK_DENY_REASON, 'a “Deny request” form opens for Erin', () =>
    JSON.stringify(form?.view ?? null).slice(0, 300),
  );
  ctx.t.does(nameOf('erin'), 'writes a note for Alice and presses [Deny]:', [`“${DENY_NOTE}”`]);
  await submitModal(ctx, 'erin', form as FakeView, {
    [BLOCK_REASON]: { [ACTION_REASON]: { type: 'plain_text_input', value: DENY_NOTE } },
  });
  await waitAndShow(ctx, () => h.slack.dms(slackIdOf('alice')).length > 0);
}

export const denyStep: DemoStep<DemoContext> = {
  name: 'Story 4: Alice asks to rename the group and Erin denies it with a note',
  async run(ctx, check) {
    const { expect, h } = ctx;
    ctx.t.story('Story 4 · A request is denied', 'Alice asks to rename the group; Erin says no and tells her why.');
    const ask = await askForChange(ctx, check, 'alice', 'rename "Development Team" "Dev Team"', RENAME_REASON);
    await denyWithNote(ctx, check, ask.card, ask.deny);
    showDocSpace(ctx);
    const text = checkDecided(ctx, check, ask.before, `Denied by @${nameOf('erin')}`);
    check(text.includes(`Note: ${DENY_NOTE}`), 'the card shows Erin’s note, exactly as she typed it', () => text);
    const dm = shown(h.slack.dms(slackIdOf('alice'))[0]);
    check(dm.includes('denied your request') && dm.includes(DENY_NOTE), 'Alice gets a DM with the note', () => dm);
    const renamed = groupNamed(ctx, expect.groupName) !== undefined && groupNamed(ctx, 'Dev Team') === undefined;
    check(renamed, `the group is still named "${expect.groupName}"`, () =>
      h.docspace.listGroups().map(describeGroup).join('\n'),
    );
  },
};
