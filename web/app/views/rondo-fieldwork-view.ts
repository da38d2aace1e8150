import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { m } from '../i18n.js';
import { roleIn } from '../session.js';
import { adoptFieldworkStyles } from './fieldwork-styles.js';

const TABS = ['monitor', 'rounds', 'texts'] as const;
type Tab = (typeof TABS)[number];

const MESSAGES = {
  nl: {
    title: 'Veldwerk',
    titleTrainer: 'Responsmonitor',
    lead: 'Wie heeft al geantwoord, wie nog niet, en herinner hen. Plan de {roundWords}, verstuur uitnodigingen en herinneringen, of exporteer de persoonlijke links voor samenvoegen in Outlook.',
    leadTrainer: 'De respons per {roundWord}, in totalen. Kleine aantallen zijn verborgen om {participants} te beschermen.',
    tabs: 'Onderdelen van veldwerk',
    monitor: 'Monitor',
    rounds: '{RoundWords} en verzenden',
    texts: 'E-mailteksten',
    loading: 'Laden…',
    failed: 'Dit onderdeel kon niet worden geladen. Laad de pagina opnieuw.',
  },
  en: {
    title: 'Fieldwork',
    titleTrainer: 'Response monitor',
    lead: 'Who has answered, who has not, and remind them. Schedule the {roundWords}, send invitations and reminders, or export the personal links for a mail merge in Outlook.',
    leadTrainer: 'Response per {roundWord}, in totals. Small numbers are hidden to protect {participants}.',
    tabs: 'Parts of fieldwork',
    monitor: 'Monitor',
    rounds: '{RoundWords} and sending',
    texts: 'E-mail texts',
    loading: 'Loading…',
    failed: 'This part could not be loaded. Reload the page.',
  },
};

const LOADERS: Record<Tab, () => Promise<unknown>> = {
  monitor: () => import('./rondo-fieldwork-monitor.js'),
  rounds: () => import('./rondo-fieldwork-rounds.js'),
  texts: () => import('./rondo-fieldwork-templates.js'),
};

/**
 * <rondo-fieldwork-view>: the fieldwork screen of a study, one address (/app/s/:slug/fieldwork) with
 * three parts chosen by ?tab=: the live monitor (researchers and trainers), rounds and sending,
 * and the e-mail texts (researchers). Each part is its own element, loaded when first shown.
 */
export class RondoFieldworkView extends StaffView {
  static override properties = { tab: { state: true }, loaded: { state: true }, failed: { state: true } };
  params: Record<string, string> = {};
  tab: Tab = 'monitor';
  loaded = new Set<Tab>();
  failed = false;
  private readonly onRoute = () => this.readTab();

  override connectedCallback(): void {
    super.connectedCallback();
    adoptFieldworkStyles();
    window.addEventListener('rondo-route', this.onRoute);
    this.readTab();
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('rondo-route', this.onRoute);
  }

  private get researcher(): boolean {
    return roleIn(this.params.slug) === 'researcher';
  }

  private readTab(): void {
    const asked = new URLSearchParams(location.search).get('tab') as Tab | null;
    this.tab = asked && TABS.includes(asked) && (this.researcher || asked === 'monitor') ? asked : 'monitor';
    if (this.loaded.has(this.tab)) return;
    LOADERS[this.tab]().then(
      () => (this.loaded = new Set([...this.loaded, this.tab])),
      () => (this.failed = true),
    );
  }

  override render() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const slug = this.params.slug ?? '';
    const href = (tab: Tab) => `/app/s/${encodeURIComponent(slug)}/fieldwork${tab === 'monitor' ? '' : `?tab=${tab}`}`;
    const part = !this.loaded.has(this.tab)
      ? html`<p class="a-loading" role="status">${this.failed ? t.failed : t.loading}</p>`
      : this.tab === 'monitor'
        ? html`<rondo-fieldwork-monitor .slug=${slug}></rondo-fieldwork-monitor>`
        : this.tab === 'rounds'
          ? html`<rondo-fieldwork-rounds .slug=${slug}></rondo-fieldwork-rounds>`
          : html`<rondo-fieldwork-templates .slug=${slug}></rondo-fieldwork-templates>`;
    return html`<h1>${this.researcher ? t.title : t.titleTrainer}</h1>
      <p class="a-lead">${this.researcher ? t.lead : t.leadTrainer}</p>
      ${
        this.researcher
          ? html`<nav class="fw-tabs" aria-label=${t.tabs}>
            ${TABS.map((tab) => html`<a href=${href(tab)} aria-current=${this.tab === tab ? 'page' : nothing}>${t[tab]}</a>`)}
          </nav>`
          : nothing
      }
      ${part}`;
  }
}
customElements.define('rondo-fieldwork-view', RondoFieldworkView);
