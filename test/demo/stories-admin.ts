import { docspaceIdOf, PEOPLE } from '../fixtures/people.js';
import { shown, typeCommand } from './actors.js';
import { CAST, nameOf } from './cast.js';
import { type DemoContext, describeGroup, groupNamed, sameMembers, showDocSpace } from './demo-context.js';
import type { DemoStep } from './step-runner.js';

export const castStep: DemoStep<DemoContext> = {
  name: 'The cast: people seeded in DocSpace and Slack',
  async run(ctx, check) {
    ctx.t.story('The cast', 'The DocSpace and Slack doubles are seeded with the same people (matched by email):');
    const width = Math.max(...CAST.map((c) => nameOf(c.handle).length));
    ctx.t.note(CAST.map((c) => `${nameOf(c.handle).padEnd(width)}  ${c.part}`));
    const missing = CAST.filter((c) => ctx.h.docspace.getUser(PEOPLE[c.handle].docspace.id)?.status !== 'active');
    check(missing.length === 0, 'everyone in the cast has an active DocSpace account', () =>
      missing.map((c) => nameOf(c.handle)).join(', '),
    );
    check(ctx.h.docspace.listGroups().length === 0, 'DocSpace starts with no groups', () =>
      ctx.h.docspace.listGroups().map(describeGroup).join('\n'),
    );
  },
};

export const createStep: DemoStep<DemoContext> = {
  name: 'Story 1: an admin creates "Development Team"',
  async run(ctx, check) {
    const { expect } = ctx;
    ctx.t.story(
      'Story 1 · An admin creates a group',
      'Olivia is a bot admin, so her change is made in DocSpace at once; no approval needed.',
    );
    const reply = await typeCommand(
      ctx,
      'owner',
      'create "Development Team" manager <@U0ALICE001|alice> members <@U0ALICE001|alice> <@U0BOB00001|bob>',
    );
    showDocSpace(ctx);
    const group = groupNamed(ctx, expect.groupName);
    check(shown(reply).includes(`Created group *${expect.groupName}*`), 'Olivia is told the group was created', () =>
      shown(reply),
    );
    check(group !== undefined, `DocSpace has a group named "${expect.groupName}"`, () =>
      ctx.h.docspace.listGroups().map(describeGroup).join('\n'),
    );
    check(group?.managerId === docspaceIdOf(expect.firstManager), `its manager is ${nameOf(expect.firstManager)}`, () =>
      describeGroup(group),
    );
    const members = expect.firstMembers.map(nameOf).join(' and ');
    check(sameMembers(group, expect.firstMembers), `its members are ${members}`, () => describeGroup(group));
  },
};

export const reassignStep: DemoStep<DemoContext> = {
  name: 'Story 2: the admin makes Bob the manager',
  async run(ctx, check) {
    const { expect } = ctx;
    ctx.t.story('Story 2 · The admin reassigns the manager', 'Olivia hands the team over from Alice to Bob.');
    const reply = await typeCommand(ctx, 'owner', 'manager "Development Team" <@U0BOB00001|bob>');
    showDocSpace(ctx);
    const group = groupNamed(ctx, expect.groupName);
    check(shown(reply).includes('Changed the manager'), 'Olivia is told the manager changed', () => shown(reply));
    check(
      group?.managerId === docspaceIdOf(expect.nextManager),
      `${nameOf(expect.nextManager)} is now the manager in DocSpace`,
      () => describeGroup(group),
    );
    const members = expect.firstMembers.map(nameOf).join(' and ');
    check(sameMembers(group, expect.firstMembers), `the members are still ${members}`, () => describeGroup(group));
  },
};
