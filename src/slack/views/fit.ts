import { truncate } from '../escape.js';
import { clipLines, LIMITS, moreLine } from './limits.js';

/**
 * The one guarantee that what the bot sends Slack is within Block Kit limits, whoever built it: the send boundary
 * (adapters/fit-payloads.ts for every Web API and response_url post, listeners/fit-acks.ts for acks) runs every
 * message, view and options answer through here. Builders pack long lists themselves ("…and N more"); this is the
 * net under them. Texts are shortened without splitting an entity or a mention, lists cut at whole lines, surplus
 * blocks replaced by one "…and N more" line, every mrkdwn text made verbatim (no auto-linking of user text), and
 * what cannot be made valid (a button whose value cannot fit, an empty section) dropped. A payload that is still
 * not stable after that is replaced by a short valid fallback, so Slack never answers invalid_blocks.
 */

type Node = Record<string, unknown>;
type Surface = 'message' | 'modal' | 'home';

export interface FitResult<T> {
  readonly value: T;
  /** What broke a limit and was changed, as `path: what` (paths and lengths only, never the text itself). */
  readonly changes: readonly string[];
  /** Whether anything differs from the input: a limit, or a mrkdwn text made verbatim. */
  readonly altered: boolean;
}

const FALLBACK_MESSAGE = 'This answer was too large to show in Slack. Try a narrower command, e.g. with a filter.';
const FALLBACK_VIEW = 'This form could not be shown. Close it and try again, or type `/docspace-group help`.';

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

class Fitter {
  readonly changes: string[] = [];
  /** Set for any difference, including those that broke no limit (verbatim added). */
  altered = false;
  private readonly blockIds = new Set<string>();

  note(path: string, what: string): void {
    this.changes.push(`${path}: ${what}`);
    this.altered = true;
  }

  /** A text object within `max`: plain_text when Slack demands it, mrkdwn verbatim; null when it has no text. */
  text(path: string, value: unknown, max: number, plain = false): Node | null {
    if (!isNode(value) || typeof value['text'] !== 'string' || value['text'] === '') {
      this.note(path, 'no text');
      return null;
    }
    let type = value['type'] === 'plain_text' ? 'plain_text' : 'mrkdwn';
    const out: Node = { ...value };
    if (plain && type !== 'plain_text') {
      this.note(path, 'must be plain_text');
      type = 'plain_text';
      out['type'] = type;
      delete out['verbatim'];
    }
    const text = value['text'];
    const fitted = type === 'plain_text' ? truncate(text, max) : clipLines(text, max);
    if (fitted !== text) this.note(path, `${text.length} > ${max} characters`);
    out['text'] = fitted || ' ';
    if (type === 'mrkdwn' && out['verbatim'] !== true) {
      // User and DocSpace text must not be turned into links or mentions; the bot's own text needs no auto-linking.
      out['verbatim'] = true;
      this.altered = true;
    }
    return out;
  }

  /** Optional text: absent stays absent, a broken one is left out. */
  optionalText(node: Node, key: string, path: string, max: number, plain = false): void {
    if (node[key] === undefined) return;
    const text = this.text(`${path}.${key}`, node[key], max, plain);
    if (text) node[key] = text;
    else delete node[key];
  }

  /** An id that does not fit cannot be shortened without breaking what matches it: null means "drop it". */
  fitsId(path: string, value: unknown): boolean {
    if (value === undefined || (typeof value === 'string' && value !== '' && value.length <= LIMITS.id)) return true;
    this.note(path, 'id too long or empty');
    return false;
  }

  list<T>(path: string, value: unknown, max: number, fitItem: (item: unknown, at: string) => T | null): T[] {
    const items: unknown[] = Array.isArray(value) ? value : [];
    if (items.length > max) this.note(path, `${items.length} > ${max} items`);
    return items.slice(0, max).flatMap((item, i): T[] => {
      const fitted = fitItem(item, `${path}[${i}]`);
      return fitted === null ? [] : [fitted];
    });
  }

