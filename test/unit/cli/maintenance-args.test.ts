import { describe, expect, it } from 'vitest';
import { parseCutoff, parsePruneArgs } from '../../../src/cli/audit-prune.js';
import { parseBackupArgs } from '../../../src/cli/backup.js';

const NOW = new Date('2026-06-15T12:00:00.000Z');

describe('audit prune: the --before date', () => {
  it('reads a calendar day as midnight UTC and a zoned ISO time as that instant', () => {
    expect(parseCutoff('2025-01-31')?.toISOString()).toBe('2025-01-31T00:00:00.000Z');
    expect(parseCutoff('2025-01-31T12:30:00Z')?.toISOString()).toBe('2025-01-31T12:30:00.000Z');
    expect(parseCutoff('2025-01-31T12:30+02:00')?.toISOString()).toBe('2025-01-31T10:30:00.000Z');
  });

  it.each(['2025-02-30', '2025-13-01', '2025-01-31T12:30:00', 'yesterday', '31/01/2025', '', '1738281600'])(
    'refuses %j (a day that does not exist, a time without a zone, anything else)',
    (value) => {
      expect(parseCutoff(value)).toBeNull();
    },
  );
});

describe('audit prune: arguments', () => {
  it('takes --before in both spellings, and --dry-run', () => {
    expect(parsePruneArgs(['--before', '2025-01-01'], NOW)).toEqual({
      kind: 'prune',
      before: new Date('2025-01-01T00:00:00.000Z'),
      dryRun: false,
    });
    expect(parsePruneArgs(['--dry-run', '--before=2025-01-01'], NOW)).toMatchObject({ kind: 'prune', dryRun: true });
  });

  it('refuses a missing or unreadable date, a date in the future, and anything unexpected, naming the problem', () => {
    expect(parsePruneArgs([], NOW)).toEqual({ kind: 'usage_error', message: 'prune needs --before <date>.' });
    expect(parsePruneArgs(['--before'], NOW)).toMatchObject({ kind: 'usage_error' });
    expect(parsePruneArgs(['--before', 'last-year'], NOW)).toMatchObject({
      message: expect.stringContaining('not a date'),
    });
    expect(parsePruneArgs(['--before', '2026-06-16'], NOW)).toMatchObject({
      message: expect.stringContaining('in the future'),
    });
    expect(parsePruneArgs(['--before', '2025-01-01', '--force'], NOW)).toEqual({
      kind: 'usage_error',
      message: 'Unexpected argument: --force',
    });
  });

  it('accepts today, up to now', () => {
    expect(parsePruneArgs(['--before', '2026-06-15'], NOW)).toMatchObject({ kind: 'prune' });
    expect(parsePruneArgs(['--before', '2026-06-15T12:00:00Z'], NOW)).toMatchObject({ kind: 'prune' });
  });
});

describe('backup: arguments', () => {
  it('takes exactly one file', () => {
    expect(parseBackupArgs(['backups/bot.sqlite'])).toEqual({ kind: 'backup', destination: 'backups/bot.sqlite' });
    expect(parseBackupArgs([])).toEqual({ kind: 'usage_error', message: 'Missing the backup file.' });
    expect(parseBackupArgs(['a.sqlite', 'b.sqlite'])).toMatchObject({ kind: 'usage_error' });
    expect(parseBackupArgs(['--online'])).toEqual({ kind: 'usage_error', message: 'Unknown option: --online' });
    expect(parseBackupArgs(['--help'])).toEqual({ kind: 'help' });
  });
});
