import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { breakableEmail } from '../breakable-email.js';
import { get, patch, post, errorText, failureMessage } from '../api.js';
import { dateTime, fill, m, tx } from '../i18n.js';
import { session } from '../session.js';
import type { Account, AccountsResponse, CreatedAccount, ResetPasswordResponse } from '../../../model/api/setup.js';
import { ROLE_WORDS, STUDY_ROLES } from '../../../model/values.js';

const MESSAGES = {
  nl: {
    title: 'Accounts',
    lead: 'Accounts van onderzoekers, trainers en managers. Een nieuw account krijgt een wachtwoord dat u één keer ziet; de gebruiker kiest bij de eerste keer inloggen een eigen wachtwoord.',
    name: 'Naam',
    email: 'E-mailadres',
    studies: 'Onderzoeken',
    status: 'Status',
    actions: 'Acties',
    admin: 'beheerder',
    disabled: 'uitgeschakeld',
    active: 'actief',
    mustChange: 'moet wachtwoord kiezen',
    disable: 'Uitschakelen',
    enable: 'Inschakelen',
    reset: 'Nieuw wachtwoord',
    makeAdmin: 'Beheerder maken',
    unAdmin: 'Geen beheerder meer',
    create: 'Account aanmaken',
    isAdmin: 'Beheerder (mag accounts beheren)',
    study: 'Toevoegen aan onderzoek (optioneel)',
    noStudy: '— geen —',
    role: 'Rol in dat onderzoek',
    roles: ROLE_WORDS.nl as Record<string, string>,
    created: 'Account voor {email} aangemaakt.',
    password: 'Wachtwoord (wordt maar één keer getoond): ',
    copyHint: 'Geef dit wachtwoord via een veilige weg door. Bij de eerste keer inloggen kiest de gebruiker een eigen wachtwoord.',
    resetDone: 'Nieuw wachtwoord voor {email}. Alle sessies van dit account zijn beëindigd.',
    updated: 'Account bijgewerkt; open sessies van dit account zijn beëindigd.',
    since: 'sinds {d}',
    confirmReset: 'Een nieuw wachtwoord maken voor {email}? Het huidige wachtwoord werkt dan niet meer.',
    addTitle: 'Bestaand account aan een onderzoek toevoegen',
    addLead:
      'Alleen beheerders voegen mensen aan een onderzoek toe; onderzoekers wijzigen daarna hun rol of halen ze weg op het scherm Team.',
    account: 'Account',
    addStudy: 'Onderzoek',
    addButton: 'Toevoegen',
    added: '{email} is toegevoegd aan {study} als {role}.',
  },
  en: {
    title: 'Accounts',
    lead: 'Accounts of researchers, trainers and managers. A new account gets a password you see once; the user chooses their own at first login.',
    name: 'Name',
    email: 'E-mail address',
    studies: 'Studies',
    status: 'Status',
    actions: 'Actions',
    admin: 'administrator',
    disabled: 'disabled',
    active: 'active',
    mustChange: 'must choose password',
    disable: 'Disable',
    enable: 'Enable',
    reset: 'New password',
    makeAdmin: 'Make administrator',
    unAdmin: 'Remove administrator',
    create: 'Create account',
    isAdmin: 'Administrator (may manage accounts)',
    study: 'Add to study (optional)',
    noStudy: '— none —',
    role: 'Role in that study',
    roles: ROLE_WORDS.en as Record<string, string>,
    created: 'Account for {email} created.',
    password: 'Password (shown only once): ',
    copyHint: 'Pass this password on by a safe route. At first login the user chooses their own password.',
    resetDone: 'New password for {email}. All sessions of this account were ended.',
    updated: 'Account updated; open sessions of this account were ended.',
    since: 'since {d}',
    confirmReset: 'Create a new password for {email}? The current password will stop working.',
    addTitle: 'Add an existing account to a study',
    addLead: "Only administrators add people to a study; researchers then change their role or remove them on the study's Team screen.",
    account: 'Account',
    addStudy: 'Study',
    addButton: 'Add',
    added: '{email} was added to {study} as {role}.',
  },
};

