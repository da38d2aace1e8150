import { html, nothing } from 'lit';
import { fillWords, withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { type ApiFailure, del, get, post, put, errorText, fileAsBase64 } from '../api.js';
import { fill, m, num, tx, type LocalText } from '../i18n.js';
import type { ImportMapping, ImportProblem, ImportReport, SavedMappingsResponse, SuggestResponse } from '../../../model/api/exchange.js';
import { IDENTIFY_BY, IMPORT_ENCODINGS, IMPORT_INVITE, IMPORT_SHAPES, type ValueTarget } from '../../../model/values.js';

type Target = ValueTarget;
type Mapping = ImportMapping;
type VariableInfo = NonNullable<SuggestResponse['variables']>[number];
type Suggestion = SuggestResponse;
type Problem = ImportProblem;
type Report = ImportReport;

/** What each problem code means, in the interface language; the server's own line follows as detail. */
const PROBLEM_TEXT: Record<string, { nl: string; en: string }> = {
  EMPTY_FILE: { nl: 'Het bestand is leeg.', en: 'The file is empty.' },
  FILE_TOO_LARGE: { nl: 'Het bestand is te groot.', en: 'The file is too large.' },
  NOT_CSV: { nl: 'Dit is geen CSV-bestand; sla het blad op als CSV.', en: 'This is not a CSV file; save the sheet as CSV.' },
  XLSX: { nl: 'Dit Excel-bestand wordt niet gelezen.', en: 'This Excel file is not read.' },
  XLSX_NOTE: { nl: 'Let op in het Excel-bestand.', en: 'Note on the Excel file.' },
  BINARY: {
    nl: 'Het bestand bevat binaire gegevens; het is geen CSV-tekstbestand.',
    en: 'The file holds binary data; it is not a CSV text file.',
  },
  ENCODING: {
    nl: 'Tekenset: controleer of letters met accenten goed zijn overgekomen.',
    en: 'Character set: check that accented letters look right.',
  },
  PARSE: { nl: 'Het bestand kan niet goed worden gelezen (aanhalingstekens).', en: 'The file cannot be read properly (quotes).' },
  RAGGED_ROW: {
    nl: 'Deze rij heeft een ander aantal cellen dan de kopregel.',
    en: 'This row has a different number of cells than the header.',
  },
  NO_ROWS: { nl: 'Het bestand heeft geen rijen met gegevens.', en: 'The file has no data rows.' },
  DUPLICATE_HEADER: { nl: 'Twee kolommen hebben dezelfde naam.', en: 'Two columns have the same name.' },
  RESERVED_HEADER: {
    nl: 'Deze kolomnaam is niet toegestaan; geef de kolom een andere naam.',
    en: 'This column name is not allowed; rename the column.',
  },
  EMPTY_HEADER: { nl: 'Een kolom met gegevens heeft geen naam.', en: 'A column with data has no name.' },
  TOO_MANY_COLUMNS: {
    nl: 'Het bestand heeft te veel kolommen (hoogstens 2000); laat kolommen weg die geen antwoorden van {deze round} zijn.',
    en: 'The file has too many columns (at most 2,000); leave out columns that are not answers of this {roundWord}.',
  },
  MAPPING_SCHEMA: { nl: 'De koppeling is niet geldig.', en: 'The mapping is not valid.' },
  UNKNOWN_ROUND: { nl: '{Deze round} bestaat niet in het onderzoek.', en: 'The study has no such {roundWord}.' },
  ROUND_MISMATCH: { nl: 'De koppeling hoort niet bij {deze round}.', en: 'The mapping is for another {roundWord}.' },
  UNKNOWN_COLUMN: {
    nl: 'De koppeling noemt een kolom die niet in het bestand staat.',
    en: 'The mapping names a column that is not in the file.',
  },
  UNKNOWN_VARIABLE: { nl: 'Deze vraag bestaat niet in de vragenlijst.', en: 'The questionnaire has no such question.' },
  VARIABLE_NOT_IN_ROUND: { nl: 'Deze vraag wordt in {deze round} niet gesteld.', en: 'This question is not asked in this {roundWord}.' },
  DUPLICATE_MAPPING: { nl: 'Twee kolommen zijn aan dezelfde vraag gekoppeld.', en: 'Two columns are mapped to the same question.' },
  UNMAPPED_COLUMN: { nl: 'Deze kolom wordt niet geïmporteerd.', en: 'This column is not imported.' },
  NO_MAPPED_COLUMNS: { nl: 'Er is geen kolom aan een vraag gekoppeld.', en: 'No column is mapped to a question.' },
  UNKNOWN_VALUE: {
    nl: 'Deze waarde is geen antwoord op de vraag; koppel haar hieronder.',
    en: 'This value is not an answer to the question; map it below.',
  },
  OUT_OF_RANGE: { nl: 'Deze waarde valt buiten de antwoordschaal.', en: 'This value is outside the answer scale.' },
  NOT_INTEGER: { nl: 'Hier hoort een geheel getal.', en: 'This needs a whole number.' },
  MISSING_NOT_ALLOWED: {
    nl: 'De vraag heeft deze antwoordmogelijkheid niet (weet niet / n.v.t.).',
    en: 'The question does not offer this answer (don’t know / n.a.).',
  },
  TEXT_TOO_LONG: { nl: 'Het antwoord is langer dan toegestaan.', en: 'The answer is longer than allowed.' },
  FORMULA_TEXT: {
    nl: 'Het antwoord begint als een spreadsheetformule; het wordt als tekst bewaard.',
    en: 'The answer starts like a spreadsheet formula; it is stored as text.',
  },
  BAD_DATE: { nl: 'Dit is geen datum en tijd.', en: 'This is not a date and time.' },
  MISSING_PARTICIPANT: { nl: 'De rij heeft geen sleutel of e-mailadres.', en: 'The row has no key or e-mail address.' },
  BAD_PARTICIPANT_KEY: { nl: 'Dit is geen geldige deelnemerssleutel.', en: 'This is not a valid {participant} key.' },
  BAD_EMAIL: { nl: 'Dit is geen e-mailadres.', en: 'This is not an e-mail address.' },
  UNKNOWN_PARTICIPANT: {
    nl: '{Deze participant} staat niet in het onderzoek (vink "Onbekende {participants} toevoegen" aan).',
    en: 'This {participant} is not in the study (tick "Add unknown {participants}" to add them).',
  },
  DUPLICATE_RESPONDENT: {
    nl: '{Deze participant} heeft al een respons in {deze round}.',
    en: 'This {participant} already has a response in this {roundWord}.',
  },
  PARTICIPANT_LEFT: {
    nl: '{Deze participant} was vóór {deze round} uit het onderzoek gegaan.',
    en: 'This {participant} had left the study before this {roundWord}.',
  },
  DUPLICATE_FILE: {
    nl: 'Dit bestand is al eens in {deze round} geïmporteerd.',
    en: 'This file was already imported into this {roundWord}.',
  },
  EMPTY_ROWS: {
    nl: 'Rijen zonder antwoorden zijn geen respons en tellen niet mee in de respons.',
    en: 'Rows without answers are not responses and do not count in the response rate.',
  },
  FULL_RESPONSE: {
    nl: 'De respons wordt 100%. Staan alleen de {participants} die antwoordden in het bestand? Kies dan hieronder wie er is uitgenodigd.',
    en: 'The response rate becomes 100%. Does the file hold only those who answered? Then choose below who was invited.',
  },
  NO_INVITATIONS: {
    nl: 'Niemand is voor {deze round} uitgenodigd, dus er is geen responspercentage. Kies hieronder wie er is uitgenodigd.',
    en: 'Nobody is invited to this {roundWord}, so there is no response rate. Choose below who was invited.',
  },
  NOT_INVITED: {
    nl: 'Sommige antwoorden komen van {participants} die niet voor {deze round} zijn uitgenodigd; ze tellen niet mee in de respons.',
    en: 'Some responses come from {participants} not invited to this {roundWord}; they do not count in the response rate.',
  },
  LONG_COLUMNS: { nl: 'Het lange bestand mist een kolom.', en: 'The long file lacks a column.' },
  LONG_UNKNOWN_VARIABLE: { nl: 'Deze variabele bestaat niet in het onderzoek.', en: 'The study has no such variable.' },
  LONG_DUPLICATE_CELL: {
    nl: '{Deze participant} heeft twee waarden voor dezelfde variabele.',
    en: 'This {participant} has two values for the same variable.',
  },
};

/** Largest file the server takes; checked here first so nobody waits for a refusal. */
const MAX_BYTES = 25 * 1024 * 1024;

const MESSAGES = {
  nl: {
    title: 'Antwoorden importeren',
    steps: ['Bestand kiezen', 'Koppelen en controleren', 'Klaar'],
    intro:
      'Importeer antwoorden die elders zijn verzameld (LimeSurvey, Forms, Qualtrics, papier) in een {roundWord}. Eerst controleert ' +
      'rondo alles; pas als er geen fouten meer zijn, kunt u importeren. Het importeren gebeurt in één keer: alle rijen of niets.',
    round: '{RoundWord}',
    file: 'CSV-bestand',
    savedMapping: 'Opgeslagen koppeling (JSON, optioneel)',
    tooBig: 'Het bestand is groter dan 25 MB.',
    badMapping: 'Dit is geen geldige koppeling (JSON).',
    reading: 'Bestand controleren…',
    participants: '{Participants}',
    identify: 'Herken {participants} aan',
    identifyBy: { key: 'hun sleutel (pseudoniem)', email: 'hun e-mailadres', anonymous: 'niets: anonieme antwoorden' },
    idColumn: 'Kolom met de sleutel of het e-mailadres',
    create: 'Onbekende {participants} toevoegen aan het onderzoek',
    columns: 'Kolommen',
    columnsLead: 'Kies per kolom de vraag waarvan hij de antwoorden bevat.',
    header: 'Kolom in het bestand',
    variable: 'Vraag (variabele)',
    notImported: '— niet importeren —',
    values: 'Waarden koppelen',
    valuesLead: 'Deze waarden in het bestand zijn geen code of antwoordlabel van hun vraag. Kies wat ze betekenen.',
    choose: '— kies —',
    dk: 'weet niet',
    na: 'niet van toepassing',
    skip: 'geen antwoord',
    notAsked: 'niet gevraagd',
    check: 'Controle',
    counts:
      '{responses} responsen ({anonymous} anoniem) met {cells} antwoorden uit {rows} rijen; {matched} bekende {participants}, ' +
      '{created} nieuw, {filtered} rijen overgeslagen door het filter.',
    errors: '{n} fout(en): er kan nog niets worden geïmporteerd.',
    clean: 'Geen fouten: klaar om te importeren.',
    warnings: 'Opmerkingen',
    problems: 'Fouten',
    rowCol: 'rij {row}, kolom "{col}"',
    rowOnly: 'rij {row}',
    colOnly: 'kolom "{col}"',
    more: 'Van {code} worden er {shown} van {n} getoond.',
    save: 'Koppeling opslaan (JSON)',
    importN: '{n} responsen importeren',
    importing: 'Bezig met importeren…',
    other: 'Ander bestand kiezen',
    sheet: 'Werkblad',
    done: '{n} responsen geïmporteerd (import {batch}).',
    again: 'Nog een bestand importeren',
    nothingWritten: 'Er is niets opgeslagen.',
    studyMapping: 'Opgeslagen koppeling van dit onderzoek',
    noStudyMapping: '— geen: stel voor op basis van het bestand —',
    shape: 'Vorm van het bestand',
    shapes: { auto: 'herken zelf', wide: 'breed: één rij per respons', long: 'lang: één rij per antwoord' },
    longNote: 'Lang bestand: één rij per antwoord. De vraag staat in de kolom variable (of item en partner), het antwoord in value.',
    invited: 'Wie is er uitgenodigd?',
    invitedLead:
      'De respons is het aantal {participants} met antwoorden gedeeld door het aantal uitgenodigden. Een import nodigt niemand ' +
      'uit, tenzij u hier zegt wie er is uitgenodigd.',
    invite: {
      none: 'de uitnodigingen die al in rondo staan',
      cohort: 'alle {participants} van het onderzoek',
      file: 'de rijen van dit bestand (het bestand is de uitnodigingslijst)',
    },
    invitedColumn: 'Kolom die zegt wie is uitgenodigd (1 = uitgenodigd, optioneel)',
    filter: 'Rijfilter (optioneel)',
    filterColumn: 'Alleen rijen waarvan de kolom',
    filterValues: 'een van deze waarden heeft (gescheiden door komma’s)',
    none: '— geen —',
    valueMaps: 'Waarden per kolom',
    valueMapsLead: 'Bijvoorbeeld: 9 betekent “weet niet”, of 99 betekent “geen antwoord”.',
    mapColumn: 'Kolom',
    mapValue: 'Waarde in het bestand',
    mapTarget: 'Betekent',
    add: 'Toevoegen',
    remove: 'Weghalen: {what}',
    response: 'Respons per {roundWord} na deze import',
    emptyRows: '{n} rijen zonder antwoorden tellen niet als respons.',
    saveName: 'Naam van de koppeling',
    saveStudy: 'Opslaan in dit onderzoek',
    saved: 'Koppeling “{name}” opgeslagen.',
    deleteSaved: 'Opgeslagen koppeling verwijderen',
    moreOptions: 'Meer opties',
    anonymousColumn: 'Kolom die anonieme antwoorden aangeeft (1 = anoniem)',
    attributes: {
      organisationColumn: 'Kolom met de organisatie (nieuwe {participants})',
      roleColumn: 'Kolom met de functie (nieuwe {participants})',
      teamColumn: 'Kolom met het team (nieuwe {participants})',
      leftColumn: 'Kolom met {de round} waarin iemand stopte (nieuwe {participants})',
    },
    submittedColumn: 'Kolom met het moment van invullen',
    delimiter: 'Scheidingsteken',
    encoding: 'Tekenset',
    decimal: 'Decimaalteken',
    auto: 'herken zelf',
    tab: 'tab',
  },
  en: {
    title: 'Import responses',
    steps: ['Choose file', 'Map and check', 'Done'],
    intro:
      'Import answers collected elsewhere (LimeSurvey, Forms, Qualtrics, paper) into a {roundWord}. rondo checks everything first; ' +
      'you can import once there are no errors left. The import happens in one go: all rows or nothing.',
    round: '{RoundWord}',
    file: 'CSV file',
    savedMapping: 'Saved mapping (JSON, optional)',
    tooBig: 'The file is larger than 25 MB.',
    badMapping: 'This is not a valid mapping (JSON).',
    reading: 'Checking the file…',
    participants: '{Participants}',
    identify: 'Recognise {participants} by',
    identifyBy: { key: 'their key (pseudonym)', email: 'their e-mail address', anonymous: 'nothing: anonymous answers' },
    idColumn: 'Column with the key or e-mail address',
    create: 'Add unknown {participants} to the study',
    columns: 'Columns',
    columnsLead: 'Choose for each column the question whose answers it holds.',
    header: 'Column in the file',
    variable: 'Question (variable)',
    notImported: '— do not import —',
    values: 'Map values',
    valuesLead: 'These values in the file are not a code or answer label of their question. Choose what they mean.',
    choose: '— choose —',
    dk: 'don’t know',
    na: 'not applicable',
    skip: 'no answer',
    notAsked: 'not asked',
    check: 'Check',
    counts:
      '{responses} responses ({anonymous} anonymous) with {cells} answers from {rows} rows; {matched} known {participants}, ' +
      '{created} new, {filtered} rows left out by the filter.',
    errors: '{n} error(s): nothing can be imported yet.',
    clean: 'No errors: ready to import.',
    warnings: 'Remarks',
    problems: 'Errors',
    rowCol: 'row {row}, column "{col}"',
    rowOnly: 'row {row}',
    colOnly: 'column "{col}"',
    more: 'Of {code}, {shown} of {n} are shown.',
    save: 'Save mapping (JSON)',
    importN: 'Import {n} responses',
    importing: 'Importing…',
    other: 'Choose another file',
    sheet: 'Sheet',
    done: '{n} responses imported (import {batch}).',
    again: 'Import another file',
    nothingWritten: 'Nothing was saved.',
    studyMapping: 'Saved mapping of this study',
    noStudyMapping: '— none: suggest one from the file —',
    shape: 'Layout of the file',
    shapes: { auto: 'detect', wide: 'wide: one row per response', long: 'long: one row per answer' },
    longNote: 'Long file: one row per answer. The question is in the variable column (or item and partner), the answer in value.',
    invited: 'Who was invited?',
    invitedLead:
      'The response rate is the {participants} with answers divided by those invited. An import invites nobody unless you say ' +
      'here who was invited.',
    invite: {
      none: 'the invitations already in rondo',
      cohort: 'every {participant} of the study',
      file: 'the rows of this file (the file is the invitation list)',
    },
    invitedColumn: 'Column that says who was invited (1 = invited, optional)',
    filter: 'Row filter (optional)',
    filterColumn: 'Only rows whose column',
    filterValues: 'has one of these values (separated by commas)',
    none: '— none —',
    valueMaps: 'Values per column',
    valueMapsLead: 'For example: 9 means “don’t know”, or 99 means “no answer”.',
    mapColumn: 'Column',
    mapValue: 'Value in the file',
    mapTarget: 'Means',
    add: 'Add',
    remove: 'Remove: {what}',
    response: 'Response per {roundWord} after this import',
    emptyRows: '{n} rows without answers do not count as responses.',
    saveName: 'Name of the mapping',
    saveStudy: 'Save in this study',
    saved: 'Mapping “{name}” saved.',
    deleteSaved: 'Delete saved mapping',
    moreOptions: 'More options',
    anonymousColumn: 'Column that marks anonymous responses (1 = anonymous)',
    attributes: {
      organisationColumn: 'Column with the organisation (new {participants})',
      roleColumn: 'Column with the role (new {participants})',
      teamColumn: 'Column with the team (new {participants})',
      leftColumn: 'Column with the {roundWord} in which someone left (new {participants})',
    },
    submittedColumn: 'Column with the time of submission',
    delimiter: 'Delimiter',
    encoding: 'Character set',
    decimal: 'Decimal separator',
    auto: 'detect',
    tab: 'tab',
  },
};

/**
 * <rondo-exchange-import-view>: the response import — choose a round and a CSV (and optionally a saved
 * mapping), adjust the suggested mapping while the dry run lists every problem by row and
 * column, then import in one transaction. The mapping can be saved as the JSON the CLI reads.
 * Everything from the file is shown as text. Properties: `params` (the route's `slug`).
 */
export class RondoExchangeImportView extends StaffView {
  static override properties = {
    step: { state: true },
    rounds: { state: true },
    round: { state: true },
    fileName: { state: true },
    suggestion: { state: true },
    mapping: { state: true },
    report: { state: true },
    busy: { state: true },
    error: { state: true },
    studyMappings: { state: true },
    chosenMapping: { state: true },
    shape: { state: true },
    saveAs: { state: true },
    notice: { state: true },
    draft: { state: true },
    sheet: { state: true },
  };
  params: Record<string, string> = {};
  step = 1;
  rounds: { key: string; label: LocalText }[] = [];
  round = '';
  fileName = '';
  suggestion: Suggestion | null = null;
  mapping: Mapping | null = null;
  report: Report | null = null;
  busy = false;
  error = '';
  studyMappings: SavedMappingsResponse['mappings'] = [];
  /** The name of the study's saved mapping chosen in step 1, or ''. */
  chosenMapping = '';
  shape: (typeof IMPORT_SHAPES)[number] = 'auto';
  saveAs = '';
  notice = '';
  /** The value map being added: column, value in the file, what it means. */
  draft = { column: '', value: '', target: '' };
  /** For an .xlsx with more than one sheet: the sheet chosen, '' for the first. */
  sheet = '';
  private data = '';
  private saved: Mapping | null = null;

  private get base() {
    return `/api/studies/${encodeURIComponent(this.params.slug)}`;
  }
  override connectedCallback(): void {
    super.connectedCallback();
    void get<{ rounds: { key: string; label: LocalText }[] }>(`${this.base}/exports`).then(
      (r) => ((this.rounds = r.rounds), (this.round ||= r.rounds[0]?.key ?? '')),
      (err: ApiFailure) => (this.error = errorText(err)),
    );
    void this.loadStudyMappings();
  }

  private async loadStudyMappings(): Promise<void> {
    try {
      this.studyMappings = (await get<SavedMappingsResponse>(`${this.base}/imports/mappings`)).mappings;
    } catch (err) {
      this.error = errorText(err as ApiFailure);
    }
  }

  private async saveInStudy(): Promise<void> {
    const name = this.saveAs.trim();
    if (!name || !this.mapping) return;
    try {
      await put(`${this.base}/imports/mappings/${encodeURIComponent(name)}`, { mapping: this.mapping });
      this.notice = fill(withWords(this.params.slug, m(MESSAGES)).saved, { name });
      this.error = '';
      await this.loadStudyMappings();
    } catch (err) {
      this.fail(err);
    }
  }

  private async deleteInStudy(): Promise<void> {
    if (!this.chosenMapping) return;
    try {
      await del(`${this.base}/imports/mappings/${encodeURIComponent(this.chosenMapping)}`);
      this.chosenMapping = '';
      await this.loadStudyMappings();
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    const f = err as ApiFailure;
    const report = f.details as Report | undefined;
    if (report?.problems) this.report = report;
    this.error = `${errorText(f)}${report?.problems ? ` ${withWords(this.params.slug, m(MESSAGES)).nothingWritten}` : ''}`;
  }

  private async loadMapping(file: File | undefined): Promise<void> {
    if (!file) return;
    try {
      const parsed = JSON.parse(await file.text()) as Mapping;
      if (parsed?.format !== 'rondo.import-mapping/1') throw new Error('format');
      this.saved = parsed;
      this.error = '';
    } catch {
      this.saved = null;
      this.error = withWords(this.params.slug, m(MESSAGES)).badMapping;
    }
  }

  private async choose(file: File | undefined): Promise<void> {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      this.error = withWords(this.params.slug, m(MESSAGES)).tooBig;
      return;
    }
    this.busy = true;
    this.error = '';
    this.fileName = file.name.slice(0, 255);
    this.data = await fileAsBase64(file);
    this.sheet = '';
    await this.suggest();
  }

  /** The suggested mapping for the file (its chosen sheet), then the check. */
  private async suggest(): Promise<void> {
    this.busy = true;
    try {
      this.suggestion = await post<Suggestion>(`${this.base}/imports/suggest`, this.upload());
      const fromStudy = this.studyMappings.find((x) => x.name === this.chosenMapping)?.mapping;
      const chosen = fromStudy ?? this.saved;
      this.mapping = chosen ? { ...chosen, round: this.round } : this.suggestion.mapping;
      if (this.mapping && this.shape !== 'auto') this.mapping = { ...this.mapping, shape: this.shape };
      if (fromStudy) this.saveAs = this.chosenMapping;
      if (this.mapping) await this.check();
      this.step = 2;
    } catch (err) {
      this.fail(err);
    }
    this.busy = false;
  }

  /** The file as every import request sends it. */
  private upload() {
    return { data: this.data, fileName: this.fileName, round: this.round, ...(this.sheet ? { sheet: this.sheet } : {}) };
  }

  private async chooseSheet(name: string): Promise<void> {
    this.sheet = name;
    this.report = null;
    await this.suggest();
  }

  private async check(): Promise<void> {
    this.busy = true;
    try {
      this.report = await post<Report>(`${this.base}/imports/dry-run`, { ...this.upload(), mapping: this.mapping });
      this.error = '';
    } catch (err) {
      this.fail(err);
    }
    this.busy = false;
  }

  private async commit(): Promise<void> {
    this.busy = true;
    try {
      this.report = await post<Report>(`${this.base}/imports`, { ...this.upload(), mapping: this.mapping });
      this.step = 3;
      this.error = '';
    } catch (err) {
      this.fail(err);
    }
    this.busy = false;
  }

  private change(update: (m: Mapping) => void): void {
    const next = structuredClone(this.mapping!) as Mapping;
    update(next);
    this.mapping = next;
    void this.check();
  }

  private saveMapping(): void {
    const url = URL.createObjectURL(new Blob([JSON.stringify(this.mapping, null, 2) + '\n'], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `mapping-${this.round}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private where(p: Problem): string {
    const t = withWords(this.params.slug, m(MESSAGES));
    if (p.row !== null && p.column !== null) return fill(t.rowCol, { row: p.row, col: p.column });
    if (p.row !== null) return fill(t.rowOnly, { row: p.row });
    if (p.column !== null) return fill(t.colOnly, { col: p.column });
    return '';
  }

  private problemList(list: Problem[], heading: string, id: string) {
    if (!list.length) return nothing;
    return html`<section class="a-card k-problems" aria-labelledby=${id}><h3 id=${id}>${heading} <span class="a-badge">${num(list.length)}</span></h3>
      <div class="k-scroll" tabindex="0" role="region" aria-labelledby=${id}><ul>${list.slice(0, 100).map(
        (
          p,
        ) => html`<li>${this.where(p) ? html`<strong>${this.where(p)}:</strong> ` : nothing}${PROBLEM_TEXT[p.code] ? fillWords(this.params.slug, m(PROBLEM_TEXT[p.code])) : p.code}
          ${p.value !== undefined ? html`<span class="a-muted">(“${p.value}”)</span>` : nothing}
          <br><span class="a-muted a-small"><code>${p.code}</code> ${p.message.replace(/^Row \d+(, column "[^"]*")?: /, '')}</span></li>`,
      )}</ul></div></section>`;
  }

  private stepOne() {
    const t = withWords(this.params.slug, m(MESSAGES));
    return html`<p class="a-lead">${t.intro}</p>
      <div class="a-card">
        <div class="a-field"><label for="imp-round">${t.round}</label>
          <select id="imp-round" @change=${(e: Event) => (this.round = (e.target as HTMLSelectElement).value)}>
            ${this.rounds.map((r) => html`<option value=${r.key} ?selected=${this.round === r.key}>${tx(r.label)}</option>`)}
          </select></div>
        <div class="a-field"><label for="imp-shape">${t.shape}</label>
          <select id="imp-shape" @change=${(e: Event) => (this.shape = (e.target as HTMLSelectElement).value as typeof this.shape)}>
            ${IMPORT_SHAPES.map((k) => html`<option value=${k} ?selected=${this.shape === k}>${t.shapes[k]}</option>`)}
          </select></div>
        ${
          this.studyMappings.length
            ? html`<div class="a-field"><label for="imp-study-mapping">${t.studyMapping}</label>
              <select id="imp-study-mapping" @change=${(e: Event) => (this.chosenMapping = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!this.chosenMapping}>${t.noStudyMapping}</option>
                ${this.studyMappings.map(
                  (x) => html`<option value=${x.name}
                  ?selected=${this.chosenMapping === x.name}>${x.name}</option>`,
                )}
              </select>
              ${
                this.chosenMapping
                  ? html`<button type="button" class="a-secondary a-small"
                @click=${this.deleteInStudy}>${t.deleteSaved}</button>`
                  : nothing
              }</div>`
            : nothing
        }
        <div class="a-field"><label for="imp-mapping">${t.savedMapping}</label>
          <input id="imp-mapping" type="file" accept=".json,application/json" @change=${(e: Event) => this.loadMapping((e.target as HTMLInputElement).files?.[0])}></div>
        <div class="a-field"><label for="imp-file">${t.file}</label>
          <input id="imp-file" type="file" accept=".csv,.txt,.xlsx,text/csv" ?disabled=${!this.round || this.busy} @change=${(e: Event) => this.choose((e.target as HTMLInputElement).files?.[0])}></div>
      </div>`;
  }

  private stepTwo() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const s = this.suggestion!;
    const mapping = this.mapping;
    const variables = s.variables ?? [];
    const byColumn = new Map(Object.entries(mapping?.columns ?? {}).map(([c, v]) => [c, v.variable]));
    const r = this.report;
    const long = r?.shape === 'long' || mapping?.shape === 'long';
    const errors = r?.problems.filter((p) => p.severity === 'error') ?? s.problems;
    const warnings = r?.problems.filter((p) => p.severity === 'warning') ?? [];
    const unknown = new Map<string, { column: string; value: string; variable: VariableInfo | undefined }>();
    for (const p of errors) {
      if ((p.code === 'UNKNOWN_VALUE' || p.code === 'MISSING_NOT_ALLOWED') && p.column !== null && p.value !== undefined) {
        const variable = variables.find((v) => v.name === byColumn.get(p.column!));
        unknown.set(`${p.column}\u0000${p.value.trim()}`, { column: p.column, value: p.value.trim(), variable });
      }
    }
    return html`<p class="a-muted">${this.fileName}</p>
      <div class="a-field"><label for="imp-file2">${t.other}</label>
        <input id="imp-file2" type="file" accept=".csv,.txt,.xlsx,text/csv" @change=${(e: Event) => this.choose((e.target as HTMLInputElement).files?.[0])}></div>
      ${
        s.sheets && s.sheets.length > 1
          ? html`<div class="a-field"><label for="imp-sheet">${t.sheet}</label>
            <select id="imp-sheet" ?disabled=${this.busy} @change=${(e: Event) => this.chooseSheet((e.target as HTMLSelectElement).value)}>
              ${s.sheets.map(
                (name, k) => html`<option value=${name} ?selected=${this.sheet ? this.sheet === name : k === 0}>${name}</option>`,
              )}
            </select></div>`
          : nothing
      }
      ${
        mapping
          ? html`<section class="a-card" aria-labelledby="imp-participants"><h2 id="imp-participants">${t.participants}</h2>
            <div class="a-pair">
              <div class="a-field"><label for="imp-identify">${t.identify}</label>
                <select id="imp-identify" @change=${(e: Event) => this.change((x) => (x.participants.identify = (e.target as HTMLSelectElement).value as Mapping['participants']['identify']))}>
                  ${IDENTIFY_BY.map((k) => html`<option value=${k} ?selected=${mapping.participants.identify === k}>${t.identifyBy[k]}</option>`)}
                </select></div>
              ${
                mapping.participants.identify === 'anonymous'
                  ? nothing
                  : html`<div class="a-field"><label for="imp-idcol">${t.idColumn}</label>
                    <select id="imp-idcol" @change=${(e: Event) => this.change((x) => (x.participants.column = (e.target as HTMLSelectElement).value))}>
                      <option value="" ?selected=${!mapping.participants.column}>${t.choose}</option>
                      ${s.headers.map((h) => html`<option value=${h} ?selected=${mapping.participants.column === h}>${h}</option>`)}
                    </select></div>`
              }
            </div>
            ${
              mapping.participants.identify === 'anonymous'
                ? nothing
                : html`<label class="a-check"><input type="checkbox" .checked=${mapping.participants.create === true} @change=${(e: Event) => this.change((x) => (x.participants.create = (e.target as HTMLInputElement).checked))}> ${t.create}</label>`
            }
          </section>
          ${this.invitedSection(mapping, s.headers, long)}
          ${long ? nothing : this.filterSection(mapping, s.headers)}
          ${this.moreOptions(mapping, s.headers, long)}
          ${
            long
              ? html`<p class="a-card a-muted">${t.longNote}</p>`
              : html`<section class="a-card" aria-labelledby="imp-columns"><h2 id="imp-columns">${t.columns}</h2><p class="a-muted a-small">${t.columnsLead}</p>
            <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="imp-columns"><table class="a-table">
              <thead><tr><th scope="col">${t.header}</th><th scope="col">${t.variable}</th></tr></thead>
              <tbody>${s.headers.map(
                (h, i) => html`<tr><td><label for="imp-col-${i}">${h}</label></td><td>
                  <select id="imp-col-${i}" @change=${(e: Event) => {
                    const v = (e.target as HTMLSelectElement).value;
                    this.change((x) => {
                      delete x.columns[h];
                      if (v) x.columns[h] = { variable: v };
                    });
                  }}>
                    <option value="" ?selected=${!byColumn.has(h)}>${t.notImported}</option>
                    ${variables.map((v) => html`<option value=${v.name} ?selected=${byColumn.get(h) === v.name}>${v.name} — ${tx(v.label).slice(0, 80)}</option>`)}
                  </select></td></tr>`,
              )}</tbody></table></div>
          </section>`
          }
          ${this.valueMapSection(mapping, long ? variables.map((v) => v.name) : Object.keys(mapping.columns), variables)}
          ${
            unknown.size
              ? html`<section class="a-card" aria-labelledby="imp-values"><h2 id="imp-values">${t.values}</h2><p class="a-muted a-small">${t.valuesLead}</p>
                ${[...unknown.values()].map(
                  ({ column, value, variable }, i) => html`<div class="a-field"><label for="imp-val-${i}">${column}: “${value}”</label>
                  <select id="imp-val-${i}" @change=${(e: Event) => {
                    const raw = (e.target as HTMLSelectElement).value;
                    if (!raw) return;
                    this.change((x) => {
                      const c = x.columns[column];
                      if (c) c.values = { ...(c.values ?? {}), [value]: /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : (raw as Target) };
                    });
                  }}>
                    <option value="">${t.choose}</option>
                    ${(variable?.values ?? []).map((p) => html`<option value=${p.code}>${p.code} = ${tx(p.label)}</option>`)}
                    ${variable?.missing.includes('dont_know') ? html`<option value="dont_know">${t.dk}</option>` : nothing}
                    ${variable?.missing.includes('not_applicable') ? html`<option value="not_applicable">${t.na}</option>` : nothing}
                    <option value="skipped">${t.skip}</option>
                    <option value="not_asked">${t.notAsked}</option>
                  </select></div>`,
                )}
              </section>`
              : nothing
          }`
          : nothing
      }
      <section aria-labelledby="imp-check" aria-live="polite"><h2 id="imp-check">${t.check}</h2>
        ${this.busy ? html`<p class="a-muted">${t.reading}</p>` : nothing}
        ${
          r
            ? html`<p>${fill(t.counts, {
                responses: num(r.counts.responses),
                anonymous: num(r.counts.anonymous),
                cells: num(r.counts.cells),
                rows: num(r.counts.rows),
                matched: num(r.counts.participantsMatched),
                created: num(r.counts.participantsCreated),
                filtered: num(r.counts.filteredOut),
              })}</p>
            ${r.counts.empty ? html`<p>${fill(t.emptyRows, { n: num(r.counts.empty) })}</p>` : nothing}
            ${this.rateList(r)}
            <p class=${r.ok ? 'a-alert a-alert--ok' : 'a-alert a-alert--error'}>${r.ok ? t.clean : fill(t.errors, { n: num(r.errors) })}</p>
            ${Object.entries(r.truncated).map(([code, n]) => html`<p class="a-muted a-small">${fill(t.more, { code, shown: 200, n: num(n) })}</p>`)}`
            : nothing
        }
        ${this.problemList(errors, t.problems, 'imp-errors')}
        ${this.problemList(warnings, t.warnings, 'imp-warnings')}
      </section>
      <div class="a-row">
        ${mapping ? html`<button type="button" class="a-secondary" @click=${this.saveMapping}>${t.save}</button>` : nothing}
        ${
          mapping
            ? html`<div class="a-field k-save"><label for="imp-save-name">${t.saveName}</label>
              <input id="imp-save-name" maxlength="80" .value=${this.saveAs}
                @input=${(e: Event) => (this.saveAs = (e.target as HTMLInputElement).value)}>
              <button type="button" class="a-secondary" ?disabled=${!this.saveAs.trim()}
                @click=${this.saveInStudy}>${t.saveStudy}</button></div>`
            : nothing
        }
        ${this.notice ? html`<p class="a-muted" role="status">${this.notice}</p>` : nothing}
        <button type="button" class="a-primary" ?disabled=${!r?.ok || this.busy} @click=${this.commit}>${this.busy ? t.importing : fill(t.importN, { n: num(r?.counts.responses ?? 0) })}</button>
      </div>`;
  }

  /** Who was invited: the response rate's denominator (nobody new unless the researcher says so). */
  private invitedSection(mapping: Mapping, headers: string[], long: boolean) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const current = mapping.invitedColumn !== undefined ? 'file' : (mapping.invite ?? 'none');
    return html`<section class="a-card" aria-labelledby="imp-invited"><h2 id="imp-invited">${t.invited}</h2>
      <p class="a-muted a-small">${t.invitedLead}</p>
      <fieldset class="k-invite"><legend class="a-sr">${t.invited}</legend>
        ${IMPORT_INVITE.map(
          (k) =>
            html`<label class="a-check"><input type="radio" name="imp-invite" value=${k} .checked=${current === k} @change=${() =>
              this.change((x) => {
                if (k === 'none') delete x.invite;
                else x.invite = k;
                if (k !== 'file') delete x.invitedColumn;
              })}> ${t.invite[k]}</label>`,
        )}
      </fieldset>
      ${
        current === 'file' && !long
          ? html`<div class="a-field"><label for="imp-invited-col">${t.invitedColumn}</label>
            <select id="imp-invited-col" @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              this.change((x) => {
                x.invite = 'file';
                if (v) x.invitedColumn = v;
                else delete x.invitedColumn;
              });
            }}>
              <option value="" ?selected=${!mapping.invitedColumn}>${t.none}</option>
              ${headers.map((h) => html`<option value=${h} ?selected=${mapping.invitedColumn === h}>${h}</option>`)}
            </select></div>`
          : nothing
      }</section>`;
  }

  /** Only rows with one of some values in a column are responses (e.g. a "completed" column). */
  private filterSection(mapping: Mapping, headers: string[]) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const f = mapping.filter;
    return html`<section class="a-card" aria-labelledby="imp-filter"><h2 id="imp-filter">${t.filter}</h2>
      <div class="a-pair">
        <div class="a-field"><label for="imp-filter-col">${t.filterColumn}</label>
          <select id="imp-filter-col" @change=${(e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            this.change((x) => {
              if (v) x.filter = { column: v, values: x.filter?.values ?? ['1'] };
              else delete x.filter;
            });
          }}>
            <option value="" ?selected=${!f}>${t.none}</option>
            ${headers.map((h) => html`<option value=${h} ?selected=${f?.column === h}>${h}</option>`)}
          </select></div>
        <div class="a-field"><label for="imp-filter-values">${t.filterValues}</label>
          <input id="imp-filter-values" ?disabled=${!f} .value=${f?.values.join(', ') ?? ''} @change=${(e: Event) => {
            const values = (e.target as HTMLInputElement).value
              .split(',')
              .map((v) => v.trim())
              .filter(Boolean)
              .slice(0, 50);
            if (values.length) this.change((x) => (x.filter = { column: x.filter!.column, values }));
          }}></div>
      </div></section>`;
  }

  /** A select of the file's columns for one optional column of the mapping; '' removes it. */
  private columnSelect(id: string, label: string, value: string | undefined, headers: string[], set: (m: Mapping, v: string) => void) {
    const t = withWords(this.params.slug, m(MESSAGES));
    return html`<div class="a-field"><label for=${id}>${label}</label>
      <select id=${id} @change=${(e: Event) => this.change((x) => set(x, (e.target as HTMLSelectElement).value))}>
        <option value="" ?selected=${!value}>${t.none}</option>
        ${headers.map((h) => html`<option value=${h} ?selected=${value === h}>${h}</option>`)}
      </select></div>`;
  }

  /** The rest of what a mapping can say: anonymous rows, new participants' attributes, submission time, how the CSV is read. */
  private moreOptions(mapping: Mapping, headers: string[], long: boolean) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const p = mapping.participants;
    const setParticipant = (key: 'anonymousColumn' | keyof typeof t.attributes) => (x: Mapping, v: string) => {
      if (v) x.participants[key] = v;
      else delete x.participants[key];
    };
    const csv = mapping.csv ?? {};
    const setCsv = <K extends keyof NonNullable<Mapping['csv']>>(key: K, v: string) =>
      this.change((x) => {
        x.csv = { ...(x.csv ?? {}) };
        if (v === 'auto' || v === '') delete x.csv[key];
        else (x.csv as Record<string, string>)[key] = v;
      });
    const choice = (id: string, label: string, value: string, options: [string, string][], set: (v: string) => void) =>
      html`<div class="a-field"><label for=${id}>${label}</label>
        <select id=${id} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
          ${options.map(([v, text]) => html`<option value=${v} ?selected=${value === v}>${text}</option>`)}
        </select></div>`;
    return html`<details class="a-card"><summary>${t.moreOptions}</summary>
      <div class="a-pair">
        ${
          !long && p.identify !== 'anonymous'
            ? this.columnSelect('imp-anon-col', t.anonymousColumn, p.anonymousColumn, headers, setParticipant('anonymousColumn'))
            : nothing
        }
        ${
          !long && p.identify !== 'anonymous' && p.create
            ? (['organisationColumn', 'roleColumn', 'teamColumn', 'leftColumn'] as const).map((k) =>
                this.columnSelect(`imp-${k}`, t.attributes[k], p[k], headers, setParticipant(k)),
              )
            : nothing
        }
        ${
          long
            ? nothing
            : this.columnSelect('imp-submitted-col', t.submittedColumn, mapping.submittedAtColumn, headers, (x, v) => {
                if (v) x.submittedAtColumn = v;
                else delete x.submittedAtColumn;
              })
        }
        ${choice(
          'imp-delimiter',
          t.delimiter,
          csv.delimiter ?? 'auto',
          [
            ['auto', t.auto],
            [';', ';'],
            [',', ','],
            ['\t', t.tab],
          ],
          (v) => setCsv('delimiter', v),
        )}
        ${choice(
          'imp-encoding',
          t.encoding,
          csv.encoding ?? 'auto',
          IMPORT_ENCODINGS.map((e) => [e, e === 'auto' ? t.auto : e]),
          (v) => setCsv('encoding', v),
        )}
        ${choice(
          'imp-decimal',
          t.decimal,
          csv.decimal ?? '',
          [
            ['', t.auto],
            ['.', '.'],
            [',', ','],
          ],
          (v) => setCsv('decimal', v),
        )}
      </div></details>`;
  }

  /** Value maps per column (9 → "weet niet"): the ones in the mapping, and a form to add one. */
  private valueMapSection(mapping: Mapping, columns: string[], variables: VariableInfo[]) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const variableOf = (column: string) => variables.find((v) => v.name === (mapping.columns[column]?.variable ?? column));
    const targetText = (column: string, target: Target) =>
      typeof target === 'number'
        ? `${target}${(() => {
            const label = variableOf(column)?.values.find((p) => p.code === target)?.label;
            return label ? ` = ${tx(label)}` : '';
          })()}`
        : { dont_know: t.dk, not_applicable: t.na, skipped: t.skip, not_asked: t.notAsked }[target];
    const maps = Object.entries(mapping.columns).flatMap(([column, c]) =>
      Object.entries(c.values ?? {}).map(([value, target]) => ({ column, value, target })),
    );
    const d = this.draft;
    const draftVariable = variableOf(d.column);
    const add = () => {
      if (!d.column || !d.value.trim() || !d.target) return;
      const target: Target = /^-?\d+(\.\d+)?$/.test(d.target) ? Number(d.target) : (d.target as Target);
      this.change((x) => {
        const c = (x.columns[d.column] ??= { variable: d.column });
        c.values = { ...(c.values ?? {}), [d.value.trim()]: target };
      });
      this.draft = { column: d.column, value: '', target: '' };
    };
    return html`<section class="a-card" aria-labelledby="imp-maps"><h2 id="imp-maps">${t.valueMaps}</h2>
      <p class="a-muted a-small">${t.valueMapsLead}</p>
      ${
        maps.length
          ? html`<ul class="k-maps">${maps.map(
              (x) => html`<li>${x.column}: “${x.value}” → ${targetText(x.column, x.target)}
                <button type="button" class="a-link" aria-label=${fill(t.remove, { what: `${x.column}: ${x.value}` })} @click=${() =>
                  this.change((y) => {
                    const c = y.columns[x.column];
                    if (!c?.values) return;
                    delete c.values[x.value];
                    if (!Object.keys(c.values).length) delete c.values;
                  })}>×</button></li>`,
            )}</ul>`
          : nothing
      }
      <div class="a-pair">
        <div class="a-field"><label for="imp-map-col">${t.mapColumn}</label>
          <select id="imp-map-col"
            @change=${(e: Event) => (this.draft = { ...d, column: (e.target as HTMLSelectElement).value, target: '' })}>
            <option value="" ?selected=${!d.column}>${t.choose}</option>
            ${columns.map((c) => html`<option value=${c} ?selected=${d.column === c}>${c}</option>`)}
          </select></div>
        <div class="a-field"><label for="imp-map-value">${t.mapValue}</label>
          <input id="imp-map-value" maxlength="500" .value=${d.value}
            @input=${(e: Event) => (this.draft = { ...d, value: (e.target as HTMLInputElement).value })}></div>
        <div class="a-field"><label for="imp-map-target">${t.mapTarget}</label>
          <select id="imp-map-target" @change=${(e: Event) => (this.draft = { ...d, target: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!d.target}>${t.choose}</option>
            ${(draftVariable?.values ?? []).map((p) => html`<option value=${p.code}>${p.code} = ${tx(p.label)}</option>`)}
            ${draftVariable?.missing.includes('dont_know') ? html`<option value="dont_know">${t.dk}</option>` : nothing}
            ${draftVariable?.missing.includes('not_applicable') ? html`<option value="not_applicable">${t.na}</option>` : nothing}
            <option value="skipped">${t.skip}</option>
            <option value="not_asked">${t.notAsked}</option>
          </select></div>
      </div>
      <button type="button" class="a-secondary" ?disabled=${!d.column || !d.value.trim() || !d.target} @click=${add}>${t.add}</button>
    </section>`;
  }

  /** The response per round the import leaves, the imported round marked. */
  private rateList(r: Report) {
    const t = withWords(this.params.slug, m(MESSAGES));
    if (!r.rates.length) return nothing;
    const label = (key: string) => tx(this.rounds.find((x) => x.key === key)?.label) || key;
    return html`<h3 id="imp-response">${t.response}</h3>
      <ul class="k-rates" aria-labelledby="imp-response">${r.rates.map(
        (x) =>
          html`<li>${x.imported ? html`<strong>${label(x.round)}: ${tx(x.text)}</strong>` : html`${label(x.round)}: ${tx(x.text)}`}</li>`,
      )}</ul>`;
  }

  private stepThree() {
    const t = withWords(this.params.slug, m(MESSAGES));
    return html`<div class="a-alert a-alert--ok" role="status"><p><strong>${fill(t.done, { n: num(this.report!.counts.responses), batch: this.report!.batchId ?? '' })}</strong></p></div>
      <button type="button" class="a-secondary" @click=${() => {
        this.step = 1;
        this.report = null;
        this.suggestion = null;
        this.mapping = null;
        this.data = '';
      }}>${t.again}</button>`;
  }

  override render() {
    const t = withWords(this.params.slug, m(MESSAGES));
    return html`<h1>${t.title}</h1>
      <ol class="a-steps">${t.steps.map((s, i) => html`<li aria-current=${this.step === i + 1 ? 'step' : 'false'} class=${this.step > i + 1 ? 'a-done' : ''}>${s}</li>`)}</ol>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${this.step === 1 ? this.stepOne() : this.step === 2 ? this.stepTwo() : this.stepThree()}`;
  }
}
customElements.define('rondo-exchange-import-view', RondoExchangeImportView);
