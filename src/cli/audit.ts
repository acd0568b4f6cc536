#!/usr/bin/env node
import pino from 'pino';
import type { AuditEntry, Storage } from '../domain/index.js';
import { createLogger } from '../logger.js';
import { runAuditPrune } from './audit-prune.js';
import { isEntryPoint, loadDotEnv, stderrLine, stdoutLine } from './process.js';
import { withExistingStore } from './store.js';

const PAGE_SIZE = 500;

export const AUDIT_USAGE = [
  'Usage: npm run -s audit -- <command>   (or: node dist/cli/audit.js <command>)',
  '',
  'Commands:',
  '  export   Write every audit entry to stdout as one JSON object per line, oldest first.',
  '  prune    --before <date> [--dry-run]: remove the entries recorded before <date> (prune --help).',
  '  help     Show this text.',
  '',
  'The store is the one DATABASE_URL names (from the environment or ./.env; unset: ./data/docspace-bot.sqlite).',
  'It must exist: the tool never creates one. Messages go to stderr; exit 1 when the store cannot be read.',
].join('\n');

export type AuditCommand =
  | { readonly kind: 'export' | 'help' }
  | { readonly kind: 'usage_error'; readonly message: string };

export interface AuditCliDeps {
  readonly storage: Storage;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export function parseAuditArgs(argv: readonly string[]): AuditCommand {
  const [command, ...rest] = argv;
  if (command === undefined) return { kind: 'usage_error', message: 'Missing command.' };
  if (rest.length > 0) return { kind: 'usage_error', message: `Unexpected arguments: ${rest.join(' ')}` };
  if (command === 'export') return { kind: 'export' };
  if (command === 'help' || command === '--help' || command === '-h') return { kind: 'help' };
  return { kind: 'usage_error', message: `Unknown command: ${command}` };
}

/** Runs `audit <command>` against an open store; returns the exit code (2 for a usage error, 1 for a failure). */
export async function runAuditCli(argv: readonly string[], deps: AuditCliDeps): Promise<number> {
  const command = parseAuditArgs(argv);
  if (command.kind !== 'export') return answerWithoutStore(command, deps);
  try {
    await exportAudit(deps);
    return 0;
  } catch (error) {
    deps.err(`Audit export failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function answerWithoutStore(command: AuditCommand, deps: Pick<AuditCliDeps, 'out' | 'err'>): number {
  if (command.kind === 'usage_error') {
    deps.err(command.message);
    deps.err(AUDIT_USAGE);
    return 2;
  }
  deps.out(AUDIT_USAGE);
  return 0;
}

async function exportAudit(deps: AuditCliDeps): Promise<void> {
  let afterId = 0;
  for (;;) {
    const page = await deps.storage.audit.listAfter(afterId, PAGE_SIZE);
    for (const entry of page) deps.out(toJsonLine(entry));
    const last = page.at(-1);
    if (last === undefined || page.length < PAGE_SIZE) return;
    afterId = last.id;
  }
}

/** One entry as JSON, its date as an ISO-8601 string. */
export function toJsonLine(entry: AuditEntry): string {
  return JSON.stringify({ ...entry, at: entry.at.toISOString() });
}

async function main(argv: readonly string[]): Promise<number> {
  const out = stdoutLine;
  const err = stderrLine;
  // Retention (audit-prune.ts) opens the store its own way: it lifts the append-only trigger for one transaction.
  if (argv[0] === 'prune') {
    loadDotEnv();
    return runAuditPrune(argv.slice(1), { databaseUrl: process.env['DATABASE_URL'], now: new Date(), out, err });
  }
  const command = parseAuditArgs(argv);
  // Usage and help never open (or create) a store.
  if (command.kind !== 'export') return answerWithoutStore(command, { out, err });
  loadDotEnv();
  // Logs go to stderr: stdout carries only the exported lines.
  const logger = createLogger({ level: 'warn', destination: pino.destination(2) });
  return withExistingStore({ databaseUrl: process.env['DATABASE_URL'], logger, err }, (storage) =>
    runAuditCli(argv, { storage, out, err }),
  );
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
