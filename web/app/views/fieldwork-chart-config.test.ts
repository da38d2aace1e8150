import { describe, expect, it } from 'vitest';
import { toChartJs } from '../../dash/chart-configs/chartjs.js';
import { CHART_COLOURS, formatDay, mailsSpec, outsideTimeline, responseSpec, type ChartTexts } from './fieldwork-chart-config.js';

const texts: ChartTexts = {
  responseTitle: 'Ingevuld en geopend (n = {n} uitgenodigd)',
  mailsTitle: 'E-mails per dag',
  opened: 'Geopend',
  submitted: 'Ingevuld',
  invitations: 'Uitnodigingen',
  reminders: 'Herinneringen',
  people: 'Deelnemers',
  mails: 'E-mails',
  rate: '{n} van {total} ({pct})',
  responseSummary: '{title}: op {date} {submitted} van {invited} ingevuld ({pct}) en {opened} geopend.',
  mailsSummary: '{title}: {invitations} uitnodigingen en {reminders} herinneringen op {days} dagen.',
};
// The 1000 Kansen pre round: 34 invited, 21 submitted (the published 62%).
const points = [
  { date: '2026-03-02', opened: 5, submitted: 2, invitationsSent: 34, remindersSent: 0 },
  { date: '2026-03-03', opened: 9, submitted: 6, invitationsSent: 0, remindersSent: 0 },
  { date: '2026-03-09', opened: 20, submitted: 17, invitationsSent: 0, remindersSent: 28 },
  { date: '2026-03-10', opened: 23, submitted: 21, invitationsSent: 0, remindersSent: 0 },
];

describe('the response-over-time chart for <rondo-chart>', () => {
  const spec = responseSpec({ points, invited: 34, lang: 'nl', texts });

  it('has a day per point, in the interface language', () => {
    expect(spec.categories).toEqual(['2 mrt', '3 mrt', '9 mrt', '10 mrt']);
    expect(formatDay('2026-03-02', 'en')).toBe('2 Mar');
  });

  it('draws cumulative submitted and opened as lines on an axis up to the number invited, n in the title', () => {
    expect(spec.kind).toBe('line');
    expect(spec.title).toBe('Ingevuld en geopend (n = 34 uitgenodigd)');
    const [submitted, opened] = spec.series;
    expect(submitted).toMatchObject({ label: 'Ingevuld', values: [2, 6, 17, 21], colour: CHART_COLOURS.submitted });
    expect(opened).toMatchObject({ label: 'Geopend', values: [5, 9, 20, 23], colour: CHART_COLOURS.opened });
    expect([spec.min, spec.max, spec.percent]).toEqual([0, 34, false]);
  });

  it('gives each day its response rate in the tooltip and the data table', () => {
    expect(spec.display[0]).toEqual(['2 van 34 (6%)', '6 van 34 (18%)', '17 van 34 (50%)', '21 van 34 (62%)']);
    expect(spec.display[1]).toEqual(['5', '9', '20', '23']);
  });

  it('says the latest numbers in its text alternative', () => {
    expect(spec.summary).toBe('Ingevuld en geopend (n = 34 uitgenodigd): op 10 mrt 21 van 34 ingevuld (62%) en 23 geopend.');
  });

  it('leaves the axis free when nobody is invited yet', () => {
    const none = responseSpec({
      points: points.slice(0, 1).map((p) => ({ ...p, opened: 0, submitted: 0 })),
      invited: 0,
      lang: 'en',
      texts,
    });
    expect(none.max).toBeUndefined();
    expect(none.display[0]).toEqual(['0']);
  });

  it('becomes a chart.js line chart through the dashboard’s one converter', () => {
    const config = toChartJs(spec);
    expect(config.type).toBe('line');
    expect(config.data.labels).toEqual(spec.categories);
    expect(config.data.datasets.map((d) => d.data)).toEqual([
      [2, 6, 17, 21],
      [5, 9, 20, 23],
    ]);
    expect((config.options.scales as Record<string, { max?: number }>).y.max).toBe(34);
  });
});

describe('the e-mails-per-day chart', () => {
  it('stacks invitations and reminders per day', () => {
    const spec = mailsSpec({ points, invited: 34, lang: 'nl', texts })!;
    expect(spec).toMatchObject({ kind: 'bar', stacked: true, title: 'E-mails per dag', legend: true });
    expect(spec.series.map((s) => s.values)).toEqual([
      [34, 0, 0, 0],
      [0, 0, 28, 0],
    ]);
    expect(spec.summary).toBe('E-mails per dag: 34 uitnodigingen en 28 herinneringen op 2 dagen.');
    expect((toChartJs(spec).options.scales as Record<string, { stacked: boolean }>).y.stacked).toBe(true);
  });

  it('is left out while no mail has been sent', () => {
    expect(
      mailsSpec({ points: points.map((p) => ({ ...p, invitationsSent: 0, remindersSent: 0 })), invited: 34, lang: 'nl', texts }),
    ).toBeNull();
  });
});

describe('submissions the response line does not reach', () => {
  const point = (date: string, submitted: number) => ({ date, opened: submitted, submitted, invitationsSent: 0, remindersSent: 0 });
  it('are those dated after its last day, such as an import after the round closed', () => {
    const timeline = [point('2026-03-01', 0), point('2026-03-31', 0)];
    expect(outsideTimeline({ totals: { invited: 36, sent: 0, opened: 19, started: 19, submitted: 19, rate: 0.53 }, timeline })).toBe(19);
    expect(
      outsideTimeline({
        totals: { invited: 36, sent: 0, opened: 19, started: 19, submitted: 19, rate: 0.53 },
        timeline: [point('2026-03-31', 19)],
      }),
    ).toBe(0);
    expect(outsideTimeline({ totals: { invited: 0, sent: 0, opened: 0, started: 0, submitted: 0, rate: null }, timeline: [] })).toBe(0);
  });
});
