import { html, nothing } from 'lit';
import { StaffView } from '../app/staff-view.js';
import { currentSlug } from '../app/current-study.js';
import { withWords } from '../app/study-words.js';
import { fill, lang, m, tx } from '../app/i18n.js';
import type { SplitCell, SplitItem, SplitResult } from '../../analysis/study/split.js';
import type { DashboardAttributeFilter } from '../../model/api/dashboard.js';
import type { RoundResponse } from '../../analysis/study/result.js';
import { fmt } from './format.js';

const MESSAGES = {
  nl: {
    title: 'Uitgesplitst naar {label}',
    lead:
      'Per groep: het aandeel dat instemt of ja zegt, of het gemiddelde. Groepen met minder dan {min} respondenten in een ' +
      '{roundWord} tonen we niet; is daardoor maar één groep verborgen, dan ook de kleinste andere, zodat de verborgen groep niet ' +
      'uit het totaal af te leiden is.',
    round: '{RoundWord}: {round}',
    item: 'Vraag',
    respondents: 'Respondenten',
    hidden: 'verborgen',
    hiddenNote: 'verborgen: minder dan {min} respondenten, of verborgen zodat een kleine groep niet af te leiden is',
    mean: 'gem. {x}',
    none: 'Geen groepen met waarden in deze selectie.',
  },
  en: {
    title: 'Split by {label}',
    lead:
      'Per group: the share agreeing or saying yes, or the mean. Groups with fewer than {min} respondents in a {roundWord} are not ' +
      'shown; when that hides just one group, the smallest other one is hidden too, so the hidden group cannot be worked out ' +
      'from the total.',
    round: '{RoundWord}: {round}',
    item: 'Question',
    respondents: 'Respondents',
    hidden: 'hidden',
    hiddenNote: 'hidden: fewer than {min} respondents, or hidden so that a small group cannot be worked out',
    mean: 'mean {x}',
    none: 'No groups with values in this selection.',
  },
};

/**
 * <rondo-dash-split>: the results per value of a cohort attribute (issue 16) as one table per
 * round — questions down, groups across — with the server's subgroup suppression shown as such.
 *
 * @property split - the split (GET /dashboard?split=key; analysis/study/split.ts)
 * @property attribute - the attribute's label and value labels (the dashboard's filter options)
 * @property rounds - the analysis's rounds, for their labels
 */
export class RondoDashSplit extends StaffView {
  static override properties = { split: { attribute: false }, attribute: { attribute: false }, rounds: { attribute: false } };
  split: SplitResult | null = null;
  attribute: DashboardAttributeFilter | null = null;
  rounds: RoundResponse[] = [];

  private cell(c: SplitCell | null, hidden: boolean) {
    const t = withWords(currentSlug(), m(MESSAGES));
    const f = fmt(lang());
    if (hidden) return html`<span class="a-muted">${t.hidden}</span>`;
    if (!c || c.n === 0) return html`<span class="a-muted">—</span>`;
    if (c.x !== null) return c.share !== null ? html`${f.pct(c.share)} <span class="a-muted a-small">(n=${c.n})</span>` : f.xOfN(c.x, c.n);
    if (c.counts) return c.counts.map((x) => `${tx(x.label)} ${x.count}`).join(' · ');
    if (c.mean !== null) return html`${fill(t.mean, { x: f.dec(c.mean, 1) })} <span class="a-muted a-small">(n=${c.n})</span>`;
    return html`<span class="a-muted">n=${c.n}</span>`;
  }

  private option(label: SplitItem['optionLabel']) {
    return label ? html`: ${tx(label)}` : nothing;
  }

  override render() {
    const s = this.split;
    if (!s) return nothing;
    const t = withWords(currentSlug(), m(MESSAGES));
    const label = tx(this.attribute?.label) || s.key;
    const groupLabel = (value: string) => tx(this.attribute?.values.find((v) => v.value === value)?.label) || value;
    const min = String(s.minSubgroup);
    return html`<section class="d-section d-attr-split" aria-labelledby="d-split-title">
      <h2 id="d-split-title">${fill(t.title, { label })}</h2>
      <p class="a-muted a-small">${fill(t.lead, { min })}</p>
      ${
        !s.groups.length
          ? html`<p class="a-alert a-alert--info">${t.none}</p>`
          : s.rounds.map((key, r) => {
              const round = tx(this.rounds.find((x) => x.key === key)?.label) || key;
              return html`<h3 class="d-table-title">${fill(t.round, { round })}</h3>
                <div class="a-table-wrap" tabindex="0" role="region" aria-label=${`${fill(t.title, { label })}, ${round}`}>
                  <table class="a-table d-table-compact">
                    <thead><tr><th scope="col">${t.item}</th>${s.groups.map(
                      (g) => html`<th scope="col" class="a-num">${groupLabel(g.value)}</th>`,
                    )}</tr></thead>
                    <tbody>
                      <tr><th scope="row">${t.respondents}</th>${s.groups.map(
                        (g) =>
                          html`<td class="a-num">${g.hidden[r] ? html`<span class="a-muted">${t.hidden}</span>` : g.respondents[r]}</td>`,
                      )}</tr>
                      ${s.items.map(
                        (i) =>
                          html`<tr><th scope="row">${tx(i.text)}${this.option(i.optionLabel)}</th>${s.groups.map(
                            (g) => html`<td class="a-num">${this.cell(g.results[i.id]?.[r] ?? null, g.hidden[r])}</td>`,
                          )}</tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`;
            })
      }
      ${s.groups.some((g) => g.hidden.some(Boolean)) ? html`<p class="a-muted a-small">${fill(t.hiddenNote, { min })}</p>` : nothing}
    </section>`;
  }
}
customElements.define('rondo-dash-split', RondoDashSplit);
