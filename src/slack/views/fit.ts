import { Fitter, type Node, type Surface } from './fitter.js';
import { clipLines, LIMITS } from './limits.js';

/**
 * The one guarantee that what the bot sends Slack is within Block Kit limits, whoever built it: the send boundary
 * (adapters/fit-payloads.ts for every Web API and response_url post, listeners/fit-acks.ts for acks) runs every
 * message, view and options answer through here. Builders pack long lists themselves ("…and N more"); this is the
 * net under them (fitter.ts does the fitting). A payload that is still not stable after one pass, or cannot be read,
 * is replaced by a short valid fallback, so Slack never answers invalid_blocks and the user always gets an answer.
 */

export interface FitResult<T> {
  readonly value: T;
  /** What broke a limit and was changed, as `path: what` (paths and lengths only, never the text itself). */
  readonly changes: readonly string[];
  /** Whether anything differs from the input: a limit, or a mrkdwn text made verbatim. */
  readonly altered: boolean;
}

const FALLBACK_MESSAGE = 'This answer was too large to show in Slack. Try a narrower command, e.g. with a filter.';
const FALLBACK_VIEW = 'This form could not be shown. Close it and try again, or type `/docspace-group help`.';

/** Fits twice: the second pass must change nothing, else (or when the first throws) the fallback is sent. */
function stable<T>(input: T, pass: (f: Fitter, value: T) => T, fallback: () => T): FitResult<T> {
  const first = new Fitter();
  try {
    const value = pass(first, input);
    const second = new Fitter();
    pass(second, value);
    if (!second.altered) return { value, changes: first.changes, altered: first.altered };
    return { value: fallback(), changes: [...first.changes, 'unstable after fitting: fallback sent'], altered: true };
  } catch {
    return { value: fallback(), changes: [...first.changes, 'could not be fitted: fallback sent'], altered: true };
  }
}

function fallbackSection(text: string): Node {
  return { type: 'section', text: { type: 'mrkdwn', text: clipLines(text, LIMITS.sectionText), verbatim: true } };
}

function fitMessageWith<T extends object>(f: Fitter, message: T): T {
  const out: Node = { ...(message as Node) };
  const text = out['text'];
  if (typeof text === 'string' && text.length > LIMITS.messageText) {
    f.note('text', `${text.length} > ${LIMITS.messageText} characters`);
    out['text'] = clipLines(text, LIMITS.messageText);
  }
  if (out['blocks'] !== undefined) {
    const had = Array.isArray(out['blocks']) ? out['blocks'].length : 0;
    out['blocks'] = f.blocks(out['blocks'], 'message');
    // Nothing valid was left of the blocks and there is no text to show instead.
    if (had > 0 && (out['blocks'] as Node[]).length === 0 && !out['text']) out['text'] = FALLBACK_MESSAGE;
  }
  return out as T;
}

/** A message (chat.postMessage/postEphemeral/update, response_url, a command's ack) within Block Kit limits. */
export function fitMessage<T extends object>(message: T): FitResult<T> {
  return stable(message, fitMessageWith, () => {
    const text = (message as Node)['text'];
    const shown = typeof text === 'string' && text.trim() ? clipLines(text, LIMITS.fallbackText) : FALLBACK_MESSAGE;
    return { ...(message as Node), text: shown, blocks: [fallbackSection(shown)] } as T;
  });
}

function fitViewWith<T extends object>(f: Fitter, view: T): T {
  const out: Node = { ...(view as Node) };
  const surface: Surface = out['type'] === 'home' ? 'home' : 'modal';
  if (surface === 'modal' && out['title'] === undefined) throw new Error('a modal needs a title');
  for (const key of ['title', 'submit', 'close'] as const) {
    if (out[key] === undefined) continue;
    const label = f.text(key, out[key], LIMITS.viewLabel, true);
    if (!label) throw new Error(`view ${key} has no text`);
    out[key] = label;
  }
  const metadata = out['private_metadata'];
  // Machine data: cutting it would break what reads it back, so such a view cannot be fitted.
  if (typeof metadata === 'string' && metadata.length > LIMITS.privateMetadata) throw new Error('private_metadata');
  if (!f.fitsId('callback_id', out['callback_id']) || !f.fitsId('external_id', out['external_id'])) {
    throw new Error('view id does not fit');
  }
  out['blocks'] = f.blocks(out['blocks'], surface);
  return out as T;
}

/** A modal or Home view (views.open/update/push/publish, a response_action ack) within Block Kit limits. */
export function fitView<T extends object>(view: T): FitResult<T> {
  return stable(view, fitViewWith, () => {
    const home = (view as Node)['type'] === 'home';
    const label = (text: string) => ({ type: 'plain_text', text });
    const frame = home ? { type: 'home' } : { type: 'modal', title: label('DocSpace groups'), close: label('Close') };
    return { ...frame, blocks: [fallbackSection(FALLBACK_VIEW)] } as T;
  });
}

/** A typeahead answer (`ack({ options })`): at most 100 options, each within its limits. */
export function fitOptions<T>(options: readonly T[]): FitResult<T[]> {
  const f = new Fitter();
  const value = f.options('options', options, LIMITS.options) as T[];
  return { value, changes: f.changes, altered: f.altered || value.length !== options.length };
}
