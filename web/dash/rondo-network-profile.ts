import { html, nothing } from 'lit';
import { StaffView } from '../app/staff-view.js';
import { fill, m } from '../app/i18n.js';
import type { StudyAnalysis } from '../../analysis/study/result.js';
import { domainCoverageSentence } from '../../model/domain-coverage-text.js';
import { term, type Vocabulary } from '../../model/vocabulary.js';
import type { Fmt } from './format.js';

const MESSAGES = {
  nl: {
    title: 'Netwerkprofiel',
    lead:
      'Welke domeinen het netwerkteam en het steunnetwerk samen vertegenwoordigen: ' +
      'volgens de deelnemerslijst en volgens de antwoorden.',
    cohortTitle: 'Leden per domein',
    cohortLead: 'Actieve deelnemers met dit domein, per rol in het netwerk.',
    domain: 'Domein',
    total: 'Totaal',
    missing: 'ontbreekt',
    answersTitle: 'Volgens de antwoorden, per {round}',
    answersLead: 'Hoeveel van de respondenten die de vraag beantwoordden het domein vertegenwoordigd noemen.',
    xOfN: '{x} van {n}',
    hidden: 'verborgen (kleine aantallen)',
    members: '{n} leden',
    member: '1 lid',
    named: 'Genoemd',
  },
  en: {
    title: 'Network profile',
    lead:
      'Which domains the network team and the support network represent together: ' +
      'according to the participant list and to the answers.',
    cohortTitle: 'Members per domain',
    cohortLead: 'Active participants in this domain, per role in the network.',
    domain: 'Domain',
    total: 'Total',
    missing: 'missing',
    answersTitle: 'According to the answers, per {round}',
    answersLead: 'How many of the respondents who answered the question name the domain as represented.',
    xOfN: '{x} of {n}',
    hidden: 'hidden (small numbers)',
    members: '{n} members',
    member: '1 member',
    named: 'Named',
  },
};

/**
 * <rondo-network-profile>: a network study's domain coverage (issue 17, analysis/study/domains.ts)
 * — the one-line summary ("4 van 5 domeinen vertegenwoordigd; ontbreekt: …"), the active members
 * per domain and network role, and per round how many respondents name each domain. Renders
 * nothing when the study has no domain coverage setting.
 *
 * @property analysis - the dashboard's analysis
 * @property f - the dashboard's number formatter
 * @property vocabulary - the study's own words (the round is called "scan" in a Quick Scan)
 */
export class RondoNetworkProfile extends StaffView {
  static override properties = { analysis: { attribute: false }, f: { attribute: false }, vocabulary: { attribute: false } };
  analysis: StudyAnalysis | null = null;
  f: Fmt | null = null;
  vocabulary: Vocabulary | undefined = undefined;

  override render() {
    const c = this.analysis?.domains;
    const f = this.f;
    if (!c || !f) return nothing;
    const a = this.analysis!;
    const t = m(MESSAGES);
    const label = (l: { nl: string; en?: string }) => f.t(l);
    const roles = [...(c.roles ?? [])];
    for (const d of c.cohort.perDomain)
      for (const value of Object.keys(d.byRole ?? {}))
        if (!roles.some((r) => r.value === value)) roles.push({ value, label: { nl: value } });
    const round = (key: string) => f.t(a.rounds.find((r) => r.key === key)?.label) || key;
    const missing = new Set(c.cohort.missing);
    const badge = html` <span class="a-badge a-badge--warn">${t.missing}</span>`;
    return html`<section class="a-card d-network" aria-labelledby="d-network" data-test="network-profile">
      <h2 id="d-network">${t.title}</h2>
      <p class="a-muted a-small">${t.lead}</p>
      <p class="d-lead" data-test="coverage">
        <strong>${domainCoverageSentence(c, f.lang)}</strong>
      </p>
      ${this.list(t, roles, round)}
      <div class="d-network-tables">
      <h3 id="d-network-cohort" class="d-table-title">${t.cohortTitle}</h3>
      <p class="a-muted a-small">${t.cohortLead}</p>
      <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="d-network-cohort">
        <table class="a-table d-table-compact">
          <thead><tr><th scope="col">${t.domain}</th>${roles.map((r) => html`<th scope="col" class="a-num">${label(r.label)}</th>`)}
            <th scope="col" class="a-num">${t.total}</th></tr></thead>
          <tbody>${c.cohort.perDomain.map(
            (d) => html`<tr data-domain=${d.value}>
              <th scope="row">${label(d.label)}${missing.has(d.value) ? badge : nothing}</th>
              ${roles.map((r) => html`<td class="a-num">${f.int(d.byRole?.[r.value] ?? 0)}</td>`)}
              <td class="a-num"><strong>${f.int(d.members)}</strong></td>
            </tr>`,
          )}</tbody>
        </table>
      </div>
      ${this.answers(t, round)}
      </div>
    </section>`;
  }

