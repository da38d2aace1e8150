import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from './sha256.js';

const nodeSha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

describe('sha256', () => {
  it('gives the FIPS 180-4 example digests', () => {
    // NIST FIPS 180-4 examples (csrc.nist.gov, SHA256.pdf): "abc" and the two-block message.
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('equals node:crypto on texts around the block boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const text = 'x'.repeat(n);
      expect(sha256(text), `length ${n}`).toBe(nodeSha256(text));
    }
  });

  it('equals node:crypto on UTF-8 text: accents, emoji and a lone surrogate', () => {
    for (const text of ['één café — ‘toename’', '👩‍⚕️ zorg 🍼', 'half \ud800 surrogate', '\u0000\u007f\u0080\u07ff\u0800\uffff']) {
      expect(sha256(text)).toBe(nodeSha256(text));
    }
  });

  it('equals node:crypto on random JSON-like texts of every size up to 5,000 characters', () => {
    // A fixed linear congruential sequence: the same texts on every run.
    let state = 7;
    const rnd = { next: () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32 };
    const alphabet = '{}[]":,.0123456789abcdefghijklmnopqrstuvwxyzéëï€ ';
    for (let i = 0; i < 300; i++) {
      const length = Math.floor(rnd.next() * 5000);
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(rnd.next() * alphabet.length)];
      expect(sha256(text)).toBe(nodeSha256(text));
    }
  });
});
