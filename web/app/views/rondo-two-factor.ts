import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { ApiFailure, errorText, get, post } from '../api.js';
import { fill, m } from '../i18n.js';
import { loadSession, session } from '../session.js';
import { navigate } from '../router.js';
import type {
  ConfirmEnrolmentBody,
  DisableResponse,
  EnrolmentResponse,
  ReauthBody,
  RecoveryCodesResponse,
  TwoFactorStatusResponse,
} from '../../../model/api/two-factor.js';

const MESSAGES = {
  nl: {
    title: 'Tweestapsverificatie',
    intro:
      'Met tweestapsverificatie vraagt rondo bij het inloggen na uw wachtwoord ook een code uit een authenticator-app op uw telefoon ' +
      '(zoals Microsoft Authenticator, Google Authenticator of FreeOTP).',
    required: 'Voor uw account is tweestapsverificatie verplicht. Stel het nu in om verder te gaan.',
    on: 'Tweestapsverificatie staat aan.',
    off: 'Tweestapsverificatie staat uit.',
    codesLeft: 'U heeft nog {n} ongebruikte herstelcodes.',
    start: 'Tweestapsverificatie instellen',
    step1: '1. Scan deze QR-code met uw authenticator-app.',
    qrAlt: 'QR-code om rondo aan uw authenticator-app toe te voegen',
    manual: 'Kunt u niet scannen? Voer deze sleutel met de hand in de app in:',
    step2: '2. Vul de code van 6 cijfers in die de app nu toont.',
    code: 'Code uit de app',
    confirm: 'Bevestigen',
    wrongCode: 'Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en probeer de code die nu getoond wordt.',
    codesTitle: 'Uw herstelcodes',
    codesIntro:
      'Bewaar deze codes op een veilige plek (bijvoorbeeld in een wachtwoordkluis). Met een herstelcode logt u in als u uw telefoon ' +
      'niet bij de hand heeft. Elke code werkt één keer. U ziet ze nu voor het laatst.',
    saved: 'Ik heb de codes bewaard',
    newCodes: 'Nieuwe herstelcodes maken',
    disable: 'Tweestapsverificatie uitzetten',
    reauthIntro: 'Bevestig met uw wachtwoord en een code uit de app (of een herstelcode).',
    password: 'Wachtwoord',
    codeOrRecovery: 'Code uit de app of herstelcode',
    cancel: 'Annuleren',
    wrongReauth: 'Het wachtwoord of de code klopt niet.',
    throttled: 'Te veel mislukte pogingen. Probeer het over {n} seconden opnieuw.',
    disabled: 'Tweestapsverificatie staat nu uit.',
    disabledRequired:
      'Tweestapsverificatie staat nu uit. Voor uw account is het verplicht: stel het opnieuw in (bijvoorbeeld op uw nieuwe telefoon).',
    enabled: 'Tweestapsverificatie staat aan. Bij de volgende keer inloggen vraagt rondo om een code.',
  },
  en: {
    title: 'Two-step verification',
    intro:
      'With two-step verification rondo asks, after your password, for a code from an authenticator app on your phone (such as ' +
      'Microsoft Authenticator, Google Authenticator or FreeOTP).',
    required: 'Two-step verification is required for your account. Set it up now to continue.',
    on: 'Two-step verification is on.',
    off: 'Two-step verification is off.',
    codesLeft: 'You have {n} unused recovery codes left.',
    start: 'Set up two-step verification',
    step1: '1. Scan this QR code with your authenticator app.',
    qrAlt: 'QR code to add rondo to your authenticator app',
    manual: 'Cannot scan? Enter this key into the app by hand:',
    step2: '2. Enter the 6-digit code the app shows now.',
    code: 'Code from the app',
    confirm: 'Confirm',
    wrongCode: 'This code is not correct. Check that the time on your phone is right and try the code shown now.',
    codesTitle: 'Your recovery codes',
    codesIntro:
      'Keep these codes in a safe place (a password manager, for instance). A recovery code logs you in when your phone is not at hand. ' +
      'Each code works once. This is the last time you see them.',
    saved: 'I have saved the codes',
    newCodes: 'Make new recovery codes',
    disable: 'Turn off two-step verification',
    reauthIntro: 'Confirm with your password and a code from the app (or a recovery code).',
    password: 'Password',
    codeOrRecovery: 'Code from the app or recovery code',
    cancel: 'Cancel',
    wrongReauth: 'The password or the code is not correct.',
    throttled: 'Too many failed attempts. Try again in {n} seconds.',
    disabled: 'Two-step verification is now off.',
    disabledRequired:
      'Two-step verification is now off. It is required for your account: set it up again (on your new phone, for instance).',
    enabled: 'Two-step verification is on. The next time you log in, rondo asks for a code.',
  },
};

