import { describe, expect, it } from 'vitest';
import type {
  DomainFailure,
  DomainFailureCode,
  IdentityFailure,
  IdentityFailureCode,
} from '../../../src/domain/model/failures.js';
import type { SlackUserId } from '../../../src/domain/model/ids.js';
import type { GatewayErrorCode } from '../../../src/domain/ports.js';
import { failureText, identityFailureText, unexpectedErrorText } from '../../../src/slack/messages.js';
import { PEOPLE } from '../../fixtures/people.js';
import { HOSTILE, HOSTILE_MARKERS, LATER, makeGroup, REQUEST_ID, slackId, summary } from './views/builders.js';

const alice = slackId(PEOPLE.alice);
const erin = slackId(PEOPLE.erin);

const IDENTITY_CODES: Record<IdentityFailureCode, true> = {
  slack_user_not_found: true,
  slack_user_is_bot: true,
  slack_user_deleted: true,
  slack_no_email: true,
  docspace_user_not_found: true,
  docspace_user_disabled: true,
  docspace_user_guest: true,
  docspace_lookup_forbidden: true,
  mapping_conflict: true,
};
const GATEWAY_CODES: Record<GatewayErrorCode, true> = {
  invalid_input: true,
  unauthorized: true,
  forbidden: true,
  not_found: true,
  validation: true,
  rate_limited: true,
  server_error: true,
  timeout: true,
  network: true,
  unexpected_response: true,
};

const identityFailures: IdentityFailure[] = (Object.keys(IDENTITY_CODES) as IdentityFailureCode[]).flatMap((code) => [
  { code, who: { kind: 'slack', id: alice }, heldBy: erin },
  { code, who: { kind: 'email', email: HOSTILE } },
]);
const docspaceFailures = (operation: string): DomainFailure[] =>
  (Object.keys(GATEWAY_CODES) as GatewayErrorCode[]).map((kind) => ({
    code: 'docspace_failed',
    kind,
    operation,
    retryAfterSeconds: 30,
  }));

const hostileGroup = summary(makeGroup({ name: HOSTILE }));

/** Samples per code; a Record so a new code without samples fails to compile. */
const SAMPLES: Record<DomainFailureCode, DomainFailure[]> = {
  identity: [{ code: 'identity', failures: identityFailures }],
  actor_not_mapped: identityFailures.map((failure) => ({ code: 'actor_not_mapped', failure })),
  group_not_found: [
    { code: 'group_not_found', query: HOSTILE, suggestions: [HOSTILE, 'Sales'] },
    { code: 'group_not_found', query: HOSTILE, suggestions: [] },
  ],
  group_ambiguous: [{ code: 'group_ambiguous', query: HOSTILE, matches: [hostileGroup, hostileGroup] }],
  group_name_taken: [{ code: 'group_name_taken', name: HOSTILE, existing: [hostileGroup] }],
  invalid_name: [
    { code: 'invalid_name', reason: 'blank' },
    { code: 'invalid_name', reason: 'too_long' },
  ],
  no_change: [{ code: 'no_change', explanation: HOSTILE }],
  not_authorized: [{ code: 'not_authorized', action: HOSTILE }],
  approvals_not_configured: [{ code: 'approvals_not_configured' }],
  reason_required: [{ code: 'reason_required' }],
  request_not_found: [{ code: 'request_not_found', requestId: HOSTILE }],
  already_decided: [
    { code: 'already_decided', requestId: REQUEST_ID, status: 'denied', decidedBy: erin, decidedAt: LATER },
    { code: 'already_decided', requestId: REQUEST_ID, status: 'expired', decidedBy: null, decidedAt: null },
  ],
  request_expired: [{ code: 'request_expired', requestId: REQUEST_ID }],
  self_approval: [{ code: 'self_approval' }],
  not_approver: [{ code: 'not_approver' }],
  not_requester: [{ code: 'not_requester' }],
  retry_exhausted: [{ code: 'retry_exhausted', requestId: REQUEST_ID }],
  group_gone: [{ code: 'group_gone', groupId: HOSTILE, groupName: HOSTILE }],
  docspace_failed: [...docspaceFailures('getGroup'), ...docspaceFailures('addMembers'), ...docspaceFailures(HOSTILE)],
};
const ALL = Object.values(SAMPLES).flat();

