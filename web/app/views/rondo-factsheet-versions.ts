import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { LightElement } from '../../light-element.js';
import { PreviewFrames, previewToolbar, useFactsheetCss, type Zoom } from './factsheet-preview.js';
import { del, get, errorText, post } from '../api.js';
import { dateTime, fill, m, onLangChange, type Lang } from '../i18n.js';
import type { FactsheetVersion } from '../../../model/api/factsheet.js';
import type { CreatedShare, FactsheetShare } from '../../../model/api/factsheet-share.js';

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
    word: 'Word',
    shares: 'Openbare links',
    sharesLead:
      'Een openbare link toont deze versie zonder inloggen, bijvoorbeeld aan gemeenten en {partners}. ' +
      'Zoekmachines nemen hem niet op. U kunt de link altijd intrekken.',
    shareLang: 'Taal',
    shareDays: 'Geldig',
    days: { 7: '1 week', 30: '1 maand', 90: '3 maanden', 365: '1 jaar' } as Record<number, string>,
    makeShare: 'Openbare link maken',
    newShare: 'Nieuwe link (alleen nu zichtbaar; kopieer hem):',
    shareState: { active: 'actief', expired: 'verlopen', revoked: 'ingetrokken' },
    shareLine: '{lang}, gemaakt {created}, geldig tot {expires} — {state}, {count}× geopend',
    revoke: 'Intrekken',
    confirmRevoke: 'Deze openbare link intrekken? Wie hem heeft, ziet de factsheet dan niet meer.',
    noShares: 'Nog geen openbare links.',
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
    word: 'Word',
    shares: 'Public links',
    sharesLead:
      'A public link shows this version without logging in, for example to municipalities and {partners}. ' +
      'Search engines do not index it. You can revoke it at any time.',
    shareLang: 'Language',
    shareDays: 'Valid for',
    days: { 7: '1 week', 30: '1 month', 90: '3 months', 365: '1 year' } as Record<number, string>,
    makeShare: 'Make a public link',
    newShare: 'New link (shown only now; copy it):',
    shareState: { active: 'active', expired: 'expired', revoked: 'revoked' },
    shareLine: '{lang}, made {created}, valid until {expires} — {state}, opened {count}×',
    revoke: 'Revoke',
    confirmRevoke: 'Revoke this public link? Whoever has it will no longer see the factsheet.',
    noShares: 'No public links yet.',
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
    shares: { type: Boolean },
    refresh: { type: Number },
    links: { state: true },
    created: { state: true },
    zoom: { state: true },
    page: { state: true },
    pages: { state: true },
    versions: { state: true },
    error: { state: true },
  };
  slug = '';
  preview = false;
  /** Researchers: make, list and revoke public links per version. */
  shares = false;
  refresh = 0;
  links: Record<number, FactsheetShare[]> = {};
  created: { version: number; url: string } | null = null;
  zoom: Zoom = 'fit';
  page = 1;
  pages = 0;
  versions: FactsheetVersion[] | null = null;
  error = '';
  private off?: () => void;
  private frames: PreviewFrames | null = null;
  private framed: Element | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.off = onLangChange(this);
    useFactsheetCss();
  }
  protected override updated(): void {
    // The newest version on A4 pages, in iframes that live outside Lit's template.
    const wrap = this.querySelector<HTMLElement>('.f-frame-wrap');
    const latest = this.versions?.[0];
    if (wrap !== this.framed) {
      this.frames?.disconnect();
      this.frames = wrap && latest ? new PreviewFrames(wrap, this.previewTitle(latest), (r) => (this.pages = r.pages)) : null;
      this.frames?.setZoom(this.zoom);
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
    const t = withWords(this.slug, m(MESSAGES));
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
      if (this.shares) for (const v of this.versions) await this.loadLinks(v.version);
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private async loadLinks(version: number): Promise<void> {
    const { shares } = await get<{ shares: FactsheetShare[] }>(`${this.base}/${version}/shares`);
    this.links = { ...this.links, [version]: shares };
  }

  private async makeShare(e: SubmitEvent, version: number): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLSelectElement).value;
    try {
      const made = await post<CreatedShare>(`${this.base}/${version}/shares`, { lang: value('lang'), days: Number(value('days')) });
      this.created = { version, url: made.url };
      this.error = '';
      await this.loadLinks(version);
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private async revoke(share: FactsheetShare): Promise<void> {
    if (!confirm(withWords(this.slug, m(MESSAGES)).confirmRevoke)) return;
    try {
      await del(`${this.base}/shares/${share.id}`);
      await this.loadLinks(share.version);
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private sharePanel(v: FactsheetVersion) {
    const t = withWords(this.slug, m(MESSAGES));
    const links = this.links[v.version] ?? [];
    const id = `fv-${v.version}`;
    return html`<details class="f-shares">
      <summary>${t.shares} (${links.filter((l) => l.state === 'active').length})</summary>
      <p class="a-small">${t.sharesLead}</p>
      <form class="a-row" @submit=${(e: SubmitEvent) => this.makeShare(e, v.version)}>
        <div class="a-field"><label for="${id}-lang">${t.shareLang}</label>
          <select id="${id}-lang" name="lang">${v.languages.map((l) => html`<option value=${l}>${t.langs[l]}</option>`)}</select></div>
        <div class="a-field"><label for="${id}-days">${t.shareDays}</label>
          <select id="${id}-days" name="days">
            ${[7, 30, 90, 365].map((d) => html`<option value=${d} ?selected=${d === 90}>${t.days[d]}</option>`)}
          </select></div>
        <button type="submit">${t.makeShare}</button>
      </form>
      ${
        this.created?.version === v.version
          ? html`<p class="a-alert a-alert--ok" role="status">${t.newShare} <code class="f-share-url">${this.created.url}</code></p>`
          : nothing
      }
      ${
        links.length
          ? html`<ul class="f-links">${links.map(
              (l) => html`<li>${fill(t.shareLine, {
                lang: t.langs[l.lang],
                created: dateTime(l.createdAt),
                expires: dateTime(l.expiresAt),
                state: t.shareState[l.state],
                count: l.accessCount,
              })}
              ${
                l.state === 'active'
                  ? html`<button type="button" class="a-small" @click=${() => this.revoke(l)}>${t.revoke}</button>`
                  : nothing
              }</li>`,
            )}</ul>`
          : html`<p class="a-small a-muted">${t.noShares}</p>`
      }
    </details>`;
  }

  override render() {
    const t = withWords(this.slug, m(MESSAGES));
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
            <a href="${base}/${v.version}?lang=${l}&download=1">${t.download}</a> ·
            <a href="${base}/${v.version}?lang=${l}&format=docx">${t.word}</a></li>`,
          )}</ul>
          ${this.shares ? this.sharePanel(v) : nothing}
        </li>`,
        )}
      </ul>`
      }
      ${
        this.preview && latest
          ? html`${previewToolbar({
              zoom: this.zoom,
              page: this.page,
              pages: this.pages,
              onZoom: (z) => {
                this.zoom = z;
                this.frames?.setZoom(z);
              },
              onPage: (n) => {
                this.page = n;
                this.frames?.showPage(n);
              },
            })}
            <div class="f-frame-wrap f-paged" tabindex="0" role="region" aria-label=${this.previewTitle(latest)}></div>`
          : nothing
      }`;
  }
}
customElements.define('rondo-factsheet-versions', RondoFactsheetVersions);
