import { truncate } from '../escape.js';
import { clipLines, LIMITS, moreLine } from './limits.js';

/**
 * One pass over a message, view or options answer, fitting each part to Block Kit limits (views/fit.ts runs it):
 * texts shortened without splitting an entity or a mention, lists cut at whole lines, surplus blocks replaced by one
 * "…and N more" line, mrkdwn made verbatim, and what cannot be made valid (a button whose value cannot fit, an empty
 * section) left out. It notes every change as `path: what` (paths and lengths, never the text).
 */

export type Node = Record<string, unknown>;
export type Surface = 'message' | 'modal' | 'home';

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

export class Fitter {
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

  /** An id that does not fit cannot be shortened without breaking what matches it: false means "leave it out". */
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
