import { docspaceIdOf } from '../fixtures/people.js';
import { HOUR } from '../helpers/clock.js';
import { shown, typeCommand } from './actors.js';
import { nameOf } from './cast.js';
import { type DemoContext, describeGroup, groupNamed, showDocSpace } from './demo-context.js';
import type { DemoStep } from './step-runner.js';

export const timeBoundStep: DemoStep<DemoContext> = {
  name: 'Story 5: a time-bound membership ends by itself',
  async run(ctx, check) {
    const { expect } = ctx;
    const member = 'carol';
    ctx.t.story(
      'Story 5 · Access that ends by itself',
      `Olivia adds ${nameOf(member)} to the team for one hour only; the bot removes her when the hour is up.`,
    );
    const reply = await typeCommand(ctx, 'owner', `add "${expect.groupName}" <@U0CAROL001|carol> for 1h reason: audit`);
    check(shown(reply).includes('For 1 hour'), 'Olivia is told the membership lasts one hour', () => shown(reply));
    const shownGroup = await typeCommand(ctx, 'bob', `show "${expect.groupName}"`);
    check(shown(shownGroup).includes('Time-bound'), '`show` lists the time-bound member and when it ends', () =>
      shown(shownGroup),
    );
    const inTeam = () => groupNamed(ctx, expect.groupName)?.memberIds.includes(docspaceIdOf(member)) === true;
    check(inTeam(), `${nameOf(member)} is a member in DocSpace`, () =>
      describeGroup(groupNamed(ctx, expect.groupName)),
    );
    if (!ctx.clock) throw new Error('the demo needs its clock to move time');
    ctx.t.note(['(The demo moves the bot’s clock forward by one hour; its sweep runs, as it does every 30 s.)']);
    ctx.clock.advance(HOUR);
    const swept = await ctx.h.container.services.sweepGrants();
    await ctx.h.idle();
    ctx.feed.flush(ctx.t);
    showDocSpace(ctx);
    check(swept.ok && swept.value.expired === 1, 'the sweep ended one grant', () => JSON.stringify(swept));
    check(!inTeam(), `${nameOf(member)} is no longer a member in DocSpace`, () =>
      describeGroup(groupNamed(ctx, expect.groupName)),
    );
    const deletes = ctx.h.docspace.requests.filter((r) => r.method === 'DELETE' && r.path.endsWith('/members'));
    check(deletes.length === 1, 'with exactly one DELETE …/members', () => JSON.stringify(deletes));
  },
};
