import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { breakableEmail } from '../breakable-email.js';
import { type ApiFailure, get, post, errorText, fileAsBase64 } from '../api.js';
import { fill, m, num, tx } from '../i18n.js';
import type { CohortAttribute } from '../../../model/cohort-attributes.js';
import { navigate } from '../router.js';
import type {
  CohortImportResponse,
  CohortMapping,
  CohortPreview,
  CohortPreviewResponse,
  CohortProblem,
} from '../../../model/api/cohort.js';
import { COHORT_FIELDS, PREVIEW_PROBLEMS, PREVIEW_ROWS, type CohortField } from '../../../model/values.js';

type Field = CohortField;
type Mapping = CohortMapping;
type Preview = CohortPreview;
type Problem = CohortProblem;

/** Largest file the server accepts; checked here first so nobody waits for a refusal. */
const MAX_BYTES = 5 * 1024 * 1024;

const MESSAGES = {
  nl: {
    title: '{Participants} importeren',
    steps: ['Bestand kiezen', 'Controleren', 'Klaar'],
    back: 'Terug naar {participants}',
    intro:
      'Kies een CSV-bestand met één rij per {participant} en een kopregel, bijvoorbeeld uit Excel via "Opslaan als" → "CSV (gescheiden door lijstscheidingsteken)". Kolommen: naam, e-mailadres, organisatie, functie en eventueel team of regio, en uw eigen sleutel per {participant} (blijft bewaard als hij uniek is en alleen letters, cijfers, - en _ heeft; anders maakt rondo er een).',
    file: 'CSV-bestand',
    drop: 'Sleep het bestand hierheen of kies het hieronder.',
    options: 'Leesopties',
    encoding: 'Tekenset',
    delimiter: 'Scheidingsteken',
    encodings: { auto: 'Automatisch herkennen', 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252 (Excel, West-Europees)' } as Record<
      string,
      string
    >,
    delimiters: { auto: 'Automatisch herkennen', ';': 'Puntkomma ;', ',': 'Komma ,', tab: 'Tab' } as Record<string, string>,
    tooBig:
      'Het bestand is groter dan 5 MB. Een deelnemerslijst is meestal veel kleiner; controleer of u het juiste bestand heeft gekozen.',
    reading: 'Bestand lezen…',
    read: '{file}: {rows} rijen gelezen ({encoding}, scheidingsteken {delimiter}).',
    mapping: 'Kolommen koppelen',
    mappingLead: 'Controleer welke kolom van het bestand bij welk gegeven hoort.',
    group: 'Groep',
    groupFrom: 'De respondentgroep komt uit kolom "{column}" (de sleutel of naam van de groep; leeg: de standaardgroep).',
    notUsed: '— niet gebruiken —',
    column: 'Kolom {n}',
    fields: {
      name: 'Naam',
      email: 'E-mailadres',
      organisation: 'Organisatie',
      role: 'Functie',
      team: 'Team of regio',
      key: 'Eigen sleutel',
    } as Record<Field, string>,
    required: '(verplicht)',
    rowsOk: 'rijen in orde',
    rowsBad: 'rijen met problemen',
    rowsTotal: 'rijen in het bestand',
    problems: 'Problemen',
    problemsLead: 'Pas deze aan in het bestand en kies het opnieuw, of sla de rijen met problemen over.',
    rowCol: 'Rij {row}, kolom "{col}": ',
    rowOnly: 'Rij {row}: ',
    more: 'en nog {n} problemen',
    roles: 'Nieuwe functies',
    rolesLead:
      'Deze functies komen in het onderzoek nog niet voor. Vink aan welke u wilt toevoegen; rijen met een functie die u niet aanvinkt, worden als probleem gemeld.',
    rowsTitle: 'Voorbeeld van de rijen',
    extra: 'Extra kolommen',
    extraLead:
      'Deze kolommen horen bij geen vast gegeven. Neem een kolom over als kenmerk van de {participants} (bijv. domein of regio) ' +
      'om erop te kunnen filteren en uitsplitsen.',
    extraTake: 'Overnemen als kenmerk',
    extraKey: 'Naam in export',
    extraLabel: 'Omschrijving',
    rowsMore: 'De eerste {n} van {total} rijen worden getoond.',
    row: 'Rij',
    ok: 'in orde',
    problem: 'Controle',
    skip: 'Sla de {n} rijen met problemen over en importeer alleen de {ok} goede rijen',
    importN: '{n} {participants} importeren',
    noImport: 'Er kan nog niets worden geïmporteerd: los eerst de problemen op of kies ervoor de rijen met problemen over te slaan.',
    other: 'Ander of gecorrigeerd bestand kiezen',
    sheet: 'Werkblad',
    importing: 'Bezig met importeren…',
    done: '{n} {participants} toegevoegd.',
    doneSkipped: '{n} rijen overgeslagen.',
    toList: 'Naar de deelnemerslijst',
    again: 'Nog een bestand importeren',
    nothingWritten: 'Er is niets opgeslagen.',
  },
  en: {
    title: 'Import {participants}',
    steps: ['Choose file', 'Check', 'Done'],
    back: 'Back to {participants}',
    intro:
      'Choose a CSV file with one row per {participant} and a header row, for example from Excel via "Save as" → "CSV". Columns: name, e-mail address, organisation, role and optionally team or region, and your own key per {participant} (kept when it is unique and has only letters, digits, - and _; otherwise rondo makes one).',
    file: 'CSV file',
    drop: 'Drag the file here or choose it below.',
    options: 'Reading options',
    encoding: 'Character set',
    delimiter: 'Delimiter',
    encodings: { auto: 'Detect automatically', 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252 (Excel, Western European)' } as Record<
      string,
      string
    >,
    delimiters: { auto: 'Detect automatically', ';': 'Semicolon ;', ',': 'Comma ,', tab: 'Tab' } as Record<string, string>,
    tooBig: 'The file is larger than 5 MB. A {participant} list is usually much smaller; check that you chose the right file.',
    reading: 'Reading file…',
    read: '{file}: {rows} rows read ({encoding}, delimiter {delimiter}).',
    mapping: 'Map columns',
    mappingLead: 'Check which column of the file holds which detail.',
    group: 'Group',
    groupFrom: 'The respondent group comes from column "{column}" (the group\'s key or name; empty: the default group).',
    notUsed: '— do not use —',
    column: 'Column {n}',
    fields: {
      name: 'Name',
      email: 'E-mail address',
      organisation: 'Organisation',
      role: 'Role',
      team: 'Team or region',
      key: 'Own key',
    } as Record<Field, string>,
    required: '(required)',
    rowsOk: 'rows fine',
    rowsBad: 'rows with problems',
    rowsTotal: 'rows in the file',
    problems: 'Problems',
    problemsLead: 'Fix them in the file and choose it again, or skip the rows with problems.',
    rowCol: 'Row {row}, column "{col}": ',
    rowOnly: 'Row {row}: ',
    more: 'and {n} more problems',
    roles: 'New roles',
    rolesLead:
      'These roles do not occur in the study yet. Tick the ones to add; rows with a role you do not tick are reported as problems.',
    rowsTitle: 'The rows',
    extra: 'Extra columns',
    extraLead:
      'These columns belong to no built-in detail. Take a column over as a {participant} attribute (e.g. domain or region) ' +
      'to filter and split by it.',
    extraTake: 'Take over as attribute',
    extraKey: 'Name in exports',
    extraLabel: 'Label',
    rowsMore: 'The first {n} of {total} rows are shown.',
    row: 'Row',
    ok: 'fine',
    problem: 'Check',
    skip: 'Skip the {n} rows with problems and import only the {ok} good rows',
    importN: 'Import {n} {participants}',
    noImport: 'Nothing can be imported yet: solve the problems first or choose to skip the rows with problems.',
    other: 'Choose another or corrected file',
    sheet: 'Sheet',
    importing: 'Importing…',
    done: '{n} {participants} added.',
    doneSkipped: '{n} rows skipped.',
    toList: 'To the {participant} list',
    again: 'Import another file',
    nothingWritten: 'Nothing was saved.',
  },
};

/**
 * <rondo-cohort-import-view>: the CSV import wizard — choose a file, check the preview (column
 * mapping, new roles, every problem by row and column), import all rows in one go or none.
 * The file's name is only shown (as text); the server never uses it.
 */
export class RondoCohortImportView extends StaffView {
  static override properties = {
    step: { state: true },
    preview: { state: true },
    error: { state: true },
    busy: { state: true },
    fileName: { state: true },
    encoding: { state: true },
    delimiter: { state: true },
    skip: { state: true },
    accepted: { state: true },
    result: { state: true },
    readAs: { state: true },
    over: { state: true },
    sheet: { state: true },
    sheets: { state: true },
    known: { state: true },
    creating: { state: true },
  };
  params: Record<string, string> = {};
  step = 1;
  preview: Preview | null = null;
  error = '';
  busy = false;
  fileName = '';
  encoding = 'auto';
  delimiter = 'auto';
  readAs = '';
  skip = false;
  over = false;
  accepted: string[] = [];
  result: { added: number; skipped: number } | null = null;
  /** For an .xlsx: its sheets, and the one chosen ('' for the first). */
  sheets: string[] = [];
  sheet = '';
  private data = '';
  private mapping: Mapping | null = null;
  /** attrs: the study's cohort attributes, which column holds each, and the ones this import creates. */
  known: CohortAttribute[] = [];
  creating: { column: number; key: string; label: string }[] = [];
  private attrColumns: Record<string, number> | null = null;

  protected override async load(): Promise<void> {
    this.known = (await get<{ attributes: CohortAttribute[] }>(`${this.base}/cohort/attributes`)).attributes;
  }

  private get base() {
    return `/api/studies/${encodeURIComponent(this.params.slug)}`;
  }

  private async choose(file: File | undefined): Promise<void> {
    if (!file) return;
    const t = withWords(this.params.slug, m(MESSAGES));
    this.error = '';
    this.result = null;
    if (file.size > MAX_BYTES) {
      this.error = t.tooBig;
      return this.focusStatus();
    }
    this.busy = true;
    this.fileName = file.name;
    this.data = await fileAsBase64(file);
    this.mapping = null;
    this.attrColumns = null;
    this.creating = [];
    this.accepted = [];
    this.skip = false;
    this.sheet = '';
    this.sheets = [];
    await this.check();
  }

  private body() {
    return {
      data: this.data,
      fileName: this.fileName.slice(0, 255),
      encoding: this.encoding,
      delimiter: this.delimiter,
      ...(this.mapping ? { mapping: this.mapping } : {}),
      acceptRoles: this.accepted,
      ...(this.sheet ? { sheet: this.sheet } : {}),
      ...(this.attrColumns || this.creating.length
        ? { attributeColumns: { ...this.attrColumns, ...Object.fromEntries(this.creating.map((c) => [c.key, c.column])) } }
        : {}),
      ...(this.creating.length ? { createAttributes: this.creating.map((c) => ({ key: c.key, label: { nl: c.label } })) } : {}),
    };
  }

  /** attrs: take an extra column over as a new attribute (or not), and read the file again. */
  private take(column: number, on: boolean, key: string, label: string): void {
    const rest = this.creating.filter((c) => c.column !== column);
    this.creating = on ? [...rest, { column, key: key.trim(), label: label.trim() || key.trim() }] : rest;
    void this.check();
  }

  private setAttrColumn(key: string, value: string): void {
    const next = { ...(this.attrColumns ?? this.preview!.attributeColumns) };
    if (value === '') delete next[key];
    else next[key] = Number(value);
    this.attrColumns = next;
    void this.check();
  }

  private async check(): Promise<void> {
    if (!this.data) return;
    this.busy = true;
    try {
      const r = await post<CohortPreviewResponse>(`${this.base}/cohort/preview`, this.body());
      this.sheets = r.sheets ?? [];
      if (!r.ok) {
        this.error = r.message ?? '';
        this.preview = null;
        this.step = 1;
      } else {
        this.error = '';
        this.preview = r.preview!;
        this.readAs = r.encoding!;
        this.mapping = r.preview!.mapping;
        // The columns of attributes that already exist (those being created are kept in `creating`).
        this.attrColumns = Object.fromEntries(
          Object.entries(r.preview!.attributeColumns).filter(([k]) => !this.creating.some((c) => c.key === k)),
        );
        this.step = 2;
      }
    } catch (err) {
      this.error = errorText(err);
      this.step = 1;
    }
    this.busy = false;
    await this.focusStatus();
  }

  private async commit(): Promise<void> {
    this.busy = true;
    try {
      this.result = await post<CohortImportResponse>(`${this.base}/cohort/import`, { ...this.body(), skipInvalid: this.skip });
      this.step = 3;
      this.error = '';
    } catch (err) {
      const f = err as ApiFailure;
      const preview = f.details?.preview as Preview | undefined;
      if (preview) this.preview = preview;
      // A new attribute that cannot be made says why (model/cohort-attributes.ts), in the interface language.
      const issues = (f.details as { issues?: { message: { nl: string; en: string } }[] } | undefined)?.issues;
      this.error = `${issues?.length ? tx(issues[0].message) : errorText(f)} ${withWords(this.params.slug, m(MESSAGES)).nothingWritten}`;
    }
    this.busy = false;
    await this.focusStatus();
  }

  /** After each step, focus what changed: the error, the preview's summary, or the result. */
  private async focusStatus(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('.a-alert--error, #imp-summary, .a-alert--ok')?.focus();
  }

  private setMapping(field: Field, value: string): void {
    this.mapping = { ...(this.mapping ?? this.preview!.mapping), [field]: value === '' ? null : Number(value) };
    void this.check();
  }

  /** For an .xlsx of more than one sheet: which sheet to read. */
  private sheetChooser() {
    const t = withWords(this.params.slug, m(MESSAGES));
    return this.sheets.length > 1
      ? html`<div class="a-field"><label for="imp-sheet">${t.sheet}</label>
            <select id="imp-sheet" ?disabled=${this.busy} @change=${(e: Event) => {
              this.sheet = (e.target as HTMLSelectElement).value;
              this.mapping = null;
              this.accepted = [];
              void this.check();
            }}>
              ${this.sheets.map(
                (name, k) => html`<option value=${name} ?selected=${this.sheet ? this.sheet === name : k === 0}>${name}</option>`,
              )}
            </select></div>`
      : nothing;
  }

  private fileInput(label: string) {
    return html`<div class="a-field">
      <label for="imp-file">${label}</label>
      <input id="imp-file" type="file" accept=".csv,.txt,.xlsx,text/csv" @change=${(e: Event) => this.choose((e.target as HTMLInputElement).files?.[0])}>
    </div>`;
  }

  private stepOne() {
    const t = withWords(this.params.slug, m(MESSAGES));
    return html`<p class="a-lead">${t.intro}</p>
      <div class="a-drop ${this.over ? 'a-over' : ''}"
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.over = true;
        }}
        @dragleave=${() => (this.over = false)}
        @drop=${(e: DragEvent) => {
          e.preventDefault();
          this.over = false;
          void this.choose(e.dataTransfer?.files[0]);
        }}>
        <p>${t.drop}</p>
        ${this.fileInput(t.file)}
        ${this.sheetChooser()}
      </div>
      ${this.options()}`;
  }

  private options() {
    const t = withWords(this.params.slug, m(MESSAGES));
    return html`<details class="a-options"><summary>${t.options}</summary>
      <div class="a-pair">
        <div class="a-field"><label for="imp-enc">${t.encoding}</label><select id="imp-enc" @change=${(e: Event) => {
          this.encoding = (e.target as HTMLSelectElement).value;
          void this.check();
        }}>
          ${Object.entries(t.encodings).map(([k, v]) => html`<option value=${k} ?selected=${this.encoding === k}>${v}</option>`)}</select></div>
        <div class="a-field"><label for="imp-delim">${t.delimiter}</label><select id="imp-delim" @change=${(e: Event) => {
          this.delimiter = (e.target as HTMLSelectElement).value;
          this.mapping = null;
          void this.check();
        }}>
          ${Object.entries(t.delimiters).map(([k, v]) => html`<option value=${k} ?selected=${this.delimiter === k}>${v}</option>`)}</select></div>
      </div></details>`;
  }

  private attrLabel(key: string): string {
    return tx(this.known.find((a) => a.key === key)?.label) || this.creating.find((c) => c.key === key)?.label || key;
  }

  /** attrs: the file's columns that no field reads, each with a choice to take it over as a new attribute. */
  private extraColumns(p: Preview) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const extra = [
      ...p.extraColumns,
      ...this.creating
        .filter((c) => !p.extraColumns.some((x) => x.column === c.column))
        .map((c) => ({ column: c.column, header: p.headers[c.column] ?? '', suggestedKey: c.key })),
    ].sort((a, b) => a.column - b.column);
    if (!extra.length) return nothing;
    return html`<section class="a-card" aria-labelledby="imp-extra"><h2 id="imp-extra">${t.extra}</h2><p
      class="a-muted a-small">${t.extraLead}</p>
      ${extra.map((x) => {
        const taken = this.creating.find((c) => c.column === x.column);
        const id = `imp-x${x.column}`;
        const read = () => ({
          key: (this.querySelector<HTMLInputElement>(`#${id}-key`)?.value ?? x.suggestedKey).trim(),
          label: this.querySelector<HTMLInputElement>(`#${id}-label`)?.value ?? x.header,
        });
        return html`<fieldset class="k-extra"><legend>${x.header || fill(t.column, { n: x.column + 1 })}</legend>
          <label class="a-check"><input type="checkbox" id=${id} .checked=${!!taken} @change=${(e: Event) => {
            const { key, label } = read();
            this.take(x.column, (e.target as HTMLInputElement).checked, key, label);
          }}> ${t.extraTake}</label>
          <div class="a-pair">
            <div class="a-field"><label for="${id}-key">${t.extraKey}</label><input id="${id}-key" maxlength="30" spellcheck="false"
              .value=${taken?.key ?? x.suggestedKey} @change=${() => taken && this.take(x.column, true, read().key, read().label)}></div>
            <div class="a-field"><label for="${id}-label">${t.extraLabel}</label><input id="${id}-label" maxlength="80"
              .value=${taken?.label ?? x.header} @change=${() => taken && this.take(x.column, true, read().key, read().label)}></div>
          </div></fieldset>`;
      })}</section>`;
  }

  private problemText(p: Problem): string {
    const t = withWords(this.params.slug, m(MESSAGES));
    const lang = document.documentElement.lang === 'en' ? 'en' : 'nl';
    const where = p.row > 0 ? (p.column ? fill(t.rowCol, { row: p.row, col: p.column }) : fill(t.rowOnly, { row: p.row })) : '';
    return where + p.message[lang];
  }

  /** Which column holds the respondent group (a study with groups of its own), if the file has one. */
  private groupNote(p: Preview) {
    if (p.groupColumn === undefined) return nothing;
    return html`<p class="a-small" id="imp-group">${fill(m(MESSAGES).groupFrom, { column: p.headers[p.groupColumn] ?? '' })}</p>`;
  }

  private stepTwo() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const p = this.preview!;
    const mapping = this.mapping ?? p.mapping;
    const delimName = p.delimiter === '\t' ? 'tab' : p.delimiter;
    const fileLevel = p.fileProblems.length > 0;
    // The server sends the first rows and problems of a big file (PREVIEW_ROWS, PREVIEW_PROBLEMS); counts are the whole file's.
    const problems = [...p.fileProblems, ...p.problems];
    const problemCount = p.fileProblems.length + p.counts.problems;
    const canImport = !fileLevel && p.counts.valid > 0 && (p.counts.invalid === 0 || this.skip);
    const attrKeys = Object.keys(p.attributeColumns);
    // The respondent group read from the file's group column (a study with groups of its own).
    const group = p.groupColumn !== undefined;
    const byRow = new Map<number, Problem[]>();
    for (const pr of p.problems) byRow.set(pr.row, [...(byRow.get(pr.row) ?? []), pr]);
    return html`<p class="a-muted k-summary" id="imp-summary" tabindex="-1">${fill(t.read, { file: this.fileName, rows: num(p.counts.rows), encoding: this.readAs, delimiter: delimName })}</p>
      ${this.fileInput(t.other)}
      ${this.sheetChooser()}
      <ul class="a-stats" aria-label="${t.rowsTotal}">
        <li><strong>${num(p.counts.rows)}</strong>${t.rowsTotal}</li>
        <li><strong>${num(p.counts.valid)}</strong>${t.rowsOk}</li>
        <li class=${p.counts.invalid ? 'a-stat-bad' : ''}><strong>${num(p.counts.invalid)}</strong>${t.rowsBad}</li>
      </ul>
      <section class="a-card" aria-labelledby="imp-map"><h2 id="imp-map">${t.mapping}</h2><p class="a-muted a-small">${t.mappingLead}</p>
        <div class="k-map">${COHORT_FIELDS.map(
          (
            f,
          ) => html`<div class="a-field"><label for="map-${f}">${t.fields[f]} ${f === 'email' ? html`<span class="a-muted">${t.required}</span>` : nothing}</label>
            <select id="map-${f}" @change=${(e: Event) => this.setMapping(f, (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${mapping[f] === null}>${t.notUsed}</option>
              ${p.headers.map((h, i) => html`<option value=${i} ?selected=${mapping[f] === i}>${h || fill(t.column, { n: i + 1 })}</option>`)}
            </select></div>`,
        )}
        ${this.known.map(
          (a) => html`<div class="a-field"><label for="map-attr-${a.key}">${tx(a.label)}</label>
            <select id="map-attr-${a.key}" @change=${(e: Event) => this.setAttrColumn(a.key, (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${p.attributeColumns[a.key] === undefined}>${t.notUsed}</option>
              ${p.headers.map(
                (h, i) =>
                  html`<option value=${i} ?selected=${p.attributeColumns[a.key] === i}>${h || fill(t.column, { n: i + 1 })}</option>`,
              )}
            </select></div>`,
        )}</div>
        ${this.groupNote(p)}
      </section>
      ${this.extraColumns(p)}
      ${
        p.unknownRoles.length || this.accepted.length
          ? html`<section class="a-card" aria-labelledby="imp-roles"><h2 id="imp-roles">${t.roles}</h2><p class="a-muted a-small">${t.rolesLead}</p>
            ${[...new Set([...this.accepted, ...p.unknownRoles])].map(
              (r) =>
                html`<label class="a-check"><input type="checkbox" .checked=${this.accepted.includes(r)} @change=${(e: Event) => {
                  this.accepted = (e.target as HTMLInputElement).checked ? [...this.accepted, r] : this.accepted.filter((x) => x !== r);
                  void this.check();
                }}> ${r}</label>`,
            )}</section>`
          : nothing
      }
      ${
        problems.length
          ? html`<section class="a-card k-problems" aria-labelledby="imp-problems"><h2 id="imp-problems">${t.problems} <span class="a-badge a-badge--danger">${num(problemCount)}</span></h2>
            <p class="a-muted a-small">${t.problemsLead}</p>
            <div class="k-scroll" tabindex="0" role="region" aria-labelledby="imp-problems">
              <ul>${problems.slice(0, PREVIEW_PROBLEMS).map((pr) => html`<li>${this.problemText(pr)}</li>`)}</ul></div>
            ${
              problemCount > PREVIEW_PROBLEMS
                ? html`<p class="a-muted">${fill(t.more, { n: num(problemCount - PREVIEW_PROBLEMS) })}</p>`
                : nothing
            }
          </section>`
          : nothing
      }
      ${
        p.rows.length
          ? html`<h2>${t.rowsTitle}</h2>
            ${p.counts.rows > PREVIEW_ROWS ? html`<p class="a-muted a-small">${fill(t.rowsMore, { n: PREVIEW_ROWS, total: num(p.counts.rows) })}</p>` : nothing}
            <div class="a-table-wrap k-rows" tabindex="0" role="region" aria-label=${t.rowsTitle}><table class="a-table">
              <thead><tr><th
                scope="col">${t.row}</th>${COHORT_FIELDS.filter((f) => mapping[f] !== null).map((f) => html`<th scope="col">${t.fields[f]}</th>`)}${attrKeys.map((k) => html`<th scope="col">${this.attrLabel(k)}</th>`)}${
                  group ? html`<th scope="col">${t.group}</th>` : nothing
                }<th
                scope="col">${t.problem}</th></tr></thead>
              <tbody>${p.rows.slice(0, PREVIEW_ROWS).map(
                (r) => html`<tr class=${r.ok ? '' : 'a-row-error'}><td
                  class="a-num">${r.row}</td>${COHORT_FIELDS.filter((f) => mapping[f] !== null).map((f) => html`<td>${f === 'email' ? breakableEmail(r.values[f] ?? '') : r.values[f]}</td>`)}${attrKeys.map(
                    (k) => html`<td>${r.attributes[k] ?? ''}</td>`,
                  )}${group ? html`<td>${r.group ?? ''}</td>` : nothing}
                  <td>${r.ok ? html`<span class="a-badge a-badge--muted">${t.ok}</span>` : (byRow.get(r.row) ?? []).map((pr) => html`<span class="a-cell-problem">${pr.column ? `${pr.column}: ` : ''}${pr.message[document.documentElement.lang === 'en' ? 'en' : 'nl']}</span>`)}</td></tr>`,
              )}</tbody>
            </table></div>`
          : nothing
      }
      ${this.options()}
      <div class="a-card k-commit">
        ${
          p.counts.invalid && !fileLevel && p.counts.valid
            ? html`<label class="a-check"><input type="checkbox" .checked=${this.skip} @change=${(e: Event) => (this.skip = (e.target as HTMLInputElement).checked)}> ${fill(t.skip, { n: num(p.counts.invalid), ok: num(p.counts.valid) })}</label>`
            : nothing
        }
        ${canImport ? nothing : html`<p class="a-muted" id="imp-why">${t.noImport}</p>`}
        <button type="button" class="a-primary" ?disabled=${!canImport || this.busy} aria-describedby=${canImport ? '' : 'imp-why'} @click=${this.commit}>${this.busy ? t.importing : fill(t.importN, { n: num(this.skip ? p.counts.valid : p.counts.rows) })}</button>
      </div>`;
  }

  private stepThree() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const slug = encodeURIComponent(this.params.slug);
    return html`<div class="a-alert a-alert--ok" tabindex="-1"><p><strong>${fill(t.done, { n: num(this.result!.added) })}</strong> ${this.result!.skipped ? fill(t.doneSkipped, { n: num(this.result!.skipped) }) : ''}</p></div>
      <div class="a-row"><a class="button" href="/app/s/${slug}/cohort">${t.toList}</a>
      <button type="button" class="a-secondary" @click=${() => {
        this.step = 1;
        this.preview = null;
        this.data = '';
        this.fileName = '';
      }}>${t.again}</button></div>`;
  }

  override render() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const slug = encodeURIComponent(this.params.slug);
    return html`<p class="a-small"><a href="/app/s/${slug}/cohort" @click=${(e: Event) => {
      e.preventDefault();
      navigate(`/app/s/${slug}/cohort`);
    }}>← ${t.back}</a></p>
      <h1>${t.title}</h1>
      <ol class="a-steps">${t.steps.map((s, i) => html`<li aria-current=${this.step === i + 1 ? 'step' : 'false'} class=${this.step > i + 1 ? 'a-done' : ''}>${s}</li>`)}</ol>
      <div id="imp-status" role="status" aria-live="polite">
        ${this.busy && this.step !== 2 ? html`<p class="a-muted">${t.reading}</p>` : nothing}
      </div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert" tabindex="-1">${this.error}</p>` : nothing}
      ${this.step === 1 ? this.stepOne() : this.step === 2 ? this.stepTwo() : this.stepThree()}`;
  }
}
customElements.define('rondo-cohort-import-view', RondoCohortImportView);
