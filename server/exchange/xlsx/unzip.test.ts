import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Unpacker, XlsxZipError, zipParts } from './unzip.js';
import { unescapeXstring, xmlText } from './xml.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('Unpacker', () => {
  it('unpacks parts within one budget for the whole file', () => {
    const bytes = zipSync({ a: enc('x'.repeat(600_000)), b: enc('y'.repeat(600_000)) });
    const parts = zipParts(bytes);
    const unpacker = new Unpacker(bytes, 1_000_000);
    expect(unpacker.read(parts.get('a')!).length).toBe(600_000);
    expect(() => unpacker.read(parts.get('b')!)).toThrow(XlsxZipError);
    expect(() => new Unpacker(bytes, 1_000_000).read(parts.get('b')!)).not.toThrow();
  });

  it('refuses a part that unpacks to more than 250 times its size, before unpacking all of it', () => {
    const bytes = zipSync({ bomb: new Uint8Array(64 << 20) }, { level: 9 });
    const part = zipParts(bytes).get('bomb')!;
    expect(part.packed).toBeLessThan(100_000);
    const error = (() => {
      try {
        new Unpacker(bytes).read(part);
      } catch (err) {
        return err as XlsxZipError;
      }
    })();
    expect(error?.code).toBe('ZIP_BOMB');
  });

  it('calls damaged data damaged', () => {
    const bytes = zipSync({ a: enc('<x>'.repeat(1000)) });
    const part = zipParts(bytes).get('a')!;
    const broken = Uint8Array.from(bytes);
    broken.fill(0xff, part.offset, part.offset + part.packed);
    expect(() => new Unpacker(broken).read(part)).toThrow(/cannot be unpacked/);
    expect(() => zipParts(bytes.subarray(0, bytes.length - 30))).toThrow(/damaged zip/);
  });
});

describe('xmlText and unescapeXstring', () => {
  it.each([
    ['plain text', 'plain text'],
    ['a < b & c > "d"', 'a &lt; b &amp; c &gt; &quot;d&quot;'],
    ['bell\u0007', 'bell_x0007_'],
    ['looks like an escape: _x0041_', 'looks like an escape: _x005F_x0041_'],
  ])('writes %j so that Excel reads it back as written', (text, xml) => {
    expect(xmlText(text)).toBe(xml);
    const entities = xml
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    expect(unescapeXstring(entities)).toBe(text);
  });
});
