import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { fitMessage, fitOptions, fitView } from '../views/fit.js';

/** Registrars whose listeners get an ack() that can carry a message, a view or options. */
const REGISTRARS: ReadonlySet<string | symbol> = new Set(['command', 'action', 'view', 'options', 'shortcut']);

type Ack = (response?: unknown) => Promise<void>;

/** What an ack carries, within Block Kit limits: options, a view (response_action update/push) or a message. */
function fitAckResponse(response: unknown): { value: unknown; changes: readonly string[] } {
  if (typeof response === 'string') {
    const fitted = fitMessage({ text: response });
    return fitted.altered ? fitted : { value: response, changes: [] };
  }
  if (typeof response !== 'object' || response === null) return { value: response, changes: [] };
  const body = response as Record<string, unknown>;
  if (Array.isArray(body['options'])) {
    const fitted = fitOptions(body['options'] as unknown[]);
    return { value: { ...body, options: fitted.value }, changes: fitted.changes };
  }
  if (typeof body['view'] === 'object' && body['view'] !== null) {
    const fitted = fitView(body['view']);
    return { value: { ...body, view: fitted.value }, changes: fitted.changes };
  }
  if ('text' in body || 'blocks' in body) return fitMessage(body);
  return { value: response, changes: [] };
}

function fittedAck(ack: Ack, logger: Pick<Logger, 'warn'>): Ack {
  return (response) => {
    const fitted = fitAckResponse(response);
    if (fitted.changes.length > 0) {
      logger.warn({ changes: fitted.changes.slice(0, 20) }, 'an ack broke Block Kit limits and was fitted');
    }
    return ack(fitted.value as never);
  };
}

/**
 * Bolt's app for registering listeners, with every listener's ack() fitting what it carries to Block Kit limits
 * (views/fit.ts), the ack side of the send boundary (adapters/fit-payloads.ts covers the Web API and respond()).
 * Bolt hands each listener its own copy of the arguments, so the ack is swapped in that copy, per listener; a listener
 * registered through this app later is covered with no change of its own.
 */
export function fittingAcks(app: App, logger: Pick<Logger, 'warn'>): App {
  const wrap = (listener: (args: Record<string, unknown>) => unknown) => (args: Record<string, unknown>) =>
    listener(typeof args['ack'] === 'function' ? { ...args, ack: fittedAck(args['ack'] as Ack, logger) } : args);
  return new Proxy(app, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (!REGISTRARS.has(key) || typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        value.apply(
          target,
          args.map((arg) =>
            typeof arg === 'function' ? wrap(arg as (args: Record<string, unknown>) => unknown) : arg,
          ),
        );
    },
  });
}
