import type { DomainDeps } from '../deps.js';
import { type Caller, identify } from '../identity/actor.js';
import { unusableReason, userFromMapping } from '../identity/resolver.js';
import { RefusedError } from '../model/failures.js';
import type { GroupSummary } from '../model/group.js';
import type { DocSpaceUserId, SlackTeamId, SlackUserId } from '../model/ids.js';
import type { UserMapping } from '../model/mapping.js';
import type { ChangeRequest } from '../model/request.js';
import { isApprover, mayAdminister, type Role, roleOf } from '../policy.js';
import { type HomeViewerRepo, isGatewayError } from '../ports.js';
import { HOME_LIMITS, type HomeFacts, type HomeGroups, type HomeList } from './facts.js';

/** How long a person's groups, once read, serve their next renders (the DocSpace read budget). */
const HOME_REUSE_MS = 30_000;
/** Pending requests scanned for "Waiting for you" (the viewer's own are skipped, so a few more than shown). */
const WAITING_SCAN = 50;
/** The most cached group reads kept; past it the expired ones go first. */
const CACHED_PEOPLE = 5_000;

/** The stores, DocSpace and the identity/policy pieces the Home reads; the container passes its shared ones. */
export interface HomeDeps
  extends Pick<
    DomainDeps,
    'requests' | 'audit' | 'mappings' | 'docspace' | 'identity' | 'policy' | 'clock' | 'logger'
  > {
  readonly homes: HomeViewerRepo;
}

/** What happened, for working out whose Home it changes. */
export interface HomeSubject {
  readonly teamId: SlackTeamId;
  /** Who acted (asked, decided, changed directly). */
  readonly actor: SlackUserId;
  /** The request it was about, if any. */
  readonly request?: ChangeRequest | null;
  /** Managers (before and after) of the group it changed, as DocSpace ids. */
  readonly managers?: readonly (DocSpaceUserId | null)[];
  /** Whether DocSpace groups changed (then the people concerned get fresh group reads on their next render). */
  readonly changedGroups: boolean;
}

/** The Home use cases: what a person's Home shows, and whose Home an event concerns. */
export interface HomeService {
  /** Notes that this person opened their Home (republishing then reaches them). */
  opened(caller: Caller): Promise<void>;
  /** The facts of one person's Home: storage, plus at most two DocSpace reads, none if read less than 30 s ago. */
  facts(caller: Caller): Promise<HomeFacts>;
  /** The people whose Home an event changes and who have opened their Home; forgets their group reads if groups changed. */
  audience(subject: HomeSubject): Promise<SlackUserId[]>;
}

type Unlinked = Extract<HomeFacts, { kind: 'unlinked' }>;

interface CachedGroups {
  readonly groups: HomeGroups;
}

function list<T>(items: readonly T[], total: number, max: number): HomeList<T> {
  return { items: items.slice(0, max), total: Math.max(total, items.length) };
}

