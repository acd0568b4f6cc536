import type { BotServices } from '../domain/index.js';
import type { Metrics } from './metrics.js';

type DecisionAction = 'approve' | 'deny' | 'retry' | 'cancel';

/**
 * The same services, with every approve, deny, retry and cancel counted by what it led to: the request's status
 * afterwards (executed, failed, denied, …), the failure code (not_approver, already_decided, …) or `error`.
 */
export function countDecisions(services: BotServices, metrics: Pick<Metrics, 'decision'>): BotServices {
  const counted =
    <A extends unknown[]>(action: DecisionAction, run: (...args: A) => ReturnType<BotServices[DecisionAction]>) =>
    async (...args: A): ReturnType<BotServices[DecisionAction]> => {
      try {
        const result = await run(...args);
        metrics.decision(action, result.ok ? result.value.request.status : result.error.code);
        return result;
      } catch (error) {
        metrics.decision(action, 'error');
        throw error;
      }
    };
  return {
    ...services,
    approve: counted('approve', services.approve),
    deny: counted('deny', services.deny),
    retry: counted('retry', services.retry),
    cancel: counted('cancel', services.cancel),
  };
}
