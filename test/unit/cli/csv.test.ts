import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, formatCsvField, formatCsvRow, parseCsv } from '../../../src/cli/csv.js';
import { FUZZ_SEED, SEED_TITLE } from '../../helpers/fuzz-seed.js';

function records(text: string): CsvRecord[] {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(`expected the CSV to parse: ${parsed.error.message}`);
  return parsed.value;
}

const fieldsOf = (text: string) => records(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('splits a simple file into records and fields', () => {
    expect(fieldsOf('a,b\nc,d\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('reads the last record when the file has no final line break', () => {
    expect(fieldsOf('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('accepts CRLF, LF and lone CR line ends in one file', () => {
    expect(fieldsOf('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('drops a leading byte-order mark so the first header name is clean', () => {
    expect(fieldsOf('\uFEFFslack_user_id,docspace\n')).toEqual([['slack_user_id', 'docspace']]);
  });

  it('skips blank lines and lines holding only commas and whitespace', () => {
    expect(fieldsOf('a,b\n\n  \n,\n , \r\nc,d\n\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('numbers records by the line of the file they start on', () => {
    expect(records('h1,h2\n\nx,"multi\nline"\ny,z').map((r) => r.line)).toEqual([1, 3, 5]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(fieldsOf('"a,b","say ""hi""","one\r\ntwo"\n')).toEqual([['a,b', 'say "hi"', 'one\r\ntwo']]);
  });

  it('accepts spaces around a quoted field and returns unquoted fields exactly as written', () => {
    expect(fieldsOf('  "U0ALICE001" , alice@example.com \n')).toEqual([['U0ALICE001', ' alice@example.com ']]);
  });

  it('keeps an empty quoted field as an empty string', () => {
    expect(fieldsOf('a,"",c\n')).toEqual([['a', '', 'c']]);
  });

  it('keeps a trailing empty field after a final comma', () => {
    expect(fieldsOf('a,b,\n')).toEqual([['a', 'b', '']]);
  });

  it('reports a quoted field that is never closed, with the line it starts on', () => {
    expect(parseCsv('a,b\nc,"open\nstill open')).toEqual({
      ok: false,
      error: { line: 2, message: 'a quoted field is never closed' },
    });
  });

  it('reports text after a closing quote instead of guessing what was meant', () => {
    const parsed = parseCsv('a,"b"c\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toEqual({ line: 1, message: 'unexpected text after a closing quote' });
  });

  it('returns no records for an empty file or one holding only a byte-order mark', () => {
    expect(fieldsOf('')).toEqual([]);
    expect(fieldsOf('\uFEFF')).toEqual([]);
  });
});

describe('formatCsvField and formatCsvRow', () => {
  it('leaves plain values unquoted', () => {
    expect(formatCsvRow(['U0ALICE001', 'alice@example.com', 'manual'])).toBe('U0ALICE001,alice@example.com,manual');
  });

  it('quotes values holding commas, quotes, line breaks or edge whitespace and doubles inner quotes', () => {
    expect(formatCsvField('a,b')).toBe('"a,b"');
    expect(formatCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(formatCsvField('one\ntwo')).toBe('"one\ntwo"');
    expect(formatCsvField(' padded')).toBe('" padded"');
  });

  it(`writes rows that parse back to the same fields, whatever the fields hold ${SEED_TITLE}`, () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ',', '"', '\n', '\r', ' ', '\t', 'é', '@') });
    const row = fc.array(field, { minLength: 2, maxLength: 5 }).filter((r) => r.some((f) => f.trim() !== ''));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map(formatCsvRow).join('\r\n');
        expect(fieldsOf(text)).toEqual(rows);
      }),
      { seed: FUZZ_SEED },
    );
  });
});
