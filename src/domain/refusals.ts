import { recordAudit, recordRequestAudit } from './audit-log.js';
import type { DomainDeps } from './deps.js';
import type { ChangeAsk } from './groups/ask.js';
import type { Caller } from './identity/actor.js';
import type { DomainFailure, DomainFailureCode } from './model/failures.js';
import type { GroupRef, RequestId, SlackUserId } from './model/ids.js';
import type { Result } from './model/result.js';
import type { BotServices } from './services.js';

/**
 * Refused privileged actions leave a trace: a warn log line (actor, action, request or target, reason) and a `refused`
 * audit entry that `/docspace-group audit` shows. A flood of the same refusal is logged every time but audited at most
 * once per actor, action and target per REFUSAL_AUDIT_WINDOW_MS, so repeated clicks cannot bury the audit log.
 */

export const REFUSAL_AUDIT_WINDOW_MS = 60_000;
/** Past this many remembered refusals, those older than the window are forgotten (bounded memory under a flood). */
const REMEMBERED = 10_000;

/** What someone tried: a use case, and the request or the target it was about. */
interface Attempt {
  readonly caller: Caller;
  /** approve, deny, retry, link, unlink, mappings, audit, requests, whoami, cancel, or the change kind of a submit. */
  readonly action: string;
  readonly requestId?: RequestId | null;
  /** A Slack user (`<@U…>`), a group (`"name"` or its id); never free text beyond that. */
  readonly target?: string | null;
}

/** Refusals of something only some people may do; everything else (bad input, not found, races) is no trace. */
const REASON: Partial<Record<DomainFailureCode, string>> = {
  not_approver: 'not an approver',
  self_approval: 'their own request',
  not_authorized: 'not an admin',
  account_disabled: 'DocSpace account disabled',
  grant_not_allowed: 'not the member, the manager or an admin',
  handover_not_incoming: 'not the incoming manager',
  manager_now_not_admin: 'not an admin',
};

export interface RefusalTrace {
  /** Logs and audits the attempt when the failure is a refused privileged action; never throws. */
  note(attempt: Attempt, failure: DomainFailure): Promise<void>;
}

export function createRefusalTrace(deps: Pick<DomainDeps, 'audit' | 'logger' | 'clock' | 'requests'>): RefusalTrace {
  const lastAudited = new Map<string, number>();

  /** True when this actor+action+target was not audited within the window; remembers it from now on. */
  function dueForAudit(key: string, now: number): boolean {
    const last = lastAudited.get(key);
    if (last !== undefined && now - last < REFUSAL_AUDIT_WINDOW_MS) return false;
    if (lastAudited.size >= REMEMBERED) {
      for (const [k, at] of lastAudited) if (now - at >= REFUSAL_AUDIT_WINDOW_MS) lastAudited.delete(k);
    }
    lastAudited.set(key, now);
    return true;
  }

  async function audit(attempt: Attempt, code: DomainFailureCode, reason: string) {
    const { caller, action } = attempt;
    const common = {
      actorSlackId: caller.slackUserId,
      actorDocSpaceId: null,
      action: 'refused' as const,
      after: { attempted: action, reason: code, target: attempt.target ?? null },
      outcome: 'recorded' as const,
      detail: `${action} refused: ${reason}`,
      onBehalfOf: [],
    };
    const request = attempt.requestId ? await deps.requests.get(attempt.requestId) : null;
    if (request && request.teamId === caller.teamId) {
      await recordRequestAudit(deps, request, common);
      return;
    }
    await recordAudit(deps, {
      ...common,
      at: deps.clock.now(),
      teamId: caller.teamId,
      requestId: null,
      groupId: null,
      groupName: null,
      before: null,
    });
  }

  return {
    async note(attempt, failure) {
      const { caller, action } = attempt;
      const where = { requestId: attempt.requestId ?? null, target: attempt.target ?? null };
      if (failure.code === 'authority_unconfirmed') {
        // An outage, not a refusal of privilege: logged, not audited.
        const refused = { actor: caller.slackUserId, teamId: caller.teamId, action, ...where, kind: failure.kind };
        deps.logger.warn({ refused }, 'could not confirm the caller’s DocSpace access; nothing was done');
        return;
      }
      const reason = REASON[failure.code];
      if (reason === undefined) return;
      const key = [caller.teamId, caller.slackUserId, action, where.requestId ?? where.target ?? ''].join('\u0000');
      const audited = dueForAudit(key, deps.clock.now().getTime());
      const refused = { actor: caller.slackUserId, teamId: caller.teamId, action, ...where, reason: failure.code };
      deps.logger.warn({ refused, audited }, 'refused privileged action');
      if (!audited) return;
      try {
        await audit(attempt, failure.code, reason);
      } catch (error) {
        // The refusal itself stands; a store that cannot take its trace is reported, not passed to the user.
        deps.logger.error({ err: error, refused }, 'could not audit a refused action');
      }
    },
  };
}

