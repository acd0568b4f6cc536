import { describe, expect, it } from 'vitest';
import type { ChangeReport } from '../../../../src/domain/model/group.js';
import type { DocSpaceUserId } from '../../../../src/domain/model/ids.js';
import { escapeMrkdwn } from '../../../../src/slack/escape.js';
import { ACTION_CANCEL_DELETE, ACTION_CONFIRM_DELETE } from '../../../../src/slack/ids.js';
import { parseCommand } from '../../../../src/slack/parse/command.js';
import { SUBCOMMANDS, usageLine } from '../../../../src/slack/parse/usage.js';
import {
  buildChangeResult,
  buildDeleteConfirmation,
  buildGroupDetails,
  buildHelpBlocks,
  buildHelpText,
  buildRequestQueuedReply,
} from '../../../../src/slack/views/replies.js';
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
  makeRequest,
  NAMES,
  REQUEST_ID,
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

const hostileRequest = () =>
  makeRequest({ snapshot: { groupName: HOSTILE, names: {}, managerBefore: null }, reason: HOSTILE, outcome: HOSTILE });

const EXAMPLE_LINE = /`\/docspace-group ([^`]+)`$/;

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

describe('buildRequestQueuedReply', () => {
  it('tells the requester where the new request waits for approval', () => {
    const reply = buildRequestQueuedReply(makeRequest(), true, 'C0APPROVE1');
    expect(reply.text).toContain(`Your request \`${REQUEST_ID}\` is waiting for approval in <#C0APPROVE1>`);
  });

  it('tells a second requester they joined an identical pending request', () => {
    const reply = buildRequestQueuedReply(makeRequest(), false, 'C0APPROVE1');
    expect(reply.text).toContain(`An identical request (\`${REQUEST_ID}\`) was already pending`);
    expect(reply.text).toContain('you were added to it');
  });

  it('does not turn a malformed channel id into a link', () => {
    expect(allMrkdwn(buildRequestQueuedReply(makeRequest(), true, '<!channel>'))).not.toContain('<!channel>');
  });

  it('renders hostile group names inert', () => {
    expectInert(buildRequestQueuedReply(hostileRequest(), true, 'C0APPROVE1'));
  });
});

describe('buildHelpText', () => {
  it.each(SUBCOMMANDS)('lists the usage of %s, escaped for mrkdwn', (sub) => {
    expect(buildHelpText()).toContain(`\`${escapeMrkdwn(usageLine(sub))}\``);
  });

  it('contains no raw angle brackets, so nothing in it is read as a mention or link', () => {
    expect(buildHelpText()).not.toMatch(/[<>]/);
  });

  it('shows the Development Team example', () => {
    expect(buildHelpText()).toContain(
      '`/docspace-group create "Development Team" manager @alice members @bob @carol reason: new project`',
    );
  });

  it('explains the reason suffix', () => {
    expect(buildHelpText()).toContain('reason: &lt;text&gt;');
  });

  it('gives examples the parser accepts', () => {
    const examples = buildHelpText()
      .split('\n')
      .flatMap((line) => EXAMPLE_LINE.exec(line)?.[1] ?? []);
    expect(examples).toHaveLength(4);
    for (const example of examples) {
      // Typed @names are not mentions; Slack would send <@U…> for a picked person.
      const asSlackSends = example.replace(/@(alice|bob|carol|dave)\b/g, '<@U0TEST0001>');
      expect(parseCommand(asSlackSends).ok, example).toBe(true);
    }
  });
});

describe('buildHelpBlocks', () => {
  it('holds the same text as buildHelpText in mrkdwn sections', () => {
    const blocks = buildHelpBlocks();
    expect(blocks.every((block) => block.type === 'section' && block.text?.type === 'mrkdwn')).toBe(true);
    expect(blocks.map((block) => block.text?.text).join('\n\n')).toBe(buildHelpText());
  });

  it('keeps every section within the 3000-character limit', () => {
    for (const block of buildHelpBlocks()) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
  });
});
