import type { GroupResponse, RoundResponse, StudyAnalysis } from '../../../analysis/study/result.js';
import type { Fmt } from '../format.js';
import { SERIES } from '../palette.js';
import type { ChartSpec } from './spec.js';
import { countLabel, countsInstead, emptyReason } from './disclosure.js';

/**
 * Response rate per round: submitted of invited, with the Wilson 95% interval and the counts
 * on each bar. A round nobody was invited to has no bar.
 *
 * A selection reached only by anonymous links (the dashboard filtered to the parents' group) has
 * nobody invited, so no rate: its chart shows the submitted count per round instead, the number
 * the group table, the fieldwork monitor and the factsheet give, never "no answers yet".
 */
export function responseRateSpec(
  a: Pick<StudyAnalysis, 'rounds'> & { settings?: StudyAnalysis['settings'] },
  f: Fmt,
  title: string,
): ChartSpec {
  if (anonymousOnly(a.rounds)) return anonymousResponseSpec(a, f, title);
  // Team mode with fewer invited than a percentage needs: submitted counts, "5 van 5" (disclosure.ts).
  const counts = countsInstead(
    a.settings,
    a.rounds.map((r) => r.invited),
  );
  const values = a.rounds.map((r) => (counts ? (r.invited > 0 ? r.submitted : null) : r.responseRate));
  const display = a.rounds.map((r) =>
    counts
      ? r.invited > 0
        ? f.xOfN(r.submitted, r.invited)
        : '—'
      : r.responseRate === null
        ? '—'
        : `${f.pct(r.responseRate)} (${f.xOfN(r.submitted, r.invited)})`,
  );
  const categories = a.rounds.map((r) => f.t(r.label));
  return {
    kind: 'bar',
    title,
    categories,
    series: [
      {
        label: f.lang === 'nl' ? 'Respons' : 'Response',
        colour: SERIES[0],
        values,
        x: a.rounds.map((r) => r.submitted),
        n: a.rounds.map((r) => r.invited),
        ci: a.rounds.map((r) => (counts ? null : r.responseRateCi)),
        notes: a.rounds.map((r) => (r.invited === 0 ? 'no-answers' : null)),
      },
    ],
    percent: !counts,
    min: 0,
    max: counts ? Math.max(1, ...a.rounds.map((r) => r.invited)) : 1,
    ...(counts ? { valueLabel: countLabel(f) } : {}),
    ...(values.some((v) => v !== null)
      ? {}
      : {
          emptyReason: emptyReason(
            a.settings,
            a.rounds.map((r) => r.invited),
            f,
          ),
        }),
    summary: `${title}: ${categories.map((c, i) => `${c} ${display[i]}`).join('; ')}.`,
    display: [display],
    legend: false,
    countsInDisplay: true,
  };
}

/** Nobody in the selection was invited, yet some answered: everyone came through an anonymous link. */
export const anonymousOnly = (rounds: Pick<RoundResponse, 'invited' | 'anonymous'>[]) =>
  rounds.every((r) => r.invited === 0) && rounds.some((r) => r.anonymous > 0);

/** Submitted per round through an anonymous link, as counts: there is no denominator, so no rate is invented. */
function anonymousResponseSpec(a: Pick<StudyAnalysis, 'rounds'>, f: Fmt, title: string): ChartSpec {
  const word = f.lang === 'nl' ? 'ingevuld via de anonieme link' : 'submitted through the anonymous link';
  const display = a.rounds.map((r) => `${f.int(r.anonymous)} ${f.lang === 'nl' ? 'ingevuld' : 'submitted'}`);
  const categories = a.rounds.map((r) => f.t(r.label));
  return {
    kind: 'bar',
    title,
    categories,
    series: [
      {
        label: f.lang === 'nl' ? 'Ingevuld (anonieme link)' : 'Submitted (anonymous link)',
        colour: SERIES[0],
        values: a.rounds.map((r) => r.anonymous),
        n: a.rounds.map(() => null),
      },
    ],
    percent: false,
    min: 0,
    max: Math.max(1, ...a.rounds.map((r) => r.anonymous)),
    valueLabel: countLabel(f),
    summary: `${title}: ${categories.map((c, i) => `${c} ${f.int(a.rounds[i].anonymous)} ${word}`).join('; ')}. ${
      f.lang === 'nl'
        ? 'Niemand is persoonlijk uitgenodigd, dus er is geen responspercentage.'
        : 'Nobody was invited personally, so there is no response rate.'
    }`,
    display: [display],
    legend: false,
    countsInDisplay: true,
  };
}

