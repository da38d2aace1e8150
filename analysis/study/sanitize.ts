/**
 * The last guard before JSON: replaces any NaN or ±Infinity left in a result by null, in
 * place, and returns how many it replaced. The analysis is written never to produce one
 * (tests assert that the count is 0 on the demo and on bad input); this keeps a slip from
 * turning into invalid or misleading JSON (JSON.stringify would print NaN as null silently
 * anyway, but only here is it counted).
 */
export function sanitize(value: unknown): number {
  let replaced = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (typeof x === 'number' && !Number.isFinite(x)) {
          v[i] = null;
          replaced++;
        } else if (x !== null && typeof x === 'object') walk(x);
      }
      return;
    }
    const o = v as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      const x = o[key];
      if (typeof x === 'number' && !Number.isFinite(x)) {
        o[key] = null;
        replaced++;
      } else if (x !== null && typeof x === 'object') walk(x);
    }
  };
  if (value !== null && typeof value === 'object') walk(value);
  return replaced;
}
