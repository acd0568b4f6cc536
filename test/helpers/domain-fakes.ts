import type { DomainDeps } from '../../src/domain/deps.js';
import { createIdentityResolver } from '../../src/domain/identity/resolver.js';
import type { CardPostProblem, ChannelAlert } from '../../src/domain/model/card.js';
import type { RequestId, SlackUserId } from '../../src/domain/model/ids.js';
import type { ChangeRequest } from '../../src/domain/model/request.js';
import type { PolicyConfig } from '../../src/domain/policy.js';
import type {
  ApprovalNotifier,
  CardPostError,
  Logger,
  SlackDirectory,
  SlackProfile,
  Storage,
} from '../../src/domain/ports.js';
import { ALL_PEOPLE, displayNameOf, type FixturePerson } from '../fixtures/people.js';
import { createFakeClock, type FakeClock, HOUR, MINUTE } from './clock.js';
import { APPROVAL_CHANNEL, askToAdd, seedDevTeam, slackIdOf, TEAM } from './domain-people.js';
import { createMemoryDocSpace, type MemoryDocSpace } from './memory-docspace.js';
import { createMemoryStorage } from './memory-storage.js';

export * from './domain-people.js';

function slackProfileOf(person: FixturePerson): SlackProfile | null {
  if (!person.slack) return null;
  return {
    id: person.slack.id as SlackUserId,
    teamId: TEAM,
    name: displayNameOf(person),
    email: person.email,
    isBot: person.slack.isBot ?? false,
    deleted: person.slack.deleted ?? false,
  };
}

export interface FakeSlackDirectory extends SlackDirectory {
  /** Every looked-up id, in call order. */
  readonly calls: SlackUserId[];
  readonly stats: { inFlight: number; maxInFlight: number };
  addProfile(profile: SlackProfile): void;
  /** The next getUser throws this error (a Slack outage, not user_not_found). */
  failNext(error: Error): void;
}

/** users.info over the fixture cast: unknown ids answer null, like Slack's user_not_found. */
export function createFakeSlackDirectory(extra: readonly SlackProfile[] = []): FakeSlackDirectory {
  const profiles = new Map<string, SlackProfile>();
  for (const p of ALL_PEOPLE) {
    const profile = slackProfileOf(p);
    if (profile) profiles.set(profile.id, profile);
  }
  for (const p of extra) profiles.set(p.id, p);
  const calls: SlackUserId[] = [];
  const stats = { inFlight: 0, maxInFlight: 0 };
  const failures: Error[] = [];
  return {
    calls,
    stats,
    getUser: async (id) => {
      calls.push(id);
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        await Promise.resolve();
        const failure = failures.shift();
        if (failure) throw failure;
        const found = profiles.get(id);
        return found ? { ...found } : null;
      } finally {
        stats.inFlight--;
      }
    },
    addProfile: (profile) => {
      profiles.set(profile.id, profile);
    },
    failNext: (error) => {
      failures.push(error);
    },
  };
}

type NotifierMethod = keyof ApprovalNotifier;

interface RecordingNotifier extends ApprovalNotifier {
  readonly posted: ChangeRequest[];
  readonly updated: ChangeRequest[];
  readonly notified: ChangeRequest[];
  /** Every tellAdmins call: who was told what. */
  readonly alerts: { adminIds: readonly string[]; alert: ChannelAlert }[];
  /** From now on the given methods throw (Slack is down). */
  failOn(...methods: NotifierMethod[]): void;
  /** From now on postCard throws a classified CardPostError (null: posts again). */
  failCardsWith(problem: CardPostProblem | null, retryAfterSeconds?: number): void;
}

function cardPostError(problem: CardPostProblem, retryAfterSeconds: number | null): CardPostError {
  return Object.assign(new Error(`could not post the card: ${problem}`), {
    code: 'card_post_failed' as const,
    problem,
    retryAfterSeconds,
  });
}

function createRecordingNotifier(): RecordingNotifier {
  const failing = new Set<NotifierMethod>();
  const posted: ChangeRequest[] = [];
  const updated: ChangeRequest[] = [];
  const notified: ChangeRequest[] = [];
  const alerts: RecordingNotifier['alerts'] = [];
  let cardProblem: { problem: CardPostProblem; retryAfterSeconds: number | null } | null = null;
  const record = (method: NotifierMethod, list: ChangeRequest[], request: ChangeRequest) => {
    if (failing.has(method)) throw new Error(`slack unavailable: ${method}`);
    list.push(structuredClone(request));
  };
  return {
    posted,
    updated,
    notified,
    alerts,
    postCard: async (request) => {
      if (cardProblem) throw cardPostError(cardProblem.problem, cardProblem.retryAfterSeconds);
      record('postCard', posted, request);
      return { channelId: APPROVAL_CHANNEL, ts: `1741000000.${String(posted.length).padStart(6, '0')}` };
    },
    updateCard: async (request) => record('updateCard', updated, request),
    notifyRequesters: async (request) => record('notifyRequesters', notified, request),
    tellAdmins: async (adminIds, alert) => {
      if (failing.has('tellAdmins')) throw new Error('slack unavailable: tellAdmins');
      alerts.push({ adminIds: [...adminIds], alert: { ...alert } });
    },
    failOn: (...methods) => {
      for (const m of methods) failing.add(m);
    },
    failCardsWith: (problem, retryAfterSeconds) => {
      cardProblem = problem === null ? null : { problem, retryAfterSeconds: retryAfterSeconds ?? null };
    },
  };
}

