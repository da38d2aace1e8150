import type { Lang } from '../../../model/index.js';
import { pct, signedPoints, xOfN } from '../../../analysis/findings/format.js';
import type { BarValue } from './grouped-bars.js';
import { GRID, HIGHLIGHT, INK, MUTED, WASH } from './palette.js';
import { SMALL, marker, r1, svgDocument, text, type MarkerShape, MIN_TEXT } from './svg.js';
import { legendRows, textWidth, wrapText } from './text-width.js';

export interface PartnerDotsInput {
  id: string;
  title: string;
  desc: string;
  lang: Lang;
  rows: {
    label: string;
    /** One value per round; null when not asked or suppressed. */
    values: (BarValue | null)[];
    /** Change first → last round, as a fraction, and whether it is a demonstrable increase. */
    change: PartnerChange | null;
    emphasis?: boolean;
  }[];
  rounds: { label: string; colour: string }[];
  minPercent: number;
  width: number;
  axisLabel: string;
  /** The study's word for a round ("meting", "peiling"), as the change note names the rounds compared. */
  roundWord: { one: string; many: string };
}

/**
 * A partner's change between two rounds: the difference in the share (a fraction), the verdict of
 * its test, the rounds compared (indexes into `values`) and what it rests on (pairs, or the
 * smaller round's answers).
 */
export interface PartnerChange {
  difference: number | null;
  evidence: 'increase' | 'decrease' | 'no-change' | 'not-tested';
  from: number;
  to: number;
  n: number;
  /** Tested on the same people in both rounds (else between all answers of either round). */
  paired: boolean;
}

/**
 * The difference the chart may print, or null. A difference made with a share the chart does not
 * show (fewer than `minPercent` answers in either round) would give that share away: 36% plus 49
 * points is 86%, "6 van 7" (METHODS §6). A difference estimated on the pairs is itself a
 * percentage of the pairs: shown only on `minPercent` pairs or more. The difference between the
 * two shares the dots show gives nothing away that the dots do not. The description a screen
 * reader gets (`changeText`) follows the same rule.
 */
export function shownDifference(values: readonly (BarValue | null)[], change: PartnerChange | null, minPercent: number): number | null {
  return hiddenBecause(values, change, minPercent) === null ? change!.difference : null;
}

/** Why the chart prints a dash for a difference: a share it does not show, or too few pairs; null when it prints it. */
function hiddenBecause(
  values: readonly (BarValue | null)[],
  change: PartnerChange | null,
  minPercent: number,
): 'share' | 'pairs' | 'none' | null {
  if (!change || change.difference === null) return 'none';
  const [from, to] = [values[change.from], values[change.to]];
  const shown = (v: BarValue | null | undefined): v is BarValue => !!v && v.n > 0 && v.n >= minPercent;
  if (!shown(from) || !shown(to)) return 'share';
  const ofTheDots = Math.abs(change.difference - (to.x / to.n - from.x / from.n)) < 1e-9;
  return ofTheDots || change.n >= minPercent ? null : 'pairs';
}

/**
 * Whether the arrow and the printed difference point different ways: the test looks at the whole
 * answer scale (and, paired, at those who answered both rounds), the difference only at the share
 * of all who answered, so a demonstrable increase can stand beside a share that fell.
 */
export function pointsAway(difference: number | null, change: PartnerChange | null): boolean {
  if (difference === null || !change) return false;
  const points = Math.round(difference * 100);
  return (change.evidence === 'increase' && points <= 0) || (change.evidence === 'decrease' && points >= 0);
}

/** A round's value as a screen reader hears it: "Najaar 2026 43% (n=14)", or the counts under the threshold. */
export function valueText(round: string, v: BarValue | null, minPercent: number, lang: Lang): string | null {
  if (!v || v.n === 0) return null;
  if (v.n < minPercent)
    return `${round} ${xOfN(v.x, v.n, lang)} (${lang === 'nl' ? 'te weinig antwoorden voor een %' : 'too few answers for a %'})`;
  return `${round} ${Math.round((v.x / v.n) * 100)}% (n=${v.n})`;
}