  option(path: string, value: unknown, plain = true): Node | null {
    if (!isNode(value)) return null;
    const v = value['value'];
    if (typeof v !== 'string' || v === '' || v.length > LIMITS.optionValue) {
      this.note(`${path}.value`, 'does not fit');
      return null;
    }
    const text = this.text(`${path}.text`, value['text'], LIMITS.optionText, plain);
    if (!text) return null;
    const out: Node = { ...value, text };
    this.optionalText(out, 'description', path, LIMITS.optionDescription, true);
    return out;
  }

  options(path: string, value: unknown, max: number, plain = true): Node[] {
    return this.list(path, value, max, (o, at) => this.option(at, o, plain));
  }

  confirm(path: string, value: unknown): Node | null {
    if (!isNode(value)) return null;
    const title = this.text(`${path}.title`, value['title'], LIMITS.confirmTitle, true);
    const text = this.text(`${path}.text`, value['text'], LIMITS.confirmText);
    const confirm = this.text(`${path}.confirm`, value['confirm'], LIMITS.confirmButton, true);
    const deny = this.text(`${path}.deny`, value['deny'], LIMITS.confirmButton, true);
    return title && text && confirm && deny ? { ...value, title, text, confirm, deny } : null;
  }

  /** An interactive element, or null when it cannot work within the limits (it is then left out). */
  element(path: string, value: unknown): Node | null {
    if (!isNode(value) || !this.fitsId(`${path}.action_id`, value['action_id'])) return null;
    const out: Node = { ...value };
    if (out['confirm'] !== undefined) {
      const confirm = this.confirm(`${path}.confirm`, out['confirm']);
      if (!confirm) return null;
      out['confirm'] = confirm;
    }
    this.optionalText(out, 'placeholder', path, LIMITS.placeholder, true);
    switch (out['type']) {
      case 'button': {
        const tooLong = (key: string, max: number) => typeof out[key] === 'string' && out[key].length > max;
        if (tooLong('value', LIMITS.buttonValue) || tooLong('url', LIMITS.url)) {
          this.note(path, 'button value or url does not fit');
          return null;
        }
        const text = this.text(`${path}.text`, out['text'], LIMITS.buttonText, true);
        return text ? { ...out, text } : null;
      }
      case 'static_select':
      case 'multi_static_select':
      case 'external_select':
      case 'multi_external_select':
        this.selectOptions(path, out);
        return out;
      case 'overflow':
        out['options'] = this.options(`${path}.options`, out['options'], LIMITS.overflowOptions);
        return (out['options'] as Node[]).length > 0 ? out : null;
      case 'checkboxes':
      case 'radio_buttons':
        out['options'] = this.options(`${path}.options`, out['options'], LIMITS.choiceOptions, false);
        return (out['options'] as Node[]).length > 0 ? out : null;
      case 'plain_text_input':
        this.textInput(path, out);
        return out;
      default:
        return out;
    }
  }

  selectOptions(path: string, out: Node): void {
    if (out['options'] !== undefined) out['options'] = this.options(`${path}.options`, out['options'], LIMITS.options);
    if (out['option_groups'] !== undefined) {
      out['option_groups'] = this.list(`${path}.option_groups`, out['option_groups'], LIMITS.options, (g, at) => {
        if (!isNode(g)) return null;
        const label = this.text(`${at}.label`, g['label'], LIMITS.optionText, true);
        const options = this.options(`${at}.options`, g['options'], LIMITS.options);
        return label && options.length > 0 ? { ...g, label, options } : null;
      });
    }
    if (out['initial_option'] !== undefined) {
      const initial = this.option(`${path}.initial_option`, out['initial_option']);
      if (initial) out['initial_option'] = initial;
      else delete out['initial_option'];
    }
    if (out['initial_options'] !== undefined) {
      out['initial_options'] = this.options(`${path}.initial_options`, out['initial_options'], LIMITS.options);
    }
  }

