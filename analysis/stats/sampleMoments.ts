/**
 * Mean and sample variance (n − 1 denominator, = R's `var`) with a
 * two-pass algorithm (internal). Returns nulls for n < 1 / n < 2.
 */
export function sampleMoments(values: readonly number[]): { n: number; mean: number | null; variance: number | null } {
  const n = values.length;
  if (n === 0) return { n, mean: null, variance: null };
  let sum = 0;
  for (const v of values) sum += v;
  let mean = sum / n;
  // One correction pass, as R's mean() does, so the mean is correctly rounded.
  let residual = 0;
  for (const v of values) residual += v - mean;
  mean += residual / n;
  if (n < 2) return { n, mean, variance: null };
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { n, mean, variance: ss / (n - 1) };
}
