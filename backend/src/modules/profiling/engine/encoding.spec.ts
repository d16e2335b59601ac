import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { assertTextFile, decodeWindows1252, hasUtf8Bom, incompleteTail, Utf8Validator } from './encoding';
import { ProfilingError } from './errors';

function sniff(bytes: number[] | Buffer): string | null {
  try {
    assertTextFile(Buffer.from(bytes));
    return null;
  } catch (error) {
    return (error as ProfilingError).code;
  }
}

describe('encoding', () => {
  it('decodes windows-1252, including the bytes Latin-1 leaves as controls', () => {
    expect(decodeWindows1252(Buffer.from([0x51, 0x75, 0x65, 0x72, 0xe9, 0x74, 0x61, 0x72, 0x6f]))).toBe('Querétaro');
    expect(decodeWindows1252(Buffer.from([0x80, 0x93, 0x94, 0x96, 0xd1]))).toBe('€“”–Ñ');
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(decodeWindows1252(bytes)).toHaveLength(256);
    expect(decodeWindows1252(bytes, 0xe0, 0xe2)).toBe('àá');
  });

  it('validates UTF-8 across chunk boundaries that split a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.array(fc.nat({ max: 200 }), { maxLength: 6 }), (text, cuts) => {
        const bytes = Buffer.from(text, 'utf8');
        const validator = new Utf8Validator();
        let at = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          const end = Math.min(bytes.length, cut);
          if (end <= at) continue;
          validator.update(bytes.subarray(at, end));
          at = end;
        }
        validator.update(bytes.subarray(at));
        validator.finish();
        expect(validator.valid).toBe(true);
      }),
    );
    const latin1 = new Utf8Validator();
    latin1.update(Buffer.from('Quer', 'latin1'));
    latin1.update(Buffer.from('étaro', 'latin1'));
    latin1.finish();
    expect(latin1.valid).toBe(false);
    const cutShort = new Utf8Validator();
    cutShort.update(Buffer.from([0x41, 0xc3]));
    cutShort.finish();
    expect(cutShort.valid).toBe(false);
  });

  it('finds an incomplete trailing character', () => {
    expect(incompleteTail(Buffer.from('ab'))).toBe(0);
    expect(incompleteTail(Buffer.from([0x61, 0xc3]))).toBe(1);
    expect(incompleteTail(Buffer.from('é'))).toBe(0);
    expect(incompleteTail(Buffer.from('€').subarray(0, 2))).toBe(2);
    expect(incompleteTail(Buffer.from('😀').subarray(0, 3))).toBe(3);
    expect(isUtf8(Buffer.from('😀'))).toBe(true);
  });

  it('recognises the UTF-8 byte order mark', () => {
    expect(hasUtf8Bom(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe(true);
    expect(hasUtf8Bom(Buffer.from('abc'))).toBe(false);
  });

  it('refuses UTF-16, known binary formats and control-character soup; accepts text', () => {
    expect(sniff([0xff, 0xfe, 0x61, 0x00])).toBe('UNSUPPORTED_ENCODING');
    expect(sniff(Buffer.from('a,b\n1,2\n', 'utf16le'))).toBe('UNSUPPORTED_ENCODING');
    expect(sniff([0x50, 0x4b, 0x03, 0x04, 0x14])).toBe('BINARY_FILE');
    expect(sniff([0x25, 0x50, 0x44, 0x46, 0x2d])).toBe('BINARY_FILE');
    expect(sniff([0x61, 0x2c, 0x00, 0x62])).toBe('BINARY_FILE');
    expect(sniff(Array.from({ length: 400 }, (_, i) => (i * 37) % 32 || 1))).toBe('BINARY_FILE');
    expect(sniff(Buffer.from('nombre;estado\r\n"Ana";Querétaro\t\r\n'))).toBeNull();
    expect(sniff(Buffer.from('nombre;estado\nAna;Quer\xe9taro\n', 'latin1'))).toBeNull();
  });
});
