import type { FakeGroupState } from '../fakes/docspace-server.js';
import { docspaceIdOf } from '../fixtures/people.js';
import type { FakeClock } from '../helpers/clock.js';
import type { Harness } from '../helpers/harness.js';
import type { CastHandle } from './cast.js';
import { nameOfDocSpaceId } from './cast.js';
import type { SlackFeed } from './slack-feed.js';
import type { Transcript } from './transcript.js';

/** What the stories must have done; the demo checks DocSpace and Slack against these. */
export interface DemoExpectations {
  readonly groupName: string;
  /** Manager and members right after story 1 creates the group. */
  readonly firstManager: CastHandle;
  readonly firstMembers: readonly CastHandle[];
  /** Manager after story 2. */
  readonly nextManager: CastHandle;
  /** Who story 3's approved request adds. */
  readonly addedMember: CastHandle;
}

export const EXPECTED: DemoExpectations = {
  groupName: 'Development Team',
  firstManager: 'alice',
  firstMembers: ['alice', 'bob'],
  nextManager: 'bob',
  addedMember: 'dave',
};

export interface DemoContext {
  readonly h: Harness;
  readonly feed: SlackFeed;
  readonly t: Transcript;
  readonly expect: DemoExpectations;
  /** The app's clock, which the time-bound story moves forward. */
  readonly clock?: FakeClock;
}

export function groupNamed(ctx: DemoContext, name: string): FakeGroupState | undefined {
  return ctx.h.docspace.listGroups().find((group) => group.name === name);
}

function memberNames(group: FakeGroupState): string[] {
  return group.memberIds.map(nameOfDocSpaceId).sort();
}

/** Same members, in any order. */
export function sameMembers(group: FakeGroupState | undefined, handles: readonly CastHandle[]): boolean {
  if (!group) return false;
  const want = handles.map((h) => docspaceIdOf(h).toLowerCase()).sort();
  const have = group.memberIds.map((id) => id.toLowerCase()).sort();
  return want.length === have.length && want.every((id, i) => id === have[i]);
}

export function describeGroup(group: FakeGroupState | undefined): string {
  if (!group) return 'no such group in DocSpace';
  return `"${group.name}": manager ${nameOfDocSpaceId(group.managerId)}; members ${memberNames(group).join(', ')}`;
}

/** Prints every DocSpace group as the DocSpace double holds it. */
export function showDocSpace(ctx: DemoContext): void {
  const groups = ctx.h.docspace.listGroups();
  const lines = groups.length
    ? groups.map(
        (g) => `  • ${g.name} — manager: ${nameOfDocSpaceId(g.managerId)}; members: ${memberNames(g).join(', ')}`,
      )
    : ['  (no groups)'];
  ctx.t.note(['DocSpace groups now (read from the DocSpace double):', ...lines]);
}
