import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../domain/index.js';
import { decideRetry, type RetryPolicy } from './backoff.js';
import { type Query, withQuery } from './endpoints.js';
import { isDocSpaceError } from './errors.js';
import { interpretResponse, type RequestInfo, type SuccessfulResponse } from './response.js';
import type { Transport } from './transport.js';

/** Request + bounded retry: every attempt goes through the transport, every answer through interpretResponse. */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface HttpOptions {
  readonly transport: Transport;
  /** Only used to redact it from anything an error carries. */
  readonly apiKey: string;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
  readonly sleep: Sleep;
  readonly random?: () => number;
}

export interface HttpRequest extends RequestInfo {
  readonly query?: Query;
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
}

export interface Http {
  send(request: HttpRequest): Promise<SuccessfulResponse>;
}

/** A real timer; an abort rejects with the caller's own reason, as a request abort does. */
export const defaultSleep: Sleep = async (ms, signal) => {
  try {
    await delay(ms, undefined, signal === undefined ? {} : { signal });
  } catch (error) {
    if (signal?.aborted === true) throw signal.reason;
    throw error;
  }
};

export function createHttp(options: HttpOptions): Http {
  const { transport, apiKey, retry, logger, sleep } = options;

  async function send(request: HttpRequest): Promise<SuccessfulResponse> {
    const info: RequestInfo = { operation: request.operation, method: request.method, path: request.path };
    const target = withQuery(request.path, request.query);
    const extra = {
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    };
    for (let attempt = 0; ; attempt += 1) {
      try {
        const raw = await transport.send({ ...info, target, ...extra });
        return interpretResponse(info, raw, apiKey);
      } catch (error) {
        if (!isDocSpaceError(error)) throw error;
        const decision = decideRetry(request.method, error, attempt, retry, options.random);
        if (!decision.retry) throw error;
        const context = { ...info, attempt: attempt + 1, maxRetries: retry.maxRetries, delayMs: decision.delayMs };
        logger.warn({ ...context, code: error.code, status: error.status }, 'DocSpace request failed; retrying');
        await sleep(decision.delayMs, request.signal);
      }
    }
  }

  return { send };
}
