// CSV files as File → Import reads them (csv-parse: quoted fields, doubled quotes, embedded newlines, BOM; CRLF, LF
// and CR line ends, mixed in one file too).
import { parse } from 'csv-parse/sync';

export function parseCsv(text: string): string[][] {
  return parse(text, {
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
  }) as string[][];
}
