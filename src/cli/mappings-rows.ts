import type { LinkTarget } from '../domain/index.js';
import {
  type DocSpaceUserId,
  err,
  ok,
  type Result,
  type SlackUserId,
  toDocSpaceUserId,
  toSlackUserId,
} from '../domain/index.js';
import { toEmail } from '../slack/index.js';
import type { CsvRecord } from './csv.js';

/** One data row of an import file, its values trimmed. */
export interface ImportRow {
  readonly line: number;
  readonly slack: string;
  readonly docspace: string;
}

/** A row whose values are well formed. */
export interface CheckedRow extends ImportRow {
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

export function toImportRow(record: CsvRecord, columns: ImportColumns): ImportRow {
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
export function checkRow(row: ImportRow): Result<CheckedRow, string> {
  if (row.slack === '') return err('no Slack user id');
  const slackUserId = toSlackUserId(row.slack);
  if (slackUserId === null) return err('not a Slack user id (expected U… or W…, as in the member profile)');
  if (row.docspace === '') return err('no DocSpace email or user id');
  const target = toTarget(row.docspace);
  if (target === null) return err('not an email address or a DocSpace user id (GUID)');
  return ok({ ...row, slackUserId, target });
}

/** Keys that occur on more than one item, with the lines they occur on. */
export function findRepeats<T extends { readonly line: number }>(
  items: readonly T[],
  keyOf: (item: T) => string,
): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  for (const item of items) lines.set(keyOf(item), [...(lines.get(keyOf(item)) ?? []), item.line]);
  return new Map([...lines].filter(([, at]) => at.length > 1));
}
