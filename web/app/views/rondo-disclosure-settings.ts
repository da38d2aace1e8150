import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { failureMessage, get, put, type ApiFailure } from '../api.js';
import { fill, lang, m } from '../i18n.js';
import type { DisclosureResponse } from '../../../model/api/disclosure.js';
import { DISCLOSURE_FIELDS, disclosureProblems, type Disclosure, type DisclosureProblem } from '../../../model/disclosure.js';

const MESSAGES = {
  nl: {
    title: 'Privacy van de resultaten',
    lead:
      'Deze regels bepalen wat rondo laat zien op het dashboard, in de factsheet en in gedeelde links. ' +
      'Ze gelden voor iedereen die de resultaten ziet; trainers, managers en openbare links zien nooit meer dan hier staat.',
    minDenominatorForPercent: 'Minimum aantal antwoorden voor een percentage',
    minDenominatorForPercentHelp:
      'Met minder antwoorden tonen we geen percentage: bij 4 antwoorden is 25% precies één persoon. Standaard {d}.',
    minSubgroup: 'Minimum groepsgrootte',
    minSubgroupHelp: 'Een organisatie, functie of andere groep met minder respondenten wordt niet apart getoond. Standaard {d}.',
    minGroupForQuotes: 'Minimum groep voor citaten',
    minGroupForQuotesHelp: 'Citaten uit open antwoorden alleen uit groepen van minstens zoveel respondenten. Standaard {d}.',
    range: 'Van {min} tot en met {max}.',
    teamMode: 'Teamweergave (voor zelfevaluaties van een team)',
    teamModeHelp:
      'Aan: onder de drempel ziet het team zijn eigen aantallen, zoals ‘3 van 5 zeggen ja’, in plaats van een lege grafiek. ' +
      'Nooit een percentage onder de drempel. Uit: onder de drempel blijft de grafiek leeg, met de reden erbij.',
    save: 'Regels opslaan',
    saved: 'Opgeslagen. Het dashboard en de factsheet gebruiken de nieuwe regels.',
    unchanged: 'Er was niets veranderd.',
    defaults: 'Standaardwaarden terugzetten',
    now: 'Nu: percentages vanaf n = {n}; {mode}.',
    modeTeam: 'teamweergave: aantallen',
    modeStandard: 'daaronder geen percentage',
  },
  en: {
    title: 'Privacy of the results',
    lead:
      'These rules decide what rondo shows on the dashboard, in the factsheet and in shared links. ' +
      'They apply to everyone who sees the results; trainers, managers and public links never see more than they allow.',
    minDenominatorForPercent: 'Minimum answers for a percentage',
    minDenominatorForPercentHelp: 'With fewer answers no percentage is shown: with 4 answers, 25% is exactly one person. Default {d}.',
    minSubgroup: 'Minimum subgroup size',
    minSubgroupHelp: 'An organisation, role or other group with fewer respondents is not shown separately. Default {d}.',
    minGroupForQuotes: 'Minimum group for quotes',
    minGroupForQuotesHelp: 'Quotes from open answers only from groups of at least this many respondents. Default {d}.',
    range: 'From {min} to {max}.',
    teamMode: 'Team mode (for a team’s self-assessment)',
    teamModeHelp:
      'On: under the threshold the team sees its own counts, such as ‘3 of 5 say yes’, instead of an empty chart. ' +
      'Never a percentage under the threshold. Off: under the threshold the chart stays empty and says why.',
    save: 'Save the rules',
    saved: 'Saved. The dashboard and the factsheet use the new rules.',
    unchanged: 'Nothing had changed.',
    defaults: 'Restore the defaults',
    now: 'Now: percentages from n = {n}; {mode}.',
    modeTeam: 'team view: counts',
    modeStandard: 'below that no percentage',
  },
};

/**
 * <rondo-disclosure-settings slug="…">: a study's disclosure settings for its researcher — the
 * three thresholds with plain-language help and the team mode (issue 16). Checked in the browser
 * with the server's own rules (model/disclosure.ts) before it is sent; PUT
 * /api/studies/:slug/disclosure checks again and audit-logs the change.
 */
export class RondoDisclosureSettings extends StaffView {
  static override properties = {
    slug: { type: String },
    data: { state: true },
    problems: { state: true },
    message: { state: true },
    error: { state: true },
  };
  slug = '';
  data: DisclosureResponse | null = null;
  problems: DisclosureProblem[] = [];
  message = '';
  error = '';

