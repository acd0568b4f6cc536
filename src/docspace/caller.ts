import type { z } from 'zod';
import type { Logger } from '../domain/index.js';
import { type DocSpaceError, DocSpaceUnexpectedResponseError, isDocSpaceError } from './errors.js';
import type { Http, HttpRequest } from './http.js';
import { toBodySnippet } from './redact.js';
import type { SuccessfulResponse } from './response.js';
import { envelopes, formatIssues } from './schemas.js';

/** Sends a request and parses its success envelope; a body that does not fit is schema drift. */

export interface Caller {
  call<S extends z.ZodType>(request: HttpRequest, envelope: S): Promise<z.output<S>>;
  /** For endpoints that answer 204 without a body (or 200 with an envelope). */
  callAllowingEmpty(request: HttpRequest): Promise<void>;
}

function drift(request: HttpRequest, response: SuccessfulResponse, detail: string, apiKey: string) {
  const snippet = toBodySnippet(response.text, apiKey);
  return new DocSpaceUnexpectedResponseError(detail, {
    operation: request.operation,
    method: request.method,
    path: request.path,
    status: response.status,
    ...(snippet === undefined ? {} : { bodySnippet: snippet }),
  });
}

function parseEnvelope<S extends z.ZodType>(
  request: HttpRequest,
  response: SuccessfulResponse,
  envelope: S,
  apiKey: string,
): z.output<S> {
  if (response.json === undefined) throw drift(request, response, `${response.status} response has no body`, apiKey);
  const parsed = envelope.safeParse(response.json);
  if (parsed.success) return parsed.data;
  throw drift(request, response, `schema drift: ${formatIssues(parsed.error)}`, apiKey);
}

export function createCaller(http: Http, apiKey: string): Caller {
  return {
    async call(request, envelope) {
      return parseEnvelope(request, await http.send(request), envelope, apiKey);
    },
    async callAllowingEmpty(request) {
      const response = await http.send(request);
      if (response.json !== undefined) parseEnvelope(request, response, envelopes.anything, apiKey);
    },
  };
}

/** Expected answers (a lookup that finds nothing) are routine; every other failure is worth an admin's eye. */
function logFailure(logger: Logger, request: HttpRequest, error: DocSpaceError): void {
  const context = { operation: request.operation, method: request.method, path: request.path, code: error.code };
  if (error.code === 'not_found') {
    logger.debug(context, 'DocSpace found nothing');
    return;
  }
  const snippet = error.code === 'unexpected_response' && error.bodySnippet ? { bodySnippet: error.bodySnippet } : {};
  logger.warn({ ...context, ...snippet, err: error }, 'DocSpace call failed');
}

/**
 * Logs each failed call once, after its retries, so the "details are in the bot's logs" users are told about exist.
 */
export function withFailureLog(caller: Caller, logger: Logger): Caller {
  const logged = async <T>(request: HttpRequest, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (isDocSpaceError(error)) logFailure(logger, request, error);
      throw error;
    }
  };
  return {
    call: (request, envelope) => logged(request, () => caller.call(request, envelope)),
    callAllowingEmpty: (request) => logged(request, () => caller.callAllowingEmpty(request)),
  };
}
