import { html, nothing } from 'lit';
import { LightElement } from '../light-element.js';
import { lang, m, setLang, tx, type Lang } from './i18n.js';
import { session } from './session.js';
import { navigate } from './router.js';
import { patch, post } from './api.js';
import { currentSlug } from './current-study.js';
import type { LogoutResponse } from '../../model/api/sso.js';

const MESSAGES = {
  nl: {
    home: 'rondo, naar mijn onderzoeken',
    study: 'Onderzoek',
    chooseStudy: 'Kies een onderzoek…',
    language: 'Taal',
    account: 'Accountmenu',
    myAccount: 'Mijn account',
    users: 'Accounts beheren',
    logout: 'Uitloggen',
    newStudy: 'Nieuw onderzoek',
    roles: { researcher: 'onderzoeker', trainer: 'trainer', manager: 'manager' },
  },
  en: {
    home: 'rondo, to my studies',
    study: 'Study',
    chooseStudy: 'Choose a study…',
    language: 'Language',
    account: 'Account menu',
    myAccount: 'My account',
    users: 'Manage accounts',
    logout: 'Log out',
    newStudy: 'New study',
    roles: { researcher: 'researcher', trainer: 'trainer', manager: 'manager' },
  },
};

const LANG_NAMES: Record<Lang, string> = { nl: 'Nederlands', en: 'English' };

/**
 * <rondo-top-bar>: the app's banner — the name (home link), the study switcher, the language
 * switch (nl/en, remembered on the account) and the account menu (a disclosure: Escape and a
 * click outside close it).
 */
export class RondoTopBar extends LightElement {
  static override properties = { open: { state: true } };
  open = false;

  private readonly onDocClick = (e: MouseEvent) => {
    if (this.open && !this.querySelector('.a-account')?.contains(e.target as Node)) this.open = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.onDocClick);
    window.addEventListener('rondo-route', () => this.requestUpdate());
    window.addEventListener('rondo-session', () => this.requestUpdate());
    window.addEventListener('rondo-lang', () => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.onDocClick);
  }

  private async switchLang(next: Lang): Promise<void> {
    setLang(next);
    const s = session();
    if (s) {
      s.user.language = next;
      await patch('/api/account', { language: next }).catch(() => undefined);
    }
  }

  private async logout(): Promise<void> {
    const res = await post<LogoutResponse>('/api/logout').catch(() => undefined);
    // After single sign-on, on to the provider's logout, which sends the browser back to /login.
    location.assign(res?.endSessionUrl ?? '/login');
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.open) {
      this.open = false;
      this.querySelector<HTMLButtonElement>('.a-account > button')?.focus();
    }
  }

  override render() {
    const t = m(MESSAGES);
    const s = session();
    const slug = currentSlug();
    const initials = (s?.user.displayName || s?.user.email || '?')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join('');
    return html`<header class="a-topbar">
      <a class="a-brand" href="/app" aria-label=${t.home}><span aria-hidden="true">rondo</span></a>
      ${
        s && s.studies.length
          ? html`<div class="a-switcher">
            <label class="a-sr" for="a-study-switch">${t.study}</label>
            <select id="a-study-switch" @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              if (v) navigate(`/app/s/${encodeURIComponent(v)}`);
            }}>
              ${slug ? nothing : html`<option value="" selected>${t.chooseStudy}</option>`}
              ${s.studies.filter((st) => !st.archived || st.slug === slug).map((st) => html`<option value=${st.slug} ?selected=${st.slug === slug}>${tx(st.title)} (${t.roles[st.role]})</option>`)}
            </select>
          </div>`
          : html`<span class="a-spacer"></span>`
      }
      <div class="a-lang" role="group" aria-label=${t.language}>
        ${(['nl', 'en'] as const).map(
          (l) =>
            html`<button type="button" lang=${l} aria-pressed=${lang() === l ? 'true' : 'false'} title=${LANG_NAMES[l]} @click=${() => this.switchLang(l)}>${l.toUpperCase()}<span class="a-sr"> ${LANG_NAMES[l]}</span></button>`,
        )}
      </div>
      ${
        s
          ? html`<div class="a-account" @keydown=${this.onKey}>
            <button type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="a-account-menu" title=${s.user.email} @click=${() => (this.open = !this.open)}>
              <span class="a-avatar" aria-hidden="true">${initials}</span><span class="a-account-name">${s.user.displayName || s.user.email}</span><span class="a-sr">, ${t.account}</span>
            </button>
            <div id="a-account-menu" class="a-menu" ?hidden=${!this.open}>
              <p class="a-menu-who">${s.user.displayName ? html`<strong>${s.user.displayName}</strong><br>` : nothing}${s.user.email}</p>
              <ul>
                <li><a href="/app/account" @click=${() => (this.open = false)}>${t.myAccount}</a></li>
                ${s.canCreateStudies ? html`<li><a href="/app/new" @click=${() => (this.open = false)}>${t.newStudy}</a></li>` : nothing}
                ${s.user.isAdmin ? html`<li><a href="/app/users" @click=${() => (this.open = false)}>${t.users}</a></li>` : nothing}
                <li><button type="button" class="a-link" @click=${this.logout}>${t.logout}</button></li>
              </ul>
            </div>
          </div>`
          : nothing
      }
    </header>`;
  }
}
customElements.define('rondo-top-bar', RondoTopBar);
