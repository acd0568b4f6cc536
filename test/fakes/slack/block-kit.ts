/**
 * What Slack checks before it accepts a message, a view or an options answer: the Block Kit limits that make it
 * answer `invalid_blocks` (messages), `invalid_arguments` (views) or `msg_too_long`, plus the structural rules the bot
 * could break (empty texts, plain_text where Slack wants it, duplicate block ids). One validator, written from Slack's
 * documentation and independent of src/, for the Slack double's strict mode and for the builders' property tests.
 * Sources: docs.slack.dev Block Kit reference, @slack/types doc comments, shared/slack-bolt.md §6 and §7b.
 */

const SLACK_LIMITS = {
  messageText: 40_000,
  messageBlocks: 50,
  viewBlocks: 100,
  text: 3000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  id: 255,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  placeholder: 150,
  options: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  choiceOptions: 10,
  overflowOptions: 5,
  inputLabel: 2000,
  inputHint: 2000,
  inputLength: 3000,
  viewLabel: 24,
  privateMetadata: 3000,
  altText: 2000,
} as const;

type Surface = 'message' | 'modal' | 'home';

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects problems as `path: what`, e.g. `blocks[3].text: 3993 > 3000 characters`. */
class Checker {
  readonly problems: string[] = [];
  private readonly blockIds = new Set<string>();

  problem(path: string, what: string): void {
    this.problems.push(`${path}: ${what}`);
  }

  max(path: string, value: unknown, limit: number): void {
    if (typeof value === 'string' && value.length > limit) this.problem(path, `${value.length} > ${limit} characters`);
  }

