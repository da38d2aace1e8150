import type { Lang } from '../../../model/index.js';
import { pct, xOfN } from '../../../analysis/findings/format.js';
import { GRID, INK, MUTED } from './palette.js';
import { FONT, r1, svgDocument, text } from './svg.js';
import { textWidth } from './text-width.js';

export interface ResponseBarsInput {
  id: string;
  title: string;
  desc: string;
  lang: Lang;
  rounds: { label: string; invited: number; submitted: number; colour: string }[];
  /** The caution threshold (fraction) drawn as a dashed line, e.g. 0.5. */
  threshold: number;
  width: number;
  /** No bar and no percentage for a round with fewer invited than this, only "5 van 5" (study setting). */
  minPercent?: number;
}

/**
 * All text of this chart is FONT (12 px): it is the first chart, the one the fit (layout/fit.ts)
 * most often draws smaller to keep page 1 full, and at MIN_SCALE 12 px still prints at 7 pt.
 *
 * Response per round as horizontal bars with "62% (21 van 34)" beside each, and a dashed line
 * at the caution threshold so a round below it is visible at a glance.
 */
export function responseBars(input: ResponseBarsInput): string {
  const { lang, width } = input;
  const labelWidth = Math.max(...input.rounds.map((r) => textWidth(r.label, FONT))) + 4;
  const valueWidth = textWidth('100% (34 van 34)', FONT) + 8;
  const left = labelWidth + 10;
  const right = width - valueWidth;
  const xOf = (v: number) => left + v * (right - left);
  const parts: string[] = [];
  const top = 18;
  const rowH = 22;
  input.rounds.forEach((r, i) => {
    const y = top + i * rowH;
    parts.push(text(labelWidth, y + 11, r.label, { anchor: 'end', baseline: 'middle' }));
    if (r.invited === 0) return;
    const rate = r.submitted / r.invited;
    if (r.invited < (input.minPercent ?? 0)) {
      // Under the disclosure threshold a bar on a rate axis would be a percentage: counts only.
      parts.push(text(left + 4, y + 11, xOfN(r.submitted, r.invited, lang), { baseline: 'middle' }));
      return;
    }
    parts.push(`<rect x="${left}" y="${r1(y + 3)}" width="${r1(Math.max(0.8, xOf(rate) - left))}" height="16" fill="${r.colour}"/>`);
    parts.push(
      text(right + 8, y + 11, `${pct(rate)} (${xOfN(r.submitted, r.invited, lang)})`, {
        baseline: 'middle',
        weight: rate < input.threshold ? 'bold' : 'normal',
      }),
    );
  });
  const bottom = top + input.rounds.length * rowH;
  parts.push(`<path d="M${left} ${top - 2}V${bottom}" stroke="${MUTED}"/>`);
  const tx = xOf(input.threshold);
  parts.push(`<path d="M${r1(tx)} ${top - 6}V${bottom + 2}" stroke="${INK}" stroke-width="1.2" stroke-dasharray="4 3"/>`);
  parts.push(
    text(tx, top - 9, lang === 'nl' ? `grens ${pct(input.threshold)}` : `${pct(input.threshold)} line`, {
      anchor: 'middle',
      fill: MUTED,
    }),
  );
  parts.push(`<path d="M${r1(xOf(1))} ${top - 2}V${bottom}" stroke="${GRID}"/>`);
  return svgDocument({ id: input.id, width, height: bottom + 6, title: input.title, desc: input.desc, body: parts.join('') });
}
