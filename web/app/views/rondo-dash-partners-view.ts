import { html, nothing } from 'lit';
import { m } from '../i18n.js';
import { DashView } from '../../dash/dash-view.js';
import type { DashData } from '../../dash/data.js';
import type { Fmt } from '../../dash/format.js';
import type { PartnerResult, RoundResponse, RoundSummary } from '../../../analysis/study/result.js';
import { shareByRoundSpec } from '../../dash/chart-configs/shares.js';
import { distributionSpec } from '../../dash/chart-configs/distribution.js';
import { hiddenExplained, summaryGap, summaryGapText } from '../../dash/summary-gap.js';
import { withWords } from '../study-words.js';
import '../../dash/rondo-chart.js';
import '../../dash/rondo-change.js';

const MESSAGES = {
  nl: {
    title: 'Samenwerking met {partners}',
    lead: 'Hoe vaak en hoe goed {participants} samenwerken met {elke partner}, per {roundWord}. De heatmap toont het aandeel dat maandelijks of vaker samenwerkt.',
    heat: 'Maandelijks of vaker samenwerken, per {partner} en {roundWord}',
    sort: 'Sorteer op',
    byIncrease: 'grootste toename',
    byDomain: 'werkveld',
    byName: 'naam',
    partner: '{Partner}',
    change: 'Gem. verandering',
    rank: 'Rang',
    bars: 'Maandelijks of vaker samenwerken per {partner} (gegroepeerd per {roundWord})',
    details: 'Per {partner}',
    frequency: 'Samenwerkingsfrequentie',
    quality: 'Kwaliteit van de samenwerking',
    legend: 'Kleur: aandeel maandelijks of vaker; gestreept: niet gevraagd, (nog) geen antwoorden of verborgen.',
    domain: 'Werkveld',
    none: 'Deze vragenlijst meet geen samenwerking met {partners}.',
    pairs: '{n} paren',
    qualityDist: 'Verdeling kwaliteit: {p}',
    freqDist: 'Verdeling frequentie: {p}',
  },
  en: {
    title: 'Collaboration with {partners}',
    lead: 'How often and how well {participants} collaborate with each {partner}, per {roundWord}. The heatmap shows the share collaborating monthly or more.',
    heat: 'Collaborating monthly or more, per {partner} and {roundWord}',
    sort: 'Sort by',
    byIncrease: 'largest increase',
    byDomain: 'field',
    byName: 'name',
    partner: '{Partner}',
    change: 'Mean change',
    rank: 'Rank',
    bars: 'Collaborating monthly or more per {partner} (grouped by {roundWord})',
    details: 'Per {partner}',
    frequency: 'Collaboration frequency',
    quality: 'Quality of collaboration',
    legend: 'Colour: share monthly or more; striped: not asked, no answers (yet) or hidden.',
    domain: 'Field',
    none: 'This questionnaire does not measure collaboration with {partners}.',
    pairs: '{n} pairs',
    qualityDist: 'Quality distribution: {p}',
    freqDist: 'Frequency distribution: {p}',
  },
};

type Sort = 'increase' | 'domain' | 'name';

/** <rondo-dash-partners-view>: partner × round heatmap and grouped bars, sortable by increase, grouped by field; per partner the distributions and the change with its test. */
export class RondoDashPartnersView extends DashView {
  static override properties = { ...DashView.properties, sort: { state: true }, opened: { state: true } };
  sort: Sort = 'increase';
  /** Partners whose details are open: their charts are drawn only then. */
  opened = new Set<number>();

  private toggle(index: number, open: boolean): void {
    const next = new Set(this.opened);
    if (open) next.add(index);
    else next.delete(index);
    this.opened = next;
  }

  protected heading() {
    const t = withWords(this.params.slug, m(MESSAGES));
    return { title: t.title, lead: t.lead };
  }

  private ordered(d: DashData): PartnerResult[] {
    const ps = [...d.analysis.partners];
    if (this.sort === 'name') return ps.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    const rank = (p: PartnerResult) => p.increase.rank ?? Number.POSITIVE_INFINITY;
    if (this.sort === 'domain') return ps.sort((a, b) => a.domain.localeCompare(b.domain, 'nl') || rank(a) - rank(b) || a.index - b.index);
    return ps.sort((a, b) => rank(a) - rank(b) || a.index - b.index);
  }

  private cell(s: RoundSummary | undefined, round: RoundResponse, f: Fmt) {
    // "Verborgen" only for a suppressed count: a round without answers (yet) is not hidden (summary-gap.ts).
    const gap = summaryGap(s, round);
    const tb = s?.topBox;
    if (!s || gap || !tb || tb.x === null)
      return html`<td class="d-cell d-hx" data-gap=${gap ?? 'hidden'}>${summaryGapText(gap ?? 'hidden', f.lang)}</td>`;
    // A share withheld for this audience (under the minimum for a percentage): the count alone, in a neutral cell.
    if (tb.estimate === null) return html`<td class="d-cell d-hx">${f.xOfN(tb.x, tb.n)}</td>`;
    const bucket = Math.min(6, Math.ceil(tb.estimate * 6));
    const small = s.n < this.data!.analysis.settings.minDenominatorForPercent;
    return html`<td class="d-cell d-h${bucket}">${small ? f.xOfN(tb.x, tb.n) : f.pct(tb.estimate)}<span class="d-sub">${f.xOfN(tb.x, tb.n)}</span></td>`;
  }

