import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { api, ApiFailure, errorText } from '../api.js';
import { fill, lang, m, setLang } from '../i18n.js';
import type { LoginBody, LoginResponse } from '../../../model/api/session.js';
import type { LoginOptionsResponse } from '../../../model/api/sso.js';
import { SSO_REFUSALS, type SsoRefusal } from '../../../model/api/sso-refusals.js';
import type { SecondFactorBody } from '../../../model/api/two-factor.js';

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
    sso: 'Inloggen met {name}',
    ssoOnly: 'Log in met het account van uw organisatie.',
    ssoAndPassword: 'Log in met het account van uw organisatie, of met het e-mailadres en wachtwoord van uw rondo-account.',
    or: 'of met uw rondo-wachtwoord',
    refused: {
      failed: 'Inloggen met {name} is niet gelukt. Probeer het opnieuw; lukt het weer niet, meld het dan aan de beheerder.',
      expired: 'Het inloggen duurde te lang of is al eens gebruikt. Probeer het opnieuw.',
      cancelled: 'Het inloggen met {name} is afgebroken.',
      unavailable: '{name} is nu niet bereikbaar. Probeer het later opnieuw.',
      unverified: 'Uw e-mailadres is bij {name} niet bevestigd, dus u kunt er niet mee inloggen.',
      domain: 'Met een e-mailadres van dit domein kunt u niet inloggen bij rondo.',
      'unknown-account': 'Er is geen rondo-account voor uw e-mailadres. Vraag de beheerder van rondo om een account.',
      disabled: 'Uw rondo-account is uitgeschakeld. Neem contact op met de beheerder van rondo.',
      throttled: 'Te veel mislukte pogingen. Probeer het later opnieuw.',
    } satisfies Record<SsoRefusal, string>,
    codeTitle: 'Tweestapsverificatie',
    codeIntro: 'Open uw authenticator-app en vul de code van 6 cijfers in die daar nu staat.',
    code: 'Code uit de app',
    recoveryIntro: 'Vul een van uw herstelcodes in. Elke herstelcode werkt maar één keer.',
    recovery: 'Herstelcode',
    useRecovery: 'App niet bij de hand? Gebruik een herstelcode',
    useCode: 'Gebruik een code uit de app',
    verify: 'Controleren',
    verifying: 'Bezig met controleren…',
    wrongCode: 'Deze code klopt niet. Een code uit de app werkt maar één keer; wacht op de volgende.',
    expired: 'Het inloggen duurde te lang of er waren te veel foute codes. Log opnieuw in met uw wachtwoord.',
    missingCode: 'Vul de code in.',
    back: 'Terug naar inloggen',
    accessibility: 'Toegankelijkheid',
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
    sso: 'Log in with {name}',
    ssoOnly: "Log in with your organisation's account.",
    ssoAndPassword: "Log in with your organisation's account, or with the e-mail address and password of your rondo account.",
    or: 'or with your rondo password',
    refused: {
      failed: 'Logging in with {name} did not work. Try again; if it fails again, tell the administrator.',
      expired: 'Logging in took too long or was already used. Try again.',
      cancelled: 'Logging in with {name} was cancelled.',
      unavailable: '{name} cannot be reached right now. Try again later.',
      unverified: 'Your e-mail address is not confirmed at {name}, so you cannot log in with it.',
      domain: 'An e-mail address of this domain cannot log in to rondo.',
      'unknown-account': 'There is no rondo account for your e-mail address. Ask the rondo administrator for one.',
      disabled: 'Your rondo account is disabled. Contact the rondo administrator.',
      throttled: 'Too many failed attempts. Try again later.',
    } satisfies Record<SsoRefusal, string>,
    codeTitle: 'Two-step verification',
    codeIntro: 'Open your authenticator app and enter the 6-digit code it shows now.',
    code: 'Code from the app',
    recoveryIntro: 'Enter one of your recovery codes. Each recovery code works only once.',
    recovery: 'Recovery code',
    useRecovery: 'App not at hand? Use a recovery code',
    useCode: 'Use a code from the app',
    verify: 'Verify',
    verifying: 'Verifying…',
    wrongCode: 'This code is not correct. A code from the app works only once; wait for the next one.',
    expired: 'Logging in took too long or there were too many wrong codes. Log in again with your password.',
    missingCode: 'Enter the code.',
    back: 'Back to login',
    accessibility: 'Accessibility',
  },
};

/**
 * <rondo-login-view>: e-mail and password, then, for an account with two-factor login, a code
 * from the authenticator app or a recovery code; and single sign-on when the server offers it
 * (GET /api/login/options): a button to the provider, and the password form only where password
 * login is on. One message for every failed password login (unknown account and wrong password
 * look the same); throttling says how long to wait. A refused single sign-on comes back as
 * `?sso=<reason>` and is said here. After login the server-checked `next` address (only a path
 * inside /app) is opened; an account that must still set up two-factor login goes to its account
 * screen.
 */
export class RondoLoginView extends StaffView {
  static override properties = {
    error: { state: true },
    busy: { state: true },
    showPassword: { state: true },
    options: { state: true },
    step: { state: true },
    useRecovery: { state: true },
  };
  error = '';
  busy = false;
  showPassword = false;
  /** What the server offers; null until known. */
  options: LoginOptionsResponse | null = null;

  protected override async load(): Promise<void> {
    try {
      this.options = await api<LoginOptionsResponse>('GET', '/api/login/options', undefined, { redirectOn401: false });
    } catch {
      // An older or unreachable server: the password form, as before.
      this.options = { password: true, sso: null };
    }
  }