  /** The same figures as the tables, one domain a line, for a phone (the CSS shows one or the other). */
  private list(t: (typeof MESSAGES)['nl'], roles: { value: string; label: { nl: string; en?: string } }[], round: (key: string) => string) {
    const c = this.analysis!.domains!;
    const f = this.f!;
    const badge = html` <span class="a-badge a-badge--warn">${t.missing}</span>`;
    return html`<ul class="d-network-list">
      ${c.cohort.perDomain.map((d) => {
        const members = d.members === 1 ? t.member : fill(t.members, { n: f.int(d.members) });
        const byRole = roles.filter((r) => d.byRole?.[r.value]).map((r) => `${f.t(r.label)} ${f.int(d.byRole![r.value])}`);
        const named = c.answers.map((r) => {
          const cell = r.perDomain.find((x) => x.value === d.value);
          const count = r.suppressed || !cell ? '×' : fill(t.xOfN, { x: f.int(cell.count), n: f.int(cell.n) });
          return `${round(r.round)}: ${count}`;
        });
        return html`<li>
          <strong>${f.t(d.label)}</strong>${c.cohort.missing.includes(d.value) ? badge : nothing}
          <span class="d-network-line">${members}${byRole.length ? `: ${byRole.join(' · ')}` : ''}</span>
          ${named.length ? html`<span class="d-network-line a-muted">${t.named}: ${named.join(' · ')}</span>` : nothing}
        </li>`;
      })}
    </ul>`;
  }

  private answers(t: (typeof MESSAGES)['nl'], round: (key: string) => string) {
    const c = this.analysis!.domains!;
    const f = this.f!;
    const word = term(this.vocabulary, 'round', f.lang);
    const title = fill(t.answersTitle, { round: word });
    if (!c.answers.length) return nothing;
    return html`<h3 id="d-network-answers" class="d-table-title">${title}</h3>
      <p class="a-muted a-small">${t.answersLead}</p>
      <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="d-network-answers">
        <table class="a-table d-table-compact">
          <thead><tr><th scope="col">${t.domain}</th>${c.answers.map(
            (r) => html`<th scope="col" class="a-num">${round(r.round)} <span class="d-sub a-muted">n = ${f.int(r.n)}</span></th>`,
          )}</tr></thead>
          <tbody>${c.domains.map(
            (d) => html`<tr>
              <th scope="row">${f.t(d.label)}</th>
              ${c.answers.map((r) => {
                if (r.suppressed)
                  return html`<td class="a-num"><span aria-hidden="true">×</span><span class="a-sr">${t.hidden}</span></td>`;
                const cell = r.perDomain.find((x) => x.value === d.value);
                return html`<td class="a-num">${cell ? fill(t.xOfN, { x: f.int(cell.count), n: f.int(cell.n) }) : '—'}</td>`;
              })}
            </tr>`,
          )}</tbody>
        </table>
      </div>`;
  }
}
customElements.define('rondo-network-profile', RondoNetworkProfile);
