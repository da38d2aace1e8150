import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { type ApiFailure, api, patch, put, setCsrfToken, errorText } from '../api.js';
import { fill, m } from '../i18n.js';
import type { LoginOptionsResponse } from '../../../model/api/sso.js';
import { loadSession, session } from '../session.js';
import './rondo-two-factor.js';
import './rondo-api-tokens.js';

const MESSAGES = {
  nl: {
    title: 'Mijn account',
    mustChange: 'Uw wachtwoord is door een beheerder ingesteld. Kies nu een eigen wachtwoord om verder te gaan.',
    profile: 'Gegevens',
    email: 'E-mailadres',
    name: 'Naam',
    saveName: 'Naam opslaan',
    nameSaved: 'Naam opgeslagen.',
    pwTitle: 'Wachtwoord wijzigen',
    current: 'Huidig wachtwoord',
    next: 'Nieuw wachtwoord',
    repeat: 'Herhaal nieuw wachtwoord',
    hint: 'Minstens 8 tekens. Een zin van een paar woorden is sterk en goed te onthouden. Veelgebruikte wachtwoorden worden geweigerd.',
    change: 'Wachtwoord wijzigen',
    changed: 'Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd en eventuele API-sleutels zijn ingetrokken.',
    mismatch: 'De twee nieuwe wachtwoorden zijn niet gelijk.',
    reasons: {
      'wrong-current': 'Het huidige wachtwoord klopt niet.',
      'too-short': 'Het nieuwe wachtwoord heeft minder dan 8 tekens.',
      'too-long': 'Het nieuwe wachtwoord is te lang (maximaal 256 tekens).',
      common: 'Dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden en is makkelijk te raden. Kies een ander.',
      'like-email': 'Uw wachtwoord mag niet uw e-mailadres zijn.',
      same: 'Het nieuwe wachtwoord is gelijk aan het huidige.',
      blank: 'Een wachtwoord kan niet alleen uit spaties bestaan.',
      invisible:
        'Een wachtwoord mag geen onzichtbare tekens of stuurtekens bevatten (zoals een spatie zonder breedte, een tab of een nieuwe regel).',
    } as Record<string, string>,
    ssoTitle: 'Inloggen',
    ssoText: 'U logt in met {name}. Uw wachtwoord en tweestapsverificatie regelt u bij uw organisatie.',
  },
  en: {
    title: 'My account',
    mustChange: 'Your password was set by an administrator. Choose your own password to continue.',
    profile: 'Details',
    email: 'E-mail address',
    name: 'Name',
    saveName: 'Save name',
    nameSaved: 'Name saved.',
    pwTitle: 'Change password',
    current: 'Current password',
    next: 'New password',
    repeat: 'Repeat new password',
    hint: 'At least 8 characters. A sentence of a few words is strong and easy to remember. Common passwords are refused.',
    change: 'Change password',
    changed: 'Your password has been changed. You have been logged out on other devices, and any API tokens have been revoked.',
    mismatch: 'The two new passwords are not the same.',
    reasons: {
      'wrong-current': 'The current password is not correct.',
      'too-short': 'The new password has fewer than 8 characters.',
      'too-long': 'The new password is too long (at most 256 characters).',
      common: 'This password is on the list of common passwords and is easy to guess. Choose another.',
      'like-email': 'Your password cannot be your e-mail address.',
      same: 'The new password is the same as the current one.',
      blank: 'A password cannot be only spaces.',
      invisible: 'A password cannot contain invisible or control characters (such as a zero-width space, a tab or a line break).',
    } as Record<string, string>,
    ssoTitle: 'Logging in',
    ssoText: 'You log in with {name}. Your password and two-step verification are managed by your organisation.',
  },
};

/**
 * <rondo-account-view>: the user's name and password. A password change ends all other sessions.
 * Where password login is off (single sign-on only), the password and two-step cards give way to
 * a note that the organisation manages both.
 */
export class RondoAccountView extends StaffView {
  static override properties = {
    message: { state: true },
    error: { state: true },
    errorField: { state: true },
    nameMessage: { state: true },
    options: { state: true },
  };
  message = '';
  error = '';
  errorField = '';
  nameMessage = '';
  params: Record<string, string> = {};
  /** Which logins the server offers (GET /api/login/options); null until known or when it cannot say. */
  options: LoginOptionsResponse | null = null;

