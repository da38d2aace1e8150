import { withWords } from '../study-words.js';
import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { breakableEmail } from '../breakable-email.js';
import { type ApiFailure, del, get, patch, post, errorText } from '../api.js';
import { fill, m } from '../i18n.js';
import { session } from '../session.js';
import type { MembersResponse, StudyMember as Member } from '../../../model/api/setup.js';
import { ROLE_WORDS, STUDY_ROLES, type StudyRole } from '../../../model/values.js';

const MESSAGES = {
  nl: {
    title: 'Team',
    lead: 'Wie aan dit onderzoek werkt en wat ze mogen zien. Iedereen in het team heeft een rondo-account; de beheerder voegt mensen toe.',
    roles: ROLE_WORDS.nl,
    roleHelp: {
      researcher: 'alles in het onderzoek: opzet, {participants}, antwoorden, analyse, factsheets en export',
      trainer: 'alleen samengevatte resultaten (competenties, {tools}, respons) — geen open antwoorden, deelnemerslijsten of export',
      manager: 'alleen gepubliceerde factsheets',
    },
    name: 'Naam',
    email: 'E-mailadres',
    role: 'Rol',
    actions: 'Acties',
    you: '(u)',
    disabled: 'uitgeschakeld',
    remove: 'Verwijderen',
    changeRole: 'Rol van {who}',
    askAdmin:
      'Iemand toevoegen doet de beheerder van rondo: die beheert de accounts. Vraag de beheerder om de persoon met de gewenste rol aan dit onderzoek toe te voegen.',
    add: 'Teamlid toevoegen',
    addButton: 'Toevoegen',
    added: '{who} is toegevoegd als {role}.',
    removed: '{who} is uit het team verwijderd.',
    changed: 'Rol van {who} gewijzigd in {role}. Eventuele open sessies van deze persoon zijn beëindigd.',
    confirmRemove: '{who} uit het team verwijderen?',
    noAccount: 'Er is geen account voor {email}. Vraag de beheerder van rondo om een account aan te maken en voeg de persoon daarna toe.',
    lastResearcher: 'Een onderzoek heeft minstens één onderzoeker nodig.',
    already: 'Deze persoon is al lid van het team.',
  },
  en: {
    title: 'Team',
    lead: 'Who works on this study and what they may see. Everyone in the team has a rondo account; the administrator adds people.',
    roles: ROLE_WORDS.en,
    roleHelp: {
      researcher: 'everything in the study: set-up, {participants}, answers, analysis, factsheets and exports',
      trainer: 'aggregated results only (competences, {tools}, response) — no open answers, {participant} lists or exports',
      manager: 'published factsheets only',
    },
    name: 'Name',
    email: 'E-mail address',
    role: 'Role',
    actions: 'Actions',
    you: '(you)',
    disabled: 'disabled',
    remove: 'Remove',
    changeRole: 'Role of {who}',
    askAdmin:
      'The rondo administrator adds people, because they manage the accounts. Ask the administrator to add the person to this study with the role they need.',
    add: 'Add a team member',
    addButton: 'Add',
    added: '{who} was added as {role}.',
    removed: '{who} was removed from the team.',
    changed: 'Role of {who} changed to {role}. Any open sessions of this person were ended.',
    confirmRemove: 'Remove {who} from the team?',
    noAccount: 'There is no account for {email}. Ask the rondo administrator to create one, then add the person.',
    lastResearcher: 'A study needs at least one researcher.',
    already: 'This person is already a team member.',
  },
};

/** <rondo-members-view>: the study's team; researchers set roles and remove people, administrators add them by e-mail. */
export class RondoMembersView extends StaffView {
  static override properties = { members: { state: true }, message: { state: true }, error: { state: true } };
  params: Record<string, string> = {};
  members: Member[] = [];
  message = '';
  error = '';

  private get base() {
    return `/api/studies/${encodeURIComponent(this.params.slug)}/members`;
  }
  protected override async load(): Promise<void> {
    this.members = (await get<MembersResponse>(this.base)).members;
  }

  private fail(err: unknown, email = ''): void {
    const t = withWords(this.params.slug, m(MESSAGES));
    const f = err as ApiFailure;
    const reason = f.details?.reason;
    this.error =
      reason === 'no-account'
        ? fill(t.noAccount, { email })
        : reason === 'last-researcher'
          ? t.lastResearcher
          : reason === 'member'
            ? t.already
            : errorText(f);
    this.message = '';
  }

