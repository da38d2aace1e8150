import { describe, expect, it } from 'vitest';
import { spssName } from './export.js';
import { CaseWriter, segments, slotsOf, utf8Cut } from './records.js';

describe('spssName', () => {
  it('keeps rondo names and makes the others valid and unique', () => {
    const taken = new Set<string>();
    expect(spssName('know_signal_pre', taken)).toBe('know_signal_pre');
    expect(spssName('KNOW_SIGNAL_PRE', taken)).toBe('KNOW_SIGNAL_PRE_2');
    expect(spssName('to', taken)).toBe('to_');
    expect(spssName('1st', taken)).toBe('v1st');
    expect(spssName('a'.repeat(70), taken)).toBe('a'.repeat(64));
    expect(spssName('ends.', taken)).toBe('ends_');
  });
});

describe('very long strings', () => {
  it('are segments of 255 bytes, per 252 bytes of width, as PSPP documents', () => {
    expect(segments(255)).toEqual([255]);
    expect(segments(256)).toEqual([255, 4]);
    expect(segments(600)).toEqual([255, 255, 96]);
    expect(slotsOf(600)).toBe(32 + 32 + 12);
  });

  it('cuts text at a character boundary', () => {
    expect(utf8Cut('ééé', 5).toString()).toBe('éé');
  });
});

describe('CaseWriter', () => {
  it('compresses numbers, missing values and strings with the bytecodes', () => {
    const w = new CaseWriter([
      { name: 'n', short: 'N', width: 0, label: '', valueLabels: [], missing: [], measure: 'scale' },
      { name: 's', short: 'S', width: 10, label: '', valueLabels: [], missing: [], measure: 'nominal' },
    ]);
    w.add([3, 'abcdefghij']);
    w.add([null, null]);
    w.add([0.5, '']);
    const out = w.end();
    // 103 (3), 253 + "abcdefgh", 253 + "ij      ", 255 (sysmis), 254 and 254 (spaces), 253 (0.5), 254 and 254:
    // a block of eight codes, the values it calls for, then the next block (padded with 0).
    expect([...out.subarray(0, 8)]).toEqual([103, 253, 253, 255, 254, 254, 253, 254]);
    expect(out.subarray(8, 24).toString('latin1')).toBe('abcdefghij      ');
    expect(out.readDoubleLE(24)).toBe(0.5);
    expect([...out.subarray(32)]).toEqual([254, 0, 0, 0, 0, 0, 0, 0]);
  });
});
