import type { Logger } from 'pino';
import type {
  BotServices,
  Caller,
  ChangeReport,
  ChangeRequest,
  DomainFailure,
  HomeService,
  HomeSubject,
  Result,
  SubmitOutcome,
} from '../../domain/index.js';
import type { HomePublisher } from './publisher.js';

interface Decided {
  readonly request: ChangeRequest;
  readonly report?: ChangeReport | null;
}

function managersOf(report: ChangeReport | null | undefined): NonNullable<HomeSubject['managers']> {
  if (!report) return [];
  return [report.before?.manager?.id ?? null, report.after?.manager?.id ?? null];
}

function decisionSubject(caller: Caller, decided: Decided): HomeSubject {
  const report = decided.report ?? null;
  return {
    teamId: caller.teamId,
    actor: caller.slackUserId,
    request: decided.request,
    managers: managersOf(report),
    changedGroups: report !== null || decided.request.status === 'executed',
  };
}

function submitSubject(caller: Caller, outcome: SubmitOutcome): HomeSubject {
  if (outcome.kind === 'executed') {
    return {
      teamId: caller.teamId,
      actor: caller.slackUserId,
      managers: managersOf(outcome.report),
      changedGroups: true,
    };
  }
  if (outcome.kind === 'handover') {
    // Nothing changed yet: the asker, the group's manager and the incoming manager see the handover waiting.
    const manager = outcome.handover.snapshot.managerBefore?.id ?? null;
    return {
      teamId: caller.teamId,
      actor: caller.slackUserId,
      managers: [manager, outcome.handover.incomingDocSpaceId],
      changedGroups: false,
    };
  }
  return { teamId: caller.teamId, actor: caller.slackUserId, request: outcome.request, changedGroups: false };
}

/**
 * Republishes the Home of the people a decision or a change concerns (requesters, approvers, the group's managers,
 * the person who acted), only for those who have opened their Home, once the use case has answered. The publishes run
 * in the background (publisher.idle() says when they are done), so nobody's reply waits for them.
 */
export function withHomeRefresh(
  services: BotServices,
  home: HomeService,
  publisher: HomePublisher,
  logger: Pick<Logger, 'error'>,
): BotServices {
  const announce = (subject: HomeSubject) => {
    publisher
      .refresh(subject.teamId, home.audience(subject))
      .catch((error: unknown) => logger.error({ err: error }, 'could not republish the App Home'));
  };
  const after = async <T extends Decided>(caller: Caller, work: Promise<Result<T, DomainFailure>>) => {
    const result = await work;
    if (result.ok) announce(decisionSubject(caller, result.value));
    return result;
  };
  return {
    ...services,
    approve: (caller, id) => after(caller, services.approve(caller, id)),
    deny: (caller, id, note) => after(caller, services.deny(caller, id, note)),
    retry: (caller, id) => after(caller, services.retry(caller, id)),
    cancel: (caller, id) => after(caller, services.cancel(caller, id)),
    async submit(caller, ask, reason) {
      const result = await services.submit(caller, ask, reason);
      if (result.ok) announce(submitSubject(caller, result.value));
      return result;
    },
  };
}
