/**
 * Bytes to text: UTF-8 when the bytes are valid UTF-8, else windows-1252 (the superset of
 * Latin-1 that Excel on Windows writes: é = 0xE9, € = 0x80). Also the first look at an upload
 * (byte order marks, binary content), before any parsing.
 */
import { isUtf8 } from 'node:buffer';
import { ProfilingError } from './errors';

export type TextEncoding = 'utf-8' | 'windows-1252';

/** windows-1252 bytes 0x80-0x9F (the rest of the byte range is Latin-1 = Unicode). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
].map((code) => String.fromCharCode(code));
const C1_CONTROLS = /[\u0080-\u009f]/g;

/**
 * Decodes bytes[start, end) as windows-1252: one UTF-16 unit per byte, so offsets into the text
 * equal byte offsets. (Node's TextDecoder('windows-1252') decodes 0x80-0x9F as Latin-1.)
 */
export function decodeWindows1252(bytes: Buffer, start = 0, end = bytes.length): string {
  const latin1 = bytes.toString('latin1', start, end);
  return C1_CONTROLS.test(latin1) ? latin1.replace(C1_CONTROLS, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]) : latin1;
}

/** The bytes of a UTF-8 byte order mark. */
export const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** Magic numbers of files people upload by mistake instead of a CSV export. */
const MAGIC: ReadonlyArray<{ bytes: number[]; what: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx workbook?)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (.xls) or Office document' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
];

/** Bytes sniffed for binary content at the start of the file. */
export const SNIFF_BYTES = 8192;

/**
 * Refuses what is not CSV text, from the start of the file: UTF-16 (by BOM or by its NUL
 * pattern), known binary formats, NUL bytes, or many control characters. Never quotes content.
 */
export function assertTextFile(head: Uint8Array): void {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw new ProfilingError('UNSUPPORTED_ENCODING', 'The file is UTF-16 text; save it as CSV UTF-8 (or Latin-1) and upload it again');
  }
  for (const magic of MAGIC) {
    if (magic.bytes.every((byte, i) => head[i] === byte)) {
      throw new ProfilingError('BINARY_FILE', `The file is ${magic.what}, not CSV text; export it as CSV and upload it again`);
    }
  }
  const length = Math.min(head.length, SNIFF_BYTES);
  let nulEven = 0;
  let nulOdd = 0;
  let controls = 0;
  for (let i = 0; i < length; i++) {
    const byte = head[i];
    if (byte === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    } else if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1a) || byte === 0x7f) {
      controls++;
    }
  }
  if (length >= 4 && Math.max(nulEven, nulOdd) > length * 0.3 && Math.min(nulEven, nulOdd) < length * 0.05) {
    throw new ProfilingError('UNSUPPORTED_ENCODING', 'The file looks like UTF-16 text; save it as CSV UTF-8 (or Latin-1) and upload it again');
  }
  if (nulEven + nulOdd > 0 || controls > Math.max(2, length * 0.01)) {
    throw new ProfilingError('BINARY_FILE', 'The file holds binary content, not CSV text');
  }
}

/**
 * Streaming UTF-8 check over chunks that may split a character: `valid` turns false at the first
 * invalid sequence and stays false. Cost: one native scan per chunk, no decoding.
 */
export class Utf8Validator {
  valid = true;
  private carry: Buffer | null = null;

  update(chunk: Buffer): void {
    if (!this.valid || chunk.length === 0) return;
    let bytes = chunk;
    if (this.carry) {
      bytes = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    const tail = incompleteTail(bytes);
    const body = tail === 0 ? bytes : bytes.subarray(0, bytes.length - tail);
    if (!isUtf8(body)) {
      this.valid = false;
      return;
    }
    if (tail > 0) this.carry = Buffer.from(bytes.subarray(bytes.length - tail));
  }

  /** At the end of the input a character cut short is invalid. */
  finish(): void {
    if (this.carry) {
      this.valid = false;
      this.carry = null;
    }
  }
}

/** How many trailing bytes start a multi-byte character that the buffer does not complete. */
export function incompleteTail(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(3, length); back++) {
    const byte = bytes[length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    if (byte < 0xc0) return 0; // ASCII (or a stray continuation run): nothing pending
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return needed > back ? back : 0;
  }
  return 0;
}