  private get url() {
    return `/api/studies/${encodeURIComponent(this.slug)}/disclosure`;
  }

  protected override async load(): Promise<void> {
    if (!this.slug) return;
    try {
      this.data = await get<DisclosureResponse>(this.url);
    } catch (err) {
      this.error = failureMessage(err);
    }
  }

  private read(form: HTMLFormElement): Disclosure {
    const el = (n: string) => form.elements.namedItem(n) as HTMLInputElement;
    const int = (n: string) => (el(n).value.trim() === '' ? Number.NaN : Number(el(n).value));
    return {
      minDenominatorForPercent: int('minDenominatorForPercent'),
      minSubgroup: int('minSubgroup'),
      minGroupForQuotes: int('minGroupForQuotes'),
      teamMode: el('teamMode').checked,
    };
  }

  private save = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const t = m(MESSAGES);
    const form = e.target as HTMLFormElement;
    const next = this.read(form);
    this.message = '';
    this.error = '';
    this.problems = disclosureProblems(next);
    if (this.problems.length) {
      await this.updateComplete;
      (form.elements.namedItem(this.problems[0].field) as HTMLInputElement | null)?.focus();
      return;
    }
    try {
      this.data = await put<DisclosureResponse>(this.url, next);
      this.message = this.data.changed.length ? t.saved : t.unchanged;
    } catch (err) {
      const f = err as ApiFailure;
      const problems = (f.details?.problems as DisclosureProblem[] | undefined) ?? [];
      if (problems.length) this.problems = problems;
      else this.error = failureMessage(err);
    }
  };

  private restore = (): void => {
    const d = this.data?.defaults;
    const form = this.querySelector('form');
    if (!d || !form) return;
    for (const f of DISCLOSURE_FIELDS) (form.elements.namedItem(f) as HTMLInputElement).value = String(d[f]);
    (form.elements.namedItem('teamMode') as HTMLInputElement).checked = d.teamMode;
    this.problems = [];
  };

  override render() {
    const t = m(MESSAGES);
    const d = this.data;
    if (!d) return this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing;
    const s = d.settings;
    const problemOf = (field: string) => this.problems.find((p) => p.field === field);
    const number = (field: (typeof DISCLOSURE_FIELDS)[number]) => {
      const problem = problemOf(field);
      const limits = d.limits[field];
      const help = `${fill(t[`${field}Help`], { d: d.defaults[field] })} ${fill(t.range, limits)}`;
      return html`<div class="a-field">
        <label for="dc-${field}">${t[field]}</label>
        <input id="dc-${field}" name=${field} type="number" inputmode="numeric" step="1" min=${limits.min} max=${limits.max}
          required .value=${String(s[field])} aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby="dc-${field}-help${problem ? ` dc-${field}-error` : ''}">
        <p id="dc-${field}-help" class="a-muted a-small">${help}</p>
        ${problem ? html`<p id="dc-${field}-error" class="a-alert a-alert--error" role="alert">${problem[lang()]}</p>` : nothing}
      </div>`;
    };
    const teamProblem = problemOf('teamMode');
    return html`<section class="a-card" aria-labelledby="dc-title">
      <h2 id="dc-title">${t.title}</h2>
      <p class="a-muted a-small">${t.lead}</p>
      <p class="a-small" data-rule>${fill(t.now, { n: s.minDenominatorForPercent, mode: s.teamMode ? t.modeTeam : t.modeStandard })}</p>
      <form @submit=${this.save} novalidate>
        ${number('minDenominatorForPercent')} ${number('minSubgroup')} ${number('minGroupForQuotes')}
        <div class="a-field">
          <label class="a-check"
            ><input type="checkbox" name="teamMode" aria-describedby="dc-team-help" .checked=${s.teamMode}> ${t.teamMode}</label
          >
          <p id="dc-team-help" class="a-muted a-small">${t.teamModeHelp}</p>
          ${teamProblem ? html`<p class="a-alert a-alert--error" role="alert">${teamProblem[lang()]}</p>` : nothing}
        </div>
        <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
        ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
        <div class="a-row">
          <button type="submit" class="a-primary">${t.save}</button>
          <button type="button" class="a-quiet" @click=${this.restore}>${t.defaults}</button>
        </div>
      </form>
    </section>`;
  }
}
customElements.define('rondo-disclosure-settings', RondoDisclosureSettings);
