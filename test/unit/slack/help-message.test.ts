import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../../src/slack/escape.js';
import { parseCommand } from '../../../src/slack/parse/command.js';
import { SUBCOMMANDS, usageLine } from '../../../src/slack/parse/usage.js';
import { buildHelpBlocks, buildHelpText } from '../../../src/slack/views/replies.js';

const EXAMPLE_LINE = /`\/docspace-group ([^`]+)`$/;

describe('buildHelpText', () => {
  it.each(SUBCOMMANDS)('lists the usage of %s, escaped for mrkdwn', (sub) => {
    expect(buildHelpText()).toContain(`\`${escapeMrkdwn(usageLine(sub))}\``);
  });

  it('contains no raw angle brackets, so nothing in it is read as a mention or link', () => {
    expect(buildHelpText()).not.toMatch(/[<>]/);
  });

  it('shows the Development Team example', () => {
    expect(buildHelpText()).toContain(
      '`/docspace-group create "Development Team" manager @alice members @bob @carol reason: new project`',
    );
  });

  it('explains the reason suffix', () => {
    expect(buildHelpText()).toContain('reason: &lt;text&gt;');
  });

  it('gives examples the parser accepts', () => {
    const examples = buildHelpText()
      .split('\n')
      .flatMap((line) => EXAMPLE_LINE.exec(line)?.[1] ?? []);
    expect(examples).toHaveLength(3);
    for (const example of examples) {
      // Typed @names are not mentions; Slack would send <@U…> for a picked person.
      const asSlackSends = example.replace(/@(alice|bob|carol|dave)\b/g, '<@U0TEST0001>');
      expect(parseCommand(asSlackSends).ok, example).toBe(true);
    }
  });
});

describe('buildHelpBlocks', () => {
  it('holds the same text as buildHelpText in mrkdwn sections', () => {
    const blocks = buildHelpBlocks();
    expect(blocks.every((block) => block.type === 'section' && block.text?.type === 'mrkdwn')).toBe(true);
    expect(blocks.map((block) => block.text?.text).join('\n\n')).toBe(buildHelpText());
  });

  it('keeps every section within the 3000-character limit', () => {
    for (const block of buildHelpBlocks()) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
  });
});
