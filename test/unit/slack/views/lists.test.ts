import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../src/domain/model/audit.js';
import type { GroupId, RequestId, SlackTeamId } from '../../../../src/domain/model/ids.js';
import { err, ok } from '../../../../src/domain/model/result.js';
import { ACTION_CANCEL_REQUEST } from '../../../../src/slack/ids.js';
import {
  buildAuditList,
  buildGroupList,
  buildMappingsList,
  buildRequestsList,
  buildWhoami,
} from '../../../../src/slack/views/lists.js';
import { PEOPLE, TEAM_ID } from '../../../fixtures/people.js';
import {
  allMrkdwn,
  buttons,
  expectInert,
  expectWithinLimits,
  GROUP_ID,
  HOSTILE,
  LATER,
  makeGroup,
  makeMapping,
  makeRequest,
  REQUEST_ID,
  slackId,
  summary,
  T0,
} from './builders.js';

const bob = slackId(PEOPLE.bob);
const erin = slackId(PEOPLE.erin);
const hostileRequest = () =>
  makeRequest({ snapshot: { groupName: HOSTILE, names: {}, managerBefore: null }, reason: HOSTILE, outcome: HOSTILE });

const alice = slackId(PEOPLE.alice);

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 1,
    at: T0,
    teamId: TEAM_ID as SlackTeamId,
    actorSlackId: alice,
    actorDocSpaceId: null,
    onBehalfOf: [],
    requestId: null,
    action: 'members',
    groupId: 'aaaa0001-0000-4000-8000-000000000001' as GroupId,
    groupName: 'Sales',
    before: null,
    after: null,
    outcome: 'succeeded',
    detail: null,
    ...overrides,
  };
}

describe('buildRequestsList', () => {
  it('puts a Cancel button carrying only the request id on the viewer’s own pending request', () => {
    const list = buildRequestsList([makeRequest()], bob, false);
    expect(buttons(list)).toEqual([
      { actionId: ACTION_CANCEL_REQUEST, value: REQUEST_ID, style: undefined, hasConfirm: true },
    ]);
  });

  it('shows other people’s requests to an approver without a Cancel button', () => {
    const list = buildRequestsList([makeRequest()], erin, true);
    expect(buttons(list)).toEqual([]);
    expect(allMrkdwn(list)).toContain(REQUEST_ID);
  });

  it('offers Cancel to a later requester who joined an identical request', () => {
    const list = buildRequestsList([makeRequest({ requesterIds: [erin, bob] })], bob, false);
    expect(buttons(list).map((b) => b.actionId)).toEqual([ACTION_CANCEL_REQUEST]);
  });

  it('shows each request’s status, relative age and where its card is', () => {
    const text = allMrkdwn(buildRequestsList([makeRequest()], bob, false));
    expect(text).toContain('waiting for approval');
    expect(text).toContain('^{ago}|');
    expect(text).toContain('<#C0APPROVE1>');
  });

  it('says so when there are no pending requests', () => {
    expect(buildRequestsList([], bob, false).text).toBe('You have no pending requests.');
    expect(buildRequestsList([], erin, true).text).toBe('No requests are waiting for approval.');
  });

  it('caps a long list within Block Kit limits and says how many are shown', () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      makeRequest({ id: `R${String(i).padStart(10, '0')}` as RequestId }),
    );
    const list = buildRequestsList(many, bob, false);
    expectWithinLimits(list);
    expect(allMrkdwn(list)).toContain('Showing the first 40 of 120');
  });

  it('renders hostile group names and reasons inert', () => {
    expectInert(buildRequestsList([hostileRequest()], bob, true));
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

describe('buildAuditList', () => {
  it('lists entries newest first, one line each', () => {
    const text = allMrkdwn(buildAuditList([entry({ id: 1, at: T0 }), entry({ id: 2, at: LATER, action: 'approve' })]));
    expect(text.indexOf('`#2`')).toBeGreaterThan(-1);
    expect(text.indexOf('`#2`')).toBeLessThan(text.indexOf('`#1`'));
  });

  it('shows the actor, the action, the group, the request and the outcome', () => {
    const line = allMrkdwn(buildAuditList([entry({ requestId: 'R0000000000ABC' as RequestId, onBehalfOf: [erin] })]));
    expect(line).toContain(`<@${alice}> for <@${erin}> *members* *Sales* · \`R0000000000ABC\``);
    expect(line).toContain('✅');
  });

  it('names the bot when an entry has no actor', () => {
    expect(allMrkdwn(buildAuditList([entry({ actorSlackId: null, action: 'expire' })]))).toContain('_the bot_');
  });

  it('says so when the log is empty', () => {
    expect(buildAuditList([]).text).toContain('no entries');
  });

  it('renders hostile group names and details inert within limits', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      entry({ id: i, groupName: HOSTILE, detail: HOSTILE.repeat(20) }),
    );
    const list = buildAuditList(many);
    expectWithinLimits(list);
    expectInert(list);
  });
});

describe('buildWhoami', () => {
  it('shows the linked DocSpace account, its type, how it was linked and when it was verified', () => {
    const text = allMrkdwn(buildWhoami(alice, ok(makeMapping())));
    expect(text).toContain('*Alice Archer* (alice@example.com), user');
    expect(text).toContain('matched by Slack email');
    expect(text).toContain(`last verified <!date^${LATER.getTime() / 1000}^`);
  });

  it('names the admin who linked an account by hand', () => {
    const mapping = makeMapping({ source: 'manual', createdBy: erin });
    expect(allMrkdwn(buildWhoami(alice, ok(mapping)))).toContain(`linked by hand by <@${erin}>`);
  });

  it('explains why the viewer is not linked', () => {
    const text = allMrkdwn(buildWhoami(alice, err({ code: 'slack_no_email', who: { kind: 'slack', id: alice } })));
    expect(text).toContain('not linked to a DocSpace account');
    expect(text).toContain('has no email address in Slack');
  });

  it('shows the viewer’s roles when given', () => {
    expect(allMrkdwn(buildWhoami(alice, ok(makeMapping()), { admin: false, approver: true }))).toContain('approver');
  });

  it('renders a hostile DocSpace name and email inert', () => {
    expectInert(buildWhoami(alice, ok(makeMapping({ docspaceDisplayName: HOSTILE, docspaceEmail: HOSTILE }))));
  });
});

describe('buildMappingsList', () => {
  it('shows one line per linked user with the Slack mention and DocSpace account', () => {
    const text = allMrkdwn(buildMappingsList([makeMapping(), makeMapping({ slackUserId: erin, source: 'manual' })]));
    expect(text).toContain('*2 linked users*');
    expect(text).toContain(`<@${alice}> → *Alice Archer*`);
    expect(text).toContain('by hand');
  });

  it('says so when nobody is linked', () => {
    expect(buildMappingsList([]).text).toContain('No Slack users are linked');
  });

  it('stays within limits and inert for 500 hostile mappings', () => {
    const list = buildMappingsList(Array.from({ length: 500 }, () => makeMapping({ docspaceDisplayName: HOSTILE })));
    expectWithinLimits(list);
    expectInert(list);
  });
});
