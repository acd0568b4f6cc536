import { describe, expect, it } from 'vitest';
import type { RequestId } from '../../../../src/domain/model/ids.js';
import type { RequestStatus } from '../../../../src/domain/model/request.js';
import { ACTION_CANCEL_REQUEST } from '../../../../src/slack/ids.js';
import { buildRequesterDm } from '../../../../src/slack/views/cards.js';
import { buildRequestsList } from '../../../../src/slack/views/lists.js';
import { buildRequestQueuedReply } from '../../../../src/slack/views/replies.js';
import { PEOPLE } from '../../../fixtures/people.js';
import {
  allMrkdwn,
  buttons,
  expectInert,
  expectWithinLimits,
  HOSTILE,
  LATER,
  makeRequest,
  REQUEST_ID,
  slackId,
} from './builders.js';

const bob = slackId(PEOPLE.bob);
const erin = slackId(PEOPLE.erin);
const hostileRequest = () =>
  makeRequest({ snapshot: { groupName: HOSTILE, names: {}, managerBefore: null }, reason: HOSTILE, outcome: HOSTILE });

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
