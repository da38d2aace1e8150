import { html, nothing } from 'lit';
import { LightElement } from '../light-element.js';
import { ROUTES, type ViewRoute } from './routes.js';
import { fillPath, interceptLinks, matchPath, navigate } from './router.js';
import { loadSession, session, roleIn } from './session.js';
import { fill, lang, m, setLang, storedLang, tx } from './i18n.js';
import { loginUrl } from './api.js';
import { currentSlug } from './current-study.js';
import { fillWords, studyVocabulary } from './study-words.js';
import './rondo-top-bar.js';
import './rondo-nav.js';

const MESSAGES = {
  nl: {
    skip: 'Naar de inhoud',
    loading: 'Laden…',
    loadFailed: 'Dit scherm kon niet worden geladen. Controleer uw verbinding en laad de pagina opnieuw.',
    title: '{view} — rondo',
  },
  en: {
    skip: 'Skip to content',
    loading: 'Loading…',
    loadFailed: 'This screen could not be loaded. Check your connection and reload the page.',
    title: '{view} — rondo',
  },
};

/** A view element as the shell sees it: it gets the route's parameters. */
export interface ViewElement extends HTMLElement {
  params?: Record<string, string>;
}

/**
 * <rondo-app>: the staff app. Loads the session (or sends the visitor to the login page),
 * picks the view for the address from the route registry (routes.ts), loads its module on
 * first use, and frames it with the top bar and the navigation. After each navigation the
 * view's heading gets focus, so screen-reader and keyboard users start at the new content.
 */
export class RondoApp extends LightElement {
  static override properties = { ready: { state: true }, failed: { state: true } };

  ready = false;
  failed = false;
  private view: ViewElement | null = null;
  private viewKey = '';
  private route: ViewRoute | null = null;
  private first = true;

  override connectedCallback(): void {
    super.connectedCallback();
    interceptLinks(this);
    window.addEventListener('rondo-route', () => void this.resolve());
    window.addEventListener('rondo-lang', () => {
      this.requestUpdate();
      this.setTitle();
    });
    window.addEventListener('rondo-session', () => this.requestUpdate());
    void this.start();
  }

  private async start(): Promise<void> {
    if (location.pathname.startsWith('/login')) {
      setLang(storedLang() ?? lang());
      await this.show(null, { tag: 'rondo-login-view', load: () => import('./views/rondo-login-view.js') }, {});
      return;
    }
    const s = await loadSession();
    if (!s) {
      location.replace(loginUrl());
      return;
    }
    setLang(s.user.language);
    await this.resolve();
  }

  /** The registry entry and parameters for the current address, and whether the user may see it. */
  private find(path: string): { route: ViewRoute | null; params: Record<string, string>; redirect?: string } {
    const s = session()!;
    const clean = path.replace(/\/+$/, '') || '/app';
    const study = matchPath('/app/s/:slug', clean);
    if (study) {
      // The study's address alone opens its first screen the user's role may see.
      const role = roleIn(study.slug);
      const first = ROUTES.find((r) => r.path.includes(':slug') && role && r.roles.includes(role));
      return { route: null, params: study, redirect: first ? fillPath(first.path, study) : undefined };
    }
    for (const route of ROUTES) {
      const params = matchPath(route.path, clean);
      if (!params) continue;
      const allowed = params.slug
        ? route.roles.includes(roleIn(params.slug) as never)
        : route.roles.includes('user') ||
          (route.roles.includes('admin') && s.user.isAdmin) ||
          (route.roles.includes('creator') && s.canCreateStudies);
      return { route: allowed ? route : null, params };
    }
    return { route: null, params: {} };
  }

  private async resolve(): Promise<void> {
    const s = session();
    if (!s) return;
    if ((s.user.mustChangePassword || s.user.mustEnrolTwoFactor) && location.pathname !== '/app/account') {
      navigate('/app/account', { replace: true });
      return;
    }
    const { route, params, redirect } = this.find(location.pathname);
    if (redirect) {
      navigate(redirect, { replace: true });
      return;
    }
    await this.show(route, route ?? { tag: 'rondo-not-found-view', load: () => import('./views/rondo-not-found-view.js') }, params);
  }

  private async show(route: ViewRoute | null, target: Pick<ViewRoute, 'tag' | 'load'>, params: Record<string, string>): Promise<void> {
    this.failed = false;
    try {
      await target.load();
    } catch {
      this.failed = true;
      this.ready = true;
      return;
    }
    // The same screen with the same parameters keeps its element (and its unsaved state); any
    // other address gets a fresh one, also when two routes share a tag.
    const key = `${route?.path ?? target.tag} ${JSON.stringify(params)}`;
    const same = this.view !== null && this.viewKey === key;
    this.viewKey = key;
    if (!same) {
      this.view = document.createElement(target.tag) as ViewElement;
      this.view.params = params;
    }
    this.route = route;
    this.ready = true;
    // The view is not a reactive property: ask for the render that shows it.
    this.requestUpdate();
    this.setTitle();
    await this.updateComplete;
    if (!this.first) this.focusHeading();
    this.first = false;
  }

  private setTitle(): void {
    const r = this.route;
    const slug = currentSlug();
    const label = r ? (r.title ?? (r.navWords ? r.navWords(studyVocabulary(slug)) : r.nav)) : null;
    const study = session()?.studies.find((x) => x.slug === slug);
    const login = location.pathname.startsWith('/login') ? (lang() === 'nl' ? 'Inloggen' : 'Log in') : '';
    const view = [
      // A label may hold the study's words ({Participants}).
      label ? fillWords(slug, m(label)) : login,
      study ? tx(study.title) : '',
    ]
      .filter(Boolean)
      .join(' — ');
    document.title = view ? fill(m(MESSAGES).title, { view }) : 'rondo';
  }

  private focusHeading(): void {
    // Views render asynchronously; try for a moment until the heading is there.
    let tries = 0;
    const attempt = () => {
      const h = this.querySelector<HTMLElement>('main h1');
      if (h) {
        if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
        h.focus({ preventScroll: false });
      } else if (tries++ < 20) setTimeout(attempt, 50);
    };
    attempt();
  }

  override render() {
    const t = m(MESSAGES);
    const bare = location.pathname.startsWith('/login');
    const main = html`<main id="main" class=${bare ? 'a-bare' : 'a-main'} tabindex="-1">
      ${this.failed ? html`<p class="a-alert a-alert--error" role="alert">${t.loadFailed}</p>` : this.ready ? this.view : html`<p class="a-loading" role="status">${t.loading}</p>`}
    </main>`;
    if (bare) return main;
    return html`<a class="a-skip" href="#main">${t.skip}</a>
      <rondo-top-bar></rondo-top-bar>
      <div class="a-layout">
        ${session() ? html`<rondo-nav></rondo-nav>` : nothing}
        ${main}
      </div>`;
  }
}
customElements.define('rondo-app', RondoApp);
