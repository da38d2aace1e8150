import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { fill, lang, m } from '../i18n.js';
import { DashView } from '../../dash/dash-view.js';
import type { DashData } from '../../dash/data.js';
import type { Fmt } from '../../dash/format.js';
import type { IndicatorAnalysis, IndicatorScoring } from '../../../analysis/study/indicators.js';
import type { ChangeResult } from '../../../analysis/study/result.js';
import { SUMMARY_NAMES } from '../../../model/indicators.js';
import { indicatorDisplay, indicatorInterval, indicatorSpec } from '../../dash/chart-configs/indicators.js';
import { itemList } from '../../dash/item-labels.js';
import '../../dash/rondo-chart.js';
import '../../dash/rondo-change.js';

const MESSAGES = {
  nl: {
    title: 'Indicatoren',
    lead:
      'De indicatoren die het onderzoek zelf heeft benoemd, per {roundWord} met het 95%-betrouwbaarheidsinterval. ' +
      'Een verandering heet aantoonbaar als de gepaarde toets na Holm-correctie over de indicatoren p < {alpha} geeft; ' +
      'het interval is de precisie van de schatting zelf, zonder correctie.',
    none: 'Dit onderzoek heeft nog geen eigen indicatoren. Een onderzoeker legt ze vast bij Vragenlijst → Indicatoren.',
    measuredBy: 'Gemeten met {n} vragen: {items}.',
    measuredByOne: 'Gemeten met één vraag: {items}.',
    scoring: {
      'item-top-box': '',
      item: '',
      'person-share':
        'Per persoon eerst het aandeel van zijn of haar beantwoorde vragen ' +
        '(telt mee bij minstens de helft beantwoord), dan het gemiddelde.',
      'person-mean':
        'Per persoon eerst het gemiddelde van zijn of haar beantwoorde vragen ' +
        '(telt mee bij minstens de helft beantwoord), dan het gemiddelde.',
    } as Record<IndicatorScoring, string>,
    n: 'n',
    value: 'Waarde',
    ci: '95%-BI',
    notAsked: 'niet gevraagd',
    small: 'kleine aantallen',
    answer: 'Antwoord',
    table: 'Per {roundWord}',
    chart: 'Per {roundWord}, met 95%-betrouwbaarheidsinterval',
    round: '{RoundWord}',
    other: 'Andere vergelijkingen',
    noChange: 'Voor een verdeling wordt geen verandering getoetst.',
  },
  en: {
    title: 'Indicators',
    lead:
      "The study's own indicators, per {roundWord} with the 95% confidence interval. " +
      'A change is called demonstrable when the paired test gives p < {alpha} after Holm adjustment over the indicators; ' +
      'the interval is the precision of the estimate itself, unadjusted.',
    none: 'This study has no indicators of its own yet. A researcher defines them under Questionnaire → Indicators.',
    measuredBy: 'Measured by {n} items: {items}.',
    measuredByOne: 'Measured by one item: {items}.',
    scoring: {
      'item-top-box': '',
      item: '',
      'person-share': "Each person's share of the items they answered first (counted when at least half were answered), then the mean.",
      'person-mean': "Each person's mean of the items they answered first (counted when at least half were answered), then the mean.",
    } as Record<IndicatorScoring, string>,
    n: 'n',
    value: 'Value',
    ci: '95% CI',
    notAsked: 'not asked',
    small: 'small numbers',
    answer: 'Answer',
    table: 'Per {roundWord}',
    chart: 'Per {roundWord}, with 95% confidence interval',
    round: '{RoundWord}',
    other: 'Other comparisons',
    noChange: 'No change is tested for a distribution.',
  },
};

/** <rondo-dash-indicators-view>: each of the study's own indicators per round — chart, table, and the change with its plain verdict. */
export class RondoDashIndicatorsView extends DashView {
  protected heading() {
    const t = withWords(this.params.slug, m(MESSAGES));
    // The decimal sign of the interface language: "p < 0,05" in Dutch, "p < 0.05" in English.
    const alpha = String(this.data?.analysis.settings.alpha ?? 0.05);
    return { title: t.title, lead: fill(t.lead, { alpha: lang() === 'nl' ? alpha.replace('.', ',') : alpha }) };
  }