  id(path: string, value: unknown): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || value === '') this.problem(path, 'must be a non-empty string');
    else this.max(path, value, SLACK_LIMITS.id);
  }

  blockId(path: string, value: unknown): void {
    this.id(path, value);
    if (typeof value !== 'string') return;
    if (this.blockIds.has(value)) this.problem(path, `duplicate block_id ${JSON.stringify(value)}`);
    this.blockIds.add(value);
  }

  /** A text object: `plain` demands plain_text; its text is 1..limit characters. */
  text(path: string, value: unknown, limit: number, plain = false): void {
    if (!isNode(value)) {
      this.problem(path, 'must be a text object');
      return;
    }
    const type = value['type'];
    if (type !== 'plain_text' && type !== 'mrkdwn') {
      this.problem(`${path}.type`, `unknown text type ${type}`);
      return;
    }
    if (plain && type !== 'plain_text') this.problem(`${path}.type`, 'must be plain_text');
    const text = value['text'];
    if (typeof text !== 'string' || text.length === 0) {
      this.problem(`${path}.text`, 'must be 1 or more characters');
      return;
    }
    this.max(`${path}.text`, text, limit);
  }

  optionalText(path: string, value: unknown, limit: number, plain = false): void {
    if (value !== undefined) this.text(path, value, limit, plain);
  }

  count(path: string, value: unknown, min: number, max: number): unknown[] {
    if (!Array.isArray(value)) {
      if (min > 0) this.problem(path, 'must be an array');
      return [];
    }
    if (value.length < min || value.length > max) this.problem(path, `${value.length} items, allowed ${min}..${max}`);
    return value;
  }

  confirm(path: string, value: unknown): void {
    if (value === undefined) return;
    if (!isNode(value)) {
      this.problem(path, 'must be a confirmation object');
      return;
    }
    this.text(`${path}.title`, value['title'], SLACK_LIMITS.confirmTitle, true);
    this.text(`${path}.text`, value['text'], SLACK_LIMITS.confirmText);
    this.text(`${path}.confirm`, value['confirm'], SLACK_LIMITS.confirmButton, true);
    this.text(`${path}.deny`, value['deny'], SLACK_LIMITS.confirmButton, true);
  }

  option(path: string, value: unknown, plain: boolean): void {
    if (!isNode(value)) {
      this.problem(path, 'must be an option object');
      return;
    }
    this.text(`${path}.text`, value['text'], SLACK_LIMITS.optionText, plain);
    const v = value['value'];
    if (typeof v !== 'string' || v === '') this.problem(`${path}.value`, 'must be a non-empty string');
    else this.max(`${path}.value`, v, SLACK_LIMITS.optionValue);
    this.optionalText(`${path}.description`, value['description'], SLACK_LIMITS.optionDescription, true);
    this.max(`${path}.url`, value['url'], SLACK_LIMITS.url);
  }

  options(path: string, value: unknown, max: number, plain = true, min = 0): void {
    this.count(path, value, min, max).forEach((o, i) => {
      this.option(`${path}[${i}]`, o, plain);
    });
  }

  optionGroups(path: string, value: unknown): void {
    if (value === undefined) return;
    this.count(path, value, 1, SLACK_LIMITS.options).forEach((group, i) => {
      const p = `${path}[${i}]`;
      if (!isNode(group)) {
        this.problem(p, 'must be an option group');
        return;
      }
      this.text(`${p}.label`, group['label'], SLACK_LIMITS.optionText, true);
      this.options(`${p}.options`, group['options'], SLACK_LIMITS.options, true, 1);
    });
  }

  element(path: string, value: unknown, surface: Surface): void {
    if (!isNode(value)) {
      this.problem(path, 'must be an element object');
      return;
    }
    this.id(`${path}.action_id`, value['action_id']);
    this.confirm(`${path}.confirm`, value['confirm']);
    this.optionalText(`${path}.placeholder`, value['placeholder'], SLACK_LIMITS.placeholder, true);
    const type = value['type'];
    switch (type) {
      case 'button':
        this.text(`${path}.text`, value['text'], SLACK_LIMITS.buttonText, true);
        this.max(`${path}.value`, value['value'], SLACK_LIMITS.buttonValue);
        this.max(`${path}.url`, value['url'], SLACK_LIMITS.url);
        return;
      case 'static_select':
      case 'multi_static_select':
        if (value['options'] === undefined && value['option_groups'] === undefined) {
          this.problem(path, 'needs options or option_groups');
        }
        if (value['options'] !== undefined) this.options(`${path}.options`, value['options'], SLACK_LIMITS.options);
        this.optionGroups(`${path}.option_groups`, value['option_groups']);
        this.initialOptions(path, value);
        return;
      case 'external_select':
      case 'multi_external_select':
        this.initialOptions(path, value);
        return;
      case 'overflow':
        this.options(`${path}.options`, value['options'], SLACK_LIMITS.overflowOptions, true, 1);
        return;
      case 'checkboxes':
      case 'radio_buttons':
        this.options(`${path}.options`, value['options'], SLACK_LIMITS.choiceOptions, false, 1);
        return;
      case 'plain_text_input':
        this.inputLengths(path, value);
        return;
      case 'users_select':
      case 'multi_users_select':
      case 'conversations_select':
      case 'multi_conversations_select':
      case 'channels_select':
      case 'multi_channels_select':
      case 'datepicker':
      case 'timepicker':
      case 'datetimepicker':
      case 'email_text_input':
      case 'number_input':
      case 'url_text_input':
      case 'image':
        if (type === 'image') this.max(`${path}.alt_text`, value['alt_text'], SLACK_LIMITS.altText);
        return;
      default:
        if (surface === 'message' && type === undefined) this.problem(`${path}.type`, 'is missing');
    }
  }

  initialOptions(path: string, value: Node): void {
    if (value['initial_option'] !== undefined) this.option(`${path}.initial_option`, value['initial_option'], true);
    if (value['initial_options'] !== undefined) {
      this.options(`${path}.initial_options`, value['initial_options'], SLACK_LIMITS.options);
    }
  }

  inputLengths(path: string, value: Node): void {
    for (const key of ['min_length', 'max_length'] as const) {
      const n = value[key];
      if (n !== undefined && (typeof n !== 'number' || n < 0 || n > SLACK_LIMITS.inputLength)) {
        this.problem(`${path}.${key}`, `must be 0..${SLACK_LIMITS.inputLength}`);
      }
    }
    const max = typeof value['max_length'] === 'number' ? value['max_length'] : SLACK_LIMITS.inputLength;
    this.max(`${path}.initial_value`, value['initial_value'], max);
  }

  block(path: string, value: unknown, surface: Surface): void {
    if (!isNode(value)) {
      this.problem(path, 'must be a block object');
      return;
    }
    this.blockId(`${path}.block_id`, value['block_id']);
    switch (value['type']) {
      case 'section': {
        const { text, fields, accessory } = value;
        if (text === undefined && fields === undefined) this.problem(path, 'needs text or fields');
        this.optionalText(`${path}.text`, text, SLACK_LIMITS.sectionText);
        if (fields !== undefined) {
          this.count(`${path}.fields`, fields, 1, SLACK_LIMITS.sectionFields).forEach((f, i) => {
            this.text(`${path}.fields[${i}]`, f, SLACK_LIMITS.fieldText);
          });
        }
        if (accessory !== undefined) this.element(`${path}.accessory`, accessory, surface);
        return;
      }
      case 'header':
        this.text(`${path}.text`, value['text'], SLACK_LIMITS.headerText, true);
        return;
      case 'context':
        this.count(`${path}.elements`, value['elements'], 1, SLACK_LIMITS.contextElements).forEach((e, i) => {
          if (isNode(e) && e['type'] === 'image') this.max(`${path}.elements[${i}].alt_text`, e['alt_text'], 2000);
          else this.text(`${path}.elements[${i}]`, e, SLACK_LIMITS.text);
        });
        return;
      case 'actions':
        this.count(`${path}.elements`, value['elements'], 1, SLACK_LIMITS.actionsElements).forEach((e, i) => {
          this.element(`${path}.elements[${i}]`, e, surface);
        });
        return;
      case 'input':
        if (surface === 'message') this.problem(path, 'input blocks are for modals and the Home tab');
        this.text(`${path}.label`, value['label'], SLACK_LIMITS.inputLabel, true);
        this.optionalText(`${path}.hint`, value['hint'], SLACK_LIMITS.inputHint, true);
        this.element(`${path}.element`, value['element'], surface);
        return;
      case 'image':
        this.max(`${path}.alt_text`, value['alt_text'], SLACK_LIMITS.altText);
        this.max(`${path}.image_url`, value['image_url'], SLACK_LIMITS.url);
        this.optionalText(`${path}.title`, value['title'], SLACK_LIMITS.altText, true);
        return;
      case 'divider':
      case 'rich_text':
      case 'file':
      case 'video':
      case 'markdown':
        return;
      default:
        this.problem(`${path}.type`, `unknown block type ${JSON.stringify(value['type'])}`);
    }
  }

  blocks(path: string, value: unknown, surface: Surface): void {
    const max = surface === 'message' ? SLACK_LIMITS.messageBlocks : SLACK_LIMITS.viewBlocks;
    this.count(path, value, 0, max).forEach((b, i) => {
      this.block(`${path}[${i}]`, b, surface);
    });
  }
}

