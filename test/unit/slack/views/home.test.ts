import { describe, expect, it } from 'vitest';
import type { HomeFacts } from '../../../../src/domain/index.js';
import type { SlackUserId } from '../../../../src/domain/model/ids.js';
import { ACTION_APPROVE, ACTION_DENY, ACTION_HOME_NEW_GROUP } from '../../../../src/slack/ids.js';
import { buildHomeView } from '../../../../src/slack/views/home.js';
import { PEOPLE } from '../../../fixtures/people.js';
import {
  allMrkdwn,
  buttons,
  expectInert,
  HOSTILE,
  makeGroup,
  makeMapping,
  makeRequest,
  REQUEST_ID,
  slackId,
  summary,
  T0,
} from './builders.js';

const viewer = slackId(PEOPLE.alice);

function linked(overrides: Partial<Extract<HomeFacts, { kind: 'linked' }>> = {}): HomeFacts {
  return {
    kind: 'linked',
    viewer,
    role: 'approver',
    mapping: makeMapping(),
    groups: {
      managed: { items: [summary(makeGroup())], total: 1 },
      member: { items: [], total: 0 },
      readAt: T0,
    },
    waiting: { items: [makeRequest()], total: 1 },
    mine: { items: [], total: 0 },
    recent: null,
    ...overrides,
  };
}

describe('buildHomeView', () => {
  it('gives an approver each waiting request with the card’s own Approve and Deny', () => {
    const view = buildHomeView(linked());
    const ids = buttons(view).map((b) => b.actionId);
    expect(ids).toEqual([ACTION_APPROVE, ACTION_DENY, ACTION_HOME_NEW_GROUP]);
    expect(JSON.stringify(view.blocks)).toContain(`"block_id":"dsg_home_decision:${REQUEST_ID}"`);
  });

  it('shows the seam’s notices at the top and its note under a request (dry run, handover)', () => {
    const view = buildHomeView(linked(), {
      notices: ['🧪 dry run: nothing is changed in DocSpace'],
      requestNote: (r) => (r.id === REQUEST_ID ? '⏳ waits for the incoming manager to accept' : null),
    });
    const text = allMrkdwn(view);
    expect(text.indexOf('dry run')).toBeLessThan(text.indexOf('the bot acts for you'));
    expect(text).toContain('waits for the incoming manager to accept');
  });

  it('counts what it leaves out of a list: "…and N more"', () => {
    const view = buildHomeView(linked({ mine: { items: [makeRequest({ requesterIds: [viewer] })], total: 7 } }));
    expect(allMrkdwn(view)).toContain('…and 6 more.');
  });

  it('says DocSpace is unreachable instead of the groups, and keeps the rest', () => {
    const view = buildHomeView(linked({ groups: null }));
    expect(allMrkdwn(view)).toContain('DocSpace is unreachable right now');
    expect(JSON.stringify(view)).toContain('Waiting for you (1)');
    expect(JSON.stringify(view)).not.toContain('Groups you manage');
  });

  it('escapes group and account names', () => {
    const group = summary(makeGroup({ name: HOSTILE }));
    const facts = linked({
      mapping: makeMapping({ docspaceDisplayName: HOSTILE }),
      groups: { managed: { items: [group], total: 1 }, member: { items: [], total: 0 }, readAt: T0 },
    });
    expectInert(buildHomeView(facts));
  });

  it('shows an unlinked person only why and what to do: no lists, no buttons', () => {
    const view = buildHomeView({
      kind: 'unlinked',
      viewer: 'U0SAM00001' as SlackUserId,
      role: 'none',
      why: { code: 'slack_no_email', who: { kind: 'slack', id: 'U0SAM00001' as SlackUserId } },
      docspaceDown: false,
    });
    expect(buttons(view)).toEqual([]);
    expect(allMrkdwn(view)).toContain('has no email address in Slack');
    expect(allMrkdwn(view)).not.toContain('Groups you');
  });
});
