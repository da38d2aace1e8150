import { describe, expect, it } from 'vitest';
import { redactUrl } from './app.js';

describe('redactUrl', () => {
  it('leaves the respondent fixed URLs as they are, and still redacts everything around them', () => {
    for (const url of ['/r', '/r/anon', '/r/api/draft', '/r/api/submit', '/r/anon/api/draft', '/r/anon/api/submit']) {
      expect(redactUrl(url)).toBe(url);
    }
    const token = 'A'.repeat(43);
    expect(redactUrl(`/r/${token}`)).toBe('/r/[token]');
    expect(redactUrl(`/r/api/submit/${token}`)).toBe('/r/[token]');
    expect(redactUrl(`/r/api/submitx`)).toBe('/r/[token]');
    expect(redactUrl(`/r/anon/${token}`)).toBe('/r/[token]');
    expect(redactUrl(`/r/api/submit?token=${token}`)).toBe('/r/api/submit?token=[redacted]');
    expect(redactUrl(`/r?t=${token}&lang=en`)).toBe('/r?t=[redacted]&lang=en');
    expect(redactUrl('/R/api/submit')).toBe('/R/api/submit');
  });
});
