import { html, nothing, type PropertyValues } from 'lit';
import { StaffView } from '../staff-view.js';
import { get } from '../api.js';
import { fill, lang, m, num, tx } from '../i18n.js';
import { withWords } from '../study-words.js';
import type { GroupCountsResponse } from '../../../model/api/groups.js';

const MESSAGES = {
  nl: {
    title: 'Per respondentgroep',
    group: 'Groep',
    invited: 'In {de round}',
    started: 'Begonnen',
    submitted: 'Ingevuld',
    rate: 'Respons',
    anonymous: 'anonieme link',
    hidden: 'verborgen (kleine aantallen)',
    hiddenNote: '× verborgen: een klein aantal, zodat niemand herkenbaar is.',
    xOfN: '{x} van {n}',
  },
  en: {
    title: 'Per respondent group',
    group: 'Group',
    invited: 'In {de round}',
    started: 'Started',
    submitted: 'Completed',
    rate: 'Response',
    anonymous: 'anonymous link',
    hidden: 'hidden (small numbers)',
    hiddenNote: '× hidden: a small number, so that nobody can be recognised.',
    xOfN: '{x} of {n}',
  },
};

/**
 * <rondo-fieldwork-groups>: the monitor's count per respondent group for one round, from
 * GET /api/studies/:slug/groups/counts (analysis/study/group-responses.ts) — the same numbers
 * the dashboard and the factsheet show. Nothing for a study without groups.
 *
 * @property slug - the study
 * @property round - the round's key
 * @property at - the monitor's last refresh; a new value loads again
 */
export class RondoFieldworkGroups extends StaffView {
  static override properties = { slug: {}, round: {}, at: {}, counts: { state: true } };
  slug = '';
  round = '';
  at = '';
  counts: GroupCountsResponse | null = null;

  protected override async load(): Promise<void> {
    if (!this.slug || !this.round) return;
    try {
      const q = `?round=${encodeURIComponent(this.round)}`;
      this.counts = await get<GroupCountsResponse>(`/api/studies/${encodeURIComponent(this.slug)}/groups/counts${q}`);
    } catch {
      this.counts = null; // the monitor itself shows why it cannot load
    }
  }

  override updated(changed: PropertyValues<this>): void {
    // The first values are loaded by connectedCallback; later ones (another round, a refresh) here.
    const later = (k: 'round' | 'at') => changed.has(k) && changed.get(k) !== undefined && changed.get(k) !== '';
    if (later('round') || later('at')) void this.load();
  }

  override render() {
    const groups = this.counts?.groups.filter((g) => !g.implicit) ?? [];
    if (!groups.length) return nothing;
    const t = withWords(this.slug, m(MESSAGES));
    const n = (v: number | null) => (v === null ? html`<span aria-hidden="true">×</span><span class="a-sr">${t.hidden}</span>` : num(v));
    return html`<section class="fw-section" aria-labelledby="fw-by-group">
      <h2 id="fw-by-group">${t.title}</h2>
      <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="fw-by-group"><table class="a-table" data-test="monitor-groups">
        <thead><tr><th scope="col">${t.group}</th><th scope="col" class="a-num">${t.invited}</th>
          <th scope="col" class="a-num">${t.started}</th>
          <th scope="col" class="a-num">${t.submitted}</th><th scope="col" class="a-num">${t.rate}</th></tr></thead>
        <tbody>${groups.map((g) => {
          const r = g.rounds[0];
          if (!r) return nothing;
          const personal = r.invited !== null && r.submitted !== null && r.invited > 0;
          const count = personal ? fill(t.xOfN, { x: num(r.submitted! - (r.anonymousSubmitted ?? 0)), n: num(r.invited!) }) : '—';
          const rate =
            personal && r.responseRate !== null && !r.flags.includes('no-percentage')
              ? `${new Intl.NumberFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent' }).format(r.responseRate)} (${count})`
              : count;
          return html`<tr data-group=${g.key}>
            <th scope="row">${tx(g.name)}</th>
            <td class="a-num">${r.invited === null && !g.personal ? t.anonymous : n(r.invited)}</td>
            <td class="a-num">${n(r.started)}</td><td class="a-num">${n(r.submitted)}</td><td class="a-num">${rate}</td>
          </tr>`;
        })}</tbody>
      </table></div>
      ${
        // The × is explained in the page, not only to screen readers: touch and keyboard users read it here.
        groups.some((g) => {
          const r = g.rounds[0];
          return r && ((r.invited === null && g.personal) || r.started === null || r.submitted === null);
        })
          ? html`<p class="a-muted a-small" aria-hidden="true">${t.hiddenNote}</p>`
          : nothing
      }
    </section>`;
  }
}
customElements.define('rondo-fieldwork-groups', RondoFieldworkGroups);
