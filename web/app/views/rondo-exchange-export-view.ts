import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { get, errorText } from '../api.js';
import { fill, m, num } from '../i18n.js';
import type { ExportsResponse } from '../../../model/api/exchange.js';
import type { QuestionnaireResponse } from '../../../model/api/setup-questionnaire.js';
import { wideNameExample } from './wide-name-example.js';
import { XLSX_FORMATS, type ExportFileType, type ExportFormat as Format } from '../../../model/values.js';

/** The formats in the order the screen offers them: the bundle first. */
const FORMATS = ['bundle', 'wide', 'long', 'round', 'codebook', 'spss', 'sav', 'r'] as const satisfies readonly Format[];
const hasXlsx = (f: Format) => (XLSX_FORMATS as readonly string[]).includes(f);

const MESSAGES = {
  nl: {
    title: 'Gegevens exporteren',
    intro:
      'Download de antwoorden voor verdere analyse in SPSS, R of Excel. Bestanden bevatten alleen pseudoniemen, nooit namen of e-mailadressen.',
    summary: '{responses} ingediende responsen, {variables} variabelen (vragenlijstversie {version}).',
    format: 'Formaat',
    formats: {
      bundle: [
        'Alles in één zip',
        'Alle formaten hieronder, de respons per {roundWord} en een leesmij over pseudonimisering en ontbrekende waarden.',
      ],
      wide: [
        'Breed (CSV)',
        'Eén rij per {participant}; per {roundWord} een eigen kolom: de naam van de vraag met de sleutel van {de round} erachter.',
      ],
      long: ['Lang (CSV)', 'Eén rij per respons × vraag, met status en waarde.'],
      round: ['Per {roundWord} (zip)', 'Eén CSV per {roundWord}, één rij per respons.'],
      codebook: ['Codeboek (zip)', 'Alle variabelen met labels, waarden, ontbrekende-waardecodes en {roundWords}, als CSV en JSON.'],
      spss: ['SPSS (zip)', 'Het brede bestand met een syntaxbestand (.sps) dat labels en ontbrekende waarden toepast.'],
      sav: [
        'SPSS-databestand (.sav)',
        'Het brede bestand om direct in SPSS of PSPP te openen, met labels, waardelabels, ontbrekende waarden en meetniveaus.',
      ],
      r: ['R (zip)', 'Het brede bestand met een R-script dat factoren met labels maakt.'],
    } as Record<Format, [string, string]>,
    options: 'Opties',
    file: 'Bestandstype',
    files: { csv: 'CSV', xlsx: 'Excel-werkmap (.xlsx): waarden, waardelabels en codeboek' },
    xlsx: 'Excel',
    flavour: 'CSV-variant',
    flavours: { nl: 'Nederlandse Excel (puntkomma, decimale komma)', intl: 'Internationaal (komma, decimale punt; R, SPSS, Python)' },
    openText: 'Antwoorden op open vragen meenemen',
    openTextHint: 'Open antwoorden kunnen mensen herkenbaar maken; neem ze alleen mee als u ze nodig heeft.',
    lang: 'Taal van de labels in SPSS en R',
    langs: { nl: 'Nederlands', en: 'Engels' },
    download: 'Downloaden',
    missing: 'Ontbrekende waarden: -99 weet niet, -98 niet van toepassing, -97 niet gevraagd (routing); een lege cel is geen antwoord.',
    contacts: 'Sleutellijst',
    contactsLead:
      'De sleutellijst koppelt pseudoniemen aan namen en e-mailadressen. Download hem alleen als het echt nodig is, bewaar hem apart van de antwoorden en verwijder hem daarna. Elke download wordt vastgelegd in het auditlogboek en het inzagelogboek.',
    contactsLink: 'Sleutellijst downloaden (contacts.csv)',
    loading: 'Laden…',
    wideExample: 'Bijvoorbeeld {example}.',
  },
  en: {
    title: 'Export data',
    intro: 'Download the answers for further analysis in SPSS, R or Excel. Files hold pseudonyms only, never names or e-mail addresses.',
    summary: '{responses} submitted responses, {variables} variables (questionnaire version {version}).',
    format: 'Format',
    formats: {
      bundle: [
        'Everything in one zip',
        'All formats below, the response per {roundWord} and a README on pseudonymisation and missing values.',
      ],
      wide: [
        'Wide (CSV)',
        'One row per {participant}; a column per {roundWord}: the name of the question followed by the key of {de round}.',
      ],
      long: ['Long (CSV)', 'One row per response × question, with status and value.'],
      round: ['Per {roundWord} (zip)', 'One CSV per {roundWord}, one row per response.'],
      codebook: ['Codebook (zip)', 'Every variable with labels, values, missing-value codes and {roundWords}, as CSV and JSON.'],
      spss: ['SPSS (zip)', 'The wide file with a syntax file (.sps) that applies labels and missing values.'],
      sav: [
        'SPSS data file (.sav)',
        'The wide file to open in SPSS or PSPP directly, with labels, value labels, missing values and levels.',
      ],
      r: ['R (zip)', 'The wide file with an R script that makes labelled factors.'],
    } as Record<Format, [string, string]>,
    options: 'Options',
    file: 'File type',
    files: { csv: 'CSV', xlsx: 'Excel workbook (.xlsx): values, value labels and codebook' },
    xlsx: 'Excel',
    flavour: 'CSV flavour',
    flavours: { nl: 'Dutch Excel (semicolon, decimal comma)', intl: 'International (comma, decimal point; R, SPSS, Python)' },
    openText: 'Include answers to open questions',
    openTextHint: 'Open answers can identify people; include them only when you need them.',
    lang: 'Language of the labels in SPSS and R',
    langs: { nl: 'Dutch', en: 'English' },
    download: 'Download',
    missing: 'Missing values: -99 don’t know, -98 not applicable, -97 not asked (routing); an empty cell is no answer.',
    contacts: 'Key list',
    contactsLead:
      'The key list links pseudonyms to names and e-mail addresses. Download it only when really needed, keep it apart from the answers and delete it afterwards. Every download is recorded in the audit log and the access log.',
    contactsLink: 'Download the key list (contacts.csv)',
    loading: 'Loading…',
    wideExample: 'For example {example}.',
  },
};

