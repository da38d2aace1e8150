import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { del, failureMessage, get, post } from '../api.js';
import { fill, m, tx } from '../i18n.js';
import type { StudiesResponse, StudyCard } from '../../../model/api/setup.js';
import type { ProgrammeDetail } from '../../../model/api/programmes.js';
import { ROLE_WORDS } from '../../../model/values.js';

const MESSAGES = {
  nl: {
    title: 'Beheer van het programma',
    networks: 'Netwerken',
    add: 'Toevoegen',
    remove: 'Verwijderen',
    study: 'Netwerk om toe te voegen (een onderzoek waarin u onderzoeker bent)',
    noStudies: 'U heeft geen ander onderzoek waarin u onderzoeker bent.',
    members: 'Leden',
    email: 'E-mailadres van het account',
    role: 'Rol',
    roles: ROLE_WORDS.nl,
    saved: 'Opgeslagen.',
    adopted: 'Opgeslagen. Het programma volgt nu de indicatoren van dit netwerk: {keys}. Elk volgend netwerk moet ze ook hebben.',
  },
  en: {
    title: 'Managing the programme',
    networks: 'Networks',
    add: 'Add',
    remove: 'Remove',
    study: 'Network to add (a study in which you are a researcher)',
    noStudies: 'You have no other study in which you are a researcher.',
    members: 'Members',
    email: "The account's e-mail address",
    role: 'Role',
    roles: ROLE_WORDS.en,
    saved: 'Saved.',
    adopted: "Saved. The programme now follows this network's indicators: {keys}. Every further network must have them too.",
  },
};

/**
 * <rondo-programme-manage>: the coordinator's part of the programme screen (issue 17, regional):
 * add a network (one of the coordinator's own studies; a study without the programme's indicators
 * is refused with the missing keys), remove one, add or remove members. Fires `programme-changed`
 * (bubbles, composed) after a change, so the overview above reloads.
 */
export class RondoProgrammeManage extends StaffView {
  static override properties = {
    programme: {},
    detail: { state: true },
    studies: { state: true },
    error: { state: true },
    errorAt: { state: true },
    status: { state: true },
  };
  programme = '';
  detail: ProgrammeDetail | null = null;
  studies: StudyCard[] = [];
  error: string | null = null;
  /** Which form the refusal belongs to, so it is shown next to it: the network's, the member's, or the card's. */
  errorAt: 'study' | 'member' | null = null;
  status: string | null = null;

  protected override async load(): Promise<void> {
    const base = `/api/programmes/${encodeURIComponent(this.programme)}`;
    try {
      const [detail, mine] = await Promise.all([get<ProgrammeDetail>(base), get<StudiesResponse>('/api/studies')]);
      this.detail = detail;
      this.studies = mine.studies.filter((s) => s.role === 'researcher');
    } catch (err) {
      this.error = failureMessage(err);
    }
  }

  private async change(run: () => Promise<ProgrammeDetail>, at: 'study' | 'member' | null = null): Promise<boolean> {
    this.error = null;
    this.errorAt = null;
    this.status = null;
    try {
      this.detail = await run();
      const adopted = this.detail.adopted;
      this.status = adopted?.length ? fill(m(MESSAGES).adopted, { keys: adopted.join(', ') }) : m(MESSAGES).saved;
      this.dispatchEvent(new CustomEvent('programme-changed', { bubbles: true, composed: true }));
      return true;
    } catch (err) {
      this.error = failureMessage(err);
      this.errorAt = at;
      return false;
    }
  }

  private base = () => `/api/programmes/${encodeURIComponent(this.programme)}`;

  private addStudy(e: SubmitEvent) {
    e.preventDefault();
    const study = new FormData(e.target as HTMLFormElement).get('study') as string;
    if (study) void this.change(() => post<ProgrammeDetail>(`${this.base()}/studies`, { study }), 'study');
  }

  private addMember(e: SubmitEvent) {
    e.preventDefault();
    const element = e.target as HTMLFormElement;
    const form = new FormData(element);
    const email = String(form.get('email') ?? '').trim();
    void this.change(() => post<ProgrammeDetail>(`${this.base()}/members`, { email, role: form.get('role') }), 'member').then(
      (done) => done && element.reset(),
    );
  }

  /** The refusal, under the form it concerns (the field points to it with aria-describedby). */
  private refusal(id: string) {
    return html`<p id=${id} class="a-alert a-alert--error a-programme-error" role="alert">${this.error}</p>`;
  }

  override render() {
    const t = m(MESSAGES);
    const d = this.detail;
    const inProgramme = new Set(d?.programme.networks.map((n) => n.slug) ?? []);
    const candidates = this.studies.filter((s) => !inProgramme.has(s.slug));
    const at = (where: 'study' | 'member') => this.errorAt === where && this.error;
    return html`<section class="a-card" aria-labelledby="pm-title">
      <h2 id="pm-title">${t.title}</h2>
      ${this.error && !this.errorAt ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      <p role="status" class="a-muted">${this.status ?? ''}</p>
      ${
        d
          ? html`<h3>${t.networks}</h3>
            <ul class="a-programme-list">
              ${d.programme.networks.map(
                (n) => html`<li>
                  <span>${tx(n.title)}</span>
                  <button type="button" class="a-danger"
                    @click=${() => this.change(() => del<ProgrammeDetail>(`${this.base()}/studies/${encodeURIComponent(n.slug)}`))}>
                    ${t.remove}<span class="a-sr"> ${tx(n.title)}</span>
                  </button>
                </li>`,
              )}
            </ul>
            ${
              candidates.length
                ? html`<form class="a-row a-programme-form" @submit=${this.addStudy}>
                  <div class="a-field">
                    <label for="pm-study">${t.study}</label>
                    <select id="pm-study" name="study" aria-invalid=${at('study') ? 'true' : 'false'}
                      aria-describedby=${at('study') ? 'pm-study-error' : nothing}>
                      ${candidates.map((s) => html`<option value=${s.slug}>${tx(s.title)}</option>`)}
                    </select>
                  </div>
                  <button type="submit">${t.add}</button>
                  ${at('study') ? this.refusal('pm-study-error') : nothing}
                </form>`
                : html`<p class="a-muted">${t.noStudies}</p>`
            }
            <h3>${t.members}</h3>
            <ul class="a-programme-list">
              ${d.members.map(
                (p) => html`<li>
                  <span>${p.name} · ${t.roles[p.role]}</span>
                  <button type="button" class="a-danger"
                    @click=${() => this.change(() => del<ProgrammeDetail>(`${this.base()}/members/${p.userId}`))}>
                    ${t.remove}<span class="a-sr"> ${p.name}</span>
                  </button>
                </li>`,
              )}
            </ul>
            <form class="a-row a-programme-form" @submit=${this.addMember}>
              <div class="a-field">
                <label for="pm-email">${t.email}</label>
                <input id="pm-email" name="email" type="email" autocomplete="off" spellcheck="false" required
                  aria-invalid=${at('member') ? 'true' : 'false'} aria-describedby=${at('member') ? 'pm-email-error' : nothing}>
              </div>
              <div class="a-field">
                <label for="pm-role">${t.role}</label>
                <select id="pm-role" name="role">
                  <option value="representative">${t.roles.representative}</option>
                  <option value="coordinator">${t.roles.coordinator}</option>
                </select>
              </div>
              <button type="submit">${t.add}</button>
              ${at('member') ? this.refusal('pm-email-error') : nothing}
            </form>`
          : nothing
      }
    </section>`;
  }
}
customElements.define('rondo-programme-manage', RondoProgrammeManage);