/** <rondo-users-view>: accounts for instance administrators: create, disable, reset passwords. */
export class RondoUsersView extends StaffView {
  static override properties = {
    users: { state: true },
    studies: { state: true },
    message: { state: true },
    secret: { state: true },
    error: { state: true },
  };
  params: Record<string, string> = {};
  users: Account[] = [];
  studies: AccountsResponse['studies'] = [];
  message = '';
  secret = '';
  error = '';

  protected override async load(): Promise<void> {
    const r = await get<AccountsResponse>('/api/admin/users');
    this.users = r.users;
    this.studies = r.studies;
  }

  /** A study as people know it, by its title; the slug only for a study the list does not name. */
  private studyTitle(slug: string): string {
    const study = this.studies.find((s) => s.slug === slug);
    return (study && tx(study.title)) || slug;
  }

  private async act(fn: () => Promise<void>): Promise<void> {
    this.error = '';
    this.message = '';
    this.secret = '';
    try {
      await fn();
    } catch (err) {
      this.error = failureMessage(err);
    }
    await this.load();
    await this.updateComplete;
    // The message where the eye and a screen reader go next: a refusal itself, not the empty status above it.
    this.querySelector<HTMLElement>(this.error ? '#users-error' : '#users-status')?.focus();
  }

  private create(e: SubmitEvent): void {
    e.preventDefault();
    const t = m(MESSAGES);
    const form = e.target as HTMLFormElement;
    const v = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value.trim();
    const study = v('study');
    void this.act(async () => {
      const r = await post<CreatedAccount>('/api/admin/users', {
        email: v('email'),
        displayName: v('name'),
        isAdmin: (form.elements.namedItem('isAdmin') as HTMLInputElement).checked,
        ...(study ? { study: { slug: study, role: v('role') } } : {}),
      });
      this.message = fill(t.created, { email: v('email') });
      this.secret = r.password ?? '';
      form.reset();
    });
  }

  private addToStudy(e: SubmitEvent): void {
    e.preventDefault();
    const t = m(MESSAGES);
    const form = e.target as HTMLFormElement;
    const v = (n: string) => (form.elements.namedItem(n) as HTMLSelectElement).value;
    const user = this.users.find((u) => String(u.id) === v('account'));
    const study = this.studies.find((s) => s.slug === v('study'));
    if (!user || !study) return;
    void this.act(async () => {
      await post(`/api/admin/users/${user.id}/studies`, { slug: study.slug, role: v('role') });
      this.message = fill(t.added, { email: user.email, study: tx(study.title), role: t.roles[v('role')].toLowerCase() });
    });
  }

