import { describe, expect, it } from 'vitest';
import type { SlackUserId } from '../../../../src/domain/model/ids.js';
import type { RequestStatus } from '../../../../src/domain/model/request.js';
import { ACTION_APPROVE, ACTION_DENY, ACTION_RETRY, ACTION_UNDO } from '../../../../src/slack/ids.js';
import { buildApprovalCard, buildRequesterDm, describeChange } from '../../../../src/slack/views/cards.js';
import { PEOPLE } from '../../../fixtures/people.js';
import {
  allMrkdwn,
  buttons,
  dsId,
  EXPIRES,
  expectInert,
  expectWithinLimits,
  GROUP_ID,
  HOSTILE,
  LATER,
  makeRequest,
  REQUEST_ID,
  slackId,
  syntheticUser,
} from './builders.js';

const now = { now: LATER };
const approver = slackId(PEOPLE.erin);
const decided = { decidedBy: approver, decidedAt: LATER };
const ALL_STATUSES: RequestStatus[] = ['pending', 'approved', 'executed', 'failed', 'denied', 'expired', 'cancelled'];

const bob = slackId(PEOPLE.bob);
const erin = slackId(PEOPLE.erin);
const hostileRequest = () =>
  makeRequest({ snapshot: { groupName: HOSTILE, names: {}, managerBefore: null }, reason: HOSTILE, outcome: HOSTILE });

