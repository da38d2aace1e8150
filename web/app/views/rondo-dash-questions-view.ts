import { html, nothing, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { ChangeResult, ItemAnalysis, QuestionReport, RoundSummary, StudyAnalysis } from '../../../analysis/study/result.js';
import { DashView } from '../../dash/dash-view.js';
import type { DashData } from '../../dash/data.js';
import type { Fmt } from '../../dash/format.js';
import { distributionSpec } from '../../dash/chart-configs/distribution.js';
import {
  meanByRoundSpec,
  multiChoiceRounds,
  optionDisplay,
  optionSharesSpec,
  questionVariables,
  singleChoiceRounds,
  type OptionCell,
} from '../../dash/chart-configs/items.js';
import { shareByRoundSpec } from '../../dash/chart-configs/shares.js';
import { lang, m } from '../i18n.js';
import { withWords } from '../study-words.js';
import '../../dash/rondo-chart.js';
import '../../dash/rondo-change.js';

const MESSAGES = {
  nl: {
    title: 'Alle vragen',
    lead:
      'Elke vraag van de vragenlijst met de uitkomsten per {roundWord}: een grafiek en een tabel, en het oordeel over verandering. ' +
      'Dat oordeel volgt de toets (exact, na correctie voor meerdere toetsen); het 95%-interval toont alleen hoe precies een cijfer is.',
    none: 'Deze vragenlijst heeft geen vragen met antwoorden om te tonen.',
    type: {
      likert: 'Stelling',
      frequency: 'Frequentie',
      rating: 'Rapportcijfer',
      yesno: 'Ja/nee',
      single: 'Eén antwoord',
      multi: 'Meerdere antwoorden',
      number: 'Getal',
    } as Record<string, string>,
    upTo: 'kies hoogstens {n}',
    round: 'Wanneer',
    n: 'n',
    mean: 'Gemiddelde (95%-BI)',
    median: 'Mediaan (IQR)',
    topBox: 'Hoog ({codes})',
    yes: 'Ja',
    share: '% (95%-BI)',
    option: 'Antwoord',
    rank: 'Plaats',
    votesShare: 'Stemmen (%, 95%-BI)',
    dist: 'Verdeling van de antwoorden',
    means: 'Gemiddelde met 95%-interval',
    shares: 'Aandeel per antwoord, met 95%-interval',
    chosen: 'Aandeel dat dit antwoord koos, met 95%-interval',
    yesShare: 'Aandeel ja, met 95%-interval',
    table: 'Tabel: {q}',
    ranking: 'Rangorde naar stemmen — {round} (n = {n})',
    changes: 'Verandering per antwoord',
    other: 'Andere vergelijkingen',
    notAsked: 'niet gevraagd',
    noAnswers: 'geen antwoorden',
    hidden: 'verborgen (kleine aantallen)',
    small: 'Minder dan {n} antwoorden: aantallen zonder percentage.',
    verdict: {
      increase: 'aantoonbare toename',
      decrease: 'aantoonbare afname',
      shift: 'aantoonbare verschuiving',
      none: 'geen aantoonbare verandering',
      untested: 'niet getoetst: te weinig waarnemingen',
    },
    change: 'Verandering {from} → {to}',
    verdictCol: 'Oordeel',
    adjusted: 'gecorrigeerd',
  },
  en: {
    title: 'All questions',
    lead:
      'Every question of the questionnaire with its results per {roundWord}: a chart and a table, and the verdict on change. ' +
      'That verdict follows the test (exact, adjusted for multiple testing); the 95% interval only shows how precise a figure is.',
    none: 'This questionnaire has no questions with answers to show.',
    type: {
      likert: 'Statement',
      frequency: 'Frequency',
      rating: 'Rating',
      yesno: 'Yes/no',
      single: 'Single choice',
      multi: 'Multiple choice',
      number: 'Number',
    } as Record<string, string>,
    upTo: 'choose up to {n}',
    round: 'When',
    n: 'n',
    mean: 'Mean (95% CI)',
    median: 'Median (IQR)',
    topBox: 'High ({codes})',
    yes: 'Yes',
    share: '% (95% CI)',
    option: 'Answer',
    rank: 'Rank',
    votesShare: 'Votes (%, 95% CI)',
    dist: 'Distribution of answers',
    means: 'Mean with 95% interval',
    shares: 'Share per answer, with 95% interval',
    chosen: 'Share who chose this answer, with 95% interval',
    yesShare: 'Share yes, with 95% interval',
    table: 'Table: {q}',
    ranking: 'Ranked by votes — {round} (n = {n})',
    changes: 'Change per answer',
    other: 'Other comparisons',
    notAsked: 'not asked',
    noAnswers: 'no answers',
    hidden: 'hidden (small numbers)',
    small: 'Fewer than {n} answers: counts without a percentage.',
    verdict: {
      increase: 'demonstrable increase',
      decrease: 'demonstrable decrease',
      shift: 'demonstrable shift',
      none: 'no demonstrable change',
      untested: 'not tested: too few observations',
    },
    change: 'Change {from} → {to}',
    verdictCol: 'Verdict',
    adjusted: 'adjusted',
  },
};

type T = (typeof MESSAGES)['nl'];

/**
 * <rondo-dash-questions-view>: every answerable question of the questionnaire, in its order, as
 * its type asks — ratings and numbers with the mean and its t-interval, the median and IQR;
 * single choice with each option's share and Wilson interval per round; multiple choice (the
 * team's priority vote) ranked by votes per round; statements and yes/no with their shares — each
 * with a chart, a table and the verdict of change from the exact test (rondo-change). Labels are
 * the questionnaire's own texts, never item codes.
 */
export class RondoDashQuestionsView extends DashView {
  protected heading() {
    // The study's own word for a round, from the session as on every other view (web/app/study-words.ts).
    const t = withWords(this.params.slug, m(MESSAGES));
    return { title: t.title, lead: t.lead };
  }

  protected body(d: DashData, f: Fmt) {
    const t = m(MESSAGES);
    const a = d.analysis;
    const questions = (a.questions ?? []).filter((q) => questionVariables(a, q).length);
    if (!questions.length) return html`<p class="a-alert a-alert--info">${t.none}</p>`;
    return html`<section class="d-section" aria-label=${t.title}>${questions.map((q) => this.question(a, q, f, t))}</section>`;
  }

  private question(a: StudyAnalysis, q: QuestionReport, f: Fmt, t: T): TemplateResult {
    const vars = questionVariables(a, q);
    const id = `d-q-${q.item}`;
    const type = `${t.type[q.type] ?? q.type}${q.maxSelect ? ` · ${t.upTo.replace('{n}', String(q.maxSelect))}` : ''}`;
    const small = vars[0].rounds.some((r) => r.asked && r.n > 0 && r.n < a.settings.minDenominatorForPercent);
    const text = f.t(q.text);
    // The heading's type follows its longest word (web/dash.css .d-qtext); set through the CSSOM, as the CSP allows no inline style.
    const fit = ref((el) => el && (el as HTMLElement).style.setProperty('--d-longest-word', String(longestWord(text))));
    return html`<article class="a-card d-question" aria-labelledby=${id}>
      <p class="a-small a-muted d-qtype">${type}</p>
      <h2 id=${id} class="d-qtext" ${fit}>${text}</h2>
      ${this.results(a, q, vars, f, t)}
      ${small ? html`<p class="a-small a-muted">${t.small.replace('{n}', String(a.settings.minDenominatorForPercent))}</p>` : nothing}
      ${q.type === 'multi' ? nothing : this.changes(a, vars[0].changes, t)}
    </article>`;
  }

  private results(a: StudyAnalysis, q: QuestionReport, vars: ItemAnalysis[], f: Fmt, t: T): TemplateResult {
    if (q.type === 'single') return this.single(a, vars[0], f, t);
    if (q.type === 'multi') return this.multi(a, q, vars, f, t);
    return this.scalar(a, q, vars[0], f, t);
  }

  /** Ratings, statements, frequencies, yes/no and numbers: one variable. */
  private scalar(a: StudyAnalysis, q: QuestionReport, v: ItemAnalysis, f: Fmt, t: T): TemplateResult {
    const label = f.t(q.text).trim();
    const unit = q.unit ? f.t(q.unit) : '';
    const range =
      v.kind === 'ordinal' && v.codes?.length ? ([v.codes[0].code, v.codes[v.codes.length - 1].code] as [number, number]) : null;
    const charts =
      v.kind === 'binary'
        ? html`<rondo-chart heading="h3" .spec=${shareByRoundSpec(a, [{ label, variable: v }], f, t.yesShare)}></rondo-chart>`
        : v.kind === 'numeric'
          ? html`<rondo-chart heading="h3" .spec=${meanByRoundSpec(a, v, f, t.means, { unit })}></rondo-chart>`
          : html`<div class="d-grid d-grid--2">
              <rondo-chart heading="h3" .spec=${meanByRoundSpec(a, v, f, t.means, { range })}></rondo-chart>
              <rondo-chart heading="h3" .spec=${distributionSpec(a, v, f, t.dist)}></rondo-chart>
            </div>`;
    const top = v.kind === 'ordinal' && v.topBoxCodes?.length;
    const topCodes = top ? (v.codes ?? []).filter((c) => v.topBoxCodes!.includes(c.code)).map((c) => f.t(c.label)) : [];
    const rows = this.asked(a, v);
    const tid = `d-qt-${q.item}`;
    return html`${charts}
      <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby=${tid}>
        <table class="a-table d-qtable">
          <caption id=${tid} class="a-sr">${t.table.replace('{q}', f.t(q.text))}</caption>
          <thead><tr>
            <th scope="col">${t.round}</th><th scope="col" class="a-num">${t.n}</th>
            ${
              v.kind === 'binary'
                ? html`<th scope="col" class="a-num">${t.yes}</th><th scope="col" class="a-num">${t.share}</th>`
                : html`<th scope="col" class="a-num">${t.mean}</th><th scope="col" class="a-num">${t.median}</th>`
            }
            ${top ? html`<th scope="col" class="a-num">${t.topBox.replace('{codes}', shortCodes(topCodes))}</th>` : nothing}
          </tr></thead>
          <tbody>${rows.map(
            ({ label: roundLabel, s }) => html`<tr>
              <th scope="row">${roundLabel}</th>
              <td class="a-num">${s.asked ? s.n : t.notAsked}</td>
              ${
                v.kind === 'binary'
                  ? html`<td class="a-num">${s.topBox?.x ?? '—'}</td><td class="a-num">${shareText(s, a, f)}</td>`
                  : html`<td class="a-num">${meanText(s, f, unit)}</td><td class="a-num">${medianText(s, f)}</td>`
              }
              ${top ? html`<td class="a-num">${topText(s, a, f)}</td>` : nothing}
            </tr>`,
          )}</tbody>
        </table>
      </div>`;
  }

  private single(a: StudyAnalysis, v: ItemAnalysis, f: Fmt, t: T): TemplateResult {
    const labels = (v.codes ?? []).map((c) => f.t(c.label));
    const rounds = singleChoiceRounds(v);
    return html`<rondo-chart heading="h3" .spec=${optionSharesSpec(a, labels, rounds, f, t.shares)}></rondo-chart>
      ${this.optionTable(a, `d-qt-${v.item}`, labels, rounds, f, t, v)}`;
  }

  private multi(a: StudyAnalysis, q: QuestionReport, vars: ItemAnalysis[], f: Fmt, t: T): TemplateResult {
    const labels = vars.map((v) => f.t(v.optionLabel ?? v.text));
    const rounds = multiChoiceRounds(vars);
    const min = a.settings.minDenominatorForPercent;
    const label = (key: string) => f.t(a.rounds.find((r) => r.key === key)?.label) || key;
    const ranked = (q.ranking ?? []).filter((r) => r.asked);
    return html`<rondo-chart heading="h3" .spec=${optionSharesSpec(a, labels, rounds, f, t.chosen)}></rondo-chart>
      <div class="d-grid d-grid--2">
        ${ranked.map((r) => {
          const tid = `d-qr-${q.item}-${r.round}`;
          return html`<div>
            <h3 id=${tid} class="d-chart-title d-table-title">
              ${t.ranking.replace('{round}', label(r.round)).replace('{n}', String(r.n))}
            </h3>
            <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby=${tid}>
              <table class="a-table d-qtable">
                <thead><tr>
                  <th scope="col" class="a-num">${t.rank}</th><th scope="col">${t.option}</th>
                  <th scope="col" class="a-num">${t.votesShare}</th>
                </tr></thead>
                <tbody>${r.options.map(
                  (o) => html`<tr>
                    <td class="a-num">${o.rank ?? '—'}</td><th scope="row" class="d-wrap">${f.t(o.label)}</th>
                    <td class="a-num">
                      ${o.votes === null ? '—' : r.n < min || o.share === null ? f.xOfN(o.votes, r.n) : withCi(o.share, o.ci, f, o.votes)}
                    </td>
                  </tr>`,
                )}</tbody>
              </table>
            </div>
          </div>`;
        })}
      </div>
      ${this.optionChanges(a, vars, labels, f, t)}`;
  }

  /** A table of the options (rows) by round (columns): "43% (6)" with the interval, or "6 van 14". */
  private optionTable(
    a: StudyAnalysis,
    tid: string,
    labels: string[],
    rounds: ReturnType<typeof singleChoiceRounds>,
    f: Fmt,
    t: T,
    v: ItemAnalysis,
  ) {
    const asked = rounds.filter((r) => r.asked);
    const label = (key: string) => f.t(a.rounds.find((r) => r.key === key)?.label) || key;
    const min = a.settings.minDenominatorForPercent;
    const cell = (c: OptionCell) =>
      c.x === null ? '—' : c.n < min || c.share === null ? optionDisplay(c, min, f) : withCi(c.share, c.ci, f, c.x);
    return html`<div class="a-table-wrap" tabindex="0" role="region" aria-labelledby=${tid}>
      <table class="a-table d-qtable">
        <caption id=${tid} class="a-sr">${t.table.replace('{q}', f.t(v.text))}</caption>
        <thead><tr>
          <th scope="col">${t.option}</th>
          ${asked.map((r) => html`<th scope="col" class="a-num">${label(r.round)} (n = ${r.n})</th>`)}
        </tr></thead>
        <tbody>${labels.map(
          (l, j) => html`<tr>
            <th scope="row" class="d-wrap">${l}</th>${asked.map((r) => html`<td class="a-num">${cell(r.cells[j])}</td>`)}
          </tr>`,
        )}</tbody>
      </table>
    </div>`;
  }

  /** Multiple choice: the verdict of the primary change per option in one table; every comparison behind a disclosure. */
  private optionChanges(a: StudyAnalysis, vars: ItemAnalysis[], labels: string[], f: Fmt, t: T) {
    const primary = vars.map((v) => v.changes.find((c) => c.primary) ?? v.changes[v.changes.length - 1]).filter(Boolean) as ChangeResult[];
    if (!primary.length) return nothing;
    const label = (key: string) => f.t(a.rounds.find((r) => r.key === key)?.label) || key;
    const c0 = primary[0];
    const tid = `d-qc-${vars[0].item}`;
    const title = t.change.replace('{from}', label(c0.from)).replace('{to}', label(c0.to));
    return html`<h3 id=${tid} class="d-chart-title d-table-title">${title}</h3>
      <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby=${tid}>
        <table class="a-table d-qtable">
          <thead><tr><th scope="col">${t.option}</th><th scope="col">${t.verdictCol}</th></tr></thead>
          <tbody>${vars.map((v, j) => {
            const c = v.changes.find((x) => x.from === c0.from && x.to === c0.to);
            return html`<tr><th scope="row" class="d-wrap">${labels[j]}</th><td>${c ? verdict(c, t, f) : '—'}</td></tr>`;
          })}</tbody>
        </table>
      </div>
      <details class="d-details"><summary>${t.changes}</summary>
        ${vars.map((v, j) => html`<h4 class="d-qopt">${labels[j]}</h4>${changeList(a, v.changes)}`)}
      </details>`;
  }

  private changes(a: StudyAnalysis, changes: ChangeResult[], t: T) {
    const primary = changes.filter((c) => c.primary);
    const other = changes.filter((c) => !c.primary);
    return html`${changeList(a, primary)}
      ${other.length ? html`<details class="d-details"><summary>${t.other}</summary>${changeList(a, other)}</details>` : nothing}`;
  }

  private asked(a: StudyAnalysis, v: ItemAnalysis): { label: string; s: RoundSummary }[] {
    const label = (k: string) => a.rounds.find((r) => r.key === k)?.label;
    return v.rounds.map((s) => ({ label: label(s.round)?.[lang()] || label(s.round)?.nl || s.round, s }));
  }
}

/** "43%" with its interval on a second line, so that tables stay narrow on a phone. */
function changeList(a: StudyAnalysis, changes: ChangeResult[]) {
  return changes.map((c) => html`<rondo-change .change=${c} .rounds=${a.rounds}></rondo-change>`);
}

function withCi(share: number, ci: [number, number] | null, f: Fmt, count?: number): TemplateResult {
  const value = count === undefined ? f.pct(share) : `${count} (${f.pct(share)})`;
  return ci ? html`${value}<br /><span class="a-small a-muted">${f.pctRange(ci)}</span>` : html`${value}`;
}

function shareText(s: RoundSummary, a: StudyAnalysis, f: Fmt): string | TemplateResult {
  const p = s.topBox;
  if (!s.asked || !p || p.x === null || s.n === 0) return '—';
  if (s.n < a.settings.minDenominatorForPercent || p.estimate === null) return f.xOfN(p.x, p.n);
  return withCi(p.estimate, p.ci, f);
}

const topText = shareText;

function meanText(s: RoundSummary, f: Fmt, unit: string): string | TemplateResult {
  const mean = s.mean;
  if (!s.asked || !mean || mean.estimate === null) return '—';
  const u = unit ? ` ${unit}` : '';
  const ci = mean.ci ? html`<br /><span class="a-small a-muted">${f.dec(mean.ci[0], 1)}–${f.dec(mean.ci[1], 1)}</span>` : nothing;
  return html`${f.dec(mean.estimate, 1)}${u}${ci}`;
}

function medianText(s: RoundSummary, f: Fmt): string {
  if (!s.asked || s.median === null) return '—';
  const n = (x: number) => (Number.isInteger(x) ? f.int(x) : f.dec(x, 1));
  return `${n(s.median)}${s.q1 !== null && s.q3 !== null ? ` (${n(s.q1)}–${n(s.q3)})` : ''}`;
}

function shortCodes(labels: string[]): string {
  if (labels.length <= 2) return labels.join(', ');
  return `${labels[0]}–${labels[labels.length - 1]}`;
}

/** The verdict of a change in the evidence's words, with the adjusted p that decides it. */
function verdict(c: ChangeResult, t: T, f: Fmt): string {
  const part = c.conclusion.basis === 'cross-sectional' ? c.crossSectional : c.paired;
  const test = part?.test;
  const p = test && test.p !== null ? ` (${test.pAdjusted !== null ? `${t.adjusted} ` : ''}${f.p(test.pAdjusted ?? test.p)})` : '';
  if (c.conclusion.evidence === 'demonstrated')
    return `${t.verdict[c.conclusion.direction === 'none' ? 'none' : c.conclusion.direction]}${p}`;
  if (c.conclusion.evidence === 'not-demonstrated') return `${t.verdict.none}${p}`;
  return t.verdict.untested;
}

customElements.define('rondo-dash-questions-view', RondoDashQuestionsView);

/**
 * The length of the longest word of a question, in characters: its heading's type gets smaller on a
 * narrow screen until that word fits on one line (web/dash.css .d-qtext), so that a long compound
 * ("jeugdgezondheidszorgprofessional") is never broken in the middle. Words lie between spaces,
 * hyphens and slashes, where the line may break.
 */
export function longestWord(text: string): number {
  return Math.max(1, ...text.split(/[\s\-–/]+/).map((w) => [...w].length));
}
