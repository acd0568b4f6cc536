import { ACTION_UNDO } from '../../src/slack/ids.js';
import { blockAction } from '../fakes/payloads.js';
import { docspaceIdOf, slackIdOf, TEAM_ID } from '../fixtures/people.js';
import { COMMAND_CHANNEL } from '../helpers/harness.js';
import { shown, typeCommand } from './actors.js';
import { channelName, nameOf } from './cast.js';
import { type DemoContext, describeGroup, groupNamed, sameMembers, showDocSpace } from './demo-context.js';
import type { DemoStep } from './step-runner.js';

type Json = Record<string, unknown>;

/** The Undo button on a reply: its value and its confirmation title. */
function undoButtonOf(reply: Json): { value: string; confirm: string | null } | null {
  for (const block of (reply['blocks'] as Json[] | undefined) ?? []) {
    for (const element of (block['elements'] as Json[] | undefined) ?? []) {
      if (element['action_id'] !== ACTION_UNDO) continue;
      const confirm = element['confirm'] as { title?: { text?: string } } | undefined;
      return { value: String(element['value']), confirm: confirm?.title?.text ?? null };
    }
  }
  return null;
}

/** Someone removes a member in the DocSpace portal itself, behind the bot's back (a signed call to the double). */
async function removeInPortal(ctx: DemoContext, groupId: string, userId: string): Promise<void> {
  const response = await fetch(`${ctx.h.docspace.url}/api/2.0/group/${groupId}/members`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${ctx.h.docspace.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ members: [userId] }),
  });
  if (!response.ok) throw new Error(`the DocSpace double refused the portal change: HTTP ${response.status}`);
}

export const undoStep: DemoStep<DemoContext> = {
  name: 'Story 6: the admin undoes a change after the group moved',
  async run(ctx, check) {
    const { expect, h } = ctx;
    ctx.t.story(
      'Story 6 · Undo',
      'Olivia adds Carol and Erin by mistake. Before she clicks Undo, someone removes Erin in DocSpace itself: ' +
        'Undo reverses only what is still as her change left it, and says what it left alone.',
    );
    const reply = await typeCommand(ctx, 'owner', 'add "Development Team" <@U0CAROL001|carol> <@U0ERIN0001|erin>');
    const button = undoButtonOf(reply);
    check(button !== null, 'the reply offers [Undo]', () => shown(reply));
    const group = groupNamed(ctx, expect.groupName);
    await removeInPortal(ctx, group?.id ?? '', docspaceIdOf('erin'));
    ctx.t.does('Someone', 'removes Erin Evans from "Development Team" in the DocSpace portal.');
    showDocSpace(ctx);
    const name = nameOf('owner');
    const confirm = button?.confirm ? `, then confirms “${button.confirm}”` : '';
    ctx.t.does(name, `clicks [Undo] on the bot's answer in #${channelName(COMMAND_CHANNEL)}${confirm}.`);
    const responseId = `undo-${Date.now()}`;
    ctx.feed.expectReply(responseId, name, `#${channelName(COMMAND_CHANNEL)}`);
    const sent = await h.interact(
      blockAction({
        actionId: ACTION_UNDO,
        value: button?.value ?? '',
        userId: slackIdOf('owner'),
        teamId: TEAM_ID,
        channelId: COMMAND_CHANNEL,
        responseUrl: h.slack.responseUrl(responseId),
      }),
    );
    if (sent.status !== 200) throw new Error(`the app answered the click with HTTP ${sent.status}`);
    await h.slack.waitFor(() => h.slack.responsesTo(responseId).length > 0, 5000);
    await h.idle();
    ctx.feed.flush(ctx.t);
    showDocSpace(ctx);
    const answer = shown(h.slack.responsesTo(responseId)[0]?.body as Json);
    const after = groupNamed(ctx, expect.groupName);
    const members = [...expect.firstMembers, expect.addedMember];
    check(sameMembers(after, members), `Carol is removed again: ${members.map(nameOf).join(', ')}`, () =>
      describeGroup(after),
    );
    check(answer.includes('Undoes audit entry'), 'Olivia is told which change was undone', () => answer);
    check(
      answer.includes(`${nameOf('erin')} was added by the change but has left the group since`),
      'the answer says Erin was left alone, and why',
      () => answer,
    );
  },
};