  protected body(d: DashData, f: Fmt) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const a = d.analysis;
    if (!a.partners.length) return html`<p class="a-alert a-alert--info">${t.none}</p>`;
    const ps = this.ordered(d);
    const cols = a.rounds.length + 2;
    let lastDomain = '';
    const rows = ps.map((p) => {
      const head =
        this.sort === 'domain' && p.domain !== lastDomain
          ? html`<tr class="d-domain"><th scope="rowgroup" colspan=${cols}>${p.domain || '—'}</th></tr>`
          : nothing;
      lastDomain = p.domain;
      const ch = p.increase.meanChange;
      return html`${head}<tr>
        <th scope="row">${p.name}${this.sort !== 'domain' && p.domain ? html`<span class="d-sub a-muted">${p.domain}</span>` : nothing}</th>
        ${a.rounds.map((r) =>
          this.cell(
            p.frequency?.rounds.find((s) => s.round === r.key),
            r,
            f,
          ),
        )}
        <td class="a-num">${ch === null ? '—' : html`<span class=${p.increase.conclusion?.direction === 'increase' ? 'd-up' : p.increase.conclusion?.direction === 'decrease' ? 'd-down' : ''}>${ch > 0 ? '+' : ''}${f.dec(ch, 1)}</span>`}<span class="d-sub a-muted">${t.pairs.replace('{n}', String(p.increase.nPairs))}</span></td>
      </tr>`;
    });
    return html`
      <section class="a-card" aria-labelledby="d-pt-heat">
        <div class="d-chart-head">
          <h2 id="d-pt-heat" class="d-chart-title">${t.heat}</h2>
          <div class="a-field d-sort">
            <label class="d-flabel" for="d-pt-sort">${t.sort}</label>
            <select id="d-pt-sort" @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as Sort)}>
              <option value="increase" ?selected=${this.sort === 'increase'}>${t.byIncrease}</option>
              <option value="domain" ?selected=${this.sort === 'domain'}>${t.byDomain}</option>
              <option value="name" ?selected=${this.sort === 'name'}>${t.byName}</option>
            </select>
          </div>
        </div>
        <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="d-pt-heat">
          <table class="a-table d-heat">
            <thead><tr><th scope="col">${t.partner}</th>${a.rounds.map((r) => html`<th scope="col" class="a-num">${f.t(r.label)}</th>`)}<th scope="col" class="a-num">${t.change}</th></tr></thead>
            <tbody>${rows}</tbody>
          </table>
        </div>
        <p class="d-legend">${[1, 2, 3, 4, 5, 6].map((b) => html`<span><span class="d-swatch d-h${b}"></span>${f.pct((b - 1) / 6)}–${f.pct(b / 6)}</span>`)}<span>${t.legend}</span></p>
        ${
          ps.some((p) =>
            a.rounds.some(
              (r) =>
                summaryGap(
                  p.frequency?.rounds.find((s) => s.round === r.key),
                  r,
                ) === 'hidden',
            ),
          )
            ? html`<p class="a-small a-muted" data-test="hidden-note">${hiddenExplained(a.settings.minSubgroup, f.lang)}</p>`
            : nothing
        }
      </section>
      <section class="a-card" aria-label=${t.bars}>
        <rondo-chart .spec=${{
          ...shareByRoundSpec(
            a,
            ps.map((p) => ({ label: p.name, variable: p.frequency })),
            f,
            t.bars,
            { roundsAsSeries: true },
          ),
          horizontal: true,
        }}></rondo-chart>
      </section>
      <section class="d-section" aria-labelledby="d-pt-details">
        <h2 id="d-pt-details">${t.details}</h2>
        ${ps.map(
          (
            p,
          ) => html`<details class="d-details" ?open=${this.opened.has(p.index)} @toggle=${(e: Event) => this.toggle(p.index, (e.target as HTMLDetailsElement).open)}>
            <summary>${p.name}${p.increase.conclusion?.direction === 'increase' ? html` <span class="a-badge">↑</span>` : nothing}</summary>
            ${
              this.opened.has(p.index)
                ? html`<div class="d-grid d-grid--2">
              ${p.frequency ? html`<div class="a-card"><rondo-chart heading="h4" .spec=${distributionSpec(a, p.frequency, f, t.freqDist.replace('{p}', p.name))}></rondo-chart>${p.frequency.changes.map((c) => html`<rondo-change .change=${c} .rounds=${a.rounds}></rondo-change>`)}</div>` : nothing}
              ${p.quality ? html`<div class="a-card"><rondo-chart heading="h4" .spec=${distributionSpec(a, p.quality, f, t.qualityDist.replace('{p}', p.name))}></rondo-chart>${p.quality.changes.filter((c) => c.primary).map((c) => html`<rondo-change .change=${c} .rounds=${a.rounds}></rondo-change>`)}</div>` : nothing}
            </div>`
                : nothing
            }
          </details>`,
        )}
      </section>`;
  }
}
customElements.define('rondo-dash-partners-view', RondoDashPartnersView);
