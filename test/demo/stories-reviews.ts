import { ACTION_REVIEW_KEEP, ACTION_REVIEW_REMOVE, ACTION_REVIEW_SUBMIT } from '../../src/slack/ids.js';
import type { FakeMessage } from '../fakes/slack-api-server.js';
import { docspaceIdOf, slackIdOf } from '../fixtures/people.js';
import { type ButtonOnCard, clickButton, findButton, shown, typeCommand, waitAndShow } from './actors.js';
import { type CastHandle, nameOf } from './cast.js';
import { type DemoContext, describeGroup, groupNamed, sameMembers, showDocSpace } from './demo-context.js';
import type { DemoStep } from './step-runner.js';

/** A member's button in the review DM: its row's block id ends with the member's DocSpace id. */
function memberButton(dm: FakeMessage, actionId: string, member: CastHandle): ButtonOnCard | null {
  const row = (dm.blocks as { block_id?: string; elements?: unknown[] }[] | undefined)?.find((b) =>
    b.block_id?.endsWith(docspaceIdOf(member)),
  );
  return row ? findButton({ ...dm, blocks: [row] }, actionId) : null;
}

/** The review DM as it stands now (each click replaces it). */
function reviewDm(ctx: DemoContext, reviewer: CastHandle): FakeMessage | undefined {
  return ctx.h.slack.dms(slackIdOf(reviewer)).find((m) => shown(m).includes('Access review'));
}

export const reviewStep: DemoStep<DemoContext> = {
  name: 'Story 8: an access review; the manager keeps two members and removes one',
  async run(ctx, check) {
    const { expect, h } = ctx;
    const reviewer = expect.nextManager;
    const group = () => groupNamed(ctx, expect.groupName);
    ctx.t.story(
      'Story 8 · An access review',
      `Olivia asks the manager to confirm who still belongs; ${nameOf(reviewer)} decides in a DM, and only Submit changes DocSpace.`,
    );
    const reply = await typeCommand(ctx, 'owner', `review "${expect.groupName}"`);
    check(shown(reply).includes('Started access review'), 'Olivia is told the review started', () => shown(reply));
    await waitAndShow(ctx, () => reviewDm(ctx, reviewer) !== undefined);
    const dm = reviewDm(ctx, reviewer) as FakeMessage;
    check(shown(dm).includes('you manage this group'), `${nameOf(reviewer)} gets a DM saying why they are asked`, () =>
      shown(dm),
    );
    const stays = expect.firstMembers;
    for (const member of stays) {
      const keep = memberButton(dm, ACTION_REVIEW_KEEP, member);
      if (keep) await clickButton(ctx, reviewer, dm, ACTION_REVIEW_KEEP, keep);
    }
    const remove = memberButton(dm, ACTION_REVIEW_REMOVE, expect.addedMember);
    check(remove !== null, `the DM offers [Remove] for ${nameOf(expect.addedMember)}`, () => shown(dm));
    if (remove) await clickButton(ctx, reviewer, dm, ACTION_REVIEW_REMOVE, remove);
    await h.idle();
    ctx.feed.flush(ctx.t);
    check(
      group()?.memberIds.includes(docspaceIdOf(expect.addedMember)) === true,
      'nothing changes in DocSpace before Submit',
      () => describeGroup(group()),
    );
    const submit = findButton(dm, ACTION_REVIEW_SUBMIT);
    check(submit !== null, 'the DM offers [Submit review]', () => shown(dm));
    if (submit) await clickButton(ctx, reviewer, dm, ACTION_REVIEW_SUBMIT, submit);
    await waitAndShow(ctx, () => !group()?.memberIds.includes(docspaceIdOf(expect.addedMember)));
    showDocSpace(ctx);
    check(sameMembers(group(), stays), `DocSpace now lists ${stays.map(nameOf).join(' and ')}`, () =>
      describeGroup(group()),
    );
  },
};