interface RecordingLogger extends Logger {
  readonly entries: Array<{ level: string; obj: object; msg: string | undefined }>;
}

/** A logger that prints nothing and keeps what it was given. */
function createSilentLogger(): RecordingLogger {
  const entries: RecordingLogger['entries'] = [];
  const at = (level: string) => (obj: object, msg?: string) => {
    entries.push({ level, obj, msg });
  };
  return { entries, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

/** owner is an admin by config; carol and dave approve; everyone else mapped is a requester. */
export function makePolicy(overrides: Partial<PolicyConfig> = {}): PolicyConfig {
  return {
    adminSlackIds: new Set([slackIdOf('owner')]),
    approverSlackIds: new Set([slackIdOf('carol'), slackIdOf('dave')]),
    trustDocSpaceAdmins: false,
    approvalChannelId: APPROVAL_CHANNEL,
    requireReason: false,
    ...overrides,
  };
}

export interface DomainTestDeps extends DomainDeps {
  readonly storage: Storage;
  readonly docspace: MemoryDocSpace;
  readonly slack: FakeSlackDirectory;
  readonly clock: FakeClock;
  readonly notifier: RecordingNotifier;
  readonly logger: RecordingLogger;
}

export interface DomainDepsOverrides {
  readonly policy?: Partial<PolicyConfig>;
  readonly identityTtlMs?: number;
  /** Defaults to 5 minutes, as AUTHORITY_TTL_SECONDS does. */
  readonly authorityTtlMs?: number;
  readonly requestTtlMs?: number;
  readonly limits?: Partial<DomainDeps['limits']>;
  readonly docspace?: MemoryDocSpace;
  readonly slack?: FakeSlackDirectory;
  readonly clock?: FakeClock;
}

/** DomainDeps + DomainDeps over memory storage, the memory DocSpace, the fixture Slack directory and a fake clock. */
export function makeDomainDeps(overrides: DomainDepsOverrides = {}): DomainTestDeps {
  const clock = overrides.clock ?? createFakeClock();
  const storage = createMemoryStorage();
  const docspace = overrides.docspace ?? createMemoryDocSpace();
  const slack = overrides.slack ?? createFakeSlackDirectory();
  const logger = createSilentLogger();
  const identityTtlMs = overrides.identityTtlMs ?? HOUR;
  const identity = createIdentityResolver({
    mappings: storage.mappings,
    slack,
    docspace,
    clock,
    ttlMs: identityTtlMs,
    authorityTtlMs: overrides.authorityTtlMs ?? 5 * MINUTE,
    logger,
  });
  let requestCount = 0;
  return {
    storage,
    mappings: storage.mappings,
    requests: storage.requests,
    audit: storage.audit,
    names: storage.names,
    alerts: storage.alerts,
    docspace,
    slack,
    notifier: createRecordingNotifier(),
    // Executions here finish in microseconds; a long delay means no interim card, as in production for fast changes.
    interimCardDelayMs: 60_000,
    identity,
    policy: makePolicy(overrides.policy),
    clock,
    logger,
    requestTtlMs: overrides.requestTtlMs ?? 24 * HOUR,
    limits: { maxPendingPerRequester: 10, maxPeoplePerChange: 50, ...overrides.limits },
    newRequestId: () => `R${String(++requestCount).padStart(6, '0')}` as RequestId,
    undo: storage.undo,
    undoWindowMs: 15 * MINUTE,
    // Off, as by default: manager changes run without the incoming manager's acceptance.
    handover: {
      acceptance: false,
      ttlMs: 72 * HOUR,
      repo: storage.handovers,
      notifier: {
        askIncoming: async () => ({ channelId: 'D0HANDOVER', ts: '1.000001' }),
        updateAsk: async () => undefined,
        tellRequester: async () => undefined,
        showWaitingOnCard: async () => undefined,
      },
    },
  };
}

/** Development Team seeded, and alice's pending request to add erin to it: where the approval tests start. */
export async function withPendingRequest(overrides: DomainDepsOverrides = {}) {
  const deps = makeDomainDeps(overrides);
  const group = seedDevTeam(deps.docspace);
  const request = await askToAdd(deps, 'alice', 'erin');
  return { deps, group, request };
}
