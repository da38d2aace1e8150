import { pick, type Lang, type LocalText } from '../../model/index.js';
import { fillTerms } from '../../model/vocabulary-text.js';
import type { CustomIndicator, FactsheetData, QuestionBlock, Series, Share } from '../../analysis/findings/data.js';
import { groupedBars, type BarValue } from './charts/grouped-bars.js';
import { meanDots, type MeanDot } from './charts/mean-dots.js';
import { answerColours, stackedBars } from './charts/stacked-bars.js';
import type { DocChart } from './document.js';

/**
 * The charts of the indicator and "all questions" sections (issue 16): one chart per kind of
 * summary, in the house style of the other factsheet charts — shares as bars with their Wilson
 * intervals, means as dots with their t-intervals on the item's own scale, distributions as
 * 100% stacked bars per round — and the same disclosure rule: no percentage on fewer answers
 * than the study's threshold, the counts instead ("3 van 5").
 *
 * The questions section draws each question as a half-width panel, two side by side, so that a
 * questionnaire of twenty questions fills a few pages, not twenty.
 */

/** Full A4 content width and a half-width panel (two per row, a 12 px gutter). */
const FULL = 672;
const HALF = 330;

/** Chart ids are `chart-` and letters only (the chart routes' pattern): 0 → a, 25 → z, 26 → ba. */
export function letters(i: number): string {
  let out = '';
  let k = i;
  do {
    out = String.fromCharCode(97 + (k % 26)) + out;
    k = Math.floor(k / 26);
  } while (k > 0);
  return out;
}

const L = (lang: Lang, nl: string, en: string) => (lang === 'nl' ? nl : en);
/** L() in the study's words: `{roundWord}` is its word for a round (model/vocabulary-text.ts). */
const W = (c: ChartContext, nl: string, en: string) => fillTerms(L(c.lang, nl, en), c.data.study.vocabulary, c.lang);
const bar = (s: Share | null): BarValue | null => (s && s.n > 0 ? { x: s.x, n: s.n, ci: s.ci } : null);
const has = (s: Share | null | undefined) => !!s && s.n > 0;
const percentText = (v: Share, rounds: string[], i: number, min: number) =>
  v.n >= min ? `${rounds[i]} ${Math.round((v.x / v.n) * 100)}% (n=${v.n})` : `${rounds[i]} ${v.x}/${v.n}`;

const CI_NOTE: LocalText = {
  nl:
    'De lijn bij elke waarde is het 95%-betrouwbaarheidsinterval (Wilson); ' +
    'n is het aantal dat de vraag beantwoordde. Onder de drempel voor een percentage staan de aantallen.',
  en:
    'The line at each value is the 95% confidence interval (Wilson); ' +
    'n is the number who answered. Below the threshold for a percentage the counts are shown.',
};
const MEAN_NOTE: LocalText = {
  nl:
    'De stip is het gemiddelde per {roundWord}, de lijn het 95%-betrouwbaarheidsinterval (t-verdeling); ' +
    'n is het aantal dat de vraag beantwoordde.',
  en: 'The dot is the mean per {roundWord}, the line its 95% confidence interval (t distribution); n is the number who answered.',
};
const BOX_NOTE: LocalText = {
  nl:
    'De stip is het gemiddelde met zijn 95%-betrouwbaarheidsinterval (t-verdeling); ' +
    'het lichte vlak is de middelste helft van de antwoorden (kwartielen), het streepje daarin de mediaan.',
  en:
    'The dot is the mean with its 95% confidence interval (t distribution); ' +
    'the pale band is the middle half of the answers (quartiles), the tick in it the median.',
};
const STACK_NOTE: LocalText = {
  nl:
    'Verdeling van de antwoorden per {roundWord} (100%); n is het aantal dat de vraag beantwoordde. ' +
    'Onder de drempel voor een percentage staan de aantallen.',
  en:
    'Distribution of the answers per {roundWord} (100%); ' +
    'n is the number who answered. Below the threshold for a percentage the counts are shown.',
};

export interface ChartContext {
  data: FactsheetData;
  lang: Lang;
  colours: string[];
  rounds: string[];
}

/**
 * The indicator section's charts: the shares together (bars per round), the means together
 * (dots per round, each on its own scale), and one stacked chart per distribution.
 */