  private valueTable(d: DashData, ind: IndicatorAnalysis, f: Fmt, id: string) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const a = d.analysis;
    const min = a.settings.minDenominatorForPercent;
    const label = (key: string) => f.t(a.rounds.find((r) => r.key === key)?.label);
    if (ind.summary === 'distribution') {
      const codes = ind.result.codes ?? [];
      return html`<div class="a-table-wrap" tabindex="0" role="region" aria-labelledby=${id}>
        <table class="a-table">
          <thead><tr><th scope="col">${t.answer}</th>${ind.result.rounds.map(
            (s) => html`<th scope="col" class="a-num">${label(s.round)} <span class="d-sub a-muted">n = ${s.n}</span></th>`,
          )}</tr></thead>
          <tbody>${codes.map(
            (c) =>
              html`<tr><th scope="row">${f.t(c.label)}</th>${ind.result.rounds.map((s) => {
                const cell = s.distribution?.find((x) => x.code === c.code);
                if (!s.asked) return html`<td class="a-muted">${t.notAsked}</td>`;
                if (!cell || cell.count === null) return html`<td class="a-num">—</td>`;
                const pct = cell.share !== null && s.n >= min;
                const text = pct ? html`${f.pct(cell.share!)} <span class="a-muted">(${cell.count})</span>` : f.xOfN(cell.count, s.n);
                return html`<td class="a-num">${text}</td>`;
              })}</tr>`,
          )}</tbody>
        </table>
      </div>`;
    }
    return html`<div class="a-table-wrap" tabindex="0" role="region" aria-labelledby=${id}>
      <table class="a-table">
        <thead><tr><th scope="col">${t.round}</th><th scope="col" class="a-num">${t.n}</th>
          <th scope="col" class="a-num">${t.value}</th><th scope="col" class="a-num">${t.ci}</th></tr></thead>
        <tbody>${ind.result.rounds.map((s) =>
          s.asked
            ? html`<tr><th scope="row">${label(s.round)}</th><td class="a-num">${s.n}</td>
                <td class="a-num"><strong>${indicatorDisplay(ind, s, min, f)}</strong>${
                  s.flags.includes('small-numbers') ? html`<span class="d-sub a-muted">${t.small}</span>` : nothing
                }</td>
                <td class="a-num d-ci">${indicatorInterval(ind, s, min, f) || '—'}</td></tr>`
            : html`<tr><th scope="row">${label(s.round)}</th><td colspan="3" class="a-muted">${t.notAsked}</td></tr>`,
        )}</tbody>
      </table>
    </div>`;
  }

  protected body(d: DashData, f: Fmt) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const a = d.analysis;
    if (!a.indicators?.length) return html`<p class="a-alert a-alert--info">${t.none}</p>`;
    const change = (c: ChangeResult) => html`<rondo-change .change=${c} .rounds=${a.rounds}></rondo-change>`;
    return html`${a.indicators.map((ind) => {
      const id = `d-in-${ind.key}`;
      const primary = ind.result.changes.filter((c) => c.primary);
      const others = ind.result.changes.filter((c) => !c.primary);
      const scoring = t.scoring[ind.scoring];
      // The items' own texts, as everywhere on the dashboard: their ids are variable names for the exports.
      const measured = fill(ind.items.length === 1 ? t.measuredByOne : t.measuredBy, {
        n: ind.items.length,
        items: itemList(a, ind.items, f),
      });
      return html`<article class="a-card d-indicator" aria-labelledby=${id}>
        <h2 id=${id}>${f.t(ind.name)}</h2>
        <p class="a-muted">${m(SUMMARY_NAMES[ind.summary])}. ${measured} ${scoring}</p>
        <div class="d-grid d-grid--2">
          <rondo-chart heading="h3" .spec=${indicatorSpec(a, ind, f, t.chart)}></rondo-chart>
          <div>
            <h3 id=${`${id}-table`} class="d-chart-title d-table-title">${t.table}</h3>
            ${this.valueTable(d, ind, f, `${id}-table`)}
          </div>
        </div>
        ${ind.summary === 'distribution' ? html`<p class="a-muted a-small">${t.noChange}</p>` : nothing}
        ${ind.summary === 'distribution' ? nothing : primary.map(change)}
        ${
          others.length && ind.summary !== 'distribution'
            ? html`<details class="d-details"><summary>${t.other}</summary>${others.map(change)}</details>`
            : nothing
        }
      </article>`;
    })}`;
  }
}
customElements.define('rondo-dash-indicators-view', RondoDashIndicatorsView);