type Mode = 'status' | 'enrol' | 'codes' | 'disable' | 'renew';

/**
 * <rondo-two-factor>: two-step verification (TOTP) on the account screen. Enrolment shows the
 * server-drawn QR code and the key as text, and completes with a first correct code; then the ten
 * recovery codes are shown once. Turning it off and new recovery codes need the password and a
 * current code. An account that must enrol sees why, and is sent on once it has.
 */
export class RondoTwoFactor extends StaffView {
  static override properties = {
    status: { state: true },
    mode: { state: true },
    enrolment: { state: true },
    codes: { state: true },
    error: { state: true },
    message: { state: true },
  };
  status: TwoFactorStatusResponse | null = null;
  mode: Mode = 'status';
  enrolment: EnrolmentResponse | null = null;
  codes: string[] = [];
  error = '';
  message = '';
  /** The account had to enrol: after the codes, the app continues to its start page. */
  private continueAfterCodes = false;

  protected override async load(): Promise<void> {
    const first = this.status === null;
    this.status = await get<TwoFactorStatusResponse>('/api/account/two-factor');
    // Sent here to enrol: this card is what the screen is for now, so it gets the focus.
    if (first && session()?.user.mustEnrolTwoFactor) {
      await this.updateComplete;
      this.querySelector<HTMLElement>('#tf-title')?.focus();
    }
  }

  private async focusStatus(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('#tf-status')?.focus();
  }

  private async start(): Promise<void> {
    this.error = '';
    this.message = '';
    try {
      this.enrolment = await post<EnrolmentResponse>('/api/account/two-factor/enrolment');
      this.mode = 'enrol';
      await this.updateComplete;
      this.querySelector<HTMLElement>('#tf-enrol-title')?.focus();
    } catch (err) {
      this.error = errorText(err);
      await this.focusStatus();
    }
  }

