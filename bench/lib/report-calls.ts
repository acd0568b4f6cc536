/** The calls-per-operation part of the printed report. */
import type { CallsResult } from './calls-phase.js';
import { type Cell, formatTable } from './table.js';

export function formatCalls(calls: CallsResult): string[] {
  const ops = calls.operations;
  const rows = ops.map((o) => [o.label, o.docspace, o.slack, o.calls.length, o.minimum, o.verdict] as Cell[]);
  const lines = [
    '5. API calls per operation, counted by the doubles (warm mapping store and DM cache; the reply to a slash command',
    '   goes to response_url, which is not a Web API call)',
    ...formatTable(['operation', 'DocSpace', 'Slack API', 'total', 'API min', 'vs min'], rows),
    '   Calls made, and why each call above the minimum is there:',
  ];
  for (const o of ops) {
    lines.push(`   - ${o.op}: ${o.calls.join(', ') || '(none)'}`);
    for (const e of o.extra) lines.push(`       +1 ${e.call}: ${e.why}`);
    for (const m of o.missing) lines.push(`       MISSING ${m}`);
  }
  const drift = ops.filter((o) => o.unplanned.length > 0 || o.notMade.length > 0);
  for (const o of drift) {
    const made = o.unplanned.length > 0 ? ` made but not in the design: ${o.unplanned.join(', ')}.` : '';
    const notMade = o.notMade.length > 0 ? ` In the design but not made: ${o.notMade.join(', ')}.` : '';
    lines.push(`   Design check, ${o.op}:${made}${notMade}`);
  }
  if (drift.length === 0) lines.push('   Design check: every operation made exactly the calls the design describes.');
  for (const u of calls.unstable) lines.push(`   Differed between rounds, ${u.op}: ${JSON.stringify(u.rounds)}`);
  return lines;
}
