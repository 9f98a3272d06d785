import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';

/** Encodings the Japanese importers read: UTF-8 (BOM optional) and Shift_JIS, decoded as CP932 (Windows-31J). */
export type JapanTextEncoding = 'utf-8' | 'shift_jis';

/** The encoding names accepted by `--encoding` (case-insensitive) and what they mean. */
const ENCODING_NAMES: Readonly<Record<string, JapanTextEncoding>> = Object.freeze({
  'utf-8': 'utf-8', utf8: 'utf-8',
  shift_jis: 'shift_jis', 'shift-jis': 'shift_jis', sjis: 'shift_jis', cp932: 'shift_jis', 'windows-31j': 'shift_jis', ms932: 'shift_jis',
});

/** Normalises an encoding option; throws a RangeError naming the accepted values for anything else. */
export function japanTextEncoding(name: string): JapanTextEncoding {
  const encoding = ENCODING_NAMES[name.trim().toLowerCase()];
  if (!encoding) throw new RangeError(`unsupported encoding "${name}": use utf-8 or shift_jis (cp932)`);
  return encoding;
}

/** One physical line of a file, without its line break. */
export interface ByteLine {
  /** 1-based line number. */
  line: number;
  bytes: Buffer;
  /** False for a last line with no line break after it (a cut file). */
  terminated: boolean;
  /** Bytes of the file read so far, including this line. */
  bytesRead: number;
}

/** Streams a file as byte lines split at LF (a CR before it is dropped); LF never occurs inside a UTF-8 or Shift_JIS character. */
export async function* readByteLines(path: string): AsyncGenerator<ByteLine> {
  let pending: Buffer[] = [];
  let line = 0;
  let bytesRead = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let k = chunk.indexOf(0x0a); k >= 0; k = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, k);
      let bytes = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      bytesRead += bytes.length + 1;
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
      yield { line: ++line, bytes, terminated: true, bytesRead };
      start = k + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) {
    const bytes = Buffer.concat(pending);
    bytesRead += bytes.length;
    yield { line: line + 1, bytes, terminated: false, bytesRead };
  }
}

export interface EncodingDetection {
  encoding: JapanTextEncoding;
  /** The first line that is not valid UTF-8 (the reason for Shift_JIS), or null. */
  firstNonUtf8Line: number | null;
  /** True when some lines are valid in neither encoding (they are reported as ENCODING errors). */
  invalidInBoth: boolean;
  /** A UTF-16 byte-order mark on line 1: the file is UTF-16, which is not read. */
  utf16: boolean;
}

/**
 * Detects the encoding of a CSV file: UTF-8 when every line passes a strict decoder
 * (`TextDecoder('utf-8', { fatal: true })`), else Shift_JIS (CP932) when every line decodes in it. When
 * neither holds, the encoding with fewer undecodable lines is chosen (UTF-8 on a tie) so that the reader
 * names those lines. A last line cut inside a multi-byte character does not count against an encoding (the
 * file is reported as truncated instead). Streams the file; nothing is kept.
 */
export async function detectJapanTextEncoding(path: string): Promise<EncodingDetection> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let firstNonUtf8Line: number | null = null;
  let nonUtf8 = 0;
  let nonShiftJis = 0;
  for await (const { line, bytes, terminated } of readByteLines(path)) {
    if (line === 1 && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      return { encoding: 'utf-8', firstNonUtf8Line: null, invalidInBoth: false, utf16: true };
    }
    try {
      // a call without `stream` resets the decoder; a cut last line may end inside a character
      if (terminated) decoder.decode(bytes);
      else decoder.decode(bytes, { stream: true });
    } catch {
      nonUtf8++;
      firstNonUtf8Line ??= line;
    }
    if (UNDECODABLE.test(decodeLine(bytes, 'shift_jis', terminated))) nonShiftJis++;
  }
  if (nonUtf8 === 0) return { encoding: 'utf-8', firstNonUtf8Line, invalidInBoth: false, utf16: false };
  if (nonShiftJis === 0) return { encoding: 'shift_jis', firstNonUtf8Line, invalidInBoth: false, utf16: false };
  return { encoding: nonShiftJis < nonUtf8 ? 'shift_jis' : 'utf-8', firstNonUtf8Line, invalidInBoth: true, utf16: false };
}

/** Decodes one byte line; a cut last line drops an incomplete trailing character instead of showing U+FFFD. */
export function decodeLine(bytes: Buffer, encoding: JapanTextEncoding, terminated: boolean): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(bytes, { stream: !terminated });
  if (terminated) return iconv.decode(bytes, 'cp932');
  return iconv.getDecoder('cp932').write(bytes);
}

/** Characters that cannot occur in a well-decoded CSV line: U+FFFD, C0/C1 controls except tab. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern detects
export const UNDECODABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/u;