export function indicatorCharts(c: ChartContext, custom: CustomIndicator[] = c.data.custom ?? []): DocChart[] {
  const { data, lang, colours, rounds } = c;
  const min = data.settings.minDenominatorForPercent;
  const t = (x: LocalText) => pick(x, lang);
  const out: DocChart[] = [];
  const shares = custom.filter((x) => x.value === 'share' && x.perRound.some(has));
  if (shares.length) {
    const title = W(c, 'Indicatoren: aandeel per {roundWord}', 'Indicators: share per {roundWord}');
    out.push({
      id: 'chart-indicators',
      section: 'indicators',
      kind: 'bars',
      title,
      note: pick(CI_NOTE, lang),
      svg: groupedBars({
        id: 'chart-indicators',
        title,
        desc: shares
          .map((s) => `${t(s.label)}: ${s.perRound.flatMap((v, i) => (has(v) ? [percentText(v!, rounds, i, min)] : [])).join(', ')}`)
          .join('; '),
        lang,
        width: FULL,
        axisLabel: L(lang, '% per indicator', '% per indicator'),
        minPercent: min,
        categories: shares.map((s) => ({ label: t(s.label) })),
        series: rounds.map((label, i) => ({ label, colour: colours[i] })),
        values: shares.map((s) => s.perRound.map(bar)),
      }),
    });
  }
  const means = custom.filter((x) => x.value === 'mean' && x.means.some((m) => m && m.n > 0));
  if (means.length) {
    const title = W(c, 'Indicatoren: gemiddelde per {roundWord}', 'Indicators: mean per {roundWord}');
    out.push({
      id: 'chart-indicatormeans',
      section: 'indicators',
      kind: 'bars',
      title,
      note: W(c, MEAN_NOTE.nl!, MEAN_NOTE.en!),
      svg: meanDots({
        id: 'chart-indicatormeans',
        title,
        // A mean of per-person shares is a percentage: under the threshold a screen reader hears its n only, as the chart shows.
        desc: means
          .map(
            (m) =>
              `${t(m.label)}: ${m.means
                .flatMap((v, i) => {
                  if (!v) return [];
                  if (m.percent && v.n < min)
                    return [`${rounds[i]} n=${v.n} (${L(lang, 'te weinig antwoorden voor een %', 'too few answers for a %')})`];
                  return [`${rounds[i]} ${m.percent ? `${Math.round(v.value * 100)}%` : v.value.toFixed(2)} (n=${v.n})`];
                })
                .join(', ')}`,
          )
          .join('; '),
        lang,
        width: FULL,
        minPercent: min,
        rounds: rounds.map((label, i) => ({ label, colour: colours[i] })),
        categories: means.map((m) => ({
          label: t(m.label),
          range: m.percent ? [0, 1] : (m.range ?? meanRange(m.means.map((v) => (v ? { value: v.value, ci: v.ci } : null)))),
          percent: m.percent,
          values: m.means.map((v): MeanDot | null => (v ? { value: v.value, n: v.n, ci: v.ci } : null)),
        })),
      }),
    });
  }
  custom
    .filter((x) => x.value === 'distribution' && x.options?.some((o) => o.perRound.some(has)))
    .forEach((d, i) => {
      const id = `chart-indicatordist${letters(i)}`;
      const title = `${t(d.label)}: ${W(c, 'verdeling per {roundWord}', 'distribution per {roundWord}')}`;
      out.push({
        id,
        section: 'indicators',
        kind: 'bars',
        title,
        note: W(c, STACK_NOTE.nl!, STACK_NOTE.en!),
        svg: distributionChart(id, title, d.options!, c, false),
      });
    });
  return out;
}

/** A distribution (options as series of shares) as 100% stacked bars per round. */
function distributionChart(id: string, title: string, options: Series[], c: ChartContext, ordered: boolean, width = FULL): string {
  const { data, lang, rounds } = c;
  const colours = answerColours(options.length, ordered);
  const asked = rounds.map((_, i) => i).filter((i) => options.some((o) => has(o.perRound[i])));
  return stackedBars({
    id,
    title,
    desc: asked
      .map((i) => {
        const n = options.find((o) => has(o.perRound[i]))!.perRound[i]!.n;
        return `${rounds[i]} (n=${n}): ${options.map((o) => `${pick(o.label, lang)} ${o.perRound[i]?.x ?? 0}`).join(', ')}`;
      })
      .join('; '),
    lang,
    width,
    minPercent: data.settings.minDenominatorForPercent,
    ordered,
    options: options.map((o, k) => ({ label: pick(o.label, lang), colour: colours[k] })),
    rounds: asked.map((i) => {
      const n = options.find((o) => has(o.perRound[i]))!.perRound[i]!.n;
      return { label: rounds[i], n, counts: options.map((o) => o.perRound[i]?.x ?? 0) };
    }),
  });
}

/** A scale for means without one of their own (numbers): from 0 (or below) to a round number above every interval. */
export function meanRange(values: ({ value: number; ci: [number, number] | null; q3?: number } | null)[]): [number, number] {
  const tops = values.flatMap((v) => (v ? [v.value, v.ci?.[1] ?? v.value, v.q3 ?? v.value] : []));
  const lows = values.flatMap((v) => (v ? [v.value, v.ci?.[0] ?? v.value] : []));
  const hi = Math.max(1, ...tops);
  const lo = Math.min(0, ...lows);
  // A whole step (1, 10, 100 …; a half step above 5 of them) so the middle of the scale is a round number too.
  const step = 10 ** Math.floor(Math.log10(hi - lo));
  const top = Math.ceil(hi / step) * step;
  return [lo < 0 ? Math.floor(lo / step) * step : 0, top % 2 ? top + step : top];
}

