import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { plainCsvScanInstance } from '../../../core/wasm/plain-csv-scan-instance.js';
import type { PlainCsvScanInstance } from '../../../core/wasm/plain-csv-scan-instance.js';

/** What scanPlainCsv found: the number of line breaks and the file size. */
export interface PlainCsv {
  lines: number;
  bytes: number;
}

/** Byte classes: anything else (0), '"' (1), ',' (2), LF (3), CR (4). */
const CLASS = new Uint8Array(256);
CLASS[34] = 1;
CLASS[44] = 2;
CLASS[10] = 3;
CLASS[13] = 4;

/**
 * Reads the file once and returns its shape when it is plainly well formed: ASCII only, every line ending in
 * LF (or every one in CR LF when `crlf`), a line break at the end, every line with `width` fields, quotes only
 * around whole fields holding no comma, and the fields at the positions `numeric` (from the second line on)
 * made of 1 to 15 digits, unquoted. Then read_csv and the streaming reader cannot see different fields, and
 * read_csv takes those counts as BIGINT exactly as the streaming reader takes them. Null otherwise. Reports
 * progress after each MiB.
 *
 * The check runs in WebAssembly (src/core/wasm/plain-csv-scan.wat: about 0.45 s for a 151 MiB county file
 * against 1.2 s in JavaScript, where every third byte ends a field); where WebAssembly is not available,
 * PlainCsvScanner does the same in JavaScript. scan-plain-csv.test.ts checks both against a byte-by-byte
 * reference on random files.
 */
export function scanPlainCsv(
  path: string,
  width: number,
  crlf: boolean,
  numeric: readonly number[],
  onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void,
): PlainCsv | null {
  const bytes = statSync(path).size;
  if (bytes === 0) return null;
  const scanner = plainCsvScanInstance(width, crlf, numeric) ?? javascriptPlainCsvScanner(width, crlf, numeric);
  // each chunk is read straight into the scanner's buffer (for WebAssembly: its memory)
  const chunk = Buffer.from(scanner.chunk.buffer, scanner.chunk.byteOffset, scanner.chunk.byteLength);
  const fd = openSync(path, 'r');
  try {
    let last = -1;
    for (let position = 0; position < bytes; ) {
      const read = readSync(fd, chunk, 0, chunk.length, position);
      if (read <= 0 || !isAscii(chunk.subarray(0, read)) || !scanner.scan(read)) return null;
      last = chunk[read - 1]!;
      position += read;
      onProgress?.(scanner.lines(), position, bytes);
    }
    const lines = scanner.lines();
    return last !== 10 || lines < 2 ? null : { lines, bytes };
  } finally {
    closeSync(fd);
  }
}

/**
 * The JavaScript scanner behind the WebAssembly scanner's interface (a 1 MiB buffer, scan(length), lines()),
 * where WebAssembly is not available (exported for the test that holds both to the definition).
 */
export function javascriptPlainCsvScanner(width: number, crlf: boolean, numeric: readonly number[]): PlainCsvScanInstance {
  const scanner = new PlainCsvScanner(width, crlf, numeric);
  const chunk = new Uint8Array(1 << 20);
  return { chunk, scan: (length) => scanner.push(chunk.subarray(0, length)), lines: () => scanner.lines };
}

/** The JavaScript check's state between chunks. */
class PlainCsvScanner {
  lines = 0;
  private readonly width: number;
  private readonly crlf: boolean;
  private readonly numeric: readonly number[];
  private readonly isNumeric: Uint8Array;
  private commas = 0;
  private fieldStart = true;
  private inQuote = false;
  private afterQuote = false;
  /** A CR was just read (it must come right before LF). */
  private cr = false;
  /** Digits of the current field when it is one of the numeric fields, else −1. */
  private digits = -1;
  private failed = false;

  constructor(width: number, crlf: boolean, numeric: readonly number[]) {
    this.width = width;
    this.crlf = crlf;
    this.numeric = numeric;
    this.isNumeric = new Uint8Array(width + 1);
  }

  /** Scans the next bytes; false (for good) as soon as the file is not plainly well formed. */
  push(chunk: Uint8Array): boolean {
    if (this.failed) return false;
    const ok = this.scan(chunk);
    if (!ok) this.failed = true;
    return ok;
  }

  private scan(chunk: Uint8Array): boolean {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      let b = chunk[i]!;
      if (this.cr) {
        if (b !== 10) return false;
      } else if (this.digits >= 0) {
        // the digits of a count, then the comma or line break after them
        let d = this.digits;
        while (b >= 48 && b <= 57) {
          if (++d > 15) return false;
          if (++i === n) {
            this.digits = d;
            return true;
          }
          b = chunk[i]!;
        }
        if (d === 0 || (b !== 44 && b !== 10 && b !== 13)) return false;
        this.digits = -1;
      } else if (this.inQuote) {
        // inside quotes: anything but a quote, a comma or a line break
        while (CLASS[b] === 0) {
          if (++i === n) return true;
          b = chunk[i]!;
        }
        if (b !== 34) return false;
        this.inQuote = false;
        this.afterQuote = true;
        i++;
        continue;
      } else if (CLASS[b] === 0) {
        // an unquoted field's bytes
        if (this.afterQuote) return false;
        this.fieldStart = false;
        do {
          if (++i === n) return true;
          b = chunk[i]!;
        } while (CLASS[b] === 0);
        continue;
      }
      switch (CLASS[b]) {
        case 2: // ,
          this.commas++;
          this.fieldStart = true;
          this.afterQuote = false;
          if (this.isNumeric[this.commas] === 1) this.digits = 0;
          break;
        case 3: // LF
          if (this.commas !== this.width - 1 || this.cr !== this.crlf) return false;
          this.cr = false;
          if (++this.lines === 1) for (const k of this.numeric) this.isNumeric[k] = 1;
          this.commas = 0;
          this.fieldStart = true;
          this.afterQuote = false;
          if (this.isNumeric[0] === 1) this.digits = 0;
          break;
        case 4: // CR
          this.cr = true;
          break;
        case 1: // "
          if (this.afterQuote || !this.fieldStart) return false;
          this.inQuote = true;
          this.fieldStart = false;
          break;
        default:
          // an ordinary byte right after a count's digits (refused above) or after a CR (refused above)
          return false;
      }
      i++;
    }
    return true;
  }
}