/**
 * <rondo-exchange-export-view>: the export screen — choose a format and options, download. The
 * download is a plain link to the API (the browser saves the streamed file); the key list is a
 * separate link under its own warning. Properties: `params` (the route's `slug`).
 */
export class RondoExchangeExportView extends StaffView {
  static override properties = {
    info: { state: true },
    error: { state: true },
    format: { state: true },
    flavour: { state: true },
    file: { state: true },
    openText: { state: true },
    labels: { state: true },
    example: { state: true },
  };
  params: Record<string, string> = {};
  info: ExportsResponse | null = null;
  error = '';
  format: Format = 'bundle';
  flavour: 'nl' | 'intl' = 'nl';
  file: ExportFileType = 'csv';
  openText = false;
  labels: 'nl' | 'en' = 'nl';
  /** Column names of this study's wide file ("cijfer_p2025najaar, _p2026voorjaar"), once the questionnaire is read. */
  example: string | null = null;

  private get base() {
    return `/api/studies/${encodeURIComponent(this.params.slug)}/exports`;
  }

  protected override async load(): Promise<void> {
    try {
      this.info = await get<ExportsResponse>(this.base);
    } catch (err) {
      this.error = errorText(err);
    }
    // The example comes from the study's own questions and rounds; without it the screen says it in words only.
    get<QuestionnaireResponse>(`/api/studies/${encodeURIComponent(this.params.slug)}/questionnaire`).then(
      (q) =>
        (this.example = wideNameExample(
          q.definition,
          q.rounds.map((r) => r.key),
        )),
      () => (this.example = null),
    );
  }

  private href(): string {
    const q = new URLSearchParams({ flavour: this.flavour, openText: this.openText ? '1' : '0', lang: this.labels });
    if (this.xlsx) q.set('file', 'xlsx');
    return `${this.base}/${this.format}?${q}`;
  }

