import type { SectionBlock } from '@slack/types';
import { escapeMrkdwn } from '../escape.js';
import { COMMAND } from '../ids.js';
import { MUTATING_SUBCOMMANDS, SUBCOMMAND_HELP, SUBCOMMANDS, type Subcommand, usageLine } from '../parse-usage.js';
import { section } from './blocks.js';

const SECTIONS: readonly { readonly title: string; readonly subcommands: readonly Subcommand[] }[] = [
  { title: 'Groups', subcommands: ['create', 'manager', 'add', 'remove', 'rename', 'delete', 'show', 'list'] },
  { title: 'You', subcommands: ['whoami', 'requests', 'help'] },
  { title: 'Admins only', subcommands: SUBCOMMANDS.filter((sub) => SUBCOMMAND_HELP[sub].adminOnly) },
];

const EXAMPLES = [
  `${COMMAND} create "Development Team" manager @alice members @bob @carol reason: new project`,
  `${COMMAND} add "Development Team" @dave dave.smith@example.com`,
  `${COMMAND} rename “Development Team” “Platform Team” reason: reorg`,
];

function commandLine(sub: Subcommand): string {
  return `\`${escapeMrkdwn(usageLine(sub))}\` ${escapeMrkdwn(SUBCOMMAND_HELP[sub].summary)}`;
}

/** The help as mrkdwn parts: intro, one part per command family, notes, examples. */
function helpParts(): string[] {
  const changes = [...MUTATING_SUBCOMMANDS].join(', ');
  const intro = `*Manage DocSpace groups from Slack.* \`${COMMAND}\` on its own opens a menu.`;
  const families = SECTIONS.map(({ title, subcommands }) => [`*${title}*`, ...subcommands.map(commandLine)].join('\n'));
  const notes = [
    '*Good to know*',
    `• Changes (${changes}) may end with \`reason: ${escapeMrkdwn('<text>')}\`; it is recorded with the change.`,
    '• Put names with spaces in quotes: "Dev Team" or “Dev Team”. A group can also be given by its DocSpace id.',
    '• People are @mentions (pick them from Slack’s suggestions) or email addresses.',
    '• `create` or `manager` without arguments opens a form.',
  ].join('\n');
  const examples = ['*Examples*', ...EXAMPLES.map((line) => `\`${escapeMrkdwn(line)}\``)].join('\n');
  return [intro, ...families, notes, examples];
}

/** The grammar of `/docspace-group` with one-line explanations and examples, as mrkdwn. */
export function buildHelpText(): string {
  return helpParts().join('\n\n');
}

/** The same help as Block Kit: one mrkdwn section per part. */
export function buildHelpBlocks(): SectionBlock[] {
  return helpParts().map(section);
}
