import { describe, expect, it } from 'vitest';
import { CHART_COLOURS, formatDay, responseChartConfig } from '../../web/app/views/fieldwork-chart-config.js';

const texts = { opened: 'Geopend', submitted: 'Ingevuld', invitations: 'Uitnodigingen', reminders: 'Herinneringen', people: 'Deelnemers', mails: 'E-mails', rate: '{n} van {total} ({pct})' };
const points = [
  { date: '2026-03-02', opened: 5, submitted: 2, invitationsSent: 34, remindersSent: 0 },
  { date: '2026-03-03', opened: 9, submitted: 6, invitationsSent: 0, remindersSent: 0 },
  { date: '2026-03-09', opened: 20, submitted: 17, invitationsSent: 0, remindersSent: 28 },
  { date: '2026-03-10', opened: 23, submitted: 21, invitationsSent: 0, remindersSent: 0 },
];

describe('the response-over-time chart configuration', () => {
  const config = responseChartConfig({ points, invited: 34, lang: 'nl', texts });

  it('has a day label per point, in the interface language', () => {
    expect(config.data.labels).toEqual(['2 mrt', '3 mrt', '9 mrt', '10 mrt']);
    expect(formatDay('2026-03-02', 'en')).toBe('2 Mar');
  });

  it('draws cumulative submitted and opened as lines and mails per day as stacked bars', () => {
    const [submitted, opened, invitations, reminders] = config.data.datasets;
    expect(submitted).toMatchObject({ type: 'line', label: 'Ingevuld', data: [2, 6, 17, 21], yAxisID: 'people', borderColor: CHART_COLOURS.submitted });
    expect(opened).toMatchObject({ type: 'line', data: [5, 9, 20, 23], yAxisID: 'people' });
    expect(invitations).toMatchObject({ type: 'bar', data: [34, 0, 0, 0], yAxisID: 'mails' });
    expect(reminders).toMatchObject({ type: 'bar', data: [0, 0, 28, 0], yAxisID: 'mails' });
    expect(config.options.scales.mails.stacked).toBe(true);
    expect(config.options.scales.people.suggestedMax).toBe(34);
  });

  it('says the response rate in the tooltip of the submitted line', () => {
    const label = config.options.plugins.tooltip.callbacks.label;
    // 21 of 34 is the published 62% of the 1000 Kansen pre round.
    expect(label({ datasetIndex: 0, dataset: { label: 'Ingevuld' }, parsed: { y: 21 } })).toBe('Ingevuld: 21 van 34 (62%)');
    expect(label({ datasetIndex: 3, dataset: { label: 'Herinneringen' }, parsed: { y: 28 } })).toBe('Herinneringen: 28');
  });

  it('shows points when there are only a few days', () => {
    const few = responseChartConfig({ points: points.slice(0, 1), invited: 34, lang: 'en', texts });
    expect(few.data.datasets[1].pointRadius).toBe(4);
    expect(config.data.datasets[1].pointRadius).toBe(0);
  });
});