/** The change column in words, for the chart's description: what the chart prints there, and why when it prints a dash. */
export function changeText(
  values: readonly (BarValue | null)[],
  change: PartnerChange | null,
  minPercent: number,
  lang: Lang,
): string | null {
  if (!change || change.difference === null) return null;
  const nl = lang === 'nl';
  const verdict =
    change.evidence === 'increase'
      ? nl
        ? 'aantoonbare toename'
        : 'demonstrable increase'
      : change.evidence === 'decrease'
        ? nl
          ? 'aantoonbare afname'
          : 'demonstrable decrease'
        : '';
  const hidden = hiddenBecause(values, change, minPercent);
  const difference = hidden === null ? change.difference : null;
  const what =
    difference === null
      ? hidden === 'pairs'
        ? nl
          ? 'verschil niet getoond (te weinig die beide keren antwoordden)'
          : 'change not shown (too few answered both times)'
        : nl
          ? 'verschil niet getoond (te weinig antwoorden voor een %)'
          : 'change not shown (too few answers for a %)'
      : `${nl ? 'verschil' : 'change'} ${signedPoints(difference)} ${nl ? 'procentpunt' : 'percentage points'}`;
  const away = pointsAway(difference, change) ? (nl ? ' op de hele schaal' : ' on the whole scale') : '';
  return verdict ? `${what}, ${verdict}${away}` : what;
}

/**
 * What decides the change column's arrows and what its numbers are, naming both populations
 * (METHODS §3.6, one population per sentence) in one line: the test compares, where it could,
 * the same people in both rounds; the number is the difference between the percentages the dots
 * show, of all who answered in each round.
 */
function changeNote(input: PartnerDotsInput): string {
  const nl = input.lang === 'nl';
  const { one, many } = input.roundWord;
  const changes = input.rows.map((r) => r.change).filter((c): c is PartnerChange => !!c && c.difference !== null);
  const paired = changes.filter((c) => c.paired).length;
  const who =
    paired === 0
      ? nl
        ? 'tussen alle antwoorden'
        : 'between all answers'
      : paired === changes.length
        ? nl
          ? `bij wie beide ${many} invulde`
          : `among those who answered both ${many}`
        : nl
          ? `waar mogelijk bij wie beide ${many} invulde`
          : `among those who answered both ${many} where possible`;
  return nl
    ? `▲ ▼ aantoonbare verandering (toets ${who}, na correctie voor meerdere toetsen); verschil van eerste tot laatste ${one}.`
    : `▲ ▼ demonstrable change (tested ${who}, after correction for multiple tests); change from first to last ${one}.`;
}

const LABEL = 11;
const SHAPES: MarkerShape[] = ['circle', 'square', 'diamond', 'triangle', 'triangle-down', 'cross'];
const STEP = 4;

function nRange(values: (BarValue | null)[]): string {
  const ns = values.filter((v): v is BarValue => !!v && v.n > 0).map((v) => v.n);
  if (!ns.length) return '';
  const [lo, hi] = [Math.min(...ns), Math.max(...ns)];
  return lo === hi ? `n=${lo}` : `n=${lo}–${hi}`;
}

/**
 * A dot plot of chain partners × rounds: per partner one line per round with the share (marker,
 * shape and colour per round) and its Wilson 95% interval, and at the right the change from the
 * first to the last round in percentage points, emphasised only when it is a demonstrable
 * increase or decrease. Shares on fewer than `minPercent` answers are left out.
 */
