import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { type ApiFailure, post, errorText, fileAsBase64 } from '../api.js';
import { fill, m, num, tx } from '../i18n.js';
import type { InstrumentNote, InstrumentReport, InstrumentSource } from '../../../model/api/instrument.js';

/**
 * The report table on a phone: each question a block, each cell under its column's name (from
 * `data-label`), so the page never scrolls sideways. The table keeps its roles (explicit, as a
 * table shown as blocks loses them in some browsers). A constructed stylesheet, as the CSP has
 * no inline styles (fieldwork-styles.ts does the same).
 */
const STACKED_CSS = `
@media (max-width: 40rem) {
  .k-ins-wrap { overflow-x: visible; }
  .k-ins-table, .k-ins-table tbody, .k-ins-table tr, .k-ins-table td { display: block; width: 100%; box-sizing: border-box; }
  .k-ins-table caption { display: block; text-align: left; padding: 0.55rem 0.75rem; }
  .k-ins-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .k-ins-table tr { border-bottom: 1px solid var(--line); padding: 0.4rem 0; }
  .k-ins-table tbody tr:last-child { border-bottom: 0; }
  .k-ins-table td { border-bottom: 0; padding: 0.2rem 0.75rem; overflow-wrap: break-word; }
  .k-ins-table td:empty { display: none; }
  .k-ins-table td::before { content: attr(data-label); display: block; font-weight: 700; font-size: 0.85rem; color: var(--muted); }
}
`;
let adopted = false;
function adoptStackedTable(): void {
  if (adopted || typeof document === 'undefined' || !('adoptedStyleSheets' in document)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STACKED_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  adopted = true;
}

/** Largest instrument file the server takes (model/api/instrument.ts); checked here first. */
const MAX_BYTES = 5 * 1024 * 1024;

/** What each note means, in the interface language; the server's own sentence follows as detail. */
const NOTE_TEXT: Record<string, { nl: string; en: string }> = {
  TOO_LARGE: { nl: 'Het bestand is te groot.', en: 'The file is too large.' },
  NOT_XML: { nl: 'Het bestand is geen geldige XML.', en: 'The file is not valid XML.' },
  DOCTYPE: { nl: 'Het bestand declareert entiteiten; die leest rondo niet.', en: 'The file declares entities; rondo does not read them.' },
  NOT_LIMESURVEY: { nl: 'Dit is geen LimeSurvey-vragenlijst (.lss).', en: 'This is not a LimeSurvey survey (.lss).' },
  NOT_CSV: { nl: 'Dit is geen CSV-bestand.', en: 'This is not a CSV file.' },
  MISSING_COLUMNS: { nl: 'Dit is geen REDCap-datadictionary.', en: 'This is not a REDCap data dictionary.' },
  NO_QUESTIONS: { nl: 'Er staat geen vraag in die rondo kan overnemen.', en: 'There is no question rondo can import.' },
  ONE_LANGUAGE: {
    nl: 'Het bestand heeft één taal; die tekst geldt voor elke taal.',
    en: 'The file has one language; its text is used for each.',
  },
  MEASURE_GUESSED: { nl: 'Controleer in de vragenlijst wat elke vraag meet.', en: 'Check in the questionnaire what each item measures.' },
  UNSUPPORTED_TYPE: { nl: 'Dit vraagtype heeft rondo niet: niet overgenomen.', en: 'rondo has no such question type: not imported.' },
  CONDITION: {
    nl: 'Voorwaarde niet overgenomen: de vraag wordt altijd gesteld.',
    en: 'Condition not imported: the question is always asked.',
  },
  PIPING: { nl: 'Verwijzing naar een ander antwoord blijft als tekst staan.', en: 'A reference to another answer stays as text.' },
  VALIDATION: { nl: 'Controle op het antwoord niet (geheel) overgenomen.', en: 'Answer validation not (fully) imported.' },
  CALCULATION: { nl: 'Berekend veld: niet overgenomen.', en: 'Calculated field: not imported.' },
  OTHER_OPTION: {
    nl: 'De optie "anders" met tekstveld is niet overgenomen.',
    en: 'The "other" option with its text field is not imported.',
  },
  COMMENT: { nl: 'Het opmerkingenveld is niet overgenomen.', en: 'The comment field is not imported.' },
  HTML_KEPT_AS_TEXT: { nl: 'HTML in de tekst blijft gewone tekst; pas hem aan.', en: 'HTML in the text stays plain text; edit it.' },
  LABEL_COPIED: {
    nl: 'Tekst ontbrak in een taal en is overgenomen uit de andere.',
    en: 'A language lacked the text; the other one is used.',
  },
  CODES_RENUMBERED: { nl: 'Antwoordcodes zijn genummerd.', en: 'Answer codes were numbered.' },
  ID_RENAMED: { nl: 'De variabelenaam is aangepast.', en: 'The variable name was adjusted.' },
  INFO_AS_INTRO: {
    nl: 'Tekst zonder vraag staat nu in de inleiding van het onderdeel.',
    en: 'Text without a question is now in the section intro.',
  },
  DEFAULT_BOUNDS: { nl: 'Geen grenzen in het bestand: stel ze in.', en: 'No bounds in the file: set them.' },
  TOO_MANY_OPTIONS: {
    nl: 'Te veel of te weinig antwoordmogelijkheden: niet overgenomen.',
    en: 'Too many or too few options: not imported.',
  },
  ACTION_TAGS: { nl: 'Actietags zijn niet overgenomen.', en: 'Action tags are not imported.' },
  ARRAY_SPLIT: { nl: 'De matrix is opgesplitst in één vraag per rij.', en: 'The array became one item per row.' },
  MATRIX_GROUP: {
    nl: 'Deel van een REDCap-matrix: elke rij wordt een eigen vraag.',
    en: 'Part of a REDCap matrix: each row becomes a question of its own.',
  },
};

const MESSAGES = {
  nl: {
    title: 'Vragenlijst overnemen uit LimeSurvey of REDCap',
    intro:
      'Kies een LimeSurvey-vragenlijst (.lss) of een REDCap-datadictionary (.csv). rondo laat eerst zien wat er van elke vraag wordt ' +
      'en wat niet mee kan; pas daarna vervangt u de vragenlijst van dit onderzoek.',
    source: 'Bron',
    sources: { limesurvey: 'LimeSurvey (.lss)', redcap: 'REDCap-datadictionary (.csv)' },
    file: 'Bestand',
    tooBig: 'Het bestand is groter dan 5 MB.',
    reading: 'Bestand lezen…',
    counts: '{questions} vragen → {items} vragen in rondo, {not} niet overgenomen, {warnings} opmerkingen.',
    report: 'Verslag',
    notes: 'Over het bestand',
    questions: 'Per vraag',
    question: 'Vraag',
    type: 'Type',
    became: 'Wordt',
    remarks: 'Opmerkingen',
    intro2: 'inleiding van het onderdeel',
    none: 'niet overgenomen',
    issues: 'De vragenlijst past niet bij dit onderzoek:',
    apply: 'Vragenlijst vervangen',
    applying: 'Bezig…',
    newVersion: 'Er zijn al antwoorden: dit wordt versie {v} van de vragenlijst.',
    done: 'De vragenlijst is vervangen (versie {v}).',
    toBuilder: 'Naar de vragenlijst',
    nothing: 'Er is niets opgeslagen.',
  },
  en: {
    title: 'Take over a questionnaire from LimeSurvey or REDCap',
    intro:
      'Choose a LimeSurvey survey (.lss) or a REDCap data dictionary (.csv). rondo first shows what becomes of each question and what ' +
      'cannot come along; only then do you replace the questionnaire of this study.',
    source: 'Source',
    sources: { limesurvey: 'LimeSurvey (.lss)', redcap: 'REDCap data dictionary (.csv)' },
    file: 'File',
    tooBig: 'The file is larger than 5 MB.',
    reading: 'Reading the file…',
    counts: '{questions} questions → {items} rondo items, {not} not imported, {warnings} remarks.',
    report: 'Report',
    notes: 'About the file',
    questions: 'Per question',
    question: 'Question',
    type: 'Type',
    became: 'Becomes',
    remarks: 'Remarks',
    intro2: 'section introduction',
    none: 'not imported',
    issues: 'The questionnaire does not fit this study:',
    apply: 'Replace the questionnaire',
    applying: 'Working…',
    newVersion: 'There are answers already: this becomes version {v} of the questionnaire.',
    done: 'The questionnaire was replaced (version {v}).',
    toBuilder: 'To the questionnaire',
    nothing: 'Nothing was saved.',
  },
};

/**
 * <rondo-instrument-import-view>: a LimeSurvey or REDCap instrument as the study's questionnaire —
 * choose the file, read the report (what each question becomes, every feature that is lost),
 * then replace. Everything from the file is shown as text. Properties: `params` (the route's `slug`).
 */
export class RondoInstrumentImportView extends StaffView {
  static override properties = {
    source: { state: true },
    report: { state: true },
    busy: { state: true },
    error: { state: true },
  };
  params: Record<string, string> = {};
  source: InstrumentSource = 'limesurvey';
  report: InstrumentReport | null = null;
  busy = false;
  error = '';
  private data = '';
  private fileName = '';

  private async send(apply: boolean): Promise<void> {
    this.busy = true;
    try {
      this.report = await post<InstrumentReport>(`/api/studies/${encodeURIComponent(this.params.slug)}/questionnaire/import-instrument`, {
        source: this.source,
        data: this.data,
        fileName: this.fileName,
        apply,
      });
      this.error = this.report.ok ? '' : m(MESSAGES).nothing;
    } catch (err) {
      this.error = errorText(err as ApiFailure);
    }
    this.busy = false;
  }

  private async choose(file: File | undefined): Promise<void> {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      this.error = m(MESSAGES).tooBig;
      return;
    }
    this.fileName = file.name.slice(0, 255);
    this.data = await fileAsBase64(file);
    await this.send(false);
  }

  private note(n: InstrumentNote) {
    return html`<li>${NOTE_TEXT[n.code] ? m(NOTE_TEXT[n.code]) : n.code}<br>
      <span class="a-muted a-small"><code>${n.code}</code> ${n.message}</span></li>`;
  }

  private renderReport(r: InstrumentReport) {
    const t = m(MESSAGES);
    const c = r.counts;
    const newVersion = fill(t.newVersion, { v: r.version ?? '' });
    const became = (q: InstrumentReport['questions'][number]) =>
      q.items.length ? q.items.map((i) => `${i.id} (${i.type})`).join(', ') : q.intro ? t.intro2 : html`<strong>${t.none}</strong>`;
    return html`<section aria-labelledby="ins-report" aria-live="polite"><h2 id="ins-report" class="a-sr">${t.report}</h2>
      <p>${fill(t.counts, { questions: num(c.questions), items: num(c.items), not: num(c.notImported), warnings: num(c.warnings) })}</p>
      ${
        r.notes.length
          ? html`<section class="a-card k-problems" aria-labelledby="ins-notes"><h3 id="ins-notes">${t.notes}</h3>
            <div class="k-scroll" tabindex="0" role="region" aria-labelledby="ins-notes"><ul>${r.notes.map((n) => this.note(n))}</ul></div>
            </section>`
          : nothing
      }
      ${
        r.issues.length
          ? html`<div class="a-alert a-alert--error"><p>${t.issues}</p>
              <ul>${r.issues.map((i) => html`<li>${i.text ? tx(i.text) : i.message}</li>`)}</ul></div>`
          : nothing
      }
      ${
        r.questions.length
          ? html`<div class="a-table-wrap k-ins-wrap" tabindex="0" role="region" aria-labelledby="ins-questions">
            <table class="a-table k-ins-table" role="table">
            <caption id="ins-questions">${t.questions}</caption>
            <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">${t.question}</th>
              <th scope="col" role="columnheader">${t.type}</th><th scope="col" role="columnheader">${t.became}</th>
              <th scope="col" role="columnheader">${t.remarks}</th></tr></thead>
            <tbody role="rowgroup">${r.questions.map(
              (q) => html`<tr role="row"><td role="cell" data-label=${t.question}>${q.source}</td>
                <td role="cell" data-label=${t.type}>${q.sourceType}</td>
                <td role="cell" data-label=${t.became}>${became(q)}</td>
                <td role="cell" data-label=${t.remarks}>${
                  q.notes.length ? html`<ul class="k-maps">${q.notes.map((n) => this.note(n))}</ul>` : nothing
                }</td></tr>`,
            )}</tbody></table></div>`
          : nothing
      }
      ${
        r.applied
          ? html`<div class="a-alert a-alert--ok" role="status"><p>${fill(t.done, { v: r.version ?? '' })}</p>
            <a class="button" href="/app/s/${this.params.slug}/questionnaire">${t.toBuilder}</a></div>`
          : r.ok
            ? html`${r.outcome === 'new-version' ? html`<p class="a-alert a-alert--info">${newVersion}</p>` : nothing}
              <button type="button" class="a-primary" ?disabled=${this.busy} @click=${() => this.send(true)}>
                ${this.busy ? t.applying : t.apply}</button>`
            : nothing
      }</section>`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptStackedTable();
  }

  override render() {
    const t = m(MESSAGES);
    return html`<h1>${t.title}</h1>
      <p class="a-lead">${t.intro}</p>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      <div class="a-card">
        <fieldset class="k-invite"><legend>${t.source}</legend>
          ${(['limesurvey', 'redcap'] as const).map(
            (s) => html`<label class="a-check"><input type="radio" name="ins-source" .checked=${this.source === s}
              @change=${() => ((this.source = s), (this.report = null))}> ${t.sources[s]}</label>`,
          )}
        </fieldset>
        <div class="a-field"><label for="ins-file">${t.file}</label>
          <input id="ins-file" type="file" accept=${this.source === 'limesurvey' ? '.lss,.xml' : '.csv,text/csv'} ?disabled=${this.busy}
            @change=${(e: Event) => this.choose((e.target as HTMLInputElement).files?.[0])}></div>
        ${this.busy ? html`<p class="a-muted">${t.reading}</p>` : nothing}
      </div>
      ${this.report ? this.renderReport(this.report) : nothing}`;
  }
}
customElements.define('rondo-instrument-import-view', RondoInstrumentImportView);
