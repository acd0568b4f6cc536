import type { z } from 'zod';
import { DocSpaceUnexpectedResponseError } from './errors.js';
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