describe('buildApprovalCard', () => {
  it('offers Approve (primary) and Deny (danger), both with confirm dialogs, while pending', () => {
    const found = buttons(buildApprovalCard(makeRequest(), now));
    expect(found).toEqual([
      { actionId: ACTION_APPROVE, value: REQUEST_ID, style: 'primary', hasConfirm: true },
      { actionId: ACTION_DENY, value: REQUEST_ID, style: 'danger', hasConfirm: true },
    ]);
  });

  it('puts nothing but the request id in any button value, in every status (Undo marks it as a request: r:<id>)', () => {
    for (const status of ALL_STATUSES) {
      const card = buildApprovalCard(makeRequest({ status, ...decided, attempts: 1 }), now);
      for (const b of buttons(card)) expect(b.value).toBe(b.actionId === ACTION_UNDO ? `r:${REQUEST_ID}` : REQUEST_ID);
    }
  });

  it('names who asks with a mention, what, why, the request id and the expiry', () => {
    const text = allMrkdwn(buildApprovalCard(makeRequest(), now));
    expect(text).toContain(`<@${slackId(PEOPLE.bob)}> asks`);
    expect(text).toContain("Add: Carol O'Neil and Dave Dunn");
    expect(text).toContain('New hires');
    expect(text).toContain(REQUEST_ID);
    expect(text).toContain(`<!date^${EXPIRES.getTime() / 1000}^`);
  });

  it('lists later requesters of an identical change as well', () => {
    const card = buildApprovalCard(makeRequest({ requesterIds: [slackId(PEOPLE.bob), slackId(PEOPLE.dave)] }), now);
    expect(allMrkdwn(card)).toContain(`also asked by <@${slackId(PEOPLE.dave)}>`);
  });

  it('says no reason was given when the reason is empty', () => {
    expect(allMrkdwn(buildApprovalCard(makeRequest({ reason: '  ' }), now))).toContain('no reason given');
  });

  it('drops the buttons and says who approved while the change is applied', () => {
    const card = buildApprovalCard(makeRequest({ status: 'approved', ...decided, attempts: 1 }), now);
    expect(buttons(card)).toEqual([]);
    expect(allMrkdwn(card)).toContain(`Approved by <@${approver}>`);
    expect(allMrkdwn(card)).toContain('applying');
  });

  it('shows done, the approver, the time and the outcome once executed, with Undo as the only button', () => {
    const request = makeRequest({ status: 'executed', ...decided, attempts: 1, outcome: 'Added 2 members' });
    const card = buildApprovalCard(request, now);
    expect(buttons(card)).toEqual([
      { actionId: ACTION_UNDO, value: `r:${REQUEST_ID}`, style: undefined, hasConfirm: true },
    ]);
    expect(allMrkdwn(card)).toContain(`✅ Done, approved by <@${approver}> at <!date^${LATER.getTime() / 1000}^`);
    expect(allMrkdwn(card)).toContain('Added 2 members');
  });

  it('offers Retry on a failed request after its first attempt', () => {
    const card = buildApprovalCard(makeRequest({ status: 'failed', ...decided, attempts: 1, outcome: 'boom' }), now);
    expect(buttons(card)).toEqual([{ actionId: ACTION_RETRY, value: REQUEST_ID, style: undefined, hasConfirm: true }]);
    expect(allMrkdwn(card)).toContain('⚠️ Failed: boom');
  });

  it('offers no Retry once two attempts were made', () => {
    const card = buildApprovalCard(makeRequest({ status: 'failed', ...decided, attempts: 2, outcome: 'boom' }), now);
    expect(buttons(card)).toEqual([]);
  });

  it('offers no Retry, and counts the one attempt honestly, when a retry cannot help', () => {
    const request = makeRequest({ status: 'failed', ...decided, attempts: 1, retryable: false, outcome: 'gone' });
    const card = buildApprovalCard(request, now);
    expect(buttons(card)).toEqual([]);
    expect(allMrkdwn(card)).toContain('attempt 1');
    expect(allMrkdwn(card)).not.toContain('attempt 1 of');
    expect(allMrkdwn(card)).toContain('It will not be retried');
  });

  it('offers Retry only in the failed status', () => {
    for (const status of ALL_STATUSES.filter((s) => s !== 'failed')) {
      const card = buildApprovalCard(makeRequest({ status, ...decided, attempts: 1 }), now);
      expect(buttons(card).some((b) => b.actionId === ACTION_RETRY)).toBe(false);
    }
  });

  it('shows who denied and their note without buttons', () => {
    const card = buildApprovalCard(makeRequest({ status: 'denied', ...decided, decisionNote: 'Not now' }), now);
    expect(buttons(card)).toEqual([]);
    expect(allMrkdwn(card)).toContain(`Denied by <@${approver}>`);
    expect(allMrkdwn(card)).toContain('Note: Not now');
  });

  it('shows expired and cancelled requests without buttons', () => {
    const expired = buildApprovalCard(makeRequest({ status: 'expired', decidedAt: EXPIRES }), now);
    const cancelled = buildApprovalCard(makeRequest({ status: 'cancelled', decidedBy: slackId(PEOPLE.bob) }), now);
    expect(buttons(expired)).toEqual([]);
    expect(allMrkdwn(expired)).toContain('Expired');
    expect(buttons(cancelled)).toEqual([]);
    expect(allMrkdwn(cancelled)).toContain(`Cancelled by <@${slackId(PEOPLE.bob)}>`);
  });

  it('hides Approve and Deny on a pending request whose expiry has passed', () => {
    const card = buildApprovalCard(makeRequest(), { now: new Date(EXPIRES.getTime() + 1) });
    expect(buttons(card)).toEqual([]);
  });

  it('renders hostile group names, display names, reasons, notes and outcomes inert in every status', () => {
    const request = makeRequest({
      change: { kind: 'members', groupId: GROUP_ID, add: [dsId(PEOPLE.carol)], remove: [dsId(PEOPLE.dave)] },
      snapshot: {
        groupName: HOSTILE,
        names: { [dsId(PEOPLE.carol)]: HOSTILE, [dsId(PEOPLE.dave)]: HOSTILE },
        managerBefore: null,
      },
      reason: HOSTILE,
      decisionNote: HOSTILE,
      outcome: HOSTILE,
      ...decided,
      attempts: 1,
    });
    for (const status of ALL_STATUSES) expectInert(buildApprovalCard({ ...request, status }, now));
  });

  it('never builds a mention from a malformed requester id', () => {
    const card = buildApprovalCard(makeRequest({ requesterIds: ['<!here>' as SlackUserId] }), now);
    expect(allMrkdwn(card)).not.toContain('<!here>');
  });

  it('stays within Block Kit limits for a change adding 200 people with long names', () => {
    const people = Array.from({ length: 200 }, (_, i) => syntheticUser(i, `${'Long name '.repeat(10)}${i}`));
    const request = makeRequest({
      change: { kind: 'members', groupId: GROUP_ID, add: people.map((p) => p.id), remove: people.map((p) => p.id) },
      snapshot: {
        groupName: 'x'.repeat(128),
        names: Object.fromEntries(people.map((p) => [p.id, p.displayName])),
        managerBefore: null,
      },
      reason: 'r'.repeat(5000),
    });
    const card = buildApprovalCard(request, now);
    expectWithinLimits(card);
    expect(allMrkdwn(card)).toContain('more');
  });
});