export function partnerDots(input: PartnerDotsInput): string {
  const { width, lang } = input;
  const labelWidth = Math.min(width * 0.34, Math.max(...input.rows.map((r) => textWidth(r.label, LABEL, r.emphasis))) + 4);
  const changeWidth = textWidth('verschil', SMALL) + 22;
  const plotLeft = labelWidth + 12;
  const plotRight = width - changeWidth - 8;
  const plotWidth = plotRight - plotLeft;
  const xOf = (v: number) => plotLeft + Math.max(0, Math.min(1, v)) * plotWidth;
  const parts: string[] = [];

  // Legend: marker and round label with its n, in as many rows as the width needs.
  const legend = input.rounds.map((r, ri) => `${r.label} (${nRange(input.rows.map((row) => row.values[ri]))})`);
  const places = legendRows(
    legend.map((l) => 14 + textWidth(l, SMALL)),
    width - plotLeft,
  );
  input.rounds.forEach((r, ri) => {
    const { x, row } = places[ri];
    parts.push(marker(SHAPES[ri % SHAPES.length], plotLeft + x + 5, 10 + row * 16, 4.2, r.colour, INK));
    parts.push(text(plotLeft + x + 14, 14 + row * 16, legend[ri], { size: SMALL }));
  });
  const top = 36 + (places.length ? places[places.length - 1].row * 16 : 0);
  parts.push(text(width - 2, top - 8, lang === 'nl' ? 'verschil' : 'change', { size: MIN_TEXT, anchor: 'end', fill: MUTED }));

  const rows: string[] = [];
  const dashed = new Set<'share' | 'pairs'>();
  let away = false;
  let y = top;
  input.rows.forEach((row, i) => {
    const lines = wrapText(row.label, labelWidth, LABEL, row.emphasis);
    const dotsHeight = (input.rounds.length - 1) * STEP + 7;
    const height = Math.max(dotsHeight, lines.length * 12.5) + 2;
    if (i % 2 === 0) rows.push(`<rect x="0" y="${r1(y)}" width="${width}" height="${r1(height)}" fill="${WASH}"/>`);
    const labelTop = y + (height - lines.length * 12.5) / 2;
    lines.forEach((line, li) =>
      rows.push(
        text(labelWidth, labelTop + 9.5 + li * 12.5, line, { size: LABEL, anchor: 'end', weight: row.emphasis ? 'bold' : 'normal' }),
      ),
    );
    const dotsTop = y + (height - (input.rounds.length - 1) * STEP) / 2;
    input.rounds.forEach((r, ri) => {
      const v = row.values[ri];
      if (!v || v.n < input.minPercent || v.n === 0) return;
      const cy = dotsTop + ri * STEP;
      if (v.ci)
        rows.push(`<path d="M${r1(xOf(v.ci[0]))} ${r1(cy)}H${r1(xOf(v.ci[1]))}" stroke="${r.colour}" stroke-width="1.6" opacity="0.85"/>`);
      rows.push(marker(SHAPES[ri % SHAPES.length], xOf(v.x / v.n), cy, 3.1, r.colour, INK));
    });
    const c = row.change;
    if (c && c.difference !== null) {
      const shown = c.evidence === 'increase' || c.evidence === 'decrease';
      // A dash where the difference would give a hidden share away; the verdict of the test stays.
      const hidden = hiddenBecause(row.values, c, input.minPercent);
      if (hidden === 'share' || hidden === 'pairs') dashed.add(hidden);
      const difference = hidden === null ? c.difference : null;
      const mark = pointsAway(difference, c) ? '*' : '';
      if (mark) away = true;
      const arrow = shown ? (c.evidence === 'increase' ? ' ▲' : ' ▼') : '';
      const label = `${difference === null ? '–' : signedPoints(difference)}${arrow}${mark}`;
      rows.push(
        text(width - 2, y + height / 2, label, {
          anchor: 'end',
          baseline: 'middle',
          size: SMALL,
          weight: shown ? 'bold' : 'normal',
          fill: shown ? HIGHLIGHT : MUTED,
        }),
      );
    }
    y += height;
  });
  const bottom = y;
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const x = xOf(tick);
    parts.push(`<path d="M${r1(x)} ${top - 2}V${r1(bottom)}" stroke="${GRID}" stroke-width="0.8"/>`);
    parts.push(text(x, bottom + 13, pct(tick), { size: MIN_TEXT, anchor: 'middle', fill: MUTED }));
  }
  // Rows go over the grid's background stripes but under nothing else: stripes first.
  const stripes = rows.filter((r) => r.startsWith('<rect'));
  const rest = rows.filter((r) => !r.startsWith('<rect'));
  const note = [
    changeNote(input),
    ...(away
      ? [
          lang === 'nl'
            ? '* Het verschil en de toets wijzen een andere kant op: de toets kijkt naar de hele schaal, ' +
              'het verschil alleen naar het getoonde aandeel.'
            : '* The change and the test point different ways: the test looks at the whole scale, the change only at the share shown.',
        ]
      : []),
    ...(dashed.has('share')
      ? [
          lang === 'nl'
            ? `– geen verschil getoond: een van beide percentages rust op minder dan ${input.minPercent} antwoorden en wordt niet getoond.`
            : `– no change shown: one of the two shares rests on fewer than ${input.minPercent} answers and is not shown.`,
        ]
      : []),
    ...(dashed.has('pairs')
      ? [
          lang === 'nl'
            ? `${dashed.has('share') ? 'Of' : '– geen verschil getoond'}: ` +
              `minder dan ${input.minPercent} vulden beide ${input.roundWord.many} in.`
            : `${dashed.has('share') ? 'Or' : '– no change shown'}: fewer than ${input.minPercent} answered both ${input.roundWord.many}.`,
        ]
      : []),
  ].join(' ');
  const noteLines = wrapText(note, width, MIN_TEXT);
  const body = [
    ...stripes,
    ...parts,
    ...rest,
    text(plotLeft + plotWidth / 2, bottom + 28, input.axisLabel, { size: MIN_TEXT, anchor: 'middle', fill: MUTED }),
    ...noteLines.map((line, i) => text(0, bottom + 44 + i * 13, line, { size: MIN_TEXT, fill: MUTED })),
  ];
  const height = bottom + 44 + (noteLines.length - 1) * 13 + 6;
  return svgDocument({ id: input.id, width, height, title: input.title, desc: input.desc, body: body.join('') });
}
