import { describe, expect, it } from 'vitest';
import {
  type AdminAction,
  DOCSPACE_READ_STEPS,
  type DomainFailure,
  type DomainFailureCode,
  type IdentityFailure,
  type IdentityFailureCode,
} from '../../../src/domain/model/failures.js';
import { GROUP_CHANGE_KINDS } from '../../../src/domain/model/group.js';
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
  unlinked_by_admin: true,
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
  busy: true,
};

const identityFailures: IdentityFailure[] = (Object.keys(IDENTITY_CODES) as IdentityFailureCode[]).flatMap((code) => [
  { code, who: { kind: 'slack', id: alice }, heldBy: erin },
  { code, who: { kind: 'email', email: HOSTILE } },
]);
const GATEWAY_KINDS = Object.keys(GATEWAY_CODES) as GatewayErrorCode[];
const docspaceFailures: DomainFailure[] = [
  ...DOCSPACE_READ_STEPS.flatMap((step) =>
    GATEWAY_KINDS.map(
      (kind): DomainFailure => ({
        code: 'docspace_failed',
        kind,
        phase: 'read',
        step,
        scope: 'accounts:read',
        retryAfterSeconds: 30,
      }),
    ),
  ),
  ...GROUP_CHANGE_KINDS.flatMap((step) =>
    GATEWAY_KINDS.flatMap((kind) =>
      [true, false].map(
        (mayHaveApplied): DomainFailure => ({
          code: 'docspace_failed',
          kind,
          phase: 'write',
          step,
          mayHaveApplied,
          scope: 'accounts:write',
          retryAfterSeconds: 30,
        }),
      ),
    ),
  ),
];
const ADMIN_ACTIONS: Record<AdminAction, true> = {
  link_users: true,
  unlink_users: true,
  see_mappings: true,
  read_audit: true,
  request_changes: true,
};

const hostileGroup = summary(makeGroup({ name: HOSTILE }));

/** Samples per code; a Record so a new code without samples fails to compile. */
const SAMPLES: Record<DomainFailureCode, DomainFailure[]> = {
  grant_too_long: [{ code: 'grant_too_long', maxDays: 90 }],
  grant_duration_unsupported: [{ code: 'grant_duration_unsupported' }],
  grant_not_found: [{ code: 'grant_not_found', grantId: HOSTILE }],
  grant_not_allowed: [{ code: 'grant_not_allowed' }],
  grant_not_active: [{ code: 'grant_not_active', grantId: 'G1', state: 'ended' }],
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
  not_authorized: (Object.keys(ADMIN_ACTIONS) as AdminAction[]).map((action) => ({ code: 'not_authorized', action })),
  reason_too_long: [{ code: 'reason_too_long', max: 500 }],
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
  dry_run_request: [{ code: 'dry_run_request', requestId: REQUEST_ID }],
  not_retryable: [
    { code: 'not_retryable', requestId: REQUEST_ID, outcome: HOSTILE },
    { code: 'not_retryable', requestId: REQUEST_ID, outcome: null },
  ],
  group_gone: [{ code: 'group_gone', groupId: HOSTILE, groupName: HOSTILE }],
  group_name_busy: [{ code: 'group_name_busy', name: HOSTILE }],
  too_many_pending: [{ code: 'too_many_pending', pending: 10, limit: 10 }],
  too_many_people: [{ code: 'too_many_people', count: 51, limit: 50 }],
  docspace_failed: docspaceFailures,
  account_disabled: [{ code: 'account_disabled' }],
  authority_unconfirmed: (Object.keys(GATEWAY_CODES) as GatewayErrorCode[]).flatMap((kind) => [
    { code: 'authority_unconfirmed', kind, retryAfterSeconds: null },
    { code: 'authority_unconfirmed', kind, retryAfterSeconds: 12.5 },
  ]),
  undo_unavailable: (['not_found', 'not_a_change', 'not_applied', 'delete'] as const).map((reason) => ({
    code: 'undo_unavailable',
    reason,
  })),
  undo_window_passed: [{ code: 'undo_window_passed', closedAt: LATER }],
  undo_taken: [
    { code: 'undo_taken', by: slackId(PEOPLE.alice), at: LATER, requestId: null },
    { code: 'undo_taken', by: slackId(PEOPLE.alice), at: LATER, requestId: REQUEST_ID },
  ],
  undo_nothing_left: [
    {
      code: 'undo_nothing_left',
      groupName: HOSTILE,
      leftAlone: [{ kind: 'renamed_since', expected: HOSTILE, current: HOSTILE }],
      names: {},
    },
  ],
  handover_not_found: [{ code: 'handover_not_found' }],
  handover_not_incoming: [{ code: 'handover_not_incoming', incomingSlackId: erin }],
  handover_decided: [
    { code: 'handover_decided', status: 'accepted', decidedAt: LATER },
    { code: 'handover_decided', status: 'expired', decidedAt: null },
  ],
  handover_waiting: [{ code: 'handover_waiting', groupName: HOSTILE, incomingSlackId: erin }],
  handover_unreachable: [{ code: 'handover_unreachable', displayName: HOSTILE }],
  handover_not_delivered: [{ code: 'handover_not_delivered', incomingSlackId: erin }],
  manager_now_not_admin: [{ code: 'manager_now_not_admin' }],
  manager_now_has_manager: [{ code: 'manager_now_has_manager', groupName: HOSTILE, managerName: HOSTILE }],
};
const ALL = Object.values(SAMPLES).flat();

