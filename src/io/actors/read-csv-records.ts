import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { splitCsvLine } from '../csv/split-csv-line.js';

/** One CSV record: its fields and the (1-based) line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A problem with the file's structure (not with a value). */
export interface CsvStructureProblem {
  line: number;
  code: 'FIELD_COUNT' | 'TRUNCATED';
  message: string;
}

/**
 * Streams a CSV file (UTF-8, BOM dropped; `.gz` files are gunzipped on the fly) record by record: the header
 * first, then each record with its line number. Quoted fields may span lines (RFC 4180). Records whose field
 * count differs from the header's go to `onProblem` (FIELD_COUNT), as does an unclosed quote at the end of the
 * file (TRUNCATED). `onProgress` gets (records, bytesRead, bytesTotal) of the file on disk.
 */
export async function* readCsvRecords(
  path: string,
  options: { onProblem: (problem: CsvStructureProblem) => void; onProgress?: (records: number, bytesRead: number, bytesTotal: number) => void },
): AsyncGenerator<{ header: string[] } | CsvRecord> {
  const total = statSync(path).size;
  const raw = createReadStream(path);
  let bytesRead = 0;
  raw.on('data', (chunk: string | Buffer) => {
    bytesRead += chunk.length;
  });
  const text = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input: text, crlfDelay: Infinity });
  let header: string[] | null = null;
  let lineNumber = 0;
  let pending: string | null = null;
  let pendingLine = 0;
  let records = 0;
  try {
    for await (const rawLine of lines) {
      lineNumber++;
      let line = rawLine;
      if (lineNumber === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      let start = lineNumber;
      if (pending !== null) {
        line = `${pending}\n${line}`;
        start = pendingLine;
      }
      const fields = splitCsvLine(line);
      if (fields === null) {
        pending = line;
        pendingLine = start;
        continue;
      }
      pending = null;
      if (header === null) {
        if (line.trim() === '') continue;
        header = fields.map((f) => f.trim());
        yield { header };
        continue;
      }
      if (line.trim() === '') continue;
      records++;
      if (fields.length !== header.length) {
        options.onProblem({ line: start, code: 'FIELD_COUNT', message: `${fields.length} fields, the header has ${header.length}` });
        continue;
      }
      if (options.onProgress && records % 5000 === 0) options.onProgress(records, bytesRead, total);
      yield { line: start, fields };
    }
  } finally {
    lines.close();
    raw.destroy();
  }
  if (pending !== null) options.onProblem({ line: pendingLine, code: 'TRUNCATED', message: 'a quoted field is not closed before the end of the file' });
  options.onProgress?.(records, total, total);
}
