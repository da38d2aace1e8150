/**
 * Test-only helpers (not exported from index.ts): the frozen R reference
 * values from fixtures/reference/stats-reference.json (regenerate with
 * fixtures/reference/ref.R) and a relative-tolerance assertion.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The parsed fixture. Each case carries `r`: the R call that produced it. */
export const reference: Json = JSON.parse(readFileSync(new URL('../../fixtures/reference/stats-reference.json', import.meta.url), 'utf8'));

/** The tolerance the guide asks for (METHODS §8). */
export const REL_TOL = 1e-9;

/**
 * Asserts |actual − expected| ≤ tol·|expected| (exact 0 must be matched to
 * 1e-15 absolute). A null/NA reference requires a null result.
 */
export function expectClose(actual: unknown, expected: number | null, what: string, tol = REL_TOL): void {
  if (expected === null) {
    expect(actual, `${what}: R gives NA, expected null`).toBeNull();
    return;
  }
  expect(typeof actual, `${what}: expected a number, got ${String(actual)}`).toBe('number');
  const a = actual as number;
  const ok = a === expected || (expected === 0 ? Math.abs(a) <= 1e-15 : Math.abs(a - expected) <= tol * Math.abs(expected));
  expect(ok, `${what}: got ${a}, R ${expected} (rel. error ${Math.abs(a - expected) / Math.abs(expected)})`).toBe(true);
}

/** One section of the fixture (R writes NA as null, which is what the functions accept for missing values). */
export function cases(section: string): Json[] {
  return reference[section];
}
