import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.js';

describe('safeNext', () => {
  it('keeps a path inside the staff app, with its query and fragment', () => {
    expect(safeNext('/app')).toBe('/app');
    expect(safeNext('/app/s/1000-kansen/cohort?tab=2#x')).toBe('/app/s/1000-kansen/cohort?tab=2#x');
  });

  it.each([
    ['another host', '//evil.example/app'],
    ['an absolute URL', 'https://evil.example/app'],
    ['a backslash trick', '/\\evil.example/app'],
    ['a script URL', 'javascript:alert(1)'],
    ['a path outside the app', '/r/abc'],
    ['the login page', '/login?next=/app'],
    ['a lookalike prefix', '/apple'],
    ['dot segments out of the app', '/app/../../r/x'],
    ['control characters', '/app\r\nSet-Cookie: x=1'],
    ['not a string', 42],
  ])('falls back to /app for %s', (_name, next) => {
    expect(safeNext(next)).toBe('/app');
  });
});
