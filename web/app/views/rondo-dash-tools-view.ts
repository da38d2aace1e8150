import { html, nothing } from 'lit';
import { m } from '../i18n.js';
import { withWords } from '../study-words.js';
import { DashView } from '../../dash/dash-view.js';
import type { DashData } from '../../dash/data.js';
import type { Fmt } from '../../dash/format.js';
import type { VariableAnalysis } from '../../../analysis/study/result.js';
import { shareByRoundSpec } from '../../dash/chart-configs/shares.js';
import { hiddenExplained, summaryGap, summaryGapText } from '../../dash/summary-gap.js';
import '../../dash/rondo-chart.js';
import '../../dash/rondo-change.js';

const MESSAGES = {
  nl: {
    title: '{Tools} in gebruik',
    lead: 'Welk deel van de {participants} {elke tool} gebruikt, per {roundWord}, met het 95%-betrouwbaarheidsinterval. {RoundWords} waarin niet naar een {tool} is gevraagd, blijven leeg.',
    chart: 'Gebruik per {tool} en {roundWord}',
    table: 'Gebruik per {tool}',
    tool: '{Tool}',
    notAsked: 'niet gevraagd',
    zat: 'Andere vragen over {tools}',
    round: '{RoundWord}',
    n: 'n',
    mean: 'Gemiddeld',
    median: 'Mediaan',
    none: 'Deze vragenlijst meet geen gebruik van {tools}.',
    change: 'Verandering',
  },
  en: {
    title: '{Tool} use',
    lead: 'The share of {participants} using each {tool}, per {roundWord}, with the 95% confidence interval. {RoundWords} in which a {tool} was not asked about stay empty.',
    chart: 'Use per {tool} and {roundWord}',
    table: 'Use per {tool}',
    tool: '{Tool}',
    notAsked: 'not asked',
    zat: 'Other questions about {tools}',
    round: '{RoundWord}',
    n: 'n',
    mean: 'Mean',
    median: 'Median',
    none: 'This questionnaire does not measure the use of {tools}.',
    change: 'Change',
  },
};

/**
 * <rondo-dash-tools-view>: adoption per instrument per round with intervals, the change with its
 * test, and the study's other questions about its instruments (in the demo: cases brought to the
 * ZAT), each under its own item text. Every word for "tool" is the study's own (issue 16).
 */
export class RondoDashToolsView extends DashView {
  /** The messages with the study's words filled in. */
  private words() {
    return withWords(this.params.slug, m(MESSAGES));
  }

  protected heading() {
    const t = this.words();
    return { title: t.title, lead: t.lead };
  }

  private shareCell(v: VariableAnalysis, round: string, f: Fmt) {
    const a = this.data!.analysis;
    const s = v.rounds.find((x) => x.round === round);
    // "Verborgen" only for a suppressed count: a round without answers (yet) is not hidden (summary-gap.ts).
    const gap = summaryGap(
      s,
      a.rounds.find((r) => r.key === round),
    );
    const tb = s?.topBox;
    if (!s || gap || !tb || tb.x === null)
      return html`<td class="a-muted" data-gap=${gap ?? 'hidden'}>${summaryGapText(gap ?? 'hidden', f.lang)}</td>`;
    // Under the minimum for a percentage (or with the share withheld for this audience): the count alone.
    const pct = tb.estimate !== null && s.n >= a.settings.minDenominatorForPercent ? tb.estimate : null;
    return html`<td class="a-num">${pct === null ? f.xOfN(tb.x, tb.n) : html`<strong>${f.pct(pct)}</strong> <span class="a-muted">(${f.xOfN(tb.x, tb.n)})</span>`}${tb.ci && pct !== null ? html`<span class="d-sub a-muted">95%: ${f.pctRange(tb.ci)}</span>` : nothing}</td>`;
  }

  /**
   * The change to show for a tool: the primary contrast (first → last round) when the tool was
   * asked in both; tools are often not asked before the training, so otherwise the changes
   * between the rounds it was asked in.
   */
  private changesOf(v: VariableAnalysis) {
    const asked = (c: VariableAnalysis['changes'][number]) => (c.paired?.n ?? 0) > 0 || (c.crossSectional?.nFrom ?? 0) > 0;
    const primary = v.changes.filter((c) => c.primary && asked(c));
    return primary.length ? primary : v.changes.filter(asked);
  }