  textInput(path: string, out: Node): void {
    for (const key of ['min_length', 'max_length'] as const) {
      const n = out[key];
      if (typeof n === 'number' && n > LIMITS.inputLength) {
        this.note(`${path}.${key}`, `${n} > ${LIMITS.inputLength}`);
        out[key] = LIMITS.inputLength;
      }
    }
    const max = typeof out['max_length'] === 'number' ? out['max_length'] : LIMITS.inputLength;
    const initial = out['initial_value'];
    if (typeof initial === 'string' && initial.length > max) {
      this.note(`${path}.initial_value`, `${initial.length} > ${max} characters`);
      out['initial_value'] = truncate(initial, max);
    }
  }

  /** One block within its limits, or null when nothing valid is left of it. */
  block(path: string, value: unknown, surface: Surface): Node | null {
    if (!isNode(value)) return null;
    const out: Node = { ...value };
    const id = out['block_id'];
    if (id !== undefined && (!this.fitsId(`${path}.block_id`, id) || this.blockIds.has(String(id)))) {
      // Slack names the block itself; only inputs are read back by block_id, and they never repeat one.
      this.note(`${path}.block_id`, 'dropped (too long or repeated)');
      delete out['block_id'];
    } else if (typeof id === 'string') this.blockIds.add(id);
    switch (out['type']) {
      case 'section':
        return this.section(path, out);
      case 'header': {
        const text = this.text(`${path}.text`, out['text'], LIMITS.headerText, true);
        return text ? { ...out, text } : null;
      }
      case 'context': {
        const elements = this.list(`${path}.elements`, out['elements'], LIMITS.contextElements, (e, at) =>
          isNode(e) && e['type'] === 'image' ? e : this.text(at, e, LIMITS.textObject),
        );
        return elements.length > 0 ? { ...out, elements } : null;
      }
      case 'actions': {
        const elements = this.list(`${path}.elements`, out['elements'], LIMITS.actionsElements, (e, at) =>
          this.element(at, e),
        );
        return elements.length > 0 ? { ...out, elements } : null;
      }
      case 'input':
        return surface === 'message' ? null : this.input(path, out);
      default:
        return out;
    }
  }

  section(path: string, out: Node): Node | null {
    this.optionalText(out, 'text', path, LIMITS.sectionText);
    if (out['fields'] !== undefined) {
      const fields = this.list(`${path}.fields`, out['fields'], LIMITS.sectionFields, (f, at) =>
        this.text(at, f, LIMITS.fieldText),
      );
      if (fields.length > 0) out['fields'] = fields;
      else delete out['fields'];
    }
    if (out['accessory'] !== undefined) {
      const accessory = this.element(`${path}.accessory`, out['accessory']);
      if (accessory) out['accessory'] = accessory;
      else delete out['accessory'];
    }
    return out['text'] !== undefined || out['fields'] !== undefined ? out : null;
  }

  input(path: string, out: Node): Node | null {
    const label = this.text(`${path}.label`, out['label'], LIMITS.inputLabel, true);
    const element = this.element(`${path}.element`, out['element']);
    if (!label || !element) return null;
    this.optionalText(out, 'hint', path, LIMITS.inputHint, true);
    return { ...out, label, element };
  }

  /**
   * Every block fitted, and at most `max` of them: the surplus becomes one "…and N more" line, keeping a trailing
   * actions or context block (paging buttons, a hint) after it.
   */
  blocks(value: unknown, surface: Surface): Node[] {
    const blocks: unknown[] = Array.isArray(value) ? value : [];
    const fitted = blocks.flatMap((b, i): Node[] => {
      const block = this.block(`blocks[${i}]`, b, surface);
      return block ? [block] : [];
    });
    const max = surface === 'message' ? LIMITS.messageBlocks : LIMITS.modalBlocks;
    if (fitted.length <= max) return fitted;
    this.note('blocks', `${fitted.length} > ${max} blocks`);
    const last = fitted[fitted.length - 1] as Node;
    const tail = last['type'] === 'actions' || last['type'] === 'context' ? [last] : [];
    const head = fitted.slice(0, max - 1 - tail.length);
    const left = fitted.length - head.length - tail.length;
    const more: Node = { type: 'context', elements: [{ type: 'mrkdwn', text: moreLine(left), verbatim: true }] };
    return [...head, more, ...tail];
  }
}

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
