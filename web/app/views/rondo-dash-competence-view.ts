import { html, nothing } from 'lit';
import { m } from '../i18n.js';
import { withWords } from '../study-words.js';
import { DashView } from '../../dash/dash-view.js';
import type { DashData } from '../../dash/data.js';
import type { Fmt } from '../../dash/format.js';
import { shareByRoundSpec } from '../../dash/chart-configs/shares.js';
import { distributionSpec } from '../../dash/chart-configs/distribution.js';
import { trendSpec } from '../../dash/chart-configs/trend.js';
import '../../dash/rondo-chart.js';
import '../../dash/rondo-change.js';

const MESSAGES = {
  nl: {
    title: 'Kennis en competenties',
    lead: 'Per uitspraak het aandeel dat het (helemaal) eens is, per {roundWord} met het 95%-interval (Wilson); de verdeling van de antwoorden; en de gepaarde verandering bij wie beide {roundWords} invulde, met de exacte toets.',
    overview: 'Aandeel (helemaal) eens per uitspraak en {roundWord}',
    trend: 'Trend: gemiddelde score per {roundWord}',
    trendLead: 'Waar ligt de piek? Per uitspraak {de round} met het hoogste gemiddelde.',
    peak: 'Hoogst in',
    shape: {
      rising: 'stijgend',
      falling: 'dalend',
      peak: 'piek',
      dip: 'dal',
      flat: 'vlak',
      mixed: 'wisselend',
      insufficient: 'te weinig gegevens',
    } as Record<string, string>,
    item: 'Uitspraak',
    course: 'Verloop',
    share: 'Aandeel (helemaal) eens per {roundWord}',
    dist: 'Verdeling van de antwoorden per {roundWord}',
    none: 'Deze vragenlijst bevat geen uitspraken over kennis of competenties.',
    other: 'Andere vergelijkingen tussen {roundWords}',
    items: 'Per uitspraak',
    yes: 'Aandeel ja per {roundWord}',
  },
  en: {
    title: 'Knowledge and competence',
    lead: 'Per statement the share who (strongly) agree, per {roundWord} with its 95% interval (Wilson); the distribution of answers; and the paired change among those who answered both {roundWords}, with the exact test.',
    overview: 'Share (strongly) agreeing per statement and {roundWord}',
    trend: 'Trend: mean score per {roundWord}',
    trendLead: 'Where is the peak? For each statement {de round} with the highest mean.',
    peak: 'Highest in',
    shape: {
      rising: 'rising',
      falling: 'falling',
      peak: 'peak',
      dip: 'dip',
      flat: 'flat',
      mixed: 'mixed',
      insufficient: 'too little data',
    } as Record<string, string>,
    item: 'Statement',
    course: 'Course',
    share: 'Share (strongly) agreeing per {roundWord}',
    dist: 'Distribution of answers per {roundWord}',
    none: 'This questionnaire has no statements on knowledge or competence.',
    other: 'Other comparisons between {roundWords}',
    items: 'Per statement',
    yes: 'Share yes per {roundWord}',
  },
};

/** <rondo-dash-competence-view>: share agreeing per round with Wilson error bars, stacked distributions, paired change with the exact test, and the trend with each item's peak. */
export class RondoDashCompetenceView extends DashView {
  protected heading() {
    const t = withWords(this.params.slug, m(MESSAGES));
    return { title: t.title, lead: t.lead };
  }

  protected body(d: DashData, f: Fmt) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const a = d.analysis;
    const items = a.items.filter((i) => i.measure === 'competence' && (i.kind === 'ordinal' || i.kind === 'binary'));
    if (!items.length) return html`<p class="a-alert a-alert--info">${t.none}</p>`;
    const ordinal = items.filter((i) => i.kind === 'ordinal');
    // Statements in full: the charts wrap them between words (label-layout.ts), never cut them short.
    const labels = new Map(items.map((i) => [i.id, f.t(i.text).trim()]));
    const trends = a.trends.filter((x) => labels.has(x.variable) && x.basis === 'mean');
    const roundLabel = (k: string) => f.t(a.rounds.find((r) => r.key === k)?.label);
    return html`
      ${
        ordinal.length
          ? html`<section class="a-card" aria-label=${t.overview}>
            <rondo-chart .spec=${{
              ...shareByRoundSpec(
                a,
                ordinal.map((i) => ({ label: labels.get(i.id)!, variable: i })),
                f,
                t.overview,
                { roundsAsSeries: true },
              ),
              horizontal: true,
            }}></rondo-chart>
          </section>`
          : nothing
      }
      ${
        trends.length
          ? html`<section class="a-card" aria-label=${t.trend}>
            <rondo-chart .spec=${trendSpec(a, trends, labels, f, t.trend)}></rondo-chart>
            <div>
              <h2 id="d-cp-peak" class="d-chart-title d-table-title">${t.peak}</h2>
              <p class="a-muted a-small">${t.trendLead}</p>
              <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="d-cp-peak">
                <table class="a-table">
                  <thead><tr><th scope="col">${t.item}</th><th scope="col">${t.peak}</th><th scope="col">${t.course}</th></tr></thead>
                  <tbody>${trends.map((x) => html`<tr><th scope="row">${labels.get(x.variable)}</th><td><strong>${x.peak.map(roundLabel).join(', ') || '—'}</strong></td><td>${t.shape[x.shape] ?? x.shape}</td></tr>`)}</tbody>
                </table>
              </div>
            </div>
          </section>`
          : nothing
      }
      <section class="d-section" aria-labelledby="d-cp-items">
        <h2 id="d-cp-items">${t.items}</h2>
        ${items.map(
          (i) => html`<article class="a-card" aria-labelledby=${`d-cp-${i.id}`}>
            <h3 id=${`d-cp-${i.id}`}>${f.t(i.text)}</h3>
            <div class="d-grid d-grid--2">
              <rondo-chart heading="h4" .spec=${shareByRoundSpec(a, [{ label: labels.get(i.id)!, variable: i }], f, i.kind === 'binary' ? t.yes : t.share)}></rondo-chart>
              <rondo-chart heading="h4" .spec=${distributionSpec(a, i, f, t.dist)}></rondo-chart>
            </div>
            ${i.changes.filter((c) => c.primary).map((c) => html`<rondo-change .change=${c} .rounds=${a.rounds}></rondo-change>`)}
            ${
              i.changes.some((c) => !c.primary)
                ? html`<details class="d-details"><summary>${t.other}</summary>${i.changes.filter((c) => !c.primary).map((c) => html`<rondo-change .change=${c} .rounds=${a.rounds}></rondo-change>`)}</details>`
                : nothing
            }
          </article>`,
        )}
      </section>`;
  }
}
customElements.define('rondo-dash-competence-view', RondoDashCompetenceView);
