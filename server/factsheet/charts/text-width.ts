/**
 * Approximate advance widths of Arimo (html/fonts.ts; the metrics of Arial and Liberation Sans),
 * in 1/1000 em, so charts can lay out labels without a browser. Characters not listed count as
 * 556 (a digit). Bold text is about 5% wider; `bold` adds that.
 */
const WIDTHS: Record<string, number> = {
  ' ': 278,
  '!': 278,
  '"': 355,
  '#': 556,
  $: 556,
  '%': 889,
  '&': 667,
  "'": 191,
  '(': 333,
  ')': 333,
  '*': 389,
  '+': 584,
  ',': 278,
  '-': 333,
  '.': 278,
  '/': 278,
  ':': 278,
  ';': 278,
  '<': 584,
  '=': 584,
  '>': 584,
  '?': 556,
  '@': 1015,
  A: 667,
  B: 667,
  C: 722,
  D: 722,
  E: 667,
  F: 611,
  G: 778,
  H: 722,
  I: 278,
  J: 500,
  K: 667,
  L: 556,
  M: 833,
  N: 722,
  O: 778,
  P: 667,
  Q: 778,
  R: 722,
  S: 667,
  T: 611,
  U: 722,
  V: 667,
  W: 944,
  X: 667,
  Y: 667,
  Z: 611,
  '[': 278,
  ']': 278,
  _: 556,
  a: 556,
  b: 556,
  c: 500,
  d: 556,
  e: 556,
  f: 278,
  g: 556,
  h: 556,
  i: 222,
  j: 222,
  k: 500,
  l: 222,
  m: 833,
  n: 556,
  o: 556,
  p: 556,
  q: 556,
  r: 333,
  s: 500,
  t: 278,
  u: 556,
  v: 500,
  w: 722,
  x: 500,
  y: 500,
  z: 500,
  '‘': 222,
  '’': 222,
  '“': 333,
  '”': 333,
  '–': 556,
  '—': 1000,
  '−': 584,
  '≥': 549,
  '·': 278,
  é: 556,
  ë: 556,
  ï: 278,
  è: 556,
};

export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += WIDTHS[ch] ?? 556;
  return (units / 1000) * fontSize * (bold ? 1.05 : 1);
}

/**
 * Breaks text into lines of at most `width`, as many as it takes: a label is never cut short.
 * Lines break between words; a single word wider than `width` (a long compound) is broken
 * inside, with a hyphen.
 */
export function wrapText(text: string, width: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, fontSize, bold) <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (textWidth(line, fontSize, bold) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && textWidth(`${line.slice(0, cut)}-`, fontSize, bold) > width) cut--;
      lines.push(`${line.slice(0, cut)}-`);
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Lays legend entries out in rows no wider than `width`: returns each entry's x and row
 * (0-based) and the number of rows. `widthOf` is an entry's width including its swatch.
 */
export function legendRows(widths: number[], width: number, gap = 16): { x: number; row: number }[] {
  const out: { x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const w of widths) {
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    out.push({ x, row });
    x += w + gap;
  }
  return out;
}
