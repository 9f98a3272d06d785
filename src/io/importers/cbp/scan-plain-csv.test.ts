import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileWat, wasmModuleSource } from '../../../../scripts/wasm-kernel-source.js';
import { useWasmKernels } from '../../../core/wasm/wasm-module.js';
import { plainCsvScanInstance } from '../../../core/wasm/plain-csv-scan-instance.js';
import { plainCsvScanWasm } from '../../../core/wasm/plain-csv-scan-wasm.js';
import type { PlainCsvScanInstance } from '../../../core/wasm/plain-csv-scan-instance.js';
import { javascriptPlainCsvScanner, scanPlainCsv } from './scan-plain-csv.js';

/**
 * The definition, one byte at a time (the state machine scanPlainCsv had before its tight loops): the number
 * of line breaks of a plainly well-formed file, else null.
 */
function reference(bytes: Uint8Array, width: number, crlf: boolean, numeric: readonly number[]): number | null {
  if (bytes.length === 0 || bytes.some((b) => b > 127)) return null;
  const isNumeric = new Uint8Array(width + 1);
  let lines = 0;
  let commas = 0;
  let fieldStart = true;
  let inQuote = false;
  let afterQuote = false;
  let cr = false;
  let digits = -1;
  for (const b of bytes) {
    if (cr && b !== 10) return null;
    if (digits >= 0) {
      if (b >= 48 && b <= 57) {
        if (++digits > 15) return null;
        continue;
      }
      if (digits === 0 || (b !== 44 && b !== 10 && b !== 13)) return null;
      digits = -1;
    }
    if (inQuote) {
      if (b === 34) {
        inQuote = false;
        afterQuote = true;
      } else if (b === 44 || b === 10 || b === 13) return null;
      continue;
    }
    if (b === 44) {
      commas++;
      fieldStart = true;
      afterQuote = false;
      if (isNumeric[commas] === 1) digits = 0;
    } else if (b === 10) {
      if (commas !== width - 1 || cr !== crlf) return null;
      cr = false;
      if (++lines === 1) for (const k of numeric) isNumeric[k] = 1;
      commas = 0;
      fieldStart = true;
      afterQuote = false;
      if (isNumeric[0] === 1) digits = 0;
    } else if (b === 13) cr = true;
    else if (afterQuote) return null;
    else if (b === 34) {
      if (!fieldStart) return null;
      inQuote = true;
      fieldStart = false;
    } else fieldStart = false;
  }
  return bytes[bytes.length - 1] !== 10 || lines < 2 ? null : lines;
}