describe('describeChange', () => {
  const base = makeRequest();

  it('describes a create with its manager and members', () => {
    const change = {
      kind: 'create' as const,
      name: 'Ops',
      managerId: dsId(PEOPLE.alice),
      memberIds: [dsId(PEOPLE.bob), dsId(PEOPLE.carol)],
    };
    expect(describeChange({ ...base, change })).toBe(
      "Create group *Ops* with manager Alice Archer and members Bob Baker and Carol O'Neil",
    );
  });

  it('describes a manager change from the snapshot manager to the new one', () => {
    const change = { kind: 'set_manager' as const, groupId: GROUP_ID, managerId: dsId(PEOPLE.bob) };
    expect(describeChange({ ...base, change })).toContain('Manager: Alice Archer → Bob Baker');
  });

  it('describes a member change as Add and Remove lines', () => {
    const change = {
      kind: 'members' as const,
      groupId: GROUP_ID,
      add: [dsId(PEOPLE.carol)],
      remove: [dsId(PEOPLE.dave)],
    };
    const text = describeChange({ ...base, change });
    expect(text).toContain("Add: Carol O'Neil");
    expect(text).toContain('Remove: Dave Dunn');
  });

  it('describes a rename and a delete with the group name', () => {
    const rename = describeChange({ ...base, change: { kind: 'rename', groupId: GROUP_ID, name: 'Sales EU' } });
    expect(rename).toBe('Rename: *Sales* → *Sales EU*');
    expect(describeChange({ ...base, change: { kind: 'delete', groupId: GROUP_ID } })).toBe('Delete group *Sales*');
  });

  it('falls back to the raw id for a user missing from the snapshot names', () => {
    const change = { kind: 'members' as const, groupId: GROUP_ID, add: [syntheticUser(7).id], remove: [] };
    expect(describeChange({ ...base, change })).toContain(syntheticUser(7).id);
  });
});

describe('buildRequesterDm', () => {
  const decided = { decidedBy: erin, decidedAt: LATER, attempts: 1 };
  const dm = (status: RequestStatus, extra = {}) =>
    allMrkdwn(buildRequesterDm(makeRequest({ status, ...decided, ...extra })));

  it('tells the requester who approved and that it is being applied', () => {
    expect(dm('approved')).toContain(`<@${erin}> approved your request`);
  });

  it('tells the requester the change was applied, with the outcome', () => {
    const text = dm('executed', { outcome: 'Added 2 members' });
    expect(text).toContain('was approved by');
    expect(text).toContain('Added 2 members');
  });

  it('tells the requester a failed change can still be retried after one attempt', () => {
    expect(dm('failed', { outcome: 'timeout' })).toContain('An approver can retry it.');
  });

  it('tells the requester a failed change will not be retried after two attempts', () => {
    expect(dm('failed', { outcome: 'timeout', attempts: 2 })).toContain('It will not be retried.');
  });

  it('passes on the denial note', () => {
    const text = dm('denied', { decisionNote: 'Budget freeze' });
    expect(text).toContain(`<@${erin}> denied your request`);
    expect(text).toContain('Note: Budget freeze');
  });

  it('tells the requester the request expired or was cancelled', () => {
    expect(dm('expired')).toContain('expired before an approver decided');
    expect(dm('cancelled', { decidedBy: bob })).toContain(`was cancelled by <@${bob}>`);
  });

  it('renders hostile names, notes and outcomes inert in every state', () => {
    const statuses: RequestStatus[] = ['pending', 'approved', 'executed', 'failed', 'denied', 'expired', 'cancelled'];
    for (const status of statuses) {
      expectInert(buildRequesterDm({ ...hostileRequest(), status, ...decided, decisionNote: HOSTILE }));
    }
  });
});

describe('the group id on cards and DMs', () => {
  const context = (msg: { blocks: readonly unknown[] }) =>
    JSON.stringify(msg.blocks.filter((b) => (b as { type: string }).type === 'context'));
  const snapshot = (nameShared?: boolean) => ({
    groupName: 'Ops',
    names: {},
    managerBefore: null,
    ...(nameShared === undefined ? {} : { nameShared }),
  });

  it('is shortened when no other group had the name', () => {
    const request = makeRequest({ snapshot: snapshot(false) });
    for (const msg of [buildApprovalCard(request, now), buildRequesterDm(request)]) {
      expect(context(msg)).toContain(`group id \`${GROUP_ID.slice(0, 8)}\``);
      expect(context(msg)).not.toContain(GROUP_ID);
    }
  });

  it('is in full when another group had the same name, and says so', () => {
    const request = makeRequest({ snapshot: snapshot(true) });
    for (const msg of [buildApprovalCard(request, now), buildRequesterDm(request)]) {
      expect(context(msg)).toContain(`group id \`${GROUP_ID}\` (another group has the same name)`);
    }
  });

  it('is in full when it is not known (requests stored before it was recorded)', () => {
    expect(context(buildApprovalCard(makeRequest({ snapshot: snapshot() }), now))).toContain(`\`${GROUP_ID}\``);
  });

  it('is left out for a create, which has no group yet', () => {
    const change = { kind: 'create' as const, name: 'New', managerId: null, memberIds: [] };
    expect(context(buildApprovalCard(makeRequest({ change, snapshot: snapshot() }), now))).not.toContain('group id');
  });
});
