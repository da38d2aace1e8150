import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { get } from '../api.js';
import { fill, lang, m, num, tx } from '../i18n.js';
import { capitalTerm } from '../../../model/vocabulary.js';
import { session } from '../session.js';
import type { StudiesResponse, StudyCard } from '../../../model/api/setup.js';
import type { ProgrammeCard, ProgrammesResponse } from '../../../model/api/programmes.js';
import { ROLE_WORDS } from '../../../model/values.js';

const MESSAGES = {
  nl: {
    title: 'Mijn onderzoeken',
    lead: 'Kies een onderzoek om aan te werken, of begin een nieuw onderzoek.',
    create: 'Nieuw onderzoek',
    createProgramme: 'Nieuw programma',
    none: 'U bent nog aan geen enkel onderzoek toegevoegd. Vraag een onderzoeker om u toe te voegen.',
    noneCreator: 'U heeft nog geen onderzoeken. Begin met een nieuw onderzoek, bijvoorbeeld vanuit het sjabloon voor een IMH-training.',
    role: 'Uw rol',
    organisation: 'Organisatie',
    version: 'Vragenlijst',
    versionN: 'versie {n}',
    open: 'Openen',
    demo: 'demo',
    roles: ROLE_WORDS.nl,
    loading: 'Onderzoeken laden…',
    failed: 'De onderzoeken konden niet worden geladen.',
    showArchived: 'Toon gearchiveerde onderzoeken',
    archived: 'gearchiveerd',
    programmes: "Mijn programma's",
    programmesLead: 'De netwerken van een programma naast elkaar: indicatoren per halfjaar, domeinen en verbeterplannen.',
    networks: 'Netwerken',
    programmeRoles: ROLE_WORDS.nl,
  },
  en: {
    title: 'My studies',
    lead: 'Choose a study to work on, or start a new one.',
    create: 'New study',
    createProgramme: 'New programme',
    none: 'You have not been added to any study yet. Ask a researcher to add you.',
    noneCreator: 'You have no studies yet. Start a new one, for example from the IMH training template.',
    role: 'Your role',
    organisation: 'Organisation',
    version: 'Questionnaire',
    versionN: 'version {n}',
    open: 'Open',
    demo: 'demo',
    roles: ROLE_WORDS.en,
    loading: 'Loading studies…',
    failed: 'The studies could not be loaded.',
    showArchived: 'Show archived studies',
    archived: 'archived',
    programmes: 'My programmes',
    programmesLead: "A programme's networks side by side: indicators per half-year, domains and improvement plans.",
    networks: 'Networks',
    programmeRoles: ROLE_WORDS.en,
  },
};