const docspace = (kind: GatewayErrorCode, operation: string, retryAfterSeconds: number | null = null) =>
  failureText({ code: 'docspace_failed', kind, operation, retryAfterSeconds });

describe('failureText', () => {
  it('gives every failure code a short, non-empty text', () => {
    for (const failure of ALL) {
      const text = failureText(failure);
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(3000);
    }
  });

  it('gives different codes different texts', () => {
    const firsts = Object.values(SAMPLES).map((samples) => samples[0] && failureText(samples[0]));
    expect(new Set(firsts).size).toBe(firsts.length);
  });

  it('renders hostile queries, names, reasons and operations inert in every text', () => {
    for (const failure of ALL) {
      const text = failureText(failure);
      for (const marker of HOSTILE_MARKERS) expect(text).not.toContain(marker);
    }
  });

  it('never contains anything that looks like an API key', () => {
    for (const failure of ALL) expect(failureText(failure)).not.toMatch(/[A-Za-z0-9+/_]{32,}/);
  });

  it('tells how to link a Slack user who has no email address', () => {
    expect(identityFailureText({ code: 'slack_no_email', who: { kind: 'slack', id: 'U123' as SlackUserId } })).toBe(
      '<@U123> has no email address in Slack, so they cannot be matched to a DocSpace account; an admin can link them with `/docspace-group link @user email`.',
    );
  });

  it('names who already holds a DocSpace account in a mapping conflict', () => {
    const text = identityFailureText({ code: 'mapping_conflict', who: { kind: 'slack', id: alice }, heldBy: erin });
    expect(text).toContain(`already linked to <@${erin}>`);
  });

  it('lists every person who could not be matched', () => {
    const text = failureText({ code: 'identity', failures: identityFailures.slice(0, 4) });
    expect(text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(4);
  });

  it('suggests group names when a group is not found', () => {
    expect(failureText({ code: 'group_not_found', query: 'Sals', suggestions: ['Sales', 'Salt'] })).toContain(
      'Did you mean *Sales* and *Salt*?',
    );
  });

  it('lists ambiguous matches with their ids and says to use the id', () => {
    const group = summary(makeGroup());
    const text = failureText({ code: 'group_ambiguous', query: 'Sales', matches: [group] });
    expect(text).toContain(`\`${group.id}\``);
    expect(text).toContain('Use the group id');
  });

  it('says who decided a request already and when', () => {
    const text = failureText({
      code: 'already_decided',
      requestId: REQUEST_ID,
      status: 'denied',
      decidedBy: erin,
      decidedAt: LATER,
    });
    expect(text).toContain(`denied by <@${erin}> <!date^${LATER.getTime() / 1000}^`);
  });

  it('tells an admin to check DOCSPACE_API_KEY when DocSpace rejects the key', () => {
    expect(docspace('unauthorized', 'getGroup')).toBe(
      "The bot's DocSpace API key was rejected — ask an admin to check DOCSPACE_API_KEY.",
    );
  });

  it('says nothing was changed when a read times out', () => {
    expect(docspace('timeout', 'getGroup')).toContain('nothing was changed. Try again in a moment.');
  });

  it('says a write that timed out may not have been applied and to check with show', () => {
    const text = docspace('timeout', 'addMembers');
    expect(text).toContain('may not have been applied');
    expect(text).toContain('/docspace-group show');
    expect(text).not.toContain('nothing was changed');
  });

  it('tells how many seconds to wait when DocSpace rate-limits', () => {
    expect(docspace('rate_limited', 'listGroups', 42)).toContain('Try again in 42 seconds.');
    expect(docspace('rate_limited', 'listGroups')).toContain('Try again in a minute.');
  });
});

describe('unexpectedErrorText', () => {
  it('apologises and gives the correlation id', () => {
    const text = unexpectedErrorText('req-1234');
    expect(text).toContain('Sorry');
    expect(text).toContain('`req-1234`');
  });

  it('escapes a hostile correlation id', () => {
    expect(unexpectedErrorText('<!channel>')).not.toContain('<!channel>');
  });
});
