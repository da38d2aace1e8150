import type { ChartSpec } from '../../dash/chart-configs/spec.js';
import type { MonitorResponse, TimelinePoint } from '../../../model/api/fieldwork.js';

/**
 * The monitor's response-over-time charts as ChartSpecs for the dashboard's <rondo-chart>
 * (web/dash), the one element that draws with chart.js. Pure functions, tested in Node:
 * - response: cumulative "submitted" and "opened" per day as lines, on an axis up to the
 *   number invited (the n in the title), each day's submitted with its response rate;
 * - mails: invitations and reminders sent per day, stacked bars (none when nothing was sent).
 * Colours keep a 3:1 contrast on white.
 */
export interface ChartTexts {
  /** e.g. "Ingevuld en geopend (n = {n} uitgenodigd)" */
  responseTitle: string;
  mailsTitle: string;
  opened: string;
  submitted: string;
  invitations: string;
  reminders: string;
  people: string;
  mails: string;
  /** e.g. "{n} van {total} ({pct})" */
  rate: string;
  /** e.g. "{title}: op {date} {submitted} van {invited} ingevuld ({pct}) en {opened} geopend." */
  responseSummary: string;
  /** e.g. "{title}: {invitations} uitnodigingen en {reminders} herinneringen op {days} dagen." */
  mailsSummary: string;
}

export interface ResponseChartInput {
  points: TimelinePoint[];
  invited: number;
  lang: 'nl' | 'en';
  texts: ChartTexts;
}

export const CHART_COLOURS = { submitted: '#1e6b3a', opened: '#0b5fa5', invitations: '#7a8794', reminders: '#b26b00' } as const;

export function formatDay(date: string, lang: 'nl' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

function numbers(lang: 'nl' | 'en') {
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  return {
    int: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
    pct: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
  };
}

/** Cumulative submitted and opened per day, up to the number invited. */
export function responseSpec(input: ResponseChartInput): ChartSpec {
  const { points, invited, lang, texts } = input;
  const f = numbers(lang);
  const rateOf = (n: number) =>
    invited ? fill(texts.rate, { n: f.int.format(n), total: f.int.format(invited), pct: f.pct.format(n / invited) }) : f.int.format(n);
  const title = fill(texts.responseTitle, { n: f.int.format(invited) });
  const last = points.at(-1);
  return {
    kind: 'line',
    title,
    categories: points.map((p) => formatDay(p.date, lang)),
    series: [
      { label: texts.submitted, colour: CHART_COLOURS.submitted, values: points.map((p) => p.submitted) },
      { label: texts.opened, colour: CHART_COLOURS.opened, values: points.map((p) => p.opened) },
    ],
    percent: false,
    min: 0,
    // The axis reaches the number invited, so the distance to the top is who has not answered.
    max: invited > 0 ? invited : undefined,
    valueLabel: texts.people,
    summary: last
      ? fill(texts.responseSummary, {
          title,
          date: formatDay(last.date, lang),
          submitted: f.int.format(last.submitted),
          invited: f.int.format(invited),
          pct: invited ? f.pct.format(last.submitted / invited) : '—',
          opened: f.int.format(last.opened),
        })
      : title,
    display: [points.map((p) => rateOf(p.submitted)), points.map((p) => f.int.format(p.opened))],
    legend: true,
    countsInDisplay: true,
  };
}

/** Invitations and reminders sent per day, stacked; null when no mail went out at all. */
export function mailsSpec(input: ResponseChartInput): ChartSpec | null {
  const { points, lang, texts } = input;
  const f = numbers(lang);
  const invitations = points.reduce((s, p) => s + p.invitationsSent, 0);
  const reminders = points.reduce((s, p) => s + p.remindersSent, 0);
  if (!invitations && !reminders) return null;
  const days = points.filter((p) => p.invitationsSent || p.remindersSent).length;
  return {
    kind: 'bar',
    title: texts.mailsTitle,
    categories: points.map((p) => formatDay(p.date, lang)),
    series: [
      { label: texts.invitations, colour: CHART_COLOURS.invitations, values: points.map((p) => p.invitationsSent) },
      { label: texts.reminders, colour: CHART_COLOURS.reminders, values: points.map((p) => p.remindersSent) },
    ],
    percent: false,
    stacked: true,
    // Days in order: on a phone every k-th day is named under the bars.
    sequence: true,
    min: 0,
    valueLabel: texts.mails,
    summary: fill(texts.mailsSummary, {
      title: texts.mailsTitle,
      invitations: f.int.format(invitations),
      reminders: f.int.format(reminders),
      days: f.int.format(days),
    }),
    display: [points.map((p) => f.int.format(p.invitationsSent)), points.map((p) => f.int.format(p.remindersSent))],
    legend: true,
  };
}

/** Submitted questionnaires the response line does not reach: dated after its last day (an import after the round closed). */
export function outsideTimeline(mon: Pick<MonitorResponse, 'totals' | 'timeline'>): number {
  const last = mon.timeline[mon.timeline.length - 1];
  return last ? Math.max(0, mon.totals.submitted - last.submitted) : 0;
}
