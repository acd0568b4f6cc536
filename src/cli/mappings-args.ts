import { type SlackTeamId, toSlackTeamId } from '../domain/index.js';

export const MAPPINGS_USAGE = [
  'Usage: npm run mappings -- <command> [--team T…]',
  '',
  'Commands:',
  '  import <file.csv>  Link Slack users to DocSpace accounts in bulk. The file starts with the header',
  '                     "slack_user_id,docspace"; docspace is an email or a DocSpace user id. Every row is',
  '                     checked first; only valid rows are saved (as manual links). Prints one line per row',
  '                     and a summary; exits 0 when every row was linked or unchanged, 1 when some were skipped.',
  '  export             Write every mapping to stdout as CSV',
  '                     (slack_user_id,docspace_user_id,docspace_email,source,verified_at).',
  '  help               Show this text.',
  '',
  'Options:',
  '  --team T…          The Slack team (workspace) the rows belong to; default SLACK_TEAM_ID.',
  '                     Required for import; export lists every team without it.',
  '',
  'Environment: DATABASE_URL (unset: ./data/docspace-bot.sqlite), DOCSPACE_URL and DOCSPACE_API_KEY (import),',
  'DOCSPACE_TIMEOUT_MS, DOCSPACE_MAX_RETRIES, SLACK_TEAM_ID, LOG_LEVEL (default warn; logs go to stderr).',
].join('\n');

export type MappingsCommand =
  | { readonly kind: 'import'; readonly file: string; readonly team: SlackTeamId | null }
  | { readonly kind: 'export'; readonly team: SlackTeamId | null }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage_error'; readonly message: string };

type Split = { positional: string[]; team: string | null } | { error: string };

function splitOptions(argv: readonly string[]): Split {
  const positional: string[] = [];
  let team: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--team' || arg.startsWith('--team=')) {
      const value = arg === '--team' ? argv[++i] : arg.slice('--team='.length);
      if (value === undefined || value === '') return { error: '--team needs a Slack team id (T…).' };
      team = value;
    } else if (arg.startsWith('--') && arg !== '--help') {
      return { error: `Unknown option: ${arg}` };
    } else positional.push(arg);
  }
  return { positional, team };
}

export function parseMappingsArgs(argv: readonly string[]): MappingsCommand {
  const split = splitOptions(argv);
  if ('error' in split) return { kind: 'usage_error', message: split.error };
  const team = split.team === null ? null : toSlackTeamId(split.team);
  if (split.team !== null && team === null) {
    return { kind: 'usage_error', message: `--team ${split.team} is not a Slack team id (T…).` };
  }
  const [command, ...rest] = split.positional;
  if (command === undefined) return { kind: 'usage_error', message: 'Missing command.' };
  if (command === 'help' || command === '--help' || command === '-h') return { kind: 'help' };
  if (command === 'export') {
    return rest.length === 0
      ? { kind: 'export', team }
      : { kind: 'usage_error', message: `Unexpected arguments: ${rest.join(' ')}` };
  }
  if (command !== 'import') return { kind: 'usage_error', message: `Unknown command: ${command}` };
  const [file, ...extra] = rest;
  if (file === undefined) return { kind: 'usage_error', message: 'import needs the CSV file to read.' };
  if (extra.length > 0) return { kind: 'usage_error', message: `Unexpected arguments: ${extra.join(' ')}` };
  return { kind: 'import', file, team };
}
