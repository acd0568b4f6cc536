import type { IncomingMessage, ServerResponse } from 'node:http';
import { messageProblems } from './block-kit.js';
import { readBody, sendText } from './http-io.js';
import type { ResponseUrlPost } from './types.js';

function parseSinkBody(contentType: string | undefined, raw: string): Record<string, unknown> | undefined {
  try {
    const isForm = (contentType ?? '').startsWith('application/x-www-form-urlencoded');
    const json = isForm ? (new URLSearchParams(raw).get('payload') ?? '') : raw;
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves POST /response/<id>: records the JSON body (replace_original/delete_original included) and answers "ok".
 * Strict: a message over Slack's Block Kit limits is refused with 400 `invalid_blocks`, as Slack does, and not recorded.
 */
export async function handleResponsePost(
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  responses: ResponseUrlPost[],
  strict: boolean,
  rejected: ResponseUrlPost[],
): Promise<void> {
  const raw = await readBody(req);
  const body = parseSinkBody(req.headers['content-type'], raw);
  if (body === undefined) {
    sendText(res, 400, 'invalid_payload');
    return;
  }
  if (strict && messageProblems(body).length > 0) {
    rejected.push({ id, body, at: Date.now() });
    sendText(res, 400, 'invalid_blocks');
    return;
  }
  responses.push({ id, body, at: Date.now() });
  sendText(res, 200, 'ok');
}
