import type { Handover, HandoverRepo } from '../../src/domain/index.js';

/** The in-memory HandoverRepo: one waiting handover per team and group, answers as compare-and-set on `waiting`. */
export function createMemoryHandovers(guard: (operation: string) => void): HandoverRepo {
  const rows = new Map<string, Handover>();
  const copy = (h: Handover): Handover => structuredClone(h);
  const byAge = (a: Handover, b: Handover) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
  const waitingOf = (teamId: string, groupId: string) =>
    [...rows.values()].find((h) => h.teamId === teamId && h.groupId === groupId && h.status === 'waiting');
  return {
    insert: async (handover) => {
      guard('handovers.insert');
      if (waitingOf(handover.teamId, handover.groupId) || rows.has(handover.id)) return false;
      rows.set(handover.id, copy(handover));
      return true;
    },
    get: async (id) => {
      guard('handovers.get');
      const row = rows.get(id);
      return row ? copy(row) : null;
    },
    findWaiting: async (teamId, groupId) => {
      guard('handovers.findWaiting');
      const row = waitingOf(teamId, groupId);
      return row ? copy(row) : null;
    },
    findByRequest: async (requestId) => {
      guard('handovers.findByRequest');
      const found = [...rows.values()]
        .filter((h) => h.requestId === requestId)
        .sort(byAge)
        .at(-1);
      return found ? copy(found) : null;
    },
    transition: async (id, transition) => {
      guard('handovers.transition');
      const row = rows.get(id);
      if (row?.status !== 'waiting') return null;
      const next: Handover = { ...row, status: transition.to, decidedAt: transition.at };
      rows.set(id, next);
      return copy(next);
    },
    recordOutcome: async (id, outcome) => {
      guard('handovers.recordOutcome');
      const row = rows.get(id);
      if (row) rows.set(id, { ...row, outcome });
    },
    setDm: async (id, dm) => {
      guard('handovers.setDm');
      const row = rows.get(id);
      if (row) rows.set(id, { ...row, dm: { ...dm } });
    },
    listExpired: async (now, limit) => {
      guard('handovers.listExpired');
      return [...rows.values()]
        .filter((h) => h.status === 'waiting' && h.expiresAt.getTime() <= now.getTime())
        .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.id.localeCompare(b.id))
        .slice(0, limit)
        .map(copy);
    },
    listWaitingFor: async (teamId, who) => {
      guard('handovers.listWaitingFor');
      return [...rows.values()]
        .filter((h) => h.teamId === teamId && h.status === 'waiting')
        .filter((h) =>
          'slackUserId' in who ? h.incomingSlackId === who.slackUserId : h.incomingDocSpaceId === who.docspaceUserId,
        )
        .sort(byAge)
        .map(copy);
    },
  };
}