/** A group as named in a command, for the trace (bounded: it is the user's text). */
function groupTarget(group: GroupRef | null): string | null {
  if (!group) return null;
  return group.kind === 'id' ? group.id : `"${group.name.slice(0, 150)}"`;
}

function askTarget(ask: ChangeAsk): string | null {
  return ask.kind === 'create' ? `"${ask.name.slice(0, 150)}"` : groupTarget(ask.group);
}

const onRequest =
  (action: string) =>
  ([, requestId]: readonly [Caller, RequestId, ...unknown[]]) => ({ action, requestId });
const onUser =
  (action: string) =>
  ([, user]: readonly [Caller, SlackUserId | null, ...unknown[]]) => ({ action, target: user ? `<@${user}>` : null });

/**
 * The same services, each use case someone may be refused followed by the trace of a refused privileged action. One
 * place for every path (command, button, modal), like countDecisions for the metrics.
 */
export function withRefusalTrace(
  deps: Pick<DomainDeps, 'audit' | 'logger' | 'clock' | 'requests'>,
  services: BotServices,
): BotServices {
  const refusals = createRefusalTrace(deps);
  const traced =
    <A extends [Caller, ...unknown[]], T>(
      describe: (args: NoInfer<A>) => Omit<Attempt, 'caller'>,
      run: (...args: A) => Promise<Result<T, DomainFailure>>,
    ) =>
    async (...args: A): Promise<Result<T, DomainFailure>> => {
      const result = await run(...args);
      if (!result.ok) await refusals.note({ caller: args[0], ...describe(args) }, result.error);
      return result;
    };
  return {
    ...services,
    submit: traced(([, ask]) => ({ action: ask.kind, target: askTarget(ask) }), services.submit),
    approve: traced(onRequest('approve'), services.approve),
    deny: traced(onRequest('deny'), services.deny),
    retry: traced(onRequest('retry'), services.retry),
    cancel: traced(onRequest('cancel'), services.cancel),
    // The Deny click: refused here (from stored facts) before its form opens, so traced as a deny.
    previewDecision: traced(onRequest('deny'), services.previewDecision),
    link: traced(onUser('link'), services.link),
    unlink: traced(onUser('unlink'), services.unlink),
    mappings: traced(onUser('mappings'), services.mappings),
    whoami: traced(() => ({ action: 'whoami' }), services.whoami),
    requests: traced(() => ({ action: 'requests' }), services.requests),
    audit: traced(([, group]) => ({ action: 'audit', target: groupTarget(group) }), services.audit),
    endGrant: traced(([, id]) => ({ action: 'end_grant', target: id }), services.endGrant),
    renewGrant: traced(([, id]) => ({ action: 'renew_grant', target: id }), services.renewGrant),
    undo: traced(
      ([, target]) =>
        target.kind === 'request'
          ? { action: 'undo', requestId: target.requestId }
          : { action: 'undo', target: `entry ${target.entryId}` },
      services.undo,
    ),
    acceptHandover: traced(([, id]) => ({ action: 'handover_accept', target: id }), services.acceptHandover),
    declineHandover: traced(([, id]) => ({ action: 'handover_decline', target: id }), services.declineHandover),
  };
}