const readFailed = (kind: GatewayErrorCode, retryAfterSeconds: number | null = null) =>
  failureText({
    code: 'docspace_failed',
    kind,
    phase: 'read',
    step: 'read_group',
    scope: 'accounts:read',
    retryAfterSeconds,
  });
const writeFailed = (kind: GatewayErrorCode, mayHaveApplied: boolean) =>
  failureText({
    code: 'docspace_failed',
    kind,
    phase: 'write',
    step: 'members',
    mayHaveApplied,
    scope: 'accounts:write',
    retryAfterSeconds: null,
  });

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

  it('renders hostile queries, names and reasons inert in every text', () => {
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
    expect(readFailed('unauthorized')).toBe(
      "The bot's DocSpace API key was rejected — ask an admin to check DOCSPACE_API_KEY.",
    );
  });

  it('names the key scope a refused call needs (from the failure, not its wording) and DOCSPACE_API_KEY', () => {
    expect(readFailed('forbidden')).toBe(
      "DocSpace refused (while reading the group); nothing was changed. The bot's DocSpace API key needs the `accounts:read` scope (this bot's key needs `accounts:read` and `accounts:write`) and must belong to the DocSpace owner or an admin: ask an admin to check DOCSPACE_API_KEY.",
    );
    expect(writeFailed('forbidden', false)).toContain('needs the `accounts:write` scope');
  });

  it('says nothing was changed when a read times out', () => {
    expect(readFailed('timeout')).toContain('nothing was changed. Try again in a moment.');
  });

  it('says a write that timed out may not have been applied and to check with show', () => {
    const text = writeFailed('timeout', true);
    expect(text).toContain('may not have been applied');
    expect(text).toContain('/docspace-group show');
    expect(text).not.toContain('nothing was changed');
  });

  it('tells how many seconds to wait when DocSpace rate-limits', () => {
    expect(readFailed('rate_limited', 42)).toContain('Try again in 42 seconds.');
    expect(readFailed('rate_limited')).toContain('Try again in a minute.');
  });

  it('says a write DocSpace refused outright was not applied, naming what the bot was doing', () => {
    const text = writeFailed('validation', false);
    expect(text).toBe('DocSpace rejected the request as invalid (while changing the members); nothing was changed.');
  });

  it('says a busy DocSpace got nothing and changed nothing, read or write', () => {
    expect(readFailed('busy')).toBe(
      'DocSpace is busy: every connection to it stayed in use, so the bot sent nothing (while reading the group); nothing was changed. Try again in a moment.',
    );
    // A write the bot never sent is never "may have been applied", even if a failure says so.
    for (const mayHaveApplied of [false, true]) {
      const text = writeFailed('busy', mayHaveApplied);
      expect(text).toContain('nothing was changed');
      expect(text).not.toMatch(/may (not )?have been applied/);
    }
  });

  it('names the pending-request limit and offers `requests` to cancel some', () => {
    expect(failureText({ code: 'too_many_pending', pending: 10, limit: 10 })).toBe(
      'You already have 10 pending requests, and one person may have at most 10 waiting; nothing was filed. See them with `/docspace-group requests` and cancel any you no longer need, or wait for approvers to decide some.',
    );
  });

  it('names how many people a change names and the limit', () => {
    expect(failureText({ code: 'too_many_people', count: 51, limit: 50 })).toBe(
      'This change names 51 people; one change may name at most 50. Nothing was changed: split it into smaller changes.',
    );
  });

  it('reads whether a write may have been applied from the failure, never from its wording', () => {
    expect(writeFailed('unexpected_response', true)).toContain('the change may have been applied');
    expect(writeFailed('unexpected_response', false)).not.toContain('may have been applied');
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