  protected override async load(): Promise<void> {
    this.options = await api<LoginOptionsResponse>('GET', '/api/login/options').catch(() => null);
  }

  private async saveName(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const name = ((e.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement).value;
    await patch('/api/account', { displayName: name });
    await loadSession();
    this.nameMessage = m(MESSAGES).nameSaved;
  }

  private async changePassword(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = m(MESSAGES);
    const form = e.target as HTMLFormElement;
    const value = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value;
    this.message = '';
    this.error = '';
    this.errorField = '';
    if (value('password') !== value('repeat')) {
      this.error = t.mismatch;
      this.errorField = 'repeat';
    } else {
      try {
        const res = await put<{ csrfToken: string }>('/api/account/password', { current: value('current'), password: value('password') });
        setCsrfToken(res.csrfToken);
        form.reset();
        await loadSession();
        this.message = t.changed;
      } catch (err) {
        const f = err as ApiFailure;
        const reason = String(f.details?.reason ?? '');
        this.error = t.reasons[reason] ?? errorText(f);
        this.errorField = reason === 'wrong-current' ? 'current' : 'password';
      }
    }
    await this.updateComplete;
    this.querySelector<HTMLElement>('#pw-status')?.focus();
  }

  override render() {
    const t = m(MESSAGES);
    const s = session();
    if (!s) return nothing;
    return html`<h1>${t.title}</h1>
      ${s.user.mustChangePassword ? html`<p class="a-alert a-alert--warn">${t.mustChange}</p>` : nothing}
      <div class="a-grid2">
        <section class="a-card" aria-labelledby="acc-profile">
          <h2 id="acc-profile">${t.profile}</h2>
          <form @submit=${this.saveName}>
            <div class="a-field"><span class="a-label">${t.email}</span><p class="a-static">${s.user.email}</p></div>
            <div class="a-field"><label for="acc-name">${t.name}</label><input id="acc-name" name="name" autocomplete="name" maxlength="120" .value=${s.user.displayName}></div>
            <button type="submit" class="a-secondary">${t.saveName}</button>
            ${this.nameMessage ? html`<p class="a-alert a-alert--ok" role="status">${this.nameMessage}</p>` : nothing}
          </form>
        </section>
        ${this.options && !this.options.password ? this.renderSsoOnly(this.options.sso?.name ?? 'SSO') : this.renderPassword()}
      </div>
      <rondo-api-tokens></rondo-api-tokens>`;
  }

  private renderSsoOnly(name: string) {
    const t = m(MESSAGES);
    return html`<section class="a-card" aria-labelledby="acc-sso">
      <h2 id="acc-sso">${t.ssoTitle}</h2>
      <p>${fill(t.ssoText, { name })}</p>
    </section>`;
  }

  private renderPassword() {
    const t = m(MESSAGES);
    const s = session()!;
    const invalid = (f: string) => (this.errorField === f ? 'true' : 'false');
    return html`<section class="a-card" aria-labelledby="acc-pw">
          <h2 id="acc-pw">${t.pwTitle}</h2>
          <div id="pw-status" tabindex="-1">
            ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
            ${this.message ? html`<p class="a-alert a-alert--ok" role="status">${this.message}</p>` : nothing}
          </div>
          <form @submit=${this.changePassword}>
            <input type="text" name="username" autocomplete="username" .value=${s.user.email} hidden>
            <div class="a-field"><label for="pw-current">${t.current}</label><input id="pw-current" name="current" type="password" autocomplete="current-password" required aria-invalid=${invalid('current')}></div>
            <div class="a-field"><label for="pw-new">${t.next}</label><input id="pw-new" name="password" type="password" autocomplete="new-password" required minlength="8" aria-describedby="pw-hint" aria-invalid=${invalid('password')}>
              <p class="a-hint" id="pw-hint">${t.hint}</p></div>
            <div class="a-field"><label for="pw-repeat">${t.repeat}</label><input id="pw-repeat" name="repeat" type="password" autocomplete="new-password" required aria-invalid=${invalid('repeat')}></div>
            <button type="submit" class="a-primary">${t.change}</button>
          </form>
        </section>
        <rondo-two-factor></rondo-two-factor>`;
  }
}
customElements.define('rondo-account-view', RondoAccountView);
