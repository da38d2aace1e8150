import { html, nothing } from 'lit';
import { StaffView } from '../app/staff-view.js';
import { fill, m } from '../app/i18n.js';
import { currentSlug } from '../app/current-study.js';
import { withWords } from '../app/study-words.js';
import type { GroupCounts, StudyAnalysis } from '../../analysis/study/result.js';
import type { Fmt } from './format.js';

const MESSAGES = {
  nl: {
    title: 'Respons per respondentgroep',
    lead:
      'Dezelfde telling als in het veldwerk en de factsheet. ' +
      'Wie via een anonieme link antwoordt, is niet uitgenodigd: daar is geen responspercentage.',
    group: 'Groep',
    round: '{RoundWord}',
    invited: 'Uitgenodigd',
    started: 'Begonnen',
    submitted: 'Ingevuld',
    rate: 'Respons',
    anonymous: 'anonieme link',
    hidden: 'verborgen (kleine aantallen)',
    xOfN: '{x} van {n}',
  },
  en: {
    title: 'Response per respondent group',
    lead:
      'The same count as in fieldwork and the factsheet. ' +
      'People answering through an anonymous link were not invited: they have no response rate.',
    group: 'Group',
    round: '{RoundWord}',
    invited: 'Invited',
    started: 'Started',
    submitted: 'Completed',
    rate: 'Response',
    anonymous: 'anonymous link',
    hidden: 'hidden (small numbers)',
    xOfN: '{x} of {n}',
  },
};

/**
 * <rondo-group-response>: invited, started and completed per respondent group and round, from
 * the analysis's `response.byGroup` (analysis/study/group-responses.ts) — the one count the
 * fieldwork screen and the factsheet show too. Renders nothing for a study without groups.
 *
 * @property analysis - the dashboard's analysis
 * @property f - the dashboard's number formatter
 */
export class RondoGroupResponse extends StaffView {
  static override properties = { analysis: { attribute: false }, f: { attribute: false } };
  analysis: StudyAnalysis | null = null;
  f: Fmt | null = null;

  override render() {
    const a = this.analysis;
    const f = this.f;
    const groups = a?.response.byGroup?.filter((g) => !g.implicit) ?? [];
    if (!a || !f || !groups.length) return nothing;
    // The study's own word for a round in the column head (web/app/study-words.ts).
    const t = withWords(currentSlug(), m(MESSAGES));
    const n = (v: number | null) => (v === null ? html`<span aria-hidden="true">×</span><span class="a-sr">${t.hidden}</span>` : f.int(v));
    const label = (key: string) => f.t(a.rounds.find((r) => r.key === key)?.label);
    const rate = (r: GroupCounts['rounds'][number]) => {
      if (r.invited === null || r.submitted === null || !r.invited) return '—';
      const count = fill(t.xOfN, { x: f.int(r.submitted - (r.anonymousSubmitted ?? 0)), n: f.int(r.invited) });
      return r.responseRate === null || r.flags.includes('no-percentage') ? count : `${f.pct(r.responseRate)} (${count})`;
    };
    return html`<section class="a-card" aria-labelledby="d-groups">
      <h2 id="d-groups">${t.title}</h2>
      <p class="a-muted a-small">${t.lead}</p>
      <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="d-groups">
        <table class="a-table" data-test="group-response">
          <thead><tr><th scope="col">${t.group}</th><th scope="col">${t.round}</th><th scope="col" class="a-num">${t.invited}</th>
            <th scope="col" class="a-num">${t.started}</th><th scope="col" class="a-num">${t.submitted}</th>
            <th scope="col" class="a-num">${t.rate}</th></tr></thead>
          <tbody>${groups.flatMap((g) =>
            g.rounds.map(
              (r) => html`<tr data-group=${g.key} data-round=${r.round}>
                <th scope="row">${f.t(g.name)}</th><td>${label(r.round)}</td>
                <td class="a-num">${r.invited === null && !g.personal ? t.anonymous : n(r.invited)}</td>
                <td class="a-num">${n(r.started)}</td><td class="a-num" data-test="submitted">${n(r.submitted)}</td>
                <td class="a-num">${rate(r)}</td>
              </tr>`,
            ),
          )}</tbody>
        </table>
      </div>
    </section>`;
  }
}
customElements.define('rondo-group-response', RondoGroupResponse);
