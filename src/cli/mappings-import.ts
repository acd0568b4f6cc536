import type { DocSpaceUser, LinkTarget, SlackTeamId } from '../domain/index.js';
import {
  type DocSpaceGateway,
  type DocSpaceUserId,
  err,
  isGatewayError,
  type Logger,
  lookupDocSpaceUser,
  mapWithConcurrency,
  newMapping,
  ok,
  type Result,
  recordAudit,
  type SlackUserId,
  type Storage,
  toDocSpaceUserId,
  toSlackUserId,
  type UserMapping,
  unusableReason,
} from '../domain/index.js';
import { toEmail } from '../slack/index.js';
import type { CsvRecord } from './csv.js';

/** At most this many DocSpace look-ups are in flight at once. */
const IMPORT_CONCURRENCY = 8;

type RowStatus = 'linked' | 'unchanged' | 'skipped';

export interface RowReport extends ImportRow {
  readonly status: RowStatus;
  readonly reason: string;
}

export interface ImportDeps {
  readonly storage: Storage;
  readonly docspace: DocSpaceGateway;
  readonly teamId: SlackTeamId;
  readonly now: () => Date;
  readonly logger: Logger;
}

interface Found extends CheckedRow {
  readonly index: number;
  readonly user: DocSpaceUser;
}

/** Terminal-safe text: control characters (line breaks, escapes) become spaces. */
function plain(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ');
}

const nameOf = (user: DocSpaceUser) => `${plain(user.displayName)} (${user.id})`;

/** The DocSpace user a row names, or why it cannot be linked. Outages are a per-row reason, not a crash. */
async function findUser(docspace: DocSpaceGateway, target: LinkTarget): Promise<DocSpaceUser | string> {
  try {
    const found = await lookupDocSpaceUser(() =>
      target.kind === 'email' ? docspace.getUserByEmail(target.email) : docspace.getUserById(target.id),
    );
    if (found === 'docspace_user_not_found')
      return `no DocSpace user has this ${target.kind === 'email' ? 'email' : 'id'}`;
    if (found === 'docspace_lookup_forbidden') return 'the DocSpace API key may not look people up';
    const unusable = unusableReason(found);
    if (unusable === 'docspace_user_disabled') return `the DocSpace account ${nameOf(found)} is disabled`;
    if (unusable === 'docspace_user_guest') return `${nameOf(found)} is a DocSpace guest; guests cannot be linked`;
    return found;
  } catch (error) {
    if (isGatewayError(error)) return `the DocSpace look-up failed (${error.code}); nothing was written, try again`;
    throw error;
  }
}

function manualMapping(deps: ImportDeps, row: CheckedRow, user: DocSpaceUser): UserMapping {
  return newMapping({
    teamId: deps.teamId,
    slackUserId: row.slackUserId,
    user,
    source: 'manual',
    createdBy: null,
    now: deps.now(),
  });
}

function linkedNote(existing: UserMapping | null, user: DocSpaceUser): string {
  if (existing === null) return `now linked to ${nameOf(user)}`;
  if (existing.docspaceUserId === user.id) return `now linked by hand to ${nameOf(user)} (was an email match)`;
  return `now linked to ${nameOf(user)} (replaces ${existing.docspaceUserId})`;
}

/** Stores one row as a manual mapping and audits it, unless it is already so or another Slack user holds the account. */
async function applyRow(deps: ImportDeps, row: Found): Promise<{ status: RowStatus; reason: string }> {
  const { mappings } = deps.storage;
  const existing = await mappings.get(deps.teamId, row.slackUserId);
  if (existing?.docspaceUserId === row.user.id && existing.source === 'manual') {
    return { status: 'unchanged', reason: `already linked to ${nameOf(row.user)}` };
  }
  const mapping = manualMapping(deps, row, row.user);
  const saved = await mappings.save(mapping);
  // Manual links are never blocked (they lift an unlink block): only a conflict refuses one.
  if (!saved.ok && 'conflict' in saved) {
    const reason = `${nameOf(row.user)} is already linked to ${saved.conflict.slackUserId}; unlink that first`;
    return { status: 'skipped', reason: `line ${row.line}: ${reason}` };
  }
  await recordAudit(
    { audit: deps.storage.audit, logger: deps.logger },
    {
      at: mapping.createdAt,
      teamId: deps.teamId,
      actorSlackId: null,
      actorDocSpaceId: null,
      onBehalfOf: [],
      requestId: null,
      action: 'link',
      groupId: null,
      groupName: null,
      before: existing,
      after: { mapping },
      outcome: 'succeeded',
      detail: 'csv import',
    },
  );
  return { status: 'linked', reason: linkedNote(existing, row.user) };
}

type Skip = (index: number, reason: string) => void;
type Indexed = CheckedRow & { readonly index: number };

/** Format checks, then rows naming the same Slack user more than once are refused together. */
function checkRows(rows: readonly ImportRow[], skip: Skip): Indexed[] {
  const checked: Indexed[] = [];
  rows.forEach((row, index) => {
    const result = checkRow(row);
    if (result.ok) checked.push({ ...result.value, index });
    else skip(index, result.error);
  });
  const sameSlack = findRepeats(checked, (r) => r.slackUserId);
  return checked.filter((r) => {
    const lines = sameSlack.get(r.slackUserId);
    if (lines) skip(r.index, `${r.slackUserId} is on more than one line (${lines.join(', ')}); keep only one`);
    return !lines;
  });
}