/**
 * One half-width chart per question, by type: a rating as its mean per round (with the middle
 * half of the answers and the median) above its distribution; a number likewise without the
 * distribution; a single choice as the share of each answer per round with its Wilson interval;
 * a multiple choice as the share choosing each option per round.
 */
export function questionCharts(c: ChartContext, questions: QuestionBlock[] = c.data.questions ?? []): DocChart[] {
  const { data, lang, colours, rounds } = c;
  const min = data.settings.minDenominatorForPercent;
  const t = (x: LocalText) => pick(x, lang);
  const out: DocChart[] = [];
  questions.forEach((q, i) => {
    const id = `chart-q${letters(i)}`;
    const title = t(q.label);
    const base = { id, section: 'questions' as const, kind: 'bars' as const, title, half: true };
    if (q.means) {
      if (!q.means.some((m) => m && m.n > 0)) return;
      const values = q.means.map((m, r) => (m ? { value: m.mean, n: m.n, ci: m.ci, box: q.quartiles?.[r] ?? null } : null));
      const range = q.scale ?? meanRange(values.map((v) => (v ? { value: v.value, ci: v.ci, q3: v.box?.q3 } : null)));
      const dots = meanDots({
        id,
        title,
        // What a screen reader says: the mean with n, and the median and quartiles the band draws.
        desc: values
          .flatMap((v, r) => {
            if (!v) return [];
            const box = v.box ? `, ${L(lang, 'mediaan', 'median')} ${v.box.median} (${v.box.q1}–${v.box.q3})` : '';
            return [`${rounds[r]}: ${L(lang, 'gemiddeld', 'mean')} ${v.value.toFixed(1)} (n=${v.n})${box}`];
          })
          .join('; '),
        lang,
        width: HALF,
        minPercent: min,
        rounds: rounds.map((label, r) => ({ label, colour: colours[r] })),
        categories: [
          {
            label: '',
            range,
            unit: q.unit ? t(q.unit) : undefined,
            values: values.map((v) => (v ? { value: v.value, n: v.n, ci: v.ci, box: v.box } : null)),
          },
        ],
      });
      const dist = q.distribution?.some((o) => o.perRound.some(has))
        ? distributionChart(`${id}d`, title, q.distribution, c, true, HALF)
        : null;
      out.push({
        ...base,
        note: q.quartiles ? pick(BOX_NOTE, lang) : W(c, MEAN_NOTE.nl!, MEAN_NOTE.en!),
        svg: dist ? stackSvgs(dots, dist) : dots,
      });
      return;
    }
    const options = q.options ?? [];
    if (!options.some((o) => o.perRound.some(has))) return;
    const asked = rounds.map((_, r) => r).filter((r) => options.some((o) => has(o.perRound[r])));
    out.push({
      ...base,
      note: pick(CI_NOTE, lang),
      svg: groupedBars({
        id,
        title,
        desc: options
          .map(
            (o) =>
              `${t(o.label)}: ${asked
                .flatMap((r) => (has(o.perRound[r]) ? [percentText(o.perRound[r]!, rounds, r, min)] : []))
                .join(', ')}`,
          )
          .join('; '),
        lang,
        width: HALF,
        axisLabel: q.type === 'multi' ? L(lang, '% dat dit koos', '% choosing this') : L(lang, '% van de antwoorden', '% of answers'),
        minPercent: min,
        categories: options.map((o) => ({ label: t(o.label) })),
        series: asked.map((r) => ({ label: rounds[r], colour: colours[r] })),
        values: options.map((o) => asked.map((r) => bar(o.perRound[r]))),
      }),
    });
  });
  return out;
}

/**
 * Two charts as one SVG, one above the other: the outer document keeps the first chart's title
 * and description (what screen readers announce); the second is nested without its own.
 */
export function stackSvgs(first: string, second: string): string {
  const size = (svg: string) => {
    const m = /^<svg [^>]*?width="(\d+)" height="(\d+)"/.exec(svg);
    return m ? { w: Number(m[1]), h: Number(m[2]) } : { w: 0, h: 0 };
  };
  const a = size(first);
  const b = size(second);
  const w = Math.max(a.w, b.w);
  const h = a.h + 6 + b.h;
  const inner = second
    .replace(
      /^<svg [^>]*?width="(\d+)" height="(\d+)" viewBox="[^"]*"/,
      `<svg x="0" y="${a.h + 6}" width="$1" height="$2" viewBox="0 0 $1 $2"`,
    )
    .replace(/<title[^>]*>.*?<\/title><desc[^>]*>.*?<\/desc>/s, '');
  return first
    .replace(/width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/, `width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"`)
    .replace(/<\/svg>$/, `${inner}</svg>`);
}
