import { ACTION_APPROVE, BLOCK_HOME_DECISION } from '../../src/slack/ids.js';
import { homeBlockAction } from '../fakes/payloads.js';
import { docspaceIdOf, slackIdOf, TEAM_ID } from '../fixtures/people.js';
import { APPROVAL_CHANNEL } from '../helpers/harness.js';
import { shown, typeCommand, waitAndShow } from './actors.js';
import { type CastHandle, NAMES, nameOf } from './cast.js';
import type { DemoContext } from './demo-context.js';
import { renderHome } from './render.js';
import type { Check, DemoStep } from './step-runner.js';

const NEW_GROUP = 'Design Crew';
const WHY = 'a small group for the design reviews';

/** Someone opens the bot's Home tab; returns the Home as text once it is published and shown. */
async function openHome(ctx: DemoContext, who: CastHandle): Promise<string> {
  const before = ctx.h.slack.callsTo('views.publish').length;
  ctx.t.does(nameOf(who), 'opens the bot’s Home tab in Slack.');
  await ctx.h.openHome(who);
  await waitAndShow(ctx, () => ctx.h.slack.callsTo('views.publish').length > before);
  return homeText(ctx, who);
}

function homeText(ctx: DemoContext, who: CastHandle): string {
  const view = ctx.h.slack.homeOf(slackIdOf(who))?.view;
  return view ? renderHome(view, NAMES).join('\n') : '(no Home)';
}

export const homeStep: DemoStep<DemoContext> = {
  name: 'Story 7: Carol and Erin use the App Home; Erin approves from it',
  async run(ctx, check: Check) {
    const { h } = ctx;
    ctx.t.story(
      'Story 7 · Everyone’s App Home',
      'The Home tab shows each person what concerns them; a decision there updates everyone’s Home who looks at it.',
    );
    const carolHome = await openHome(ctx, 'carol');
    check(
      carolHome.includes('Your requests (0)'),
      'Carol’s Home shows who she is and that she has no requests',
      () => carolHome,
    );
    const cards = h.slack.messages(APPROVAL_CHANNEL).length;
    const reply = await typeCommand(
      ctx,
      'carol',
      `create "${NEW_GROUP}" manager <@U0CAROL001|carol> members <@U0DAVE0001|dave> reason: ${WHY}`,
    );
    check(shown(reply).includes('waiting for approval'), 'Carol is told her request waits', () => shown(reply));
    await waitAndShow(ctx, () => h.slack.messages(APPROVAL_CHANNEL).length > cards);
    const erinHome = await openHome(ctx, 'erin');
    const waiting = /dsg_home_decision:(R\w+)/.exec(JSON.stringify(h.slack.homeOf(slackIdOf('erin'))?.view))?.[1];
    check(
      erinHome.includes('Waiting for you') && erinHome.includes('[Approve] [Deny]') && waiting !== undefined,
      'Erin’s Home lists Carol’s request under “Waiting for you” with [Approve] and [Deny]',
      () => erinHome,
    );
    ctx.t.does(nameOf('erin'), 'clicks [Approve] on her Home tab, then confirms “Approve this change?”.');
    await h.interact(
      homeBlockAction({
        actionId: ACTION_APPROVE,
        value: waiting ?? '',
        blockId: `${BLOCK_HOME_DECISION}:${waiting ?? ''}`,
        userId: slackIdOf('erin'),
        teamId: TEAM_ID,
      }),
    );
    await waitAndShow(ctx, () => h.docspace.listGroups().some((g) => g.name === NEW_GROUP));
    const made = h.docspace.listGroups().find((g) => g.name === NEW_GROUP);
    check(made?.managerId === docspaceIdOf('carol'), `DocSpace now has “${NEW_GROUP}”, managed by Carol`, () =>
      String(made?.name),
    );
    const after = homeText(ctx, 'carol');
    check(
      after.includes(`Groups you manage (1)`) && after.includes('Your requests (0)'),
      'Carol’s Home is republished: she manages the new group and her request is gone',
      () => after,
    );
  },
};
