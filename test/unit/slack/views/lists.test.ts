import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../src/domain/model/audit.js';
import type { GroupId, RequestId, SlackTeamId } from '../../../../src/domain/model/ids.js';
import type { ChangeRequest } from '../../../../src/domain/model/request.js';
import { err, ok } from '../../../../src/domain/model/result.js';
import { ACTION_APPROVE, ACTION_CANCEL_REQUEST, ACTION_DENY, BLOCK_LIST_DECISION } from '../../../../src/slack/ids.js';
import {
  buildAuditList,
  buildGroupList,
  buildMappingsList,
  buildRequestsList,
  buildWhoami,
  type RequestsListInput,
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

/** One page as the domain gives it: `total` defaults to the requests shown. */
const page = (requests: readonly ChangeRequest[], approver: boolean, more: Partial<RequestsListInput> = {}) => ({
  requests,
  approver,
  total: requests.length,
  page: 1,
  pageSize: 25,
  ...more,
});

const manyRequests = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => makeRequest({ id: `R${String(from + i).padStart(10, '0')}` as RequestId }));

describe('buildRequestsList', () => {
  it('puts a Cancel button carrying only the request id on the viewer’s own pending request', () => {
    const list = buildRequestsList(page([makeRequest()], false), bob);
    expect(buttons(list)).toEqual([
      { actionId: ACTION_CANCEL_REQUEST, value: REQUEST_ID, style: undefined, hasConfirm: true },
    ]);
  });

  it('offers an approver the card’s own Approve and Deny, with their confirmations, on other people’s requests', () => {
    const list = buildRequestsList(page([makeRequest()], true), erin);
    expect(buttons(list)).toEqual([
      { actionId: ACTION_APPROVE, value: REQUEST_ID, style: 'primary', hasConfirm: true },
      { actionId: ACTION_DENY, value: REQUEST_ID, style: 'danger', hasConfirm: true },
    ]);
    const rows = list.blocks.filter((b) => b.type === 'actions').map((b) => b.block_id);
    expect(rows).toEqual([`${BLOCK_LIST_DECISION}:${REQUEST_ID}`]);
    expect(allMrkdwn(list)).toContain(REQUEST_ID);
  });

  it('offers an approver Cancel, not Approve, on a request of their own', () => {
    const list = buildRequestsList(page([makeRequest({ requesterIds: [erin] })], true), erin);
    expect(buttons(list).map((b) => b.actionId)).toEqual([ACTION_CANCEL_REQUEST]);
  });

  it('offers Withdraw to a requester who shares the request with others, and Cancel to the only one', () => {
    const shared = buildRequestsList(page([makeRequest({ requesterIds: [erin, bob] })], false), bob);
    const alone = buildRequestsList(page([makeRequest({ requesterIds: [bob] })], false), bob);
    expect([JSON.stringify(shared), JSON.stringify(alone)]).toEqual([
      expect.stringContaining('"text":"Withdraw"'),
      expect.stringContaining('"text":"Cancel"'),
    ]);
  });

  it('shows each request’s status, relative age and where its card is, or that it has none yet', () => {
    const text = allMrkdwn(buildRequestsList(page([makeRequest(), makeRequest({ card: null })], false), bob));
    expect(text).toContain('waiting for approval');
    expect(text).toContain('^{ago}|');
    expect(text).toContain('<#C0APPROVE1>');
    expect(text).toContain('its card is not posted yet');
  });

  it('says so when there are no pending requests, and when a page is past the end', () => {
    expect(buildRequestsList(page([], false), bob).text).toBe('You have no pending requests.');
    expect(buildRequestsList(page([], true), erin).text).toBe('No requests are waiting for approval.');
    expect(buildRequestsList(page([], true, { total: 30, page: 3 }), erin).text).toBe(
      'Page 3 is past the end: 30 pending requests fit on 2 pages.',
    );
  });

  it('shows the total, the page and how to get the next one', () => {
    const list = buildRequestsList(page(manyRequests(25), false, { total: 30 }), bob);
    expectWithinLimits(list);
    const text = allMrkdwn(list);
    expect(text).toContain('*Your pending requests: 30*, oldest first · page 1 of 2');
    expect(text).toContain('`/docspace-group requests page 2` for the next 5');
  });

  it('fits a full page of 25 requests with Approve and Deny into 50 blocks, heading and hint in the first section', () => {
    const list = buildRequestsList(page(manyRequests(25), true, { total: 60, page: 2 }), erin);
    expectWithinLimits(list);
    expect(buttons(list).filter((b) => b.actionId === ACTION_APPROVE)).toHaveLength(25);
    const first = allMrkdwn({ blocks: list.blocks.slice(0, 1) });
    expect(first).toContain('*Pending requests: 60*, oldest first · page 2 of 3');
    expect(first).toContain('requests page 3` for the next 10');
  });

  it('renders hostile group names and reasons inert', () => {
    expectInert(buildRequestsList(page([hostileRequest()], true), bob));
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
