import { html, nothing, type TemplateResult } from 'lit';
import { LightElement } from '../light-element.js';
import { ApiFailure, ERROR_TEXT } from '../app/api.js';
import { lang, m, onLangChange } from '../app/i18n.js';
import { fmt, type Fmt } from './format.js';
import { filtersFromSearch, loadDash, searchOf, type DashData, type DashFilters } from './data.js';
import { dashStyles } from './styles.js';
import './rondo-dash-filters.js';
import './rondo-dash-split.js';

await dashStyles();

const MESSAGES = {
  nl: {
    loading: 'Resultaten laden…',
    failed: 'De resultaten konden niet worden geladen.',
    demo: 'Demo-onderzoek met synthetische gegevens',
    full: 'Onderzoeker: alle cijfers, kleine aantallen gemarkeerd',
    aggregate: 'Geaggregeerd: kleine aantallen verborgen',
  },
  en: {
    loading: 'Loading results…',
    failed: 'The results could not be loaded.',
    demo: 'Demo study with synthetic data',
    full: 'Researcher: every number, small numbers flagged',
    aggregate: 'Aggregated: small numbers hidden',
  },
};

/**
 * The shared frame of the dashboard's views (not an element itself): the filters from the
 * address, loading the analysis, the heading and the filter bar, and re-rendering on language
 * and address changes. A view extends it and implements `heading()` and `body()`.
 */
export abstract class DashView extends LightElement {
  static override properties = { params: { attribute: false }, data: { state: true }, error: { state: true } };

  params: Record<string, string> = {};
  data: DashData | null = null;
  error: string | null = null;
  protected filters: DashFilters = filtersFromSearch(location.search);
  private loadedFor = '';
  private offLang?: () => void;
  private readonly onRoute = () => {
    if (!this.isConnected || !location.pathname.startsWith(this.basePath())) return;
    void this.load();
  };

  /** The view's title and lead. */
  protected abstract heading(): { title: string; lead: string };
  protected abstract body(data: DashData, f: Fmt): TemplateResult | typeof nothing;
  /** Views without filters (open answers) return false. */
  protected withFilters(): boolean {
    return true;
  }

  protected basePath(): string {
    return location.pathname;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.offLang = onLangChange(this);
    window.addEventListener('rondo-route', this.onRoute);
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.offLang?.();
    window.removeEventListener('rondo-route', this.onRoute);
  }

  protected async load(): Promise<void> {
    const key = `${this.params.slug}${location.search}`;
    if (key === this.loadedFor && (this.data || this.error)) return;
    this.loadedFor = key;
    this.filters = filtersFromSearch(location.search);
    try {
      const data = await loadDash(this.params.slug, this.filters);
      if (this.loadedFor !== key) return;
      this.data = data;
      this.error = null;
    } catch (err) {
      if (this.loadedFor !== key) return;
      const code = err instanceof ApiFailure ? err.code : 'INTERNAL';
      this.error = m(ERROR_TEXT[code] ?? ERROR_TEXT.INTERNAL);
    }
  }

  // A filter change adds a history entry but does not go through the router, which would move
  // the focus to the heading; the back button does (popstate → rondo-route → load).
  private changeFilters(next: DashFilters): void {
    history.pushState(null, '', `${location.pathname}${searchOf(next)}`);
    void this.load();
  }

  /** attrs: the attribute the results are split by, with its labels (from the filter options). */
  private splitAttribute(d: DashData) {
    return d.summary.filters.attributes?.find((a) => a.key === d.summary.split?.key) ?? null;
  }

  /** A link to another dashboard view that keeps the current filters. */
  protected link(path: string): string {
    return `/app/s/${encodeURIComponent(this.params.slug)}${path}${searchOf(this.filters)}`;
  }

  override render() {
    const t = m(MESSAGES);
    const h = this.heading();
    const d = this.data;
    return html`<div class="d-head"><h1>${h.title}</h1>${d ? html`<span class="a-badge ${d.analysis.audience === 'full' ? '' : 'a-badge--muted'}">${d.analysis.audience === 'full' ? t.full : t.aggregate}</span>` : nothing}</div>
      <p class="a-lead">${h.lead}</p>
      ${
        this.withFilters() && d
          ? html`<rondo-dash-filters .options=${d.summary.filters} .value=${this.filters} audience=${d.analysis.audience} @rondo-filters-change=${(e: CustomEvent<DashFilters>) => this.changeFilters(e.detail)}></rondo-dash-filters>`
          : nothing
      }
      ${
        this.withFilters() && d?.summary.split
          ? html`<rondo-dash-split .split=${d.summary.split} .attribute=${this.splitAttribute(d)}
              .rounds=${d.analysis.rounds}></rondo-dash-split>`
          : nothing
      }
      ${
        this.error
          ? html`<p class="a-alert a-alert--error" role="alert">${t.failed} ${this.error}</p>`
          : d
            ? this.body(d, fmt(lang()))
            : html`<p class="a-loading" role="status">${t.loading}</p>`
      }`;
  }
}