  /** Whether the download is an Excel workbook: chosen, and the format has one. */
  private get xlsx(): boolean {
    return this.file === 'xlsx' && hasXlsx(this.format);
  }

  /** The chosen format's name; for a workbook without its "(CSV)" or "(zip)", with "(Excel)". */
  private downloadName(t: { formats: Record<Format, [string, string]>; xlsx: string }): string {
    const name = t.formats[this.format][0];
    return this.xlsx ? `${name.replace(/ \(.*\)$/, '')} (${t.xlsx})` : name;
  }

  override render() {
    const t = withWords(this.params.slug, m(MESSAGES));
    if (this.error) return html`<h1>${t.title}</h1><p class="a-alert a-alert--error" role="alert">${this.error}</p>`;
    if (!this.info) return html`<h1>${t.title}</h1><p class="a-muted" role="status">${t.loading}</p>`;
    const i = this.info;
    return html`<h1>${t.title}</h1>
      <p class="a-lead">${t.intro}</p>
      <p class="a-muted">${fill(t.summary, { responses: num(i.responses), variables: num(i.variables), version: i.questionnaireVersion })}</p>
      <section class="a-card" aria-labelledby="exp-format">
        <fieldset><legend id="exp-format">${t.format}</legend>
          ${FORMATS.map(
            (
              f,
            ) => html`<label class="a-check"><input type="radio" name="exp-format" value=${f} .checked=${this.format === f} @change=${() => (this.format = f)}>
              <strong>${t.formats[f][0]}</strong> <span class="a-muted a-small">${t.formats[f][1]}${
                f === 'wide' && this.example ? html` ${fill(t.wideExample, { example: this.example })}` : nothing
              }</span></label>`,
          )}
        </fieldset>
      </section>
      <section class="a-card" aria-labelledby="exp-options"><h2 id="exp-options">${t.options}</h2>
        ${
          hasXlsx(this.format)
            ? html`<div class="a-field"><label for="exp-file">${t.file}</label>
            <select id="exp-file" @change=${(e: Event) => (this.file = (e.target as HTMLSelectElement).value as ExportFileType)}>
              ${(['csv', 'xlsx'] as const).map((f) => html`<option value=${f} ?selected=${this.file === f}>${t.files[f]}</option>`)}
            </select></div>`
            : nothing
        }
        <div class="a-pair">
          <div class="a-field"><label for="exp-flavour">${t.flavour}</label>
            <select id="exp-flavour" @change=${(e: Event) => (this.flavour = (e.target as HTMLSelectElement).value as 'nl' | 'intl')}>
              ${(['nl', 'intl'] as const).map((f) => html`<option value=${f} ?selected=${this.flavour === f}>${t.flavours[f]}</option>`)}
            </select></div>
          <div class="a-field"><label for="exp-lang">${t.lang}</label>
            <select id="exp-lang" @change=${(e: Event) => (this.labels = (e.target as HTMLSelectElement).value as 'nl' | 'en')}>
              ${(['nl', 'en'] as const).map((l) => html`<option value=${l} ?selected=${this.labels === l}>${t.langs[l]}</option>`)}
            </select></div>
        </div>
        ${
          i.openTextVariables
            ? html`<label class="a-check"><input type="checkbox" aria-describedby="exp-open-hint" .checked=${this.openText} @change=${(e: Event) => (this.openText = (e.target as HTMLInputElement).checked)}> ${t.openText}</label>
              <p class="a-muted a-small" id="exp-open-hint">${t.openTextHint}</p>`
            : nothing
        }
        <p class="a-muted a-small">${t.missing}</p>
        <p><a class="button a-primary" href=${this.href()} download>${t.download}: ${this.downloadName(t)}</a></p>
      </section>
      <section class="a-card" aria-labelledby="exp-contacts"><h2 id="exp-contacts">${t.contacts}</h2>
        <p class="a-small">${t.contactsLead}</p>
        <p><a class="button a-secondary" href="${this.base}/contacts.csv?flavour=${this.flavour}" download>${t.contactsLink}</a></p>
      </section>`;
  }
}
customElements.define('rondo-exchange-export-view', RondoExchangeExportView);
