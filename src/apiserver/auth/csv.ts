/**
 * A CSV reader with the exact behaviour of Go's encoding/csv Reader in its default mode (RFC 4180, comma delimiter,
 * strict quotes, variable field counts), because Kubernetes reads its static token file with it and reports Go's
 * errors. Lines end in \n; \r\n is read as \n (also inside quoted fields); empty lines are skipped; quoted fields may
 * span lines. Error positions are 1-based lines and 1-based byte columns, worded as Go words them.
 */

/** Go's csv.ParseError. */
export class CsvParseError extends Error {
  override readonly name = 'CsvParseError';

  constructor(
    readonly startLine: number,
    readonly line: number,
    readonly column: number,
    readonly kind: 'BareQuote' | 'Quote',
  ) {
    const what = kind === 'BareQuote' ? 'bare " in non-quoted-field' : 'extraneous or missing " in quoted-field';
    super(
      startLine !== line
        ? `record on line ${startLine}; parse error on line ${line}, column ${column}: ${what}`
        : `parse error on line ${line}, column ${column}: ${what}`,
    );
  }
}

export interface CsvRecord {
  fields: string[];
  /** Line the record starts on (1-based). */
  line: number;
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const lengthNL = (s: string): number => (s.endsWith('\n') ? 1 : 0);

/** Reads every record of `text`; throws CsvParseError at the first malformed one. */
export function readCsv(text: string): CsvRecord[] {
  const reader = new CsvReader(text);
  const out: CsvRecord[] = [];
  for (let r = reader.next(); r; r = reader.next()) out.push(r);
  return out;
}

class CsvReader {
  private offset = 0;
  private numLine = 0;

  constructor(private readonly text: string) {}

  /** One line with its trailing \n (none at the end of input); `eof` when nothing was left to read. */
  private readLine(): { line: string; eof: boolean } {
    this.numLine++;
    if (this.offset >= this.text.length) return { line: '', eof: true };
    const nl = this.text.indexOf('\n', this.offset);
    let line: string;
    if (nl < 0) {
      line = this.text.slice(this.offset);
      this.offset = this.text.length;
      if (line.endsWith('\r')) line = line.slice(0, -1);
    } else {
      line = this.text.slice(this.offset, nl + 1);
      this.offset = nl + 1;
    }
    if (line.endsWith('\r\n')) line = line.slice(0, -2) + '\n';
    return { line, eof: false };
  }

  next(): CsvRecord | null {
    let { line, eof } = this.readLine();
    while (!eof && line.length === lengthNL(line)) ({ line, eof } = this.readLine());
    if (eof) return null;

    const recLine = this.numLine;
    const fields: string[] = [];
    let posLine = this.numLine;
    let col = 1;
    for (;;) {
      if (line.length === 0 || line[0] !== '"') {
        const comma = line.indexOf(',');
        const field = comma >= 0 ? line.slice(0, comma) : line.slice(0, line.length - lengthNL(line));
        const quote = field.indexOf('"');
        if (quote >= 0) throw new CsvParseError(recLine, this.numLine, col + bytes(field.slice(0, quote)), 'BareQuote');
        fields.push(field);
        if (comma < 0) return { fields, line: recLine };
        col += bytes(field) + 1;
        line = line.slice(comma + 1);
        continue;
      }
      // Quoted field.
      let value = '';
      line = line.slice(1);
      col += 1;
      for (;;) {
        const quote = line.indexOf('"');
        if (quote >= 0) {
          value += line.slice(0, quote);
          col += bytes(line.slice(0, quote)) + 1;
          line = line.slice(quote + 1);
          if (line[0] === '"') {
            value += '"';
            line = line.slice(1);
            col += 1;
          } else if (line[0] === ',') {
            line = line.slice(1);
            col += 1;
            fields.push(value);
            break;
          } else if (lengthNL(line) === line.length) {
            fields.push(value);
            return { fields, line: recLine };
          } else {
            throw new CsvParseError(recLine, this.numLine, col - 1, 'Quote');
          }
        } else if (line.length > 0) {
          value += line;
          col += bytes(line);
          ({ line } = this.readLine());
          if (line.length > 0) {
            posLine++;
            col = 1;
          }
        } else {
          // The input ended inside a quoted field.
          throw new CsvParseError(recLine, posLine, col, 'Quote');
        }
      }
    }
  }
}
