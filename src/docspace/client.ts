import { z } from 'zod';
import type { DocSpaceGateway, Logger } from '../domain/index.js';
import { createCaller, withFailureLog } from './caller.js';
import { createHttp, defaultSleep, type Sleep } from './http.js';
import { createReadOperations } from './read-operations.js';
import { formatIssues } from './schemas.js';
import { createTransport } from './transport.js';
import { createWriteOperations } from './write-operations.js';

export interface DocSpaceClientOptions {
  /** Normalised origin such as 'https://acme.onlyoffice.com' (no trailing slash). */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`; never logged or put in an error. */
  readonly apiKey: string;
  /** Per request attempt. */
  readonly timeoutMs: number;
  /** Reads retry on network errors, timeouts, 5xx and 429; writes only on 429. */
  readonly retry: { readonly maxRetries: number; readonly baseDelayMs: number; readonly maxDelayMs: number };
  readonly logger: Logger;
  /** Injectable for tests; defaults to a real, abortable timer. */
  readonly sleep?: Sleep;
  /** Jitter source in [0, 1); injectable for tests. */
  readonly random?: () => number;
}

export interface DocSpaceClient extends DocSpaceGateway {
  /** Closes the keep-alive connection pool; later calls fail with a network error. */
  close(): Promise<void>;
}

const optionsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  apiKey: z.string().regex(/^[\x21-\x7e]+$/, { error: 'must be non-empty printable ASCII without spaces' }),
  timeoutMs: z.number().int().positive(),
  retry: z.object({
    maxRetries: z.number().int().min(0).max(10),
    baseDelayMs: z.number().int().min(0),
    maxDelayMs: z.number().int().min(0),
  }),
});

/** Builds the DocSpace REST adapter; options are checked here so a bad config fails at startup. */
export function createDocSpaceClient(options: DocSpaceClientOptions): DocSpaceClient {
  const checked = optionsSchema.safeParse(options);
  if (!checked.success) throw new TypeError(`Invalid DocSpace client options: ${formatIssues(checked.error)}`);
  const { baseUrl, apiKey, timeoutMs, retry } = checked.data;
  const transport = createTransport({ baseUrl, apiKey, timeoutMs });
  const http = createHttp({
    transport,
    apiKey,
    retry,
    logger: options.logger,
    sleep: options.sleep ?? defaultSleep,
    ...(options.random === undefined ? {} : { random: options.random }),
  });
  const caller = withFailureLog(createCaller(http, apiKey), options.logger);
  return {
    ...createReadOperations(caller),
    ...createWriteOperations(caller),
    close: () => transport.close(),
  };
}