/** Cumulative submissions per day, one line per round (days since the round's first submission). */
export function responseTimelineSpec(a: Pick<StudyAnalysis, 'rounds'>, f: Fmt, title: string): ChartSpec {
  const rounds = a.rounds.filter((r) => r.timeline.length > 0);
  const starts = rounds.map((r) => Date.parse(`${r.opensAt?.slice(0, 10) ?? r.timeline[0].date}T00:00:00Z`));
  const days = rounds.map((r, i) => r.timeline.map((p) => Math.round((Date.parse(`${p.date}T00:00:00Z`) - starts[i]) / 86_400_000)));
  const last = Math.max(0, ...days.flat());
  // Day numbers on the axis; the title says they are days.
  const categories = Array.from({ length: last + 1 }, (_, d) => String(d + 1));
  const series = rounds.map((r, i) => {
    const values: (number | null)[] = categories.map(() => null);
    let cum = 0;
    let k = 0;
    for (let d = 0; d <= last; d++) {
      while (k < r.timeline.length && days[i][k] <= d) cum = r.timeline[k++].cumulative;
      values[d] = d <= days[i][days[i].length - 1] ? cum : null;
    }
    return { label: f.t(r.label), colour: SERIES[i % SERIES.length], values };
  });
  return {
    kind: 'line',
    title,
    categories,
    series,
    percent: false,
    min: 0,
    summary: `${title}: ${rounds.map((r) => `${f.t(r.label)} ${r.submitted} ${f.lang === 'nl' ? 'ingevuld' : 'submitted'} in ${r.timeline.length} ${f.lang === 'nl' ? 'dagen met inzendingen' : 'days with submissions'}`).join('; ')}.`,
    display: series.map((s) => s.values.map((v) => (v === null ? '' : f.int(v)))),
    legend: true,
    // Day numbers in order: the axis names every k-th (chartjs.ts, svg.ts), not all of a long round's days.
    sequence: true,
  };
}

/**
 * Response rate per organisation or role, one series per round; groups too small to show stay empty.
 *
 * The study's rule for percentages holds here as everywhere (METHODS §6, the factsheet's response
 * bars, the fieldwork monitor): a group with fewer invited than `minDenominatorForPercent` gets no
 * bar on the rate axis and no percentage, only its count ("3 van 8"), noted `too-few-invited`. A
 * round nobody in any group was invited to (not planned yet) is left out, not drawn as hidden.
 */
export function groupResponseSpec(
  a: Pick<StudyAnalysis, 'rounds'> & { settings?: Pick<StudyAnalysis['settings'], 'minDenominatorForPercent'> },
  groups: GroupResponse[],
  f: Fmt,
  title: string,
  /** Labels of the group codes (roles, organisations): labels, never codes. */
  labels?: Record<string, string>,
): ChartSpec {
  const min = a.settings?.minDenominatorForPercent ?? 10;
  const categories = groups.map((g) => labels?.[g.name] || g.name);
  const cellsOf = (key: string) => groups.map((g) => g.rounds.find((x) => x.round === key));
  // A suppressed cell (invited null) may hide an invited group: only a round whose every cell says 0 invited is left out.
  const rounds = a.rounds.filter((r) => cellsOf(r.key).some((c) => c && c.invited !== 0));
  const few = (c: GroupResponse['rounds'][number] | undefined) => !!c && c.invited !== null && c.invited > 0 && c.invited < min;
  const series = rounds.map((r) => {
    const k = a.rounds.indexOf(r);
    const cells = cellsOf(r.key);
    return {
      label: f.t(r.label),
      colour: SERIES[k % SERIES.length],
      values: cells.map((c) => (few(c) ? null : (c?.responseRate ?? null))),
      x: cells.map((c) => c?.submitted ?? null),
      n: cells.map((c) => c?.invited ?? null),
      notes: cells.map((c) =>
        few(c)
          ? ('too-few-invited' as const)
          : c && c.invited === 0
            ? ('not-invited' as const)
            : c && c.responseRate === null
              ? ('suppressed' as const)
              : null,
      ),
    };
  });
  const display = series.map((s) =>
    s.values.map((v, i) =>
      s.notes[i] === 'too-few-invited' ? f.xOfN(s.x[i]!, s.n[i]!) : v === null ? '—' : `${f.pct(v)} (${f.xOfN(s.x[i]!, s.n[i]!)})`,
    ),
  );
  return {
    kind: 'bar',
    title,
    categories,
    series,
    percent: true,
    min: 0,
    max: 1,
    horizontal: true,
    summary: `${title}: ${categories.map((c, i) => `${c}: ${series.map((s, k) => `${s.label} ${display[k][i]}`).join(', ')}`).join('; ')}.`,
    display,
    legend: true,
    countsInDisplay: true,
  };
}

/** Whether any group of a response-by-group chart has too few invited for a percentage: the page then says so in words. */
export function anyTooFewForPercent(
  a: { settings: Pick<StudyAnalysis['settings'], 'minDenominatorForPercent'> },
  groups: GroupResponse[] | null,
): boolean {
  const min = a.settings.minDenominatorForPercent;
  return !!groups?.some((g) => g.rounds.some((c) => c.invited !== null && c.invited > 0 && c.invited < min));
}