/** sfc32: a seeded generator for the random files. */
function random(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A CBP-like file of `rows` rows and `width` fields (quoted text, bare counts), then `mutations` random byte changes. */
function randomFile(next: () => number, width: number, numeric: ReadonlySet<number>, crlf: boolean, mutations: number): Uint8Array {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const end = crlf ? '\r\n' : '\n';
  const header = Array.from({ length: width }, (_, k) => `c${k}`).join(',');
  const rows = [header];
  const count = 1 + Math.floor(next() * 6);
  for (let r = 0; r < count; r++) {
    const fields = Array.from({ length: width }, (_, k) =>
      numeric.has(k) ? String(Math.floor(next() * 10 ** (1 + Math.floor(next() * 16)))) : pick(['"01"', '"------"', '""', 'D', '"A"', 'x y', '"311///"']),
    );
    rows.push(fields.join(','));
  }
  const bytes = Buffer.from(rows.join(end) + end, 'latin1');
  const alphabet = [34, 44, 10, 13, 48, 57, 65, 32, 200];
  for (let m = 0; m < mutations; m++) {
    const at = Math.floor(next() * bytes.length);
    if (next() < 0.8) bytes[at] = pick(alphabet);
    else bytes[at] = 0x31;
  }
  return bytes;
}

/**
 * Feeds `bytes` to a scanner in pieces of `size()` bytes (what chunk boundaries do to the state) and reads the
 * outcome as scanPlainCsv does: the number of line breaks, or null ('unavailable' when there is no scanner).
 */
function scanInPieces(scanner: PlainCsvScanInstance | null, bytes: Uint8Array, size: () => number): number | null | 'unavailable' {
  if (scanner === null) return 'unavailable';
  if (bytes.length === 0 || bytes.some((b) => b > 127)) return null;
  for (let at = 0; at < bytes.length; ) {
    const piece = bytes.subarray(at, at + size());
    scanner.chunk.set(piece);
    if (!scanner.scan(piece.length)) return null;
    at += piece.length;
  }
  const lines = scanner.lines();
  return bytes[bytes.length - 1] !== 10 || lines < 2 ? null : lines;
}

describe('scanPlainCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scan-plain-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the embedded WebAssembly bytes are the compilation of plain-csv-scan.wat (regenerate: npx tsx scripts/build-wasm-kernels.ts), and it runs here', async () => {
    const dir = join(import.meta.dirname, '..', '..', '..', 'core', 'wasm');
    const bytes = await compileWat(readFileSync(join(dir, 'plain-csv-scan.wat'), 'utf8'), 'plain-csv-scan.wat');
    expect(Array.from(plainCsvScanWasm)).toEqual(Array.from(bytes));
    expect(readFileSync(join(dir, 'plain-csv-scan-wasm.ts'), 'utf8')).toBe(wasmModuleSource('plain-csv-scan', bytes));
    expect(plainCsvScanInstance(3, false, [2])).not.toBeNull();
  });

  it('the JavaScript and the WebAssembly scanners (whole and in random pieces) agree with the byte-by-byte definition on 8,000 random CBP-like files', () => {
    const next = random(2026);
    let accepted = 0;
    for (let k = 0; k < 8_000; k++) {
      const width = 1 + Math.floor(next() * 6);
      const numeric = [...new Set(Array.from({ length: Math.floor(next() * 3) }, () => Math.floor(next() * width)))];
      const crlf = next() < 0.3;
      const bytes = randomFile(next, width, new Set(numeric), crlf, Math.floor(next() * 3));
      const expected = reference(bytes, width, crlf, numeric);
      const pieces = (): number => 1 + Math.floor(next() * 9);
      const whole = scanInPieces(javascriptPlainCsvScanner(width, crlf, numeric), bytes, () => bytes.length);
      expect(whole, Buffer.from(bytes).toString('latin1')).toBe(expected);
      expect(scanInPieces(javascriptPlainCsvScanner(width, crlf, numeric), bytes, pieces)).toBe(expected);
      expect(scanInPieces(plainCsvScanInstance(width, crlf, numeric), bytes, pieces)).toBe(expected);
      if (expected !== null) accepted++;
    }
    // both outcomes are well represented
    expect(accepted).toBeGreaterThan(800);
    expect(accepted).toBeLessThan(7_200);
  });

  it.each([true, false])('reads a file (WebAssembly %s): lines and bytes of a plain file; null for a count with a sign, a quoted count or a count of 16 digits', (wasm) => {
    const cases: [string, number | null][] = [
      ['a,b,n\n"01","x",12\n"02","",0\n', 3],
      ['a,b,n\n"01","x",+12\n', null],
      ['a,b,n\n"01","x","12"\n', null],
      ['a,b,n\n"01","x",1234567890123456\n', null],
      ['a,b,n\n"01","x",123456789012345\n', 2],
      ['a,b,n\n"01","x",12', null],
    ];
    const previous = useWasmKernels(wasm);
    try {
      for (const [text, lines] of cases) {
        const file = join(dir, 'cbp.txt');
        writeFileSync(file, text);
        expect(scanPlainCsv(file, 3, false, [2])).toEqual(lines === null ? null : { lines, bytes: Buffer.byteLength(text) });
      }
    } finally {
      useWasmKernels(previous);
    }
  });
});