/** Problems Slack would reject a message for (chat.postMessage, chat.update, chat.postEphemeral, response_url). */
export function messageProblems(message: { readonly text?: unknown; readonly blocks?: unknown }): string[] {
  const check = new Checker();
  if (message.text !== undefined && typeof message.text !== 'string') check.problem('text', 'must be a string');
  check.max('text', message.text, SLACK_LIMITS.messageText);
  if (message.blocks !== undefined) check.blocks('blocks', message.blocks, 'message');
  return check.problems;
}

/** Problems Slack would reject a view for (views.open, views.update, views.push, views.publish). */
export function viewProblems(view: unknown): string[] {
  const check = new Checker();
  if (!isNode(view)) return ['view: must be an object'];
  const surface: Surface = view['type'] === 'home' ? 'home' : 'modal';
  if (surface === 'modal') {
    if (view['type'] !== 'modal') check.problem('type', `unknown view type ${JSON.stringify(view['type'])}`);
    check.text('title', view['title'], SLACK_LIMITS.viewLabel, true);
    check.optionalText('submit', view['submit'], SLACK_LIMITS.viewLabel, true);
    check.optionalText('close', view['close'], SLACK_LIMITS.viewLabel, true);
    const hasInput = Array.isArray(view['blocks']) && view['blocks'].some((b) => isNode(b) && b['type'] === 'input');
    if (hasInput && view['submit'] === undefined) check.problem('submit', 'is required when the view has an input');
  }
  check.max('private_metadata', view['private_metadata'], SLACK_LIMITS.privateMetadata);
  check.id('callback_id', view['callback_id']);
  check.id('external_id', view['external_id']);
  check.blocks('blocks', view['blocks'], surface);
  return check.problems;
}

/** Problems in a block_suggestion answer (`ack({ options })`). */
export function optionsProblems(options: unknown): string[] {
  const check = new Checker();
  check.options('options', options, SLACK_LIMITS.options);
  return check.problems;
}

const MESSAGE_METHODS: ReadonlySet<string> = new Set([
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
  'chat.scheduleMessage',
]);
const VIEW_METHODS: ReadonlySet<string> = new Set(['views.open', 'views.update', 'views.push', 'views.publish']);

/** What Slack answers a Web API call that breaks the limits (null when the call is fine): Slack's error and its detail. */
export function rejectionFor(
  method: string,
  args: Record<string, unknown>,
): { error: string; problems: string[] } | null {
  if (MESSAGE_METHODS.has(method)) {
    const problems = messageProblems(args);
    if (problems.length === 0) return null;
    const textOnly = problems.every((p) => p.startsWith('text:'));
    return { error: textOnly ? 'msg_too_long' : 'invalid_blocks', problems };
  }
  if (VIEW_METHODS.has(method)) {
    const problems = viewProblems(args['view']);
    return problems.length === 0 ? null : { error: 'invalid_arguments', problems };
  }
  return null;
}
