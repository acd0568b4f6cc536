import type { AccessReview, ReviewDecision, ReviewNotice, ReviewRepo } from '../../src/domain/index.js';
import { toLimit } from '../../src/storage/sql/rows.js';

const NOTICE_FIELD = { half: 'remindedHalfAt', due: 'remindedDueAt', overdue: 'escalatedAt' } as const satisfies Record<
  ReviewNotice,
  keyof AccessReview
>;

const byCreated = (a: AccessReview, b: AccessReview) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The memory ReviewRepo, with the same rules as SQL: one open review per team and group, compare-and-set closes. */
export function createMemoryReviews(guard: (operation: string) => void): ReviewRepo {
  const rows = new Map<string, AccessReview>();
  const decisions = new Map<string, Map<string, ReviewDecision>>();
  const isOpen = (id: string) => rows.get(id)?.state === 'open';
  const copy = (r: AccessReview | undefined | null) => (r ? structuredClone(r) : null);
  return {
    insert: async (review) => {
      guard('reviews.insert');
      const open = [...rows.values()].some(
        (r) => r.teamId === review.teamId && r.groupId === review.groupId && r.state === 'open',
      );
      if (open || rows.has(review.id)) return false;
      rows.set(review.id, structuredClone(review));
      return true;
    },
    get: async (id) => {
      guard('reviews.get');
      return copy(rows.get(id));
    },
    findOpen: async (teamId, groupId) => {
      guard('reviews.findOpen');
      return copy([...rows.values()].find((r) => r.teamId === teamId && r.groupId === groupId && r.state === 'open'));
    },
    lastStartedAt: async (teamId, groupId) => {
      guard('reviews.lastStartedAt');
      const last = [...rows.values()]
        .filter((r) => r.teamId === teamId && r.groupId === groupId)
        .sort(byCreated)
        .at(-1);
      return last ? new Date(last.createdAt.getTime()) : null;
    },
    list: async (teamId, limit) => {
      guard('reviews.list');
      const all = [...rows.values()]
        .filter((r) => r.teamId === teamId)
        .sort(byCreated)
        .reverse();
      return all.slice(0, toLimit(limit)).map((r) => structuredClone(r));
    },
    listOpen: async (limit) => {
      guard('reviews.listOpen');
      const open = [...rows.values()]
        .filter((r) => r.state === 'open')
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : 1));
      return open.slice(0, toLimit(limit)).map((r) => structuredClone(r));
    },
    listPage: async (offset, limit) => {
      guard('reviews.listPage');
      const all = [...rows.values()].sort(byCreated);
      return all.slice(toLimit(offset), toLimit(offset) + toLimit(limit)).map((r) => structuredClone(r));
    },
    decide: async (id, d) => {
      guard('reviews.decide');
      if (!isOpen(id)) return false;
      const map = decisions.get(id) ?? new Map<string, ReviewDecision>();
      map.set(d.docspaceUserId, {
        reviewId: id,
        docspaceUserId: d.docspaceUserId,
        decision: d.decision,
        note: d.note,
        decidedBy: d.by,
        decidedAt: new Date(d.at.getTime()),
      });
      decisions.set(id, map);
      return true;
    },
    note: async (id, n) => {
      guard('reviews.note');
      if (!isOpen(id)) return false;
      const map = decisions.get(id) ?? new Map<string, ReviewDecision>();
      const before = map.get(n.docspaceUserId);
      map.set(n.docspaceUserId, {
        reviewId: id,
        docspaceUserId: n.docspaceUserId,
        decision: before?.decision ?? 'keep',
        note: n.note,
        decidedBy: n.by,
        decidedAt: new Date(n.at.getTime()),
      });
      decisions.set(id, map);
      return true;
    },
    decisions: async (id) => {
      guard('reviews.decisions');
      const all = [...(decisions.get(id)?.values() ?? [])];
      return all.sort((a, b) => (a.docspaceUserId < b.docspaceUserId ? -1 : 1)).map((d) => structuredClone(d));
    },
    close: async (id, to, by) => {
      guard('reviews.close');
      const row = rows.get(id);
      if (row?.state !== 'open') return null;
      const closed: AccessReview = { ...row, state: to, closedBy: by.slackUserId, closedAt: new Date(by.at.getTime()) };
      rows.set(id, closed);
      return structuredClone(closed);
    },
    recordOutcome: async (id, outcome) => {
      guard('reviews.recordOutcome');
      const row = rows.get(id);
      if (!row || row.outcome !== null) return false;
      rows.set(id, { ...row, outcome: structuredClone(outcome) });
      return true;
    },
    listUnsettled: async (closedBefore, limit) => {
      guard('reviews.listUnsettled');
      const unsettled = [...rows.values()]
        .filter(
          (r) => r.state === 'submitted' && r.outcome === null && (r.closedAt?.getTime() ?? 0) < closedBefore.getTime(),
        )
        .sort((a, b) => (a.closedAt?.getTime() ?? 0) - (b.closedAt?.getTime() ?? 0));
      return unsettled.slice(0, toLimit(limit)).map((r) => structuredClone(r));
    },
    markNotice: async (id, notice, at) => {
      guard('reviews.markNotice');
      const row = rows.get(id);
      const field = NOTICE_FIELD[notice];
      if (row?.state !== 'open' || row[field] !== null) return false;
      rows.set(id, { ...row, [field]: new Date(at.getTime()) });
      return true;
    },
  };
}
