import { request } from 'node:http';
import { formEncodeCommand, formEncodeInteractive } from './payloads.js';
import { signSlackRequest } from './signing.js';

export interface SendSignedOptions {
  signingSecret: string;
  /** Unix seconds; defaults to now. Use an old value to test replay protection. */
  timestamp?: number;
  /** Replaces the computed x-slack-signature, to forge a request. */
  signature?: string;
  /** Extra or replacement headers, applied last (e.g. a wrong content-type). */
  headers?: Record<string, string>;
}

export interface SendResult {
  status: number;
  body: string;
  json: unknown | null;
  ms: number;
}

function parseJson(text: string): unknown | null {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** POSTs exactly `rawBody` to the app with Slack's signature headers, the way Slack would. */
export function sendSigned(appUrl: string, rawBody: string, options: SendSignedOptions): Promise<SendResult> {
  const headers: Record<string, string> = {
    ...signSlackRequest(options.signingSecret, rawBody, options.timestamp),
    ...(options.signature === undefined ? {} : { 'x-slack-signature': options.signature }),
    'content-length': String(Buffer.byteLength(rawBody)),
    connection: 'close',
    ...options.headers,
  };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(appUrl, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body, json: parseJson(body), ms: performance.now() - started });
      });
    });
    req.on('error', reject);
    req.end(rawBody);
  });
}

/** Signs and sends a slash command built with payloads.slashCommand(). */
export function sendCommand(
  appUrl: string,
  signingSecret: string,
  fields: Record<string, string>,
): Promise<SendResult> {
  return sendSigned(appUrl, formEncodeCommand(fields), { signingSecret });
}

/** Signs and sends an interactivity payload (block_actions, view_submission, block_suggestion). */
export function sendInteractive(appUrl: string, signingSecret: string, payload: object): Promise<SendResult> {
  return sendSigned(appUrl, formEncodeInteractive(payload), { signingSecret });
}
