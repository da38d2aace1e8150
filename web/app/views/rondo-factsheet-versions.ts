import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { PreviewFrames } from './factsheet-preview.js';
import { get, errorText } from '../api.js';
import { dateTime, fill, m, onLangChange, type Lang } from '../i18n.js';
import type { FactsheetVersion } from '../../../model/api/factsheet.js';

const MESSAGES = {
  nl: {
    title: 'Gepubliceerde versies',
    none: 'Er is nog geen factsheet gepubliceerd.',
    version: 'Versie {n}',
    published: 'gepubliceerd op {date}',
    html: 'Bekijken',
    pdf: 'PDF',
    download: 'HTML downloaden',
    langs: { nl: 'Nederlands', en: 'Engels' },
    latest: 'nieuwste',
    previewOf: 'Factsheet versie {n} ({lang})',
    note: 'Notitie',
  },
  en: {
    title: 'Published versions',
    none: 'No factsheet has been published yet.',
    version: 'Version {n}',
    published: 'published on {date}',
    html: 'View',
    pdf: 'PDF',
    download: 'Download HTML',
    langs: { nl: 'Dutch', en: 'English' },
    latest: 'latest',
    previewOf: 'Factsheet version {n} ({lang})',
    note: 'Note',
  },
};

/**
 * <rondo-factsheet-versions>: the published versions of a study's factsheet, newest first, each in its
 * languages as HTML (opens offline, prints on A4) and PDF. With `preview` the newest version is
 * shown below the list, on A4 pages as printed (factsheet-preview.ts). Properties: `slug`, `preview` (boolean). Re-fetches when `refresh`
 * changes. Fires no events.
 */
export class RondoFactsheetVersions extends LightElement {
  static override properties = {
    slug: {},
    preview: { type: Boolean },
    refresh: { type: Number },
    versions: { state: true },
    error: { state: true },
  };
  slug = '';
  preview = false;
  refresh = 0;
  versions: FactsheetVersion[] | null = null;
  error = '';
  private off?: () => void;
  private frames: PreviewFrames | null = null;
  private framed: Element | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.off = onLangChange(this);
  }
  protected override updated(): void {
    // The newest version on A4 pages, in iframes that live outside Lit's template.
    const wrap = this.querySelector<HTMLElement>('.f-frame-wrap');
    const latest = this.versions?.[0];
    if (wrap !== this.framed) {
      this.frames?.disconnect();
      this.frames = wrap && latest ? new PreviewFrames(wrap, this.previewTitle(latest), () => {}) : null;
      this.framed = wrap;
    }
    if (this.frames && latest) this.frames.show(`${this.base}/${latest.version}?lang=${this.previewLang(latest)}&mode=preview`);
  }
  private get base(): string {
    return `/api/studies/${encodeURIComponent(this.slug)}/factsheets`;
  }
  private previewLang(v: FactsheetVersion): Lang {
    const lang = document.documentElement.lang as Lang;
    return v.languages.includes(lang) ? lang : v.languages[0];
  }
  private previewTitle(v: FactsheetVersion): string {
    const t = m(MESSAGES);
    return fill(t.previewOf, { n: v.version, lang: t.langs[this.previewLang(v)] });
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
    this.frames?.disconnect();
    this.frames = null;
    this.framed = null;
  }
  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('slug') || changed.has('refresh')) void this.load();
  }
  private async load(): Promise<void> {
    if (!this.slug) return;
    try {
      this.versions = (await get<{ versions: FactsheetVersion[] }>(`/api/studies/${encodeURIComponent(this.slug)}/factsheets`)).versions;
      this.error = '';
    } catch (err) {
      this.error = errorText(err);
    }
  }

  override render() {
    const t = m(MESSAGES);
    const base = this.base;
    if (this.error) return html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>`;
    if (!this.versions) return html`<p class="a-loading">…</p>`;
    const latest = this.versions[0];
    return html`<h2>${t.title}</h2>
      ${
        this.versions.length === 0
          ? html`<p class="a-muted">${t.none}</p>`
          : html`<ul class="f-versions">
        ${this.versions.map(
          (v, i) => html`<li>
          <strong>${fill(t.version, { n: v.version })}</strong>${i === 0 ? html` <span class="a-badge">${t.latest}</span>` : nothing}
          <span class="a-muted">— ${fill(t.published, { date: dateTime(v.publishedAt) })}</span>
          ${v.note ? html`<br><span class="a-small">${t.note}: ${v.note}</span>` : nothing}
          <ul class="f-links">${v.languages.map(
            (l) => html`<li>${t.langs[l]}:
            <a href="${base}/${v.version}?lang=${l}" target="_blank" rel="noopener">${t.html}</a> ·
            <a href="${base}/${v.version}?lang=${l}&format=pdf" target="_blank" rel="noopener">${t.pdf}</a> ·
            <a href="${base}/${v.version}?lang=${l}&download=1">${t.download}</a></li>`,
          )}</ul>
        </li>`,
        )}
      </ul>`
      }
      ${this.preview && latest ? html`<div class="f-frame-wrap f-paged" tabindex="0" role="region" aria-label=${this.previewTitle(latest)}></div>` : nothing}`;
  }
}
customElements.define('rondo-factsheet-versions', RondoFactsheetVersions);