  private async confirm(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const code = ((e.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement).value.trim();
    this.error = '';
    try {
      const res = await post<RecoveryCodesResponse>('/api/account/two-factor/enrolment/confirm', { code } satisfies ConfirmEnrolmentBody);
      this.continueAfterCodes = !!session()?.user.mustEnrolTwoFactor;
      await loadSession();
      await this.showCodes(res.recoveryCodes, m(MESSAGES).enabled);
    } catch (err) {
      this.error = err instanceof ApiFailure && err.details?.reason === 'code' ? m(MESSAGES).wrongCode : errorText(err);
      await this.focusStatus();
    }
  }

  private async showCodes(codes: string[], message: string): Promise<void> {
    this.codes = codes;
    this.enrolment = null;
    this.mode = 'codes';
    this.message = message;
    await this.load();
    await this.focusStatus();
  }

  private async savedCodes(): Promise<void> {
    this.codes = [];
    this.mode = 'status';
    this.message = '';
    if (this.continueAfterCodes) navigate('/app');
  }

  private async reauth(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = m(MESSAGES);
    const form = e.target as HTMLFormElement;
    const value = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value;
    const body: ReauthBody = { password: value('password'), code: value('code').trim() };
    this.error = '';
    try {
      if (this.mode === 'renew') {
        const res = await post<RecoveryCodesResponse>('/api/account/two-factor/recovery-codes', body);
        this.continueAfterCodes = false;
        await this.showCodes(res.recoveryCodes, '');
        return;
      }
      const res = await post<DisableResponse>('/api/account/two-factor/disable', body);
      this.mode = 'status';
      this.message = res.mustEnrolTwoFactor ? t.disabledRequired : t.disabled;
      await loadSession();
      await this.load();
    } catch (err) {
      const f = err as ApiFailure;
      if (f.code === 'RATE_LIMITED') this.error = fill(t.throttled, { n: Number(f.details?.retryAfterSeconds ?? 60) });
      else this.error = f.details?.reason === 'reauth' ? t.wrongReauth : errorText(err);
    }
    await this.focusStatus();
  }

  private cancel(): void {
    this.mode = 'status';
    this.enrolment = null;
    this.error = '';
  }

  override render() {
    const t = m(MESSAGES);
    const s = this.status;
    const mustEnrol = !!session()?.user.mustEnrolTwoFactor;
    return html`<section class="a-card" aria-labelledby="tf-title">
      <h2 id="tf-title" tabindex="-1">${t.title}</h2>
      ${mustEnrol ? html`<p class="a-alert a-alert--warn">${t.required}</p>` : nothing}
      <div id="tf-status" tabindex="-1">
        ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
        ${this.message ? html`<p class="a-alert a-alert--ok" role="status">${this.message}</p>` : nothing}
      </div>
      ${s ? this.renderMode(s) : nothing}
    </section>`;
  }

  private renderMode(s: TwoFactorStatusResponse) {
    if (this.mode === 'enrol') return this.renderEnrol();
    if (this.mode === 'codes') return this.renderCodes();
    return this.mode === 'status' ? this.renderStatus(s) : this.renderReauth();
  }

  private renderStatus(s: TwoFactorStatusResponse) {
    const t = m(MESSAGES);
    if (!s.enabled)
      return html`<p>${t.intro}</p>
        <p><strong>${t.off}</strong></p>
        <button type="button" class="a-primary" @click=${this.start}>${t.start}</button>`;
    return html`<p><strong>${t.on}</strong> ${fill(t.codesLeft, { n: s.recoveryCodesLeft })}</p>
      <div class="a-row">
        <button type="button" class="a-secondary" @click=${() => ((this.mode = 'renew'), (this.message = ''))}>${t.newCodes}</button>
        <button type="button" class="a-secondary" @click=${() => ((this.mode = 'disable'), (this.message = ''))}>${t.disable}</button>
      </div>`;
  }

  private renderEnrol() {
    const t = m(MESSAGES);
    const e = this.enrolment!;
    return html`<h3 id="tf-enrol-title" tabindex="-1">${t.start}</h3>
      <p>${t.step1}</p>
      <img class="a-qr" src=${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(e.qrSvg)}`} alt=${t.qrAlt} width="200" height="200">
      <p>${t.manual}</p>
      <p><code class="a-secret" id="tf-secret">${e.secret.replace(/(.{4})/g, '$1 ').trim()}</code></p>
      <form @submit=${this.confirm} novalidate>
        <p>${t.step2}</p>
        <div class="a-field"><label for="tf-code">${t.code}</label>
          <input id="tf-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*"
            maxlength="7" required></div>
        <div class="a-row">
          <button type="submit" class="a-primary">${t.confirm}</button>
          <button type="button" class="a-secondary" @click=${this.cancel}>${t.cancel}</button>
        </div>
      </form>`;
  }

  private renderCodes() {
    const t = m(MESSAGES);
    return html`<h3>${t.codesTitle}</h3>
      <p>${t.codesIntro}</p>
      <ul class="a-recovery-codes" aria-label=${t.codesTitle}>
        ${this.codes.map((c) => html`<li><code class="a-secret">${c}</code></li>`)}
      </ul>
      <button type="button" class="a-primary" @click=${this.savedCodes}>${t.saved}</button>`;
  }

  private renderReauth() {
    const t = m(MESSAGES);
    return html`<h3>${this.mode === 'renew' ? t.newCodes : t.disable}</h3>
      <p>${t.reauthIntro}</p>
      <form @submit=${this.reauth} novalidate>
        <input type="text" name="username" autocomplete="username" .value=${session()?.user.email ?? ''} hidden>
        <div class="a-field"><label for="tf-password">${t.password}</label>
          <input id="tf-password" name="password" type="password" autocomplete="current-password" required></div>
        <div class="a-field"><label for="tf-reauth-code">${t.codeOrRecovery}</label>
          <input id="tf-reauth-code" name="code" type="text" autocomplete="one-time-code" spellcheck="false" maxlength="40" required></div>
        <div class="a-row">
          <button type="submit" class="a-primary">${this.mode === 'renew' ? t.newCodes : t.disable}</button>
          <button type="button" class="a-secondary" @click=${this.cancel}>${t.cancel}</button>
        </div>
      </form>`;
  }
}
customElements.define('rondo-two-factor', RondoTwoFactor);
