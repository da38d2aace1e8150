import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { type ApiFailure, del, errorText, failureMessage, fileAsBase64, get, put } from '../api.js';
import { fill, m, onLangChange } from '../i18n.js';
import type { HouseStyleView } from '../../../model/api/factsheet-share.js';

const MAX_LOGO = 1024 * 1024;

/** How the embedded typefaces (server/factsheet/html/fonts.ts) are named in the choice. */
const TYPEFACE_LABELS: Record<string, string> = {
  arimo: 'Arimo',
  'source-sans-3': 'Source Sans 3',
  'source-serif-4': 'Source Serif 4',
};

const MESSAGES = {
  nl: {
    lead:
      'De huisstijl van de factsheets van dit onderzoek: een logo op de voorpagina, twee kleuren en een lettertype. ' +
      'Zonder huisstijl blijft de neutrale opmaak.',
    primary: 'Hoofdkleur (kopjes, voorpagina, kerncijfers)',
    accent: 'Accentkleur (kanttekeningen)',
    typeface: 'Lettertype',
    logo: 'Logo (SVG of PNG, hoogstens 1 MB)',
    current: 'Huidig logo',
    removeLogo: 'Logo weghalen',
    save: 'Huisstijl opslaan',
    reset: 'Terug naar neutraal',
    saved: 'De huisstijl is opgeslagen; het voorbeeld toont hem.',
    wasReset: 'De factsheet heeft weer de neutrale opmaak.',
    neutral: 'Nu: neutrale opmaak.',
    tooLarge: 'Het logo is groter dan 1 MB ({size} MB). Kies een kleiner bestand.',
    wrongType: 'Kies een SVG- of PNG-bestand.',
    contrast: {
      primary: 'De hoofdkleur heeft een contrast van {ratio}:1 met wit; tekst vraagt minstens 4,5:1 (WCAG AA). Kies een donkerdere kleur.',
      accent: 'De accentkleur heeft een contrast van {ratio}:1 met wit; tekst vraagt minstens 4,5:1 (WCAG AA). Kies een donkerdere kleur.',
    },
    format: 'Schrijf een kleur als #rrggbb, bijvoorbeeld #1f4e79.',
    logoProblems: {
      empty: 'Het logobestand is leeg.',
      'too-large': 'Het logo is groter dan 1 MB.',
      'not-png': 'Dit bestand is geen PNG-afbeelding.',
      'not-svg': 'Dit bestand is geen leesbare SVG-afbeelding.',
      'unsafe-svg':
        'Het SVG-logo is geweigerd: het bevat scripts, gebeurtenissen, verwijzingen naar elders of foreignObject. Sla ' +
        'het op als eenvoudige SVG of als PNG.',
    } as Record<string, string>,
  },
  en: {
    lead:
      'The house style of this study’s factsheets: a logo on the cover, two colours and a typeface. Without a house ' +
      'style the neutral layout stays.',
    primary: 'Primary colour (headings, cover, key figures)',
    accent: 'Accent colour (caveats)',
    typeface: 'Typeface',
    logo: 'Logo (SVG or PNG, at most 1 MB)',
    current: 'Current logo',
    removeLogo: 'Remove the logo',
    save: 'Save house style',
    reset: 'Back to neutral',
    saved: 'The house style was saved; the preview shows it.',
    wasReset: 'The factsheet has the neutral layout again.',
    neutral: 'Now: neutral layout.',
    tooLarge: 'The logo is larger than 1 MB ({size} MB). Choose a smaller file.',
    wrongType: 'Choose an SVG or PNG file.',
    contrast: {
      primary: 'The primary colour has a contrast of {ratio}:1 with white; text needs at least 4.5:1 (WCAG AA). Choose a darker colour.',
      accent: 'The accent colour has a contrast of {ratio}:1 with white; text needs at least 4.5:1 (WCAG AA). Choose a darker colour.',
    },
    format: 'Write a colour as #rrggbb, for example #1f4e79.',
    logoProblems: {
      empty: 'The logo file is empty.',
      'too-large': 'The logo is larger than 1 MB.',
      'not-png': 'This file is not a PNG image.',
      'not-svg': 'This file is not a readable SVG image.',
      'unsafe-svg':
        'The SVG logo was refused: it contains scripts, events, references to elsewhere or foreignObject. Save it as a ' +
        'plain SVG or as a PNG.',
    } as Record<string, string>,
  },
};

interface Issue {
  field: string;
  reason?: string;
  ratio?: number;
}

/**
 * <rondo-factsheet-style>: the house-style form of the factsheet composer (logo, two colours,
 * typeface). The server checks everything and stores nothing on a refusal; this form says why
 * in the interface language. Property: `slug`. Fires `factsheet-style-change` (bubbles,
 * composed) after a save or reset, so the composer refreshes its preview.
 */