export function createHomeService(deps: HomeDeps, reuseMs: number = HOME_REUSE_MS): HomeService {
  const cache = new Map<string, CachedGroups>();
  const keyOf = (teamId: SlackTeamId, user: SlackUserId | DocSpaceUserId) => `${teamId}:${user}`;

  const remember = (key: string, groups: HomeGroups) => {
    cache.delete(key);
    cache.set(key, { groups });
    if (cache.size <= CACHED_PEOPLE) return;
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  };

  /** The budget: these two reads and no other DocSpace call for the group sections. */
  const readGroups = async (userId: DocSpaceUserId): Promise<HomeGroups> => {
    const count = 100;
    const [managed, member] = await Promise.all([
      deps.docspace.listGroups({ userId, managedOnly: true, count }),
      deps.docspace.listGroups({ userId, count }),
    ]);
    const managedIds = new Set(managed.groups.map((g) => g.id));
    const others: GroupSummary[] = member.groups.filter((g) => !managedIds.has(g.id));
    const hidden = Math.max(0, member.total - member.groups.length);
    return {
      managed: list(managed.groups, managed.total, HOME_LIMITS.groups),
      member: list(others, others.length + hidden, HOME_LIMITS.groups),
      readAt: deps.clock.now(),
    };
  };

  const groupsFor = async (caller: Caller, userId: DocSpaceUserId): Promise<HomeGroups | null> => {
    const key = keyOf(caller.teamId, caller.slackUserId);
    const hit = cache.get(key);
    const now = deps.clock.now().getTime();
    if (hit && now - hit.groups.readAt.getTime() < reuseMs && now >= hit.groups.readAt.getTime()) return hit.groups;
    try {
      const groups = await readGroups(userId);
      remember(key, groups);
      return groups;
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      deps.logger.warn({ err: error, user: caller.slackUserId }, 'home: DocSpace did not answer the group reads');
      return null;
    }
  };

  const waitingFor = async (caller: Caller): Promise<HomeList<ChangeRequest>> => {
    const [pending, all, mine] = await Promise.all([
      deps.requests.listPending(caller.teamId, { limit: WAITING_SCAN }),
      deps.requests.countPending(caller.teamId, {}),
      deps.requests.countPending(caller.teamId, { requesterId: caller.slackUserId }),
    ]);
    const theirs = pending.filter((r) => !r.requesterIds.includes(caller.slackUserId));
    return list(theirs, all - mine, HOME_LIMITS.waiting);
  };

  const mineOf = async (caller: Caller): Promise<HomeList<ChangeRequest>> => {
    const scope = { requesterId: caller.slackUserId };
    const [items, total] = await Promise.all([
      deps.requests.listPending(caller.teamId, { ...scope, limit: HOME_LIMITS.mine }),
      deps.requests.countPending(caller.teamId, scope),
    ]);
    return list(items, total, HOME_LIMITS.mine);
  };

  /** The stored mapping, or (no mapping yet) the resolver's email match; null with why when there is none. */
  const accountOf = async (caller: Caller): Promise<{ mapping: UserMapping } | { unlinked: Unlinked }> => {
    const stored = await deps.mappings.get(caller.teamId, caller.slackUserId);
    const unlinked = (role: Role, why: Unlinked['why'], down = false): { unlinked: Unlinked } => ({
      unlinked: { kind: 'unlinked', viewer: caller.slackUserId, role, why, docspaceDown: down },
    });
    const who = { kind: 'slack', id: caller.slackUserId } as const;
    if (stored) {
      const unusable = unusableReason(userFromMapping(stored));
      const role = roleOf(deps.policy, {
        slackUserId: caller.slackUserId,
        docspace: unusable ? null : userFromMapping(stored),
      });
      return unusable ? unlinked(role, { code: unusable, who }) : { mapping: stored };
    }
    const noOne = roleOf(deps.policy, { slackUserId: caller.slackUserId, docspace: null });
    try {
      const found = await identify(deps, caller);
      if (found.mapping) return { mapping: found.mapping };
      // No failure and no mapping: a person the config lists, whose account DocSpace did not answer for.
      return found.identityFailure ? unlinked(found.role, found.identityFailure) : unlinked(found.role, null, true);
    } catch (error) {
      if (error instanceof RefusedError && error.failure.code === 'account_disabled') {
        return unlinked(noOne, { code: 'docspace_user_disabled', who });
      }
      if (error instanceof RefusedError || isGatewayError(error)) return unlinked(noOne, null, true);
      throw error;
    }
  };

  return {
    opened: (caller) => deps.homes.record(caller.teamId, caller.slackUserId, deps.clock.now()),

    async facts(caller) {
      const account = await accountOf(caller);
      if ('unlinked' in account) return account.unlinked;
      const { mapping } = account;
      const role = roleOf(deps.policy, { slackUserId: caller.slackUserId, docspace: userFromMapping(mapping) });
      const [groups, waiting, mine, recent] = await Promise.all([
        groupsFor(caller, mapping.docspaceUserId),
        isApprover(role) ? waitingFor(caller) : Promise.resolve(null),
        mineOf(caller),
        mayAdminister(role) ? deps.audit.list({ teamId: caller.teamId, limit: HOME_LIMITS.recent }) : null,
      ]);
      return { kind: 'linked', viewer: caller.slackUserId, role, mapping, groups, waiting, mine, recent };
    },

    async audience(subject) {
      const request = subject.request ?? null;
      const managerIds = [
        ...(subject.managers ?? []),
        ...(request ? [request.snapshot.managerBefore] : []),
        ...(request?.change.kind === 'set_manager' || request?.change.kind === 'create'
          ? [request.change.managerId]
          : []),
      ].filter((id): id is DocSpaceUserId => id !== null);
      const managers = await Promise.all(
        [...new Set(managerIds)].map((id) => deps.mappings.getByDocSpaceUser(subject.teamId, id)),
      );
      const approvers = request ? [...deps.policy.adminSlackIds, ...deps.policy.approverSlackIds] : [];
      const people = [
        subject.actor,
        ...(request?.requesterIds ?? []),
        ...(approvers as SlackUserId[]),
        ...managers.flatMap((m) => (m ? [m.slackUserId] : [])),
      ];
      const opened = await deps.homes.filterOpened(subject.teamId, [...new Set(people)]);
      if (subject.changedGroups) for (const user of opened) cache.delete(keyOf(subject.teamId, user));
      return opened;
    },
  };
}
