import { describe, expect, it } from 'vitest';
import type { ChangeReport } from '../../../../src/domain/model/group.js';
import type { DocSpaceUserId, GroupId } from '../../../../src/domain/model/ids.js';
import { ACTION_CANCEL_DELETE, ACTION_CONFIRM_DELETE } from '../../../../src/slack/ids.js';
import { buildGroupList } from '../../../../src/slack/views/lists.js';
import { buildChangeResult, buildDeleteConfirmation, buildGroupDetails } from '../../../../src/slack/views/replies.js';
import { PEOPLE } from '../../../fixtures/people.js';
import {
  allMrkdwn,
  buttons,
  dsId,
  expectInert,
  expectWithinLimits,
  GROUP_ID,
  HOSTILE,
  makeGroup,
  NAMES,
  summary,
  syntheticUser,
  user,
} from './builders.js';

const NO_IGNORED = { managerNotSet: null, notAdded: [], notRemoved: [], nameNotApplied: null };
const NO_SKIPPED = { alreadyMembers: [], notMembers: [] };
const bigGroup = (n = 200) =>
  makeGroup({ members: Array.from({ length: n }, (_, i) => syntheticUser(i)), membersCount: n });

function report(overrides: Partial<ChangeReport> = {}): ChangeReport {
  const before = makeGroup();
  return {
    change: { kind: 'members', groupId: GROUP_ID, add: [dsId(PEOPLE.erin)], remove: [dsId(PEOPLE.dave)] },
    before: summary(before),
    after: makeGroup({ members: [user(PEOPLE.carol), user(PEOPLE.erin)] }),
    ignored: NO_IGNORED,
    skipped: NO_SKIPPED,
    names: NAMES,
    ...overrides,
  };
}

describe('buildGroupDetails', () => {
  it('shows the name, id, manager, member count and member names', () => {
    const details = buildGroupDetails(makeGroup());
    const text = allMrkdwn(details);
    expect(details.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Sales' } });
    expect(text).toContain(GROUP_ID);
    expect(text).toContain('Alice Archer');
    expect(text).toContain("Carol O'Neil and Dave Dunn");
    expect(details.text).toContain('2 members');
  });

  it('lists at most 50 members of a 200-member group, says how many more, and stays within limits', () => {
    const details = buildGroupDetails(bigGroup());
    expectWithinLimits(details);
    expect(allMrkdwn(details)).toContain('and 150 more');
  });

  it('stays within limits when 200 members have very long names', () => {
    const members = Array.from({ length: 200 }, (_, i) => syntheticUser(i, `${'&'.repeat(150)}${i}`));
    expectWithinLimits(buildGroupDetails(makeGroup({ members, membersCount: 200 })));
  });

  it('renders hostile group, manager and member names inert', () => {
    const hostile = { ...user(PEOPLE.alice), displayName: HOSTILE };
    expectInert(buildGroupDetails(makeGroup({ name: HOSTILE, manager: hostile, members: [hostile] })));
  });
});

describe('buildGroupList', () => {
  const groups = [
    summary(makeGroup()),
    summary(makeGroup({ id: 'bbbb0002-0000-4000-8000-000000000002' as GroupId, name: 'Ops', manager: null })),
  ];

  it('shows each group’s name, manager, member count and id with the total', () => {
    const text = allMrkdwn(buildGroupList({ groups, total: 2 }));
    expect(text).toContain('*2 groups*');
    expect(text).toContain(`*Sales* — Alice Archer — 2 members — \`${GROUP_ID}\``);
    expect(text).toContain('*Ops* — _no manager_');
  });

  it('echoes the filter and says when only the first groups are shown', () => {
    const text = allMrkdwn(buildGroupList({ groups, total: 120, filter: 'Sa' }));
    expect(text).toContain('matching “Sa”');
    expect(text).toContain('Showing the first 2 of 120');
  });

  it('says no group matched an escaped hostile filter', () => {
    const list = buildGroupList({ groups: [], total: 0, filter: HOSTILE });
    expect(list.text).toContain('No DocSpace groups matching');
    expectInert(list);
  });

  it('stays within Block Kit limits for 200 groups with long hostile names', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      summary(makeGroup({ name: `${HOSTILE}${'x'.repeat(100)}${i}`, membersCount: i })),
    );
    const list = buildGroupList({ groups: many, total: 500 });
    expectWithinLimits(list);
    expectInert(list);
  });
});

