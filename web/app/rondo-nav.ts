import { html, nothing } from 'lit';
import { LightElement } from '../light-element.js';
import { ROUTES } from './routes.js';
import { fillPath } from './router.js';
import { m, tx } from './i18n.js';
import { roleIn, session } from './session.js';
import { currentSlug } from './current-study.js';
import { studyMeasures, studyVocabulary } from './study-words.js';

const MESSAGES = {
  nl: { label: 'Hoofdmenu', studyNav: 'Onderzoek', general: 'Algemeen', demo: 'demo', archived: 'gearchiveerd' },
  en: { label: 'Main menu', studyNav: 'Study', general: 'General', demo: 'demo', archived: 'archived' },
};

/**
 * <rondo-nav>: the navigation built from the route registry — the current study's screens the
 * user's role may see, then the general screens. A sidebar on wide screens, a row of tabs
 * that scrolls sideways on phones. The current page is marked with aria-current.
 */
export class RondoNav extends LightElement {
  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('rondo-route', () => this.requestUpdate());
    window.addEventListener('rondo-session', () => this.requestUpdate());
    window.addEventListener('rondo-lang', () => this.requestUpdate());
  }

  override render() {
    const t = m(MESSAGES);
    const s = session();
    if (!s) return nothing;
    const slug = currentSlug();
    const role = roleIn(slug);
    const study = s.studies.find((x) => x.slug === slug);
    const here = location.pathname;
    const link = (href: string, label: string) =>
      html`<li><a href=${href} aria-current=${here === href || (href !== '/app' && here.startsWith(href + '/') && !ROUTES.some((r) => r.nav && fillPath(r.path, { slug: slug ?? '' }) === here)) ? 'page' : 'false'}>${label}</a></li>`;
    const studyLinks =
      slug && role
        ? ROUTES.filter(
            (r) => r.nav && r.path.includes(':slug') && r.roles.includes(role) && (!r.measures || studyMeasures(slug, r.measures)),
          )
        : [];
    const label = (r: (typeof ROUTES)[number]) => m(r.navWords ? r.navWords(studyVocabulary(slug)) : r.nav!);
    const global = ROUTES.filter(
      (r) =>
        r.nav &&
        !r.path.includes(':slug') &&
        (r.roles.includes('user') || (r.roles.includes('admin') && s.user.isAdmin) || (r.roles.includes('creator') && s.canCreateStudies)),
    );
    return html`<nav class="a-nav" aria-label=${t.label}>
      ${
        study
          ? html`<p class="a-nav-study"><span class="a-nav-kicker">${t.studyNav}</span> <span class="a-nav-title">${tx(study.title)}</span>${study.isDemo ? html` <span class="a-badge">${t.demo}</span>` : nothing}${
              study.archived ? html` <span class="a-badge a-badge--muted">${t.archived}</span>` : nothing
            }</p>
            <ul class="a-nav-list">${studyLinks.map((r) => link(fillPath(r.path, { slug: slug! }), label(r)))}</ul>`
          : nothing
      }
      <ul class="a-nav-list ${study ? 'a-nav-global' : ''}">${global.map((r) => link(r.path, m(r.nav!)))}</ul>
    </nav>`;
  }
}
customElements.define('rondo-nav', RondoNav);
