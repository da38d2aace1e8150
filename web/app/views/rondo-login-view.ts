import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { api, ApiFailure, errorText } from '../api.js';
import { fill, lang, m, setLang } from '../i18n.js';
import type { LoginBody, LoginResponse } from '../../../model/api/session.js';

const MESSAGES = {
  nl: {
    title: 'Inloggen',
    intro: 'Log in met het e-mailadres en wachtwoord van uw rondo-account.',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    show: 'Toon wachtwoord',
    submit: 'Inloggen',
    busy: 'Bezig met inloggen…',
    wrong: 'Het e-mailadres of het wachtwoord klopt niet.',
    throttled: 'Te veel mislukte pogingen. Probeer het over {time} opnieuw.',
    minutes: '{n} minuten',
    minute: '1 minuut',
    seconds: '{n} seconden',
    missing: 'Vul uw e-mailadres en wachtwoord in.',
    forgot: 'Wachtwoord vergeten? Vraag de beheerder van rondo om een nieuw wachtwoord.',
    tagline: 'Onderzoek in meetrondes',
    language: 'Taal',
  },
  en: {
    title: 'Log in',
    intro: 'Log in with the e-mail address and password of your rondo account.',
    email: 'E-mail address',
    password: 'Password',
    show: 'Show password',
    submit: 'Log in',
    busy: 'Logging in…',
    wrong: 'The e-mail address or the password is not correct.',
    throttled: 'Too many failed attempts. Try again in {time}.',
    minutes: '{n} minutes',
    minute: '1 minute',
    seconds: '{n} seconds',
    missing: 'Enter your e-mail address and password.',
    forgot: 'Forgot your password? Ask the rondo administrator for a new one.',
    tagline: 'Research in measurement rounds',
    language: 'Language',
  },
};

/**
 * <rondo-login-view>: e-mail and password. One message for every failed login (unknown
 * account and wrong password look the same); throttling says how long to wait. After login the
 * server-checked `next` address (only a path inside /app) is opened.
 */
export class RondoLoginView extends StaffView {
  static override properties = { error: { state: true }, busy: { state: true }, showPassword: { state: true } };
  error = '';
  busy = false;
  showPassword = false;

  private wait(seconds: number): string {
    const t = m(MESSAGES);
    if (seconds < 60) return fill(t.seconds, { n: seconds });
    const minutes = Math.ceil(seconds / 60);
    return minutes === 1 ? t.minute : fill(t.minutes, { n: minutes });
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = m(MESSAGES);
    const form = e.target as HTMLFormElement;
    const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    if (!email || !password) {
      this.error = t.missing;
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const next = new URLSearchParams(location.search).get('next') ?? undefined;
      const res = await api<LoginResponse>('POST', '/api/login', { email, password, ...(next ? { next } : {}) } satisfies LoginBody, {
        redirectOn401: false,
      });
      location.assign(res.mustChangePassword ? '/app/account' : res.next);
    } catch (err) {
      this.busy = false;
      if (err instanceof ApiFailure && err.code === 'UNAUTHENTICATED') this.error = t.wrong;
      else if (err instanceof ApiFailure && err.code === 'RATE_LIMITED')
        this.error = fill(t.throttled, { time: this.wait(Number(err.details?.retryAfterSeconds ?? 60)) });
      else this.error = errorText(err);
      await this.updateComplete;
      this.querySelector<HTMLElement>('.a-alert')?.focus();
    }
  }

  override render() {
    const t = m(MESSAGES);
    return html`<div class="a-login">
      <div class="a-login-lang" role="group" aria-label=${t.language}>
        ${(['nl', 'en'] as const).map((l) => html`<button type="button" lang=${l} aria-pressed=${lang() === l ? 'true' : 'false'} @click=${() => setLang(l)}>${l === 'nl' ? 'Nederlands' : 'English'}</button>`)}
      </div>
      <div class="a-login-card">
        <p class="a-login-brand" aria-hidden="true">rondo</p>
        <p class="a-login-tagline">${t.tagline}</p>
        <h1>${t.title}</h1>
        <p>${t.intro}</p>
        ${this.error ? html`<p class="a-alert a-alert--error" role="alert" tabindex="-1">${this.error}</p>` : nothing}
        <form @submit=${this.submit} novalidate>
          <div class="a-field">
            <label for="login-email">${t.email}</label>
            <input id="login-email" name="email" type="email" autocomplete="username" inputmode="email" spellcheck="false" required>
          </div>
          <div class="a-field">
            <label for="login-password">${t.password}</label>
            <input id="login-password" name="password" type=${this.showPassword ? 'text' : 'password'} autocomplete="current-password" required>
            <label class="a-check"><input type="checkbox" .checked=${this.showPassword} @change=${(e: Event) => (this.showPassword = (e.target as HTMLInputElement).checked)}> ${t.show}</label>
          </div>
          <button type="submit" class="a-primary a-wide" ?disabled=${this.busy}>${this.busy ? t.busy : t.submit}</button>
        </form>
        <p class="a-muted a-small">${t.forgot}</p>
      </div>
    </div>`;
  }
}
customElements.define('rondo-login-view', RondoLoginView);