  private async add(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = withWords(this.params.slug, m(MESSAGES));
    const form = e.target as HTMLFormElement;
    const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    const role = (form.elements.namedItem('role') as HTMLSelectElement).value as StudyRole;
    if (!email) return;
    try {
      const added = await post<Member>(this.base, { email, role });
      this.error = '';
      this.message = fill(t.added, { who: added.displayName || added.email, role: t.roles[role].toLowerCase() });
      form.reset();
      await this.load();
    } catch (err) {
      this.fail(err, email);
    }
  }

  private async setRole(mem: Member, role: StudyRole): Promise<void> {
    const t = withWords(this.params.slug, m(MESSAGES));
    try {
      await patch(`${this.base}/${mem.userId}`, { role });
      this.error = '';
      this.message = fill(t.changed, { who: mem.displayName || mem.email, role: t.roles[role].toLowerCase() });
    } catch (err) {
      this.fail(err);
    }
    await this.load();
  }

  private async removeOne(mem: Member): Promise<void> {
    const t = withWords(this.params.slug, m(MESSAGES));
    if (!confirm(fill(t.confirmRemove, { who: mem.displayName || mem.email }))) return;
    try {
      await del(`${this.base}/${mem.userId}`);
      this.error = '';
      this.message = fill(t.removed, { who: mem.displayName || mem.email });
      await this.load();
    } catch (err) {
      this.fail(err);
    }
  }

  override render() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const me = session()?.user.id;
    return html`<h1>${t.title}</h1>
      <p class="a-lead">${t.lead}</p>
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      <div class="a-table-wrap" tabindex="0" role="region" aria-label=${t.title}><table class="a-table a-stack">
        <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.email}</th><th scope="col">${t.role}</th><th scope="col" class="a-actions">${t.actions}</th></tr></thead>
        <tbody>
          ${this.members.map(
            (mem) => html`<tr>
              <td data-label=${t.name}>${mem.displayName || '—'} ${mem.userId === me ? html`<span class="a-muted">${t.you}</span>` : nothing} ${mem.disabled ? html`<span class="a-badge a-badge--muted">${t.disabled}</span>` : nothing}</td>
              <td data-label=${t.email} class="k-email">${breakableEmail(mem.email)}</td>
              <td data-label=${t.role}><label class="a-sr" for="role-${mem.userId}">${fill(t.changeRole, { who: mem.displayName || mem.email })}</label>
                <select id="role-${mem.userId}" @change=${(e: Event) => this.setRole(mem, (e.target as HTMLSelectElement).value as StudyRole)}>
                  ${STUDY_ROLES.map((r) => html`<option value=${r} ?selected=${mem.role === r}>${t.roles[r]}</option>`)}
                </select></td>
              <td class="a-actions"><button type="button" class="a-quiet" @click=${() => this.removeOne(mem)}>${t.remove}<span class="a-sr"> ${mem.displayName || mem.email}</span></button></td>
            </tr>`,
          )}
        </tbody>
      </table></div>
      <section class="a-card" aria-labelledby="add-member">
        <h2 id="add-member">${t.add}</h2>
        ${session()?.user.isAdmin ? this.addForm() : html`<p>${t.askAdmin}</p>`}
      </section>`;
  }

  /** Administrators add people by e-mail: they manage the accounts those addresses belong to. */
  private addForm() {
    const t = withWords(this.params.slug, m(MESSAGES));
    return html`<form @submit=${this.add} class="a-row a-add-member">
          <div class="a-field"><label for="mem-email">${t.email}</label><input id="mem-email" name="email" type="email" autocomplete="off" spellcheck="false" required></div>
          <div class="a-field"><label for="mem-role">${t.role}</label><select id="mem-role" name="role" aria-describedby="mem-role-help">
            <option value="trainer">${t.roles.trainer}</option><option value="manager">${t.roles.manager}</option><option value="researcher">${t.roles.researcher}</option></select></div>
          <button type="submit" class="a-primary">${t.addButton}</button>
        </form>
        <ul class="a-small a-muted" id="mem-role-help">${STUDY_ROLES.map((r) => html`<li><strong>${t.roles[r]}</strong>: ${withWords(this.params.slug, t.roleHelp)[r]}</li>`)}</ul>`;
  }
}
customElements.define('rondo-members-view', RondoMembersView);
