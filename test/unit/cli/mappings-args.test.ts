import { describe, expect, it } from 'vitest';
import { parseMappingsArgs } from '../../../src/cli/mappings-args.js';

describe('parseMappingsArgs', () => {
  it('reads import with its file and an optional --team in either spelling', () => {
    expect(parseMappingsArgs(['import', 'a.csv'])).toEqual({ kind: 'import', file: 'a.csv', team: null });
    expect(parseMappingsArgs(['--team', 'T0TEAM0001', 'import', 'a.csv'])).toEqual({
      kind: 'import',
      file: 'a.csv',
      team: 'T0TEAM0001',
    });
    expect(parseMappingsArgs(['export', '--team=T0TEAM0001'])).toEqual({ kind: 'export', team: 'T0TEAM0001' });
  });

  it('treats help, --help and -h as help', () => {
    for (const arg of ['help', '--help', '-h']) expect(parseMappingsArgs([arg])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], 'Missing command.'],
    [['import'], 'import needs the CSV file to read.'],
    [['import', 'a.csv', 'b.csv'], 'Unexpected arguments: b.csv'],
    [['export', 'x'], 'Unexpected arguments: x'],
    [['wipe'], 'Unknown command: wipe'],
    [['export', '--force'], 'Unknown option: --force'],
    [['export', '--team'], '--team needs a Slack team id (T…).'],
    [['export', '--team', 'acme'], '--team acme is not a Slack team id (T…).'],
  ])('refuses %j with "%s"', (argv, message) => {
    expect(parseMappingsArgs(argv)).toEqual({ kind: 'usage_error', message });
  });
});