export class RondoFactsheetStyle extends LightElement {
  static override properties = { slug: {}, house: { state: true }, error: { state: true }, message: { state: true } };
  slug = '';
  house: HouseStyleView | null = null;
  error = '';
  message = '';
  private off?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.off = onLangChange(this);
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
  }
  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('slug') && this.slug) void this.load();
  }
  private get url(): string {
    return `/api/studies/${encodeURIComponent(this.slug)}/factsheet/style`;
  }
  private async load(): Promise<void> {
    try {
      this.house = await get<HouseStyleView>(this.url);
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private explain(err: unknown): string {
    const t = m(MESSAGES);
    const f = err as ApiFailure;
    const issue = (f.details?.issues as Issue[] | undefined)?.[0];
    if (issue?.reason === 'contrast' && (issue.field === 'primary' || issue.field === 'accent'))
      return fill(t.contrast[issue.field], { ratio: (issue.ratio ?? 0).toLocaleString(document.documentElement.lang) });
    if (issue?.reason === 'format') return t.format;
    if (issue?.field === 'logo' && issue.reason) return t.logoProblems[issue.reason] ?? f.message;
    if (f.code === 'BODY_TOO_LARGE') return t.logoProblems['too-large'];
    return failureMessage(f);
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = m(MESSAGES);
    const form = e.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    const file = (form.elements.namedItem('logo') as HTMLInputElement).files?.[0];
    const remove = (form.elements.namedItem('removeLogo') as HTMLInputElement | null)?.checked;
    this.message = '';
    let logo: { type: 'svg' | 'png'; data: string } | null | undefined;
    if (file) {
      // Checked here first, so a 20 MB picture is not sent at all; the server checks again.
      if (file.size > MAX_LOGO) {
        this.error = fill(t.tooLarge, { size: (file.size / 1048576).toFixed(1) });
        return;
      }
      const type = /\.svg$/i.test(file.name) || file.type === 'image/svg+xml' ? 'svg' : /\.png$/i.test(file.name) ? 'png' : null;
      if (!type) {
        this.error = t.wrongType;
        return;
      }
      logo = { type, data: await fileAsBase64(file) };
    } else if (remove) logo = null;
    try {
      this.house = await put<HouseStyleView>(this.url, {
        primary: value('primary'),
        accent: value('accent'),
        typeface: value('typeface'),
        ...(logo === undefined ? {} : { logo }),
      });
      this.error = '';
      this.message = t.saved;
      form.reset();
      this.changed();
    } catch (err) {
      this.error = this.explain(err);
    }
  }

  private async reset(): Promise<void> {
    try {
      this.house = await del<HouseStyleView>(this.url);
      this.error = '';
      this.message = m(MESSAGES).wasReset;
      this.changed();
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private changed(): void {
    this.dispatchEvent(new CustomEvent('factsheet-style-change', { bubbles: true, composed: true }));
  }

  override render() {
    const t = m(MESSAGES);
    const s = this.house;
    if (!s) return this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : html`<p class="a-loading">…</p>`;
    return html`<p class="a-small">${t.lead}</p>
      ${s.custom ? nothing : html`<p class="a-small a-muted">${t.neutral}</p>`}
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="a-alert a-alert--ok" role="status">${this.message}</p>` : nothing}
      <form @submit=${this.save}>
        <div class="f-style-row">
          <div class="a-field">
            <label for="fs-primary">${t.primary}</label><input id="fs-primary" name="primary" type="color" .value=${s.primary}>
          </div>
          <div class="a-field">
            <label for="fs-accent">${t.accent}</label><input id="fs-accent" name="accent" type="color" .value=${s.accent}>
          </div>
          <div class="a-field"><label for="fs-typeface">${t.typeface}</label>
            <select id="fs-typeface" name="typeface">
              ${s.typefaces.map((f) => html`<option value=${f} ?selected=${f === s.typeface}>${TYPEFACE_LABELS[f] ?? f}</option>`)}
            </select></div>
        </div>
        <div class="a-field">
          <label for="fs-logo">${t.logo}</label>
          <input id="fs-logo" name="logo" type="file" accept=".svg,.png,image/svg+xml,image/png">
        </div>
        ${
          s.logo
            ? html`<p class="a-small">${t.current}: <img class="f-logo-preview" src=${s.logo} alt=${t.current}></p>
              <label class="a-check"><input type="checkbox" name="removeLogo"> ${t.removeLogo}</label>`
            : nothing
        }
        <div class="a-row">
          <button type="submit" class="a-primary">${t.save}</button>
          ${s.custom ? html`<button type="button" @click=${this.reset}>${t.reset}</button>` : nothing}
        </div>
      </form>`;
  }
}
customElements.define('rondo-factsheet-style', RondoFactsheetStyle);