describe('buildChangeResult', () => {
  it('names the group and lists who was added and removed, with the state after', () => {
    const text = allMrkdwn(buildChangeResult(report()));
    expect(text).toContain('Updated the members of *Sales*');
    expect(text).toContain('Added: Erin Evans');
    expect(text).toContain('Removed: Dave Dunn');
    expect(text).toContain('Now: manager Alice Archer, 2 members');
  });

  it('shows a manager change from the old manager to the new one', () => {
    const change = { kind: 'set_manager' as const, groupId: GROUP_ID, managerId: dsId(PEOPLE.bob) };
    expect(allMrkdwn(buildChangeResult(report({ change })))).toContain('Manager: Alice Archer → Bob Baker');
  });

  it('shows a rename from the old name to the new one', () => {
    const change = { kind: 'rename' as const, groupId: GROUP_ID, name: 'Sales EU' };
    const after = makeGroup({ name: 'Sales EU' });
    expect(allMrkdwn(buildChangeResult(report({ change, after })))).toContain('Renamed: Sales → Sales EU');
  });

  it('reports a delete by the group’s former name', () => {
    const result = buildChangeResult(report({ change: { kind: 'delete', groupId: GROUP_ID }, after: null }));
    expect(allMrkdwn(result)).toContain('Deleted Sales');
  });

  it('lists skipped people as already members or not members', () => {
    const skipped = { alreadyMembers: [user(PEOPLE.carol)], notMembers: [user(PEOPLE.bob)] };
    const text = allMrkdwn(buildChangeResult(report({ skipped })));
    expect(text).toContain("Skipped (already a member): Carol O'Neil");
    expect(text).toContain('Skipped (not a member): Bob Baker');
  });

  it('reports what DocSpace ignored by name, falling back to the raw id, and not as done', () => {
    const unknown = syntheticUser(9).id;
    const change = { kind: 'members' as const, groupId: GROUP_ID, add: [dsId(PEOPLE.erin), unknown], remove: [] };
    const result = buildChangeResult(
      report({ change, ignored: { ...NO_IGNORED, notAdded: [unknown as DocSpaceUserId] } }),
    );
    const text = allMrkdwn(result);
    expect(text).toContain('Added: Erin Evans\n');
    expect(text).toContain(`DocSpace did not add: ${unknown}`);
    expect(result.text).toContain('DocSpace ignored part of it');
  });

  it('reports a manager DocSpace did not set', () => {
    const change = { kind: 'set_manager' as const, groupId: GROUP_ID, managerId: dsId(PEOPLE.bob) };
    const text = allMrkdwn(
      buildChangeResult(report({ change, ignored: { ...NO_IGNORED, managerNotSet: dsId(PEOPLE.bob) } })),
    );
    expect(text).toContain('DocSpace did not make Bob Baker the manager');
    expect(text).not.toContain('Manager: Alice Archer → Bob Baker');
  });

  it('renders hostile names inert and stays within limits when 200 people are added', () => {
    const people = Array.from({ length: 200 }, (_, i) => syntheticUser(i, `${HOSTILE} ${i}`));
    const ids = people.map((p) => p.id);
    const result = buildChangeResult(
      report({
        change: { kind: 'members', groupId: GROUP_ID, add: ids, remove: ids },
        names: Object.fromEntries(people.map((p) => [p.id, p.displayName])),
        skipped: { alreadyMembers: people, notMembers: people },
        ignored: { ...NO_IGNORED, notAdded: ids, notRemoved: ids, nameNotApplied: HOSTILE },
        after: makeGroup({ name: HOSTILE, members: people, membersCount: 200 }),
      }),
    );
    expectWithinLimits(result);
    expectInert(result);
  });
});

describe('buildDeleteConfirmation', () => {
  it('offers a danger Delete button with a confirm dialog and a Cancel button, both carrying the group id', () => {
    expect(buttons(buildDeleteConfirmation(summary(makeGroup())))).toEqual([
      { actionId: ACTION_CONFIRM_DELETE, value: GROUP_ID, style: 'danger', hasConfirm: true },
      { actionId: ACTION_CANCEL_DELETE, value: GROUP_ID, style: undefined, hasConfirm: false },
    ]);
  });

  it('renders a hostile group name inert', () => {
    expectInert(buildDeleteConfirmation(summary(makeGroup({ name: HOSTILE }))));
  });
});