  protected body(d: DashData, f: Fmt) {
    const t = this.words();
    const a = d.analysis;
    const toolItems = new Set(a.tools.map((x) => x.use.item));
    const zat = a.items.filter((i) => i.measure === 'tool-use' && !toolItems.has(i.item));
    const zatShares = zat.filter((i) => i.kind === 'binary');
    const zatCounts = zat.filter((i) => i.kind === 'numeric');
    if (!a.tools.length && !zat.length) return html`<p class="a-alert a-alert--info">${t.none}</p>`;
    return html`
      ${
        a.tools.length
          ? html`<section class="a-card" aria-label=${t.chart}>
              <rondo-chart .spec=${shareByRoundSpec(
                a,
                a.tools.map((x) => ({ label: x.name, variable: x.use })),
                f,
                t.chart,
                { roundsAsSeries: true },
              )}></rondo-chart>
            </section>
            <section class="a-card" aria-labelledby="d-tl-table">
              <h2 id="d-tl-table">${t.table}</h2>
              <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="d-tl-table">
                <table class="a-table">
                  <thead><tr><th scope="col">${t.tool}</th>${a.rounds.map((r) => html`<th scope="col" class="a-num">${f.t(r.label)}</th>`)}</tr></thead>
                  <tbody>${a.tools.map((x) => html`<tr><th scope="row">${x.name}</th>${a.rounds.map((r) => this.shareCell(x.use, r.key, f))}</tr>`)}</tbody>
                </table>
              </div>
              ${
                a.tools.some((x) =>
                  a.rounds.some(
                    (r) =>
                      summaryGap(
                        x.use.rounds.find((s) => s.round === r.key),
                        r,
                      ) === 'hidden',
                  ),
                )
                  ? html`<p class="a-small a-muted" data-test="hidden-note">${hiddenExplained(a.settings.minSubgroup, f.lang)}</p>`
                  : nothing
              }
              <div class="d-grid d-grid--3">
                ${a.tools.map((x) => {
                  const changes = this.changesOf(x.use);
                  return changes.length
                    ? html`<div><h3>${x.name}</h3>${changes.map((c) => html`<rondo-change .change=${c} .rounds=${a.rounds}></rondo-change>`)}</div>`
                    : nothing;
                })}
              </div>
            </section>`
          : nothing
      }
      ${
        zat.length
          ? html`<section class="d-section" aria-labelledby="d-tl-zat">
            <h2 id="d-tl-zat">${t.zat}</h2>
            <div class="d-grid d-grid--2">
              ${zatShares.map(
                (i) => html`<div class="a-card">
                  <rondo-chart .spec=${shareByRoundSpec(a, [{ label: f.t(i.text).trim(), variable: i }], f, f.t(i.text).trim())}></rondo-chart>
                  ${this.changesOf(i).map((c) => html`<rondo-change .change=${c} .rounds=${a.rounds}></rondo-change>`)}
                </div>`,
              )}
              ${zatCounts.map(
                (i) => html`<div class="a-card">
                  <h3 id=${`d-tl-${i.id}`}>${f.t(i.text)}</h3>
                  <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby=${`d-tl-${i.id}`}>
                    <table class="a-table">
                      <thead><tr><th scope="col">${t.round}</th><th scope="col" class="a-num">${t.n}</th><th scope="col" class="a-num">${t.mean}</th><th scope="col" class="a-num">${t.median}</th></tr></thead>
                      <tbody>
                        ${i.rounds.map((s) => html`<tr><th scope="row">${f.t(a.rounds.find((r) => r.key === s.round)?.label)}</th>${s.asked ? html`<td class="a-num">${s.n}</td><td class="a-num">${s.mean?.estimate == null ? '—' : f.dec(s.mean.estimate, 1)}</td><td class="a-num">${s.median === null ? '—' : f.dec(s.median, 0)}</td>` : html`<td colspan="3" class="a-muted">${t.notAsked}</td>`}</tr>`)}
                      </tbody>
                    </table>
                  </div>
                </div>`,
              )}
            </div>
          </section>`
          : nothing
      }`;
  }
}
customElements.define('rondo-dash-tools-view', RondoDashToolsView);
