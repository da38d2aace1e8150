import type { TimelinePoint } from './fieldwork-api.js';

/**
 * The response-over-time chart's Chart.js configuration, as a pure function so it can be tested
 * in Node: cumulative "opened" and "submitted" as lines, mails sent per day as bars on a second
 * axis, and the response rate in the tooltip. Colours keep a 3:1 contrast on white.
 */
export interface ChartTexts {
  opened: string;
  submitted: string;
  invitations: string;
  reminders: string;
  people: string;
  mails: string;
  /** e.g. "{n} of {total} ({pct})" */
  rate: string;
}

export interface ResponseChartInput {
  points: TimelinePoint[];
  invited: number;
  lang: 'nl' | 'en';
  texts: ChartTexts;
}

export const CHART_COLOURS = { submitted: '#1e6b3a', opened: '#0b5fa5', invitations: '#7a8794', reminders: '#b26b00' } as const;

export function formatDay(date: string, lang: 'nl' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

export function responseChartConfig(input: ResponseChartInput) {
  const { points, invited, lang, texts } = input;
  const pct = new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 });
  const rateOf = (n: number) => (invited ? texts.rate.replace('{n}', String(n)).replace('{total}', String(invited)).replace('{pct}', pct.format(n / invited)) : String(n));
  // With only a few days a line has no length; points show where the values are.
  const radius = points.length < 4 ? 4 : 0;
  return {
    type: 'bar' as const,
    data: {
      labels: points.map((p) => formatDay(p.date, lang)),
      datasets: [
        { type: 'line' as const, label: texts.submitted, data: points.map((p) => p.submitted), borderColor: CHART_COLOURS.submitted, backgroundColor: CHART_COLOURS.submitted, borderWidth: 3, pointRadius: Math.max(radius, 2), stepped: true, yAxisID: 'people', order: 0 },
        { type: 'line' as const, label: texts.opened, data: points.map((p) => p.opened), borderColor: CHART_COLOURS.opened, backgroundColor: CHART_COLOURS.opened, borderWidth: 2, borderDash: [6, 4], pointRadius: radius, stepped: true, yAxisID: 'people', order: 1 },
        { type: 'bar' as const, label: texts.invitations, data: points.map((p) => p.invitationsSent), backgroundColor: CHART_COLOURS.invitations, yAxisID: 'mails', order: 2, maxBarThickness: 14 },
        { type: 'bar' as const, label: texts.reminders, data: points.map((p) => p.remindersSent), backgroundColor: CHART_COLOURS.reminders, yAxisID: 'mails', order: 3, maxBarThickness: 14 },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false as const,
      interaction: { mode: 'index' as const, intersect: false },
      plugins: {
        legend: { position: 'bottom' as const, labels: { boxWidth: 14 } },
        tooltip: {
          callbacks: {
            label: (ctx: { datasetIndex: number; dataset: { label?: string }; parsed: { y: number } }) =>
              ctx.datasetIndex === 0 ? `${ctx.dataset.label}: ${rateOf(ctx.parsed.y)}` : `${ctx.dataset.label}: ${ctx.parsed.y}`,
          },
        },
      },
      scales: {
        // Mails of a day stack in one bar; the lines are on their own, unstacked axis.
        x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
        people: { type: 'linear' as const, position: 'left' as const, beginAtZero: true, suggestedMax: invited || undefined, ticks: { precision: 0 }, title: { display: true, text: texts.people } },
        mails: { type: 'linear' as const, position: 'right' as const, stacked: true, beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 }, title: { display: true, text: texts.mails } },
      },
    },
  };
}