  override render() {
    const t = m(MESSAGES);
    const me = session()?.user.id;
    return html`<h1>${t.title}</h1>
      <p class="a-lead">${t.lead}</p>
      <div id="users-status" tabindex="-1" role="status">
        ${this.message ? html`<div class="a-alert a-alert--ok"><p>${this.message}</p>${this.secret ? html`<p>${t.password}<code class="a-secret">${this.secret}</code></p><p class="a-small">${t.copyHint}</p>` : nothing}</div>` : nothing}
      </div>
      ${this.error ? html`<p class="a-alert a-alert--error" id="users-error" role="alert" tabindex="-1">${this.error}</p>` : nothing}
      <div class="a-table-wrap" tabindex="0" role="region" aria-label=${t.title}><table class="a-table a-stack">
        <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.email}</th><th scope="col">${t.studies}</th><th scope="col">${t.status}</th><th scope="col" class="a-actions">${t.actions}</th></tr></thead>
        <tbody>${this.users.map(
          (u) => html`<tr>
            <td data-label=${t.name}>${u.displayName || '—'}</td>
            <td data-label=${t.email} class="k-email">${breakableEmail(u.email)}</td>
            <td data-label=${t.studies} class="a-small">${u.studies.map((s) => html`<span class="a-user-study">${this.studyTitle(s.slug)} (${t.roles[s.role] ?? s.role})</span>`)}</td>
            <td data-label=${t.status} class="a-small">${u.disabled ? html`<span class="a-badge a-badge--danger">${t.disabled}</span>` : html`<span class="a-badge a-badge--muted">${t.active}</span>`}
              ${u.isAdmin ? html`<span class="a-badge">${t.admin}</span>` : nothing} ${u.mustChangePassword ? html`<span class="a-badge a-badge--warn">${t.mustChange}</span>` : nothing}
              <br><span class="a-muted">${fill(t.since, { d: dateTime(u.createdAt) })}</span></td>
            <td class="a-actions">
              ${
                u.id === me
                  ? nothing
                  : html`<button type="button" class="a-quiet" @click=${() =>
                      this.act(async () => {
                        await patch(`/api/admin/users/${u.id}`, { disabled: !u.disabled });
                        this.message = t.updated;
                      })}>${u.disabled ? t.enable : t.disable}<span class="a-sr"> ${u.email}</span></button>
                  <button type="button" class="a-quiet" @click=${() =>
                    this.act(async () => {
                      await patch(`/api/admin/users/${u.id}`, { isAdmin: !u.isAdmin });
                      this.message = t.updated;
                    })}>${u.isAdmin ? t.unAdmin : t.makeAdmin}<span class="a-sr"> ${u.email}</span></button>
                  <button type="button" class="a-quiet" @click=${() => {
                    if (!confirm(fill(t.confirmReset, { email: u.email }))) return;
                    void this.act(async () => {
                      const r = await post<ResetPasswordResponse>(`/api/admin/users/${u.id}/reset-password`);
                      this.message = fill(t.resetDone, { email: u.email });
                      this.secret = r.password;
                    });
                  }}>${t.reset}<span class="a-sr"> ${u.email}</span></button>`
              }
            </td>
          </tr>`,
        )}</tbody>
      </table></div>
      <section class="a-card" aria-labelledby="add-to-study">
        <h2 id="add-to-study">${t.addTitle}</h2>
        <p>${t.addLead}</p>
        <form @submit=${this.addToStudy}>
          <div class="a-pair">
            <div class="a-field"><label for="as-account">${t.account}</label>
              <select id="as-account" name="account" required>
                ${this.users.map((u) => html`<option value=${u.id}>${u.displayName ? `${u.displayName} (${u.email})` : u.email}</option>`)}
              </select></div>
            <div class="a-field"><label for="as-study">${t.addStudy}</label>
              <select id="as-study" name="study" required>
                ${this.studies.map((s) => html`<option value=${s.slug}>${tx(s.title)}</option>`)}
              </select></div>
            <div class="a-field"><label for="as-role">${t.role}</label>
              <select id="as-role" name="role">${STUDY_ROLES.map((r) => html`<option value=${r}>${t.roles[r]}</option>`)}</select></div>
          </div>
          <button type="submit" class="a-primary">${t.addButton}</button>
        </form>
      </section>
      <section class="a-card" aria-labelledby="new-account">
        <h2 id="new-account">${t.create}</h2>
        <form @submit=${this.create}>
          <div class="a-pair">
            <div class="a-field"><label for="nu-email">${t.email}</label><input id="nu-email" name="email" type="email" autocomplete="off" spellcheck="false" required></div>
            <div class="a-field"><label for="nu-name">${t.name}</label><input id="nu-name" name="name" autocomplete="off" maxlength="120"></div>
            <div class="a-field"><label for="nu-study">${t.study}</label><select id="nu-study" name="study"><option value="">${t.noStudy}</option>${this.studies.map((s) => html`<option value=${s.slug}>${tx(s.title)}</option>`)}</select></div>
            <div class="a-field"><label for="nu-role">${t.role}</label><select id="nu-role" name="role">${STUDY_ROLES.map((r) => html`<option value=${r}>${t.roles[r]}</option>`)}</select></div>
          </div>
          <label class="a-check"><input type="checkbox" name="isAdmin"> ${t.isAdmin}</label>
          <button type="submit" class="a-primary">${t.create}</button>
        </form>
      </section>`;
  }
}
customElements.define('rondo-users-view', RondoUsersView);