/** Looks every row's DocSpace user up (bounded concurrency); rows claiming one DocSpace user are refused together. */
async function findUsers(deps: ImportDeps, rows: readonly Indexed[], skip: Skip): Promise<Found[]> {
  const found = await mapWithConcurrency(rows, IMPORT_CONCURRENCY, (r) => findUser(deps.docspace, r.target));
  const usable: Found[] = [];
  rows.forEach((r, k) => {
    const user = found[k] as DocSpaceUser | string;
    if (typeof user === 'string') skip(r.index, user);
    else usable.push({ ...r, user });
  });
  const sameUser = findRepeats(usable, (r) => r.user.id);
  return usable.filter((r) => {
    const lines = sameUser.get(r.user.id);
    if (lines) skip(r.index, `${nameOf(r.user)} is claimed by more than one Slack user (lines ${lines.join(', ')})`);
    return !lines;
  });
}

/**
 * Imports data records (header excluded): every row is checked (format, repeats in the file, DocSpace look-up,
 * disabled, guest, held by another Slack user) and only valid rows are written. Reports come back in file order.
 */
export async function importMappings(
  records: readonly CsvRecord[],
  columns: ImportColumns,
  deps: ImportDeps,
): Promise<RowReport[]> {
  const rows = records.map((r) => toImportRow(r, columns));
  const reports = new Map<number, RowReport>();
  const report = (index: number, outcome: { status: RowStatus; reason: string }) =>
    reports.set(index, { ...(rows[index] as ImportRow), ...outcome });
  const skip: Skip = (index, reason) =>
    report(index, { status: 'skipped', reason: `line ${rows[index]?.line}: ${reason}` });
  const usable = await findUsers(deps, checkRows(rows, skip), skip);
  // Writes run one at a time, in file order, so the audit log reads like the file.
  for (const row of usable) report(row.index, await applyRow(deps, row));
  return rows.map((_, index) => reports.get(index) as RowReport);
}

/** `linked|skipped|unchanged  <slack_user_id>  <docspace>  <reason>` */
export function formatReportLine(report: RowReport): string {
  return [report.status, plain(report.slack) || '-', plain(report.docspace) || '-', report.reason].join('  ');
}

export function formatSummary(reports: readonly RowReport[]): string {
  const count = (status: RowStatus) => reports.filter((r) => r.status === status).length;
  return `${count('linked')} linked, ${count('unchanged')} unchanged, ${count('skipped')} skipped`;
}

/** One data row of an import file, its values trimmed. */
interface ImportRow {
  readonly line: number;
  readonly slack: string;
  readonly docspace: string;
}

/** A row whose values are well formed. */
interface CheckedRow extends ImportRow {
  readonly slackUserId: SlackUserId;
  readonly target: LinkTarget;
}

export interface ImportColumns {
  readonly slack: number;
  readonly docspace: number;
}

const SLACK_COLUMN = 'slack_user_id';
/** `docspace` (email or id) is the import column; the export's columns are accepted too, so an export re-imports. */
const DOCSPACE_COLUMNS = ['docspace', 'docspace_user_id', 'docspace_email'] as const;

/** Finds the columns by name (case and whitespace ignored; other columns are ignored). */
export function findColumns(header: CsvRecord | undefined): Result<ImportColumns, string> {
  const expected = `the first line must be the header "${SLACK_COLUMN},docspace"`;
  if (header === undefined) return err(`The file is empty: ${expected}.`);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  if (new Set(names).size !== names.length) return err(`The header names a column twice: ${expected}.`);
  const slack = names.indexOf(SLACK_COLUMN);
  const docspace = DOCSPACE_COLUMNS.map((c) => names.indexOf(c)).find((i) => i >= 0);
  if (slack < 0 || docspace === undefined) return err(`Bad header "${header.fields.join(',')}": ${expected}.`);
  return ok({ slack, docspace });
}

function toImportRow(record: CsvRecord, columns: ImportColumns): ImportRow {
  return {
    line: record.line,
    slack: (record.fields[columns.slack] ?? '').trim(),
    docspace: (record.fields[columns.docspace] ?? '').trim(),
  };
}

function toTarget(value: string): LinkTarget | null {
  const id = toDocSpaceUserId(value);
  if (id !== null) return { kind: 'id', id: id as DocSpaceUserId };
  const email = toEmail(value);
  return email === null ? null : { kind: 'email', email };
}

/** Format checks only: a Slack user id (U… or W…) and a DocSpace email or user GUID. */
function checkRow(row: ImportRow): Result<CheckedRow, string> {
  if (row.slack === '') return err('no Slack user id');
  const slackUserId = toSlackUserId(row.slack);
  if (slackUserId === null) return err('not a Slack user id (expected U… or W…, as in the member profile)');
  if (row.docspace === '') return err('no DocSpace email or user id');
  const target = toTarget(row.docspace);
  if (target === null) return err('not an email address or a DocSpace user id (GUID)');
  return ok({ ...row, slackUserId, target });
}

/** Keys that occur on more than one item, with the lines they occur on. */
function findRepeats<T extends { readonly line: number }>(
  items: readonly T[],
  keyOf: (item: T) => string,
): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  for (const item of items) lines.set(keyOf(item), [...(lines.get(keyOf(item)) ?? []), item.line]);
  return new Map([...lines].filter(([, at]) => at.length > 1));
}
