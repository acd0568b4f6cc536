import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Caller, Clock, HomeFacts, HomeService, SlackTeamId, SlackUserId } from '../../domain/index.js';
import { buildHomeView, type HomeAddenda } from '../views/home.js';

/** At most one Home publish per person per this many ms; asks in between are coalesced into one publish after it. */
const HOME_REPUBLISH_GAP_MS = 1000;

export interface HomePublisherDeps {
  readonly home: HomeService;
  readonly client: WebClient;
  readonly clock: Clock;
  readonly logger: Pick<Logger, 'warn' | 'error' | 'debug'>;
  /**
   * The seam for other features (dry run, handover): lines for the top of every Home and a note per request, worked
   * out from the facts about to be shown (e.g. which of the listed requests wait for an incoming manager). None by
   * default; the container passes one.
   */
  readonly addenda?: (caller: Caller, facts: HomeFacts) => HomeAddenda | Promise<HomeAddenda>;
  readonly gapMs?: number;
}

/** Publishes people's App Home: at once when it is due, else once when the per-person gap has passed. */
export interface HomePublisher {
  /** A person opened their Home: remembered, then published (resolves once that publish is done or scheduled). */
  opened(caller: Caller): Promise<void>;
  /**
   * Republishes these people's Home (each at most once per gap); resolves once the due publishes are done. The list
   * may still be being worked out: idle() waits for it too.
   */
  refresh(teamId: SlackTeamId, users: readonly SlackUserId[] | Promise<readonly SlackUserId[]>): Promise<void>;
  /** Resolves once no publish is running or waiting for its gap: a definite "nothing else will be published". */
  idle(): Promise<void>;
  /** Drops the waiting publishes (shutdown). */
  close(): void;
}

interface PersonState {
  lastAt: number | null;
  running: Promise<void> | null;
  timer: NodeJS.Timeout | null;
  /** Asked again while a publish ran: publish once more after the gap. */
  again: boolean;
}

export function createHomePublisher(deps: HomePublisherDeps): HomePublisher {
  const gap = deps.gapMs ?? HOME_REPUBLISH_GAP_MS;
  const people = new Map<string, PersonState>();
  let busy = 0;
  let waiters: Array<() => void> = [];
  let closed = false;

  const settle = () => {
    if (busy > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const render = async (caller: Caller): Promise<void> => {
    try {
      const facts = await deps.home.facts(caller);
      const view = buildHomeView(facts, (await deps.addenda?.(caller, facts)) ?? {});
      await deps.client.views.publish({ user_id: caller.slackUserId, view });
    } catch (error) {
      deps.logger.error({ err: error, user: caller.slackUserId }, 'could not publish the App Home');
    }
  };

  const stateOf = (key: string): PersonState => {
    let state = people.get(key);
    if (!state) {
      state = { lastAt: null, running: null, timer: null, again: false };
      people.set(key, state);
    }
    return state;
  };

  const schedule = (caller: Caller, state: PersonState) => {
    if (closed || state.timer) return;
    const since = state.lastAt === null ? gap : deps.clock.now().getTime() - state.lastAt;
    busy += 1;
    state.timer = setTimeout(
      () => {
        state.timer = null;
        busy -= 1;
        void publish(caller, state);
      },
      Math.max(0, Math.min(gap, gap - since)),
    );
  };

  const publish = (caller: Caller, state: PersonState): Promise<void> => {
    state.lastAt = deps.clock.now().getTime();
    busy += 1;
    const run = render(caller).finally(() => {
      state.running = null;
      busy -= 1;
      if (state.again) {
        state.again = false;
        schedule(caller, state);
      }
      settle();
    });
    state.running = run;
    return run;
  };

  const ask = (caller: Caller): Promise<void> => {
    if (closed) return Promise.resolve();
    const state = stateOf(`${caller.teamId}:${caller.slackUserId}`);
    if (state.timer) return Promise.resolve();
    if (state.running) {
      state.again = true;
      return Promise.resolve();
    }
    const now = deps.clock.now().getTime();
    if (state.lastAt !== null && now - state.lastAt < gap && now >= state.lastAt) {
      schedule(caller, state);
      return Promise.resolve();
    }
    return publish(caller, state);
  };

  return {
    async opened(caller) {
      await deps.home.opened(caller);
      await ask(caller);
    },
    async refresh(teamId, users) {
      busy += 1;
      try {
        const list = await users;
        await Promise.all(list.map((slackUserId) => ask({ teamId, slackUserId })));
      } finally {
        busy -= 1;
        settle();
      }
    },
    idle: () => (busy === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
    close() {
      closed = true;
      for (const state of people.values()) {
        if (state.timer) {
          clearTimeout(state.timer);
          state.timer = null;
          busy -= 1;
        }
      }
      settle();
    },
  };
}
