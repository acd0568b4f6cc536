import { err, ok, type Result } from '../domain/index.js';

/**
 * A small RFC 4180 CSV reader and writer for the mappings CLI. Reading is lenient where spreadsheets are sloppy:
 * a leading byte-order mark, CRLF, LF or CR line ends, blank lines, and spaces around quoted fields are accepted.
 * Unquoted fields come back exactly as written (callers trim); quoted fields may hold commas, quotes ("") and line breaks.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvError {
  readonly line: number;
  readonly message: string;
}

type FieldEnd = 'comma' | 'eol' | 'eof';

interface Cursor {
  readonly text: string;
  pos: number;
  line: number;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';

/** Consumes one line end (CRLF, LF or CR) at the cursor, if there is one. */
function takeLineEnd(cur: Cursor): boolean {
  const c = cur.text[cur.pos];
  if (c === '\r') cur.pos += cur.text[cur.pos + 1] === '\n' ? 2 : 1;
  else if (c === '\n') cur.pos += 1;
  else return false;
  cur.line += 1;
  return true;
}

/** What follows a field: a comma, a line end, or the end of the text (each consumed). */
function takeFieldEnd(cur: Cursor): FieldEnd | null {
  if (cur.pos >= cur.text.length) return 'eof';
  if (cur.text[cur.pos] === ',') {
    cur.pos += 1;
    return 'comma';
  }
  return takeLineEnd(cur) ? 'eol' : null;
}

function readQuoted(cur: Cursor): Result<{ value: string; end: FieldEnd }, CsvError> {
  const startLine = cur.line;
  let value = '';
  cur.pos += 1;
  for (;;) {
    if (cur.pos >= cur.text.length) return err({ line: startLine, message: 'a quoted field is never closed' });
    const c = cur.text[cur.pos] as string;
    if (c === '"' && cur.text[cur.pos + 1] === '"') {
      value += '"';
      cur.pos += 2;
    } else if (c === '"') {
      cur.pos += 1;
      break;
    } else if (c === '\r' || c === '\n') {
      const from = cur.pos;
      takeLineEnd(cur);
      value += cur.text.slice(from, cur.pos);
    } else {
      value += c;
      cur.pos += 1;
    }
  }
  while (isSpace(cur.text[cur.pos])) cur.pos += 1;
  const end = takeFieldEnd(cur);
  if (end === null) return err({ line: cur.line, message: 'unexpected text after a closing quote' });
  return ok({ value, end });
}

function readField(cur: Cursor): Result<{ value: string; end: FieldEnd }, CsvError> {
  let probe = cur.pos;
  while (isSpace(cur.text[probe])) probe += 1;
  if (cur.text[probe] === '"') {
    cur.pos = probe;
    return readQuoted(cur);
  }
  const from = cur.pos;
  while (cur.pos < cur.text.length && !/[,\r\n]/.test(cur.text[cur.pos] as string)) cur.pos += 1;
  const value = cur.text.slice(from, cur.pos);
  return ok({ value, end: takeFieldEnd(cur) as FieldEnd });
}

function readRecord(cur: Cursor): Result<string[], CsvError> {
  const fields: string[] = [];
  for (;;) {
    const field = readField(cur);
    if (!field.ok) return field;
    fields.push(field.value.value);
    if (field.value.end !== 'comma') return ok(fields);
  }
}

/** Records in file order; lines holding nothing but commas and whitespace are skipped. */
export function parseCsv(input: string): Result<CsvRecord[], CsvError> {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const cur: Cursor = { text, pos: 0, line: 1 };
  const records: CsvRecord[] = [];
  while (cur.pos < text.length) {
    const line = cur.line;
    const record = readRecord(cur);
    if (!record.ok) return record;
    if (record.value.some((f) => f.trim() !== '')) records.push({ line, fields: record.value });
  }
  return ok(records);
}

/** Quotes a field when it holds a comma, quote, line break or edge whitespace; inner quotes are doubled. */
export function formatCsvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsvRow(fields: readonly string[]): string {
  return fields.map(formatCsvField).join(',');
}
