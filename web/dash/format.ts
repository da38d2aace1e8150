import type { Lang, LocalText } from '../../model/i18n.js';

/**
 * Number formatting for the dashboard in the interface language: 62% / 0,62 in Dutch,
 * 62% / 0.62 in English. Pure (no DOM), so chart configs built with it can be tested in Node.
 * Full precision stays in the data; rounding happens only here, when displaying.
 */
const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = lang + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', options)));
  return f;
}

export interface Fmt {
  lang: Lang;
  /** 0.6176 → "62%". */
  pct(x: number): string;
  /** A decimal with `digits` places: 0,62 / 2,9. */
  dec(x: number, digits?: number): string;
  int(x: number): string;
  /** "21 van 34" / "21 of 34". */
  xOfN(x: number, n: number): string;
  /** "45–76%". */
  pctRange(ci: [number, number]): string;
  /** A p-value: "p = 0,003", "p < 0,001". */
  p(p: number): string;
  t(text: LocalText | undefined): string;
}

export function fmt(lang: Lang): Fmt {
  const pctF = nf(lang, { style: 'percent', maximumFractionDigits: 0 });
  return {
    lang,
    pct: (x) => pctF.format(x),
    dec: (x, digits = 2) => nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x),
    int: (x) => nf(lang, { maximumFractionDigits: 0 }).format(x),
    xOfN: (x, n) => (lang === 'nl' ? `${x} van ${n}` : `${x} of ${n}`),
    pctRange: (ci) => `${nf(lang, { maximumFractionDigits: 0 }).format(ci[0] * 100)}–${pctF.format(ci[1])}`,
    p: (p) =>
      p < 0.001
        ? `p < ${nf(lang, { minimumFractionDigits: 3 }).format(0.001)}`
        : `p = ${nf(lang, { maximumFractionDigits: 3, minimumFractionDigits: p < 0.01 ? 3 : 2 }).format(p)}`,
    t: (text) => text?.[lang] || text?.nl || text?.en || '',
  };
}
