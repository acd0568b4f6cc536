import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../src/domain/model/audit.js';
import type { GroupId, RequestId, SlackTeamId } from '../../../../src/domain/model/ids.js';
import { err, ok } from '../../../../src/domain/model/result.js';
import { buildAuditList, buildMappingsList, buildWhoami } from '../../../../src/slack/views/lists.js';
import { PEOPLE, TEAM_ID } from '../../../fixtures/people.js';
import { allMrkdwn, expectInert, expectWithinLimits, HOSTILE, LATER, makeMapping, slackId, T0 } from './builders.js';

const alice = slackId(PEOPLE.alice);
const erin = slackId(PEOPLE.erin);

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
