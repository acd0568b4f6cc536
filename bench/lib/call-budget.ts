/**
 * Calls per operation: how a logged call is named, the fewest calls the APIs allow for each operation, the calls
 * the app's design plans, and why any call above the minimum is there.
 */
import type { CallLog } from './types.js';

export type Operation = 'create' | 'manager' | 'add' | 'remove' | 'request' | 'approve';

interface OperationBudget {
  readonly label: string;
  /** The fewest DocSpace + Slack Web API calls the APIs allow (warm mapping store, DM channel known). */
  readonly minimum: readonly string[];
  /** The calls the design describes. */
  readonly design: readonly string[];
  /** Why a call above the minimum is made, by call name. */
  readonly why: Readonly<Record<string, string>>;
}

const FIND = 'DS GET /group?filterValue';
const READ = 'DS GET /group/{id}';
const BEFORE_STATE = 'before-state for the audit log and no-op detection (the name search returns no members)';

const BUDGETS: Readonly<Record<Operation, OperationBudget>> = {
  create: {
    label: 'create (with manager + members)',
    minimum: ['DS POST /group'],
    design: [FIND, 'DS POST /group'],
    why: { [FIND]: 'duplicate-name check: the API accepts duplicate names, the bot refuses them' },
  },
  manager: {
    label: 'manager (by group name)',
    minimum: [FIND, 'DS PUT /group/{id}/manager'],
    design: [FIND, 'DS PUT /group/{id}/manager'],
    why: {},
  },
  add: {
    label: 'add member (by group name)',
    minimum: [FIND, 'DS PUT /group/{id}/members'],
    design: [FIND, READ, 'DS PUT /group/{id}/members'],
    why: { [READ]: BEFORE_STATE },
  },
  remove: {
    label: 'remove member (by group name)',
    minimum: [FIND, 'DS DELETE /group/{id}/members'],
    design: [FIND, READ, 'DS DELETE /group/{id}/members'],
    why: { [READ]: BEFORE_STATE },
  },
  request: {
    label: 'request (non-admin add -> card)',
    minimum: [FIND, 'SL chat.postMessage(channel)'],
    design: [FIND, READ, 'SL chat.postMessage(channel)'],
    why: { [READ]: 'no-op detection before an approver is asked, and the before-state shown on the card' },
  },
  approve: {
    label: 'approve-and-execute (add)',
    minimum: ['DS PUT /group/{id}/members', 'SL chat.update', 'SL chat.postMessage(DM)'],
    design: [READ, 'DS PUT /group/{id}/members', 'SL chat.update', 'SL chat.postMessage(DM)'],
    why: {
      [READ]: 're-read before writing: catches a group deleted or changed since the request',
      'SL chat.update': 'interim card update ("approved, applying...") before the final outcome update',
      'SL conversations.open': "opens the requester's DM channel (cached per process after the first DM)",
    },
  },
};

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** 'DS GET /group?filterValue', 'DS PUT /group/{id}/members', 'SL chat.postMessage(DM)', … */
export function callNames(log: CallLog): string[] {
  const docspace = log.docspace.map((c) => {
    const path = c.path.replace(/^\/api\/2\.0/, '').replace(GUID, '{id}');
    return `DS ${c.method} ${path}${c.query['filterValue'] === undefined ? '' : '?filterValue'}`;
  });
  const slack = log.slack.map((c) => {
    if (c.method !== 'chat.postMessage') return `SL ${c.method}`;
    return /^[DU]/.test(c.channel ?? '') ? 'SL chat.postMessage(DM)' : 'SL chat.postMessage(channel)';
  });
  return [...docspace, ...slack];
}

/** Multiset difference: the items of `a` left after removing one occurrence per item of `b`. */
function without(a: readonly string[], b: readonly string[]): string[] {
  const left = [...a];
  for (const item of b) {
    const i = left.indexOf(item);
    if (i >= 0) left.splice(i, 1);
  }
  return left;
}

export interface OperationCalls {
  readonly op: Operation;
  readonly label: string;
  readonly calls: string[];
  readonly docspace: number;
  readonly slack: number;
  readonly minimum: number;
  readonly verdict: 'PASS' | 'MISS';
  /** Calls above the minimum, each with its reason ('unexpected' when the design does not plan it). */
  readonly extra: { call: string; why: string }[];
  /** Minimum calls the app did not make (should be empty: otherwise the operation did not happen). */
  readonly missing: string[];
  /** Differences from the design: calls made but not planned, and planned but not made. */
  readonly unplanned: string[];
  readonly notMade: string[];
}

export function compareToBudget(op: Operation, calls: string[]): OperationCalls {
  const budget = BUDGETS[op];
  const extra = without(calls, budget.minimum).map((call) => ({
    call,
    why: budget.why[call] ?? 'unexpected: not in the design',
  }));
  const missing = without(budget.minimum, calls);
  return {
    op,
    label: budget.label,
    calls,
    docspace: calls.filter((c) => c.startsWith('DS ')).length,
    slack: calls.filter((c) => c.startsWith('SL ')).length,
    minimum: budget.minimum.length,
    verdict: extra.length === 0 && missing.length === 0 ? 'PASS' : 'MISS',
    extra,
    missing,
    unplanned: without(calls, budget.design),
    notMade: without(budget.design, calls),
  };
}
