import type { Logger } from 'pino';
import { type FitResult, fitMessage, fitView } from '../views/fit.js';
import { slackMethodOf } from './light-fetch.js';

type FetchInput = Parameters<typeof fetch>[0];
type FetchInit = Parameters<typeof fetch>[1];

const MESSAGE_METHODS: ReadonlySet<string> = new Set([
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
  'chat.scheduleMessage',
  // Bolt's respond(): a JSON message posted to the interaction's response_url.
  'response_url',
]);
const VIEW_METHODS: ReadonlySet<string> = new Set(['views.open', 'views.update', 'views.push', 'views.publish']);

/** Web API bodies are form-encoded with JSON in `blocks` and `view`; response_url bodies are one JSON object. */
function refit(method: string, body: string): { body: string; changes: readonly string[] } | null {
  // Re-encoded only when something differs (a limit, or a mrkdwn text made verbatim); otherwise sent as built.
  const json = body.trimStart().startsWith('{');
  if (json) {
    if (method !== 'response_url') return null;
    const fitted = fitMessage(JSON.parse(body) as object);
    return fitted.altered ? { body: JSON.stringify(fitted.value), changes: fitted.changes } : null;
  }
  const params = new URLSearchParams(body);
  let fitted: FitResult<object>;
  if (VIEW_METHODS.has(method)) {
    const view = params.get('view');
    if (view === null) return null;
    fitted = fitView(JSON.parse(view) as object);
    if (fitted.altered) params.set('view', JSON.stringify(fitted.value));
  } else {
    const text = params.get('text');
    const blocks = params.get('blocks');
    const message = {
      ...(text === null ? {} : { text }),
      ...(blocks === null ? {} : { blocks: JSON.parse(blocks) as unknown }),
    };
    fitted = fitMessage(message);
    const value = fitted.value as { text?: string; blocks?: unknown };
    if (fitted.altered && value.text !== undefined) params.set('text', value.text);
    if (fitted.altered && value.blocks !== undefined) params.set('blocks', JSON.stringify(value.blocks));
  }
  return fitted.altered ? { body: params.toString(), changes: fitted.changes } : null;
}

/**
 * The send boundary every message and view passes: wraps the fetch that the Web API client (the bot's own and the
 * ones Bolt makes per event) and Bolt's respond() use, and fits each chat.*, views.* and response_url body to Block
 * Kit limits (views/fit.ts) before it leaves, so a message Slack would refuse (invalid_blocks, and the user gets no
 * answer at all) is never sent, whoever built it. A change here means a builder let something through: logged at
 * warn with the method and what was cut (paths and lengths, no text).
 */
export function fitSlackPayloads(inner: typeof fetch, logger: Pick<Logger, 'warn'>): typeof fetch {
  const fitting = async (input: FetchInput, init?: FetchInit): Promise<Response> => {
    const body = init?.body;
    if (typeof body !== 'string' || input instanceof Request) return inner(input, init);
    const method = slackMethodOf(String(input));
    if (!MESSAGE_METHODS.has(method) && !VIEW_METHODS.has(method)) return inner(input, init);
    let fitted: ReturnType<typeof refit> = null;
    try {
      fitted = refit(method, body);
    } catch {
      // Not JSON where JSON was expected: not a body this layer built; Slack answers for it as it is.
    }
    if (!fitted) return inner(input, init);
    if (fitted.changes.length > 0) {
      logger.warn(
        { method, changes: fitted.changes.slice(0, 20) },
        'a Slack message broke Block Kit limits and was fitted',
      );
    }
    return inner(input, { ...init, body: fitted.body });
  };
  return fitting as typeof fetch;
}
