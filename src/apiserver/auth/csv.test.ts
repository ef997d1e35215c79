/** Cases from Go's encoding/csv behaviour (default Reader, FieldsPerRecord = -1), which Kubernetes' token file uses. */
import { describe, expect, it } from 'vitest';
import { CsvParseError, readCsv } from './csv.js';

const records = (text: string) => readCsv(text).map((r) => r.fields);

function error(text: string): { startLine: number; line: number; column: number; kind: string; message: string } {
  try {
    readCsv(text);
  } catch (err) {
    if (!(err instanceof CsvParseError)) throw err;
    return { startLine: err.startLine, line: err.line, column: err.column, kind: err.kind, message: err.message };
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

describe('readCsv', () => {
  it('reads plain, quoted, escaped and multi-line fields', () => {
    expect(records('a,b,c\n')).toEqual([['a', 'b', 'c']]);
    expect(records('a,b,c,')).toEqual([['a', 'b', 'c', '']]);
    expect(records('"the ""word"" is true","a ""quoted-field"""')).toEqual([['the "word" is true', 'a "quoted-field"']]);
    expect(records('"Multi-line\nfield","comma is ,"')).toEqual([['Multi-line\nfield', 'comma is ,']]);
    expect(records('""""""""')).toEqual([['"""']]);
    expect(records('"\n\n\n\n"')).toEqual([['\n\n\n\n']]);
    expect(records('a,b,c\n\nd,e')).toEqual([['a', 'b', 'c'], ['d', 'e']]);
  });

  it('treats carriage returns as Go does', () => {
    expect(records('A,"Hello\r\nHi",B\r\n')).toEqual([['A', 'Hello\nHi', 'B']]);
    expect(records('field1,field2\r')).toEqual([['field1', 'field2']]);
    expect(records('"field"\r')).toEqual([['field']]);
    expect(records('field\rfield\r')).toEqual([['field\rfield']]);
    expect(records('field\r\r\n\r\rfield\r\r\n\r\r')).toEqual([['field\r'], ['\r\rfield\r'], ['\r']]);
    expect(records('\r\n\r\n\r\n\r\n')).toEqual([]);
  });

  it('reports the record start, line and 1-based byte column of quote errors', () => {
    expect(error('a "word","b"')).toMatchObject({ line: 1, column: 3, kind: 'BareQuote' });
    expect(error('a∑""b,c')).toMatchObject({ line: 1, column: 5, kind: 'BareQuote' });
    expect(error('"a word",b"')).toMatchObject({ line: 1, column: 11, kind: 'BareQuote' });
    expect(error('"a "word","b"')).toMatchObject({ line: 1, column: 4, kind: 'Quote' });
    expect(error('"foo"bar"\r\n')).toMatchObject({ line: 1, column: 5, kind: 'Quote' });
    expect(error('"field"\r\r')).toMatchObject({ line: 1, column: 7, kind: 'Quote' });
    expect(error('"""""""')).toMatchObject({ line: 1, column: 8, kind: 'Quote' });
    expect(error('a,"b\nc"d,e')).toEqual({
      startLine: 1,
      line: 2,
      column: 2,
      kind: 'Quote',
      message: 'record on line 1; parse error on line 2, column 2: extraneous or missing " in quoted-field',
    });
    expect(error('a,b\n"d\n\n,e')).toMatchObject({ startLine: 2, line: 4, column: 3, kind: 'Quote' });
  });
});