  /** The refusal a single sign-on came back with, when it is one the screen knows. */
  private refusal(): SsoRefusal | null {
    const reason = new URLSearchParams(location.search).get('sso');
    return (SSO_REFUSALS as readonly string[]).includes(reason ?? '') ? (reason as SsoRefusal) : null;
  }

  private refusalText(refusal: SsoRefusal, name: string): string {
    const t = m(MESSAGES);
    const wait = Number(new URLSearchParams(location.search).get('wait'));
    if (refusal === 'throttled' && Number.isInteger(wait) && wait > 0) return fill(t.throttled, { time: this.wait(wait) });
    return fill(t.refused[refusal], { name });
  }

  private startSso(): void {
    const next = new URLSearchParams(location.search).get('next');
    location.assign(`/login/sso${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  }
  /** `code`: the password was right and the second step is asked. */
  step: 'password' | 'code' = 'password';
  useRecovery = false;

  private async showError(message: string): Promise<void> {
    this.error = message;
    await this.updateComplete;
    this.querySelector<HTMLElement>('.a-alert')?.focus();
  }

  private async submitCode(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = m(MESSAGES);
    const code = ((e.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement).value.trim();
    if (!code) return this.showError(t.missingCode);
    this.busy = true;
    this.error = '';
    try {
      const res = await api<LoginResponse>('POST', '/api/login/second-factor', { code } satisfies SecondFactorBody, {
        redirectOn401: false,
      });
      location.assign(res.mustChangePassword ? '/app/account' : res.next);
    } catch (err) {
      this.busy = false;
      const reason = err instanceof ApiFailure ? err.details?.reason : undefined;
      if (reason === 'second-factor-expired') {
        this.step = 'password';
        this.useRecovery = false;
        return this.showError(t.expired);
      }
      if (reason === 'second-factor') return this.showError(t.wrongCode);
      if (err instanceof ApiFailure && err.code === 'RATE_LIMITED')
        return this.showError(fill(t.throttled, { time: this.wait(Number(err.details?.retryAfterSeconds ?? 60)) }));
      return this.showError(errorText(err));
    }
  }

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
      if (res.twoFactor === 'verify') {
        this.busy = false;
        this.step = 'code';
        await this.updateComplete;
        this.querySelector<HTMLElement>('#login-code')?.focus();
        return;
      }
      location.assign(res.mustChangePassword || res.twoFactor === 'enrol' ? '/app/account' : res.next);
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
        ${this.step === 'code' ? this.renderCode() : this.renderPassword()}
        <p class="a-small"><a href=${lang() === 'en' ? '/accessibility' : '/toegankelijkheid'}>${t.accessibility}</a></p>
      </div>
    </div>`;
  }

  private renderCode() {
    const t = m(MESSAGES);
    const recovery = this.useRecovery;
    return html`<h1>${t.codeTitle}</h1>
      <p>${recovery ? t.recoveryIntro : t.codeIntro}</p>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert" tabindex="-1">${this.error}</p>` : nothing}
      <form @submit=${this.submitCode} novalidate>
        <div class="a-field">
          <label for="login-code">${recovery ? t.recovery : t.code}</label>
          ${
            recovery
              ? html`<input id="login-code" name="code" type="text" autocomplete="off" spellcheck="false" autocapitalize="none"
                  maxlength="40" required>`
              : html`<input id="login-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                  pattern="[0-9 ]*" maxlength="7" required>`
          }
        </div>
        <button type="submit" class="a-primary a-wide" ?disabled=${this.busy}>${this.busy ? t.verifying : t.verify}</button>
      </form>
      <p class="a-row">
        <button type="button" class="a-link" @click=${() => this.switchCode(!recovery)}>${recovery ? t.useCode : t.useRecovery}</button>
      </p>
      <p><button type="button" class="a-link" @click=${() => this.restart()}>${t.back}</button></p>`;
  }

  private async switchCode(recovery: boolean): Promise<void> {
    this.useRecovery = recovery;
    this.error = '';
    await this.updateComplete;
    this.querySelector<HTMLElement>('#login-code')?.focus();
  }

  private restart(): void {
    this.step = 'password';
    this.useRecovery = false;
    this.error = '';
  }

  /** The first step: single sign-on when offered, and the password form where password login is on. */
  private renderPassword() {
    const t = m(MESSAGES);
    const options = this.options;
    const sso = options?.sso ?? null;
    const refusal = this.refusal();
    const error = this.error || (refusal ? this.refusalText(refusal, sso?.name ?? 'SSO') : '');
    return html`<h1>${t.title}</h1>
        <p>${!sso ? t.intro : options?.password ? t.ssoAndPassword : t.ssoOnly}</p>
        ${error ? html`<p class="a-alert a-alert--error" role="alert" tabindex="-1">${error}</p>` : nothing}
        ${
          sso
            ? html`<button type="button" class="a-primary a-wide" @click=${this.startSso}>${fill(t.sso, { name: sso.name })}</button>`
            : nothing
        }
        ${sso && options?.password ? html`<p class="a-login-or">${t.or}</p>` : nothing}
        ${options?.password ? this.passwordForm() : nothing}`;
  }

  private passwordForm() {
    const t = m(MESSAGES);
    return html`<form @submit=${this.submit} novalidate>
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
        <p class="a-muted a-small">${t.forgot}</p>`;
  }
}
customElements.define('rondo-login-view', RondoLoginView);