/** <rondo-studies-view>: the studies the user is a member of, with their role; "New study" for creators. */
export class RondoStudiesView extends StaffView {
  static override properties = {
    studies: { state: true },
    failed: { state: true },
    showArchived: { state: true },
    programmes: { state: true },
    creatingProgramme: { state: true },
  };
  studies: StudyCard[] | null = null;
  /** regional (issue 17): the programmes the user is a member of (a regional representative's way in). */
  programmes: ProgrammeCard[] = [];
  /** regional: the "Nieuw programma" form is open (for accounts allowed `programmes:create`, as for studies). */
  creatingProgramme = false;
  failed = false;
  /** Archived studies are left out of the list unless asked for (issue 16). */
  showArchived = false;
  params: Record<string, string> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    this.fetchStudies();
    get<ProgrammesResponse>('/api/programmes').then(
      (r) => (this.programmes = r.programmes),
      () => (this.programmes = []),
    );
  }

  private fetchStudies(): void {
    get<StudiesResponse>(this.showArchived ? '/api/studies?archived=1' : '/api/studies').then(
      (r) => (this.studies = r.studies),
      () => (this.failed = true),
    );
  }

  override render() {
    const t = m(MESSAGES);
    const s = session();
    // The study's own words for its rounds ("Scans" for a Quick Scan network) and for who answers
    // ("Leden" for a network's members), as on its other screens.
    const word = (slug: string, which: 'round' | 'participant') =>
      capitalTerm(s?.studies.find((x) => x.slug === slug)?.vocabulary, which, lang(), 'many');
    // regional: an account with programmes and no study of its own (a regional representative) sees only its programmes.
    const onlyProgrammes = this.studies?.length === 0 && this.programmes.length > 0 && !this.showArchived && !s?.canCreateStudies;
    return html`<div class="a-row a-row--between">
        <h1>${t.title}</h1>
        ${
          s?.canCreateStudies
            ? html`<div class="a-row">
              <a class="button" href="/app/new">${t.create}</a>
              <button type="button" class="a-secondary" aria-expanded=${this.creatingProgramme ? 'true' : 'false'}
                @click=${() => this.openProgrammeForm()}>${t.createProgramme}</button>
            </div>`
            : nothing
        }
      </div>
      ${
        this.creatingProgramme
          ? html`<rondo-programme-create @cancel=${() => (this.creatingProgramme = false)}></rondo-programme-create>`
          : nothing
      }
      ${
        onlyProgrammes
          ? nothing
          : html`<p class="a-lead">${t.lead}</p>
      <label class="a-check"><input type="checkbox" .checked=${this.showArchived} @change=${(e: Event) => {
        this.showArchived = (e.target as HTMLInputElement).checked;
        this.fetchStudies();
      }}> ${t.showArchived}</label>`
      }
      ${this.failed ? html`<p class="a-alert a-alert--error" role="alert">${t.failed}</p>` : nothing}
      ${this.studies === null && !this.failed ? html`<p role="status" class="a-muted">${t.loading}</p>` : nothing}
      ${
        this.studies?.length === 0 && this.programmes.length === 0
          ? html`<p class="a-alert a-alert--info">${s?.canCreateStudies ? t.noneCreator : t.none}</p>`
          : nothing
      }
      <div class="a-cards">
        ${(this.studies ?? []).map(
          (st) => html`<article class="a-study">
            <h2><a href="/app/s/${encodeURIComponent(st.slug)}">${tx(st.title)}</a> ${st.isDemo ? html`<span class="a-badge">${t.demo}</span>` : nothing}
              ${st.archivedAt ? html`<span class="a-badge a-badge--muted">${t.archived}</span>` : nothing}</h2>
            <dl>
              <dt>${t.role}</dt><dd>${t.roles[st.role]}</dd>
              <dt>${t.organisation}</dt><dd>${st.organisation}</dd>
              <dt>${word(st.slug, 'round')}</dt><dd>${st.rounds.map((r) => tx(r.label)).join(' · ')}</dd>
              ${st.participants !== null ? html`<dt>${word(st.slug, 'participant')}</dt><dd>${num(st.participants)}</dd>` : nothing}
              ${st.role === 'researcher' ? html`<dt>${t.version}</dt><dd>${fill(t.versionN, { n: st.questionnaireVersion })}</dd>` : nothing}
            </dl>
          </article>`,
        )}
      </div>
      ${this.renderProgrammes()}`;
  }

  private openProgrammeForm(): void {
    this.creatingProgramme = !this.creatingProgramme;
    if (this.creatingProgramme) void import('./rondo-programme-create.js');
  }

  private renderProgrammes() {
    if (!this.programmes.length) return nothing;
    const t = m(MESSAGES);
    return html`<h2>${t.programmes}</h2>
      <p class="a-muted">${t.programmesLead}</p>
      <div class="a-cards">
        ${this.programmes.map(
          (p) => html`<article class="a-study">
            <h3><a href="/app/programmes/${encodeURIComponent(p.slug)}">${tx(p.title)}</a></h3>
            <dl>
              <dt>${t.role}</dt><dd>${p.role ? t.programmeRoles[p.role] : '—'}</dd>
              <dt>${t.networks}</dt><dd>${p.networks.map((n) => tx(n.title)).join(' · ') || '—'}</dd>
            </dl>
          </article>`,
        )}
      </div>`;
  }
}
customElements.define('rondo-studies-view', RondoStudiesView);
