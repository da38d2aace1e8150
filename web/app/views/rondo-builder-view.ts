import { loadSession } from '../session.js';
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { LightElement } from '../../light-element.js';
import { type ApiFailure, get, post, put, errorText, failureMessage } from '../api.js';
import { onBeforeNavigate } from '../router.js';
import { dateTime, fill, lang, m, onLangChange, tx } from '../i18n.js';
import { changeLabelText, changeLabels, type ChangeLabel } from '../../../model/change-labels.js';
import { ITEM_TYPES, itemsOf, type Item, type ItemType, type Questionnaire, type Section } from '../../../model/questionnaire-shape.js';
import type { Lang } from '../../../model/values.js';
import type {
  CheckQuestionnaireResponse,
  QuestionnaireHistoryResponse,
  QuestionnaireResponse,
} from '../../../model/api/setup-questionnaire.js';
import type { QuestionnaireIssue } from '../../../model/check-questionnaire.js';
import { TYPE_NAMES, freeVariable, itemOfType } from './builder/item-defaults.js';
import { fillWords, withWords } from '../study-words.js';
import { collapseIcon, editIcon, gripIcon, trashIcon } from '../icons.js';
import { issueText } from './builder/rondo-item-editor.js';
import type { Indicator } from '../../../model/indicators.js';
import './builder/rondo-indicators-editor.js';
import './builder/rondo-questionnaire-preview.js';

type Loaded = QuestionnaireResponse;
type CheckResult = CheckQuestionnaireResponse;
type History = QuestionnaireHistoryResponse;
type Deleted = { kind: 'item'; item: Item; section: number; index: number } | { kind: 'section'; section: Section; index: number };

const MESSAGES = {
  nl: {
    title: 'Vragenlijst',
    version: 'Versie {v}',
    unsaved: 'Niet-opgeslagen wijzigingen',
    saved: 'Alles opgeslagen',
    save: 'Opslaan',
    saving: 'Opslaan…',
    undo: 'Ongedaan maken',
    exportJson: 'Exporteren (JSON)',
    importJson: 'Importeren (JSON)',
    importInstrument: 'Uit LimeSurvey of REDCap',
    history: 'Versiegeschiedenis',
    edit: 'Bewerken',
    preview: 'Voorbeeld',
    answeredShort: 'Er zijn al antwoorden in: {rounds}.',
    howVersions: 'Wat betekent dit voor wijzigingen?',
    answered:
      'Tekstcorrecties worden in versie {v} opgeslagen en vastgelegd in de geschiedenis. Wijzigingen die de betekenis van antwoorden veranderen (schaal, soort vraag, variabelenaam, vragen toevoegen of weghalen in die {roundWords}) maken een nieuwe versie; de variabelenamen blijven gelijk, zodat {roundWords} vergelijkbaar blijven.',
    willWording: 'Bij opslaan: tekstcorrectie in versie {v}',
    willAs: 'Bij opslaan: {what} in versie {v}',
    willNew: 'Bij opslaan: nieuwe versie {v}',
    willEdit: 'Bij opslaan: wijziging in versie {v}',
    issues: '{n} problemen',
    issuesTitle: 'Los deze problemen op voordat u opslaat',
    item: 'Vraag',
    section: 'Onderdeel',
    sectionTitle: 'Titel van het onderdeel',
    intro: 'Inleiding (optioneel)',
    addItem: 'Vraag toevoegen',
    type: 'Soort',
    add: 'Toevoegen',
    addSection: 'Onderdeel toevoegen',
    editSection: 'Titel en inleiding bewerken',
    doneSection: 'Klaar',
    removeSection: 'Onderdeel verwijderen',
    sectionUp: 'Onderdeel omhoog',
    sectionDown: 'Onderdeel omlaag',
    move: 'Verplaats vraag {id} (pijltjestoetsen)',
    up: 'Vraag {id} omhoog',
    down: 'Vraag {id} omlaag',
    open: 'Vraag {id} bewerken',
    close: 'Vraag {id} inklappen',
    remove: 'Vraag {id} verwijderen',
    required: 'verplicht',
    hasShowIf: 'voorwaarde',
    moved: 'Vraag {id} staat nu op plaats {n} van "{section}".',
    deletedItem: 'Vraag "{id}" verwijderd.',
    deletedSection: 'Onderdeel "{title}" verwijderd.',
    restored: 'Teruggezet.',
    newTitle: 'Nieuwe versie {v} opslaan?',
    newLead:
      'Deze wijzigingen veranderen de betekenis van antwoorden die al gegeven zijn. Daarom wordt een nieuwe versie gemaakt; de antwoorden in versie {old} blijven bij die versie horen.',
    note: 'Notitie bij deze versie (optioneel)',
    confirmNew: 'Nieuwe versie opslaan',
    cancel: 'Annuleren',
    changes: 'Wijzigingen',
    savedWording: 'Opgeslagen als tekstcorrectie in versie {v}; de wijziging staat in de versiegeschiedenis.',
    savedAs: 'Opgeslagen in versie {v}: {what}. De wijziging staat in de versiegeschiedenis.',
    savedNewAs: 'Opgeslagen als nieuwe versie {v}. Wat er veranderde: {what}.',
    savedNew: 'Opgeslagen als nieuwe versie {v}.',
    savedEdit: 'Opgeslagen in versie {v}.',
    nothing: 'Er was niets gewijzigd.',
    stale:
      'Iemand anders heeft de vragenlijst intussen opgeslagen. Laad de pagina opnieuw om hun wijzigingen te zien; uw eigen wijzigingen gaan dan verloren.',
    reload: 'Opnieuw laden',
    notSaved: 'Niet opgeslagen: de vragenlijst heeft problemen.',
    importBad: 'Het bestand is niet ingelezen: het is geen geldige JSON.',
    importIssues: 'Het bestand is niet ingelezen. Problemen:',
    imported: 'Bestand ingelezen. Controleer het voorbeeld en sla op om het over te nemen.',
    versions: 'Versies',
    responses: '{n} antwoorden',
    edits: 'Wijzigingen',
    kinds: {
      edit: 'wijziging',
      wording: 'tekstcorrectie',
      'new-version': 'nieuwe versie',
      import: 'import',
      created: 'aangemaakt',
    } as Record<string, string>,
    loading: 'Vragenlijst laden…',
    empty: 'Nog geen vragen in dit onderdeel.',
    leave: 'Er zijn niet-opgeslagen wijzigingen in de vragenlijst. Toch weggaan? De wijzigingen gaan dan verloren.',
    newSection: 'Nieuw onderdeel',
    newSectionEn: 'New section',
    newItem: 'Nieuwe vraag',
    newItemEn: 'New question',
    allRounds: 'alle {roundWords}',
  },
  en: {
    title: 'Questionnaire',
    version: 'Version {v}',
    unsaved: 'Unsaved changes',
    saved: 'All saved',
    save: 'Save',
    saving: 'Saving…',
    undo: 'Undo',
    exportJson: 'Export (JSON)',
    importJson: 'Import (JSON)',
    importInstrument: 'From LimeSurvey or REDCap',
    history: 'Version history',
    edit: 'Edit',
    preview: 'Preview',
    answeredShort: 'There are answers in: {rounds}.',
    howVersions: 'What does this mean for changes?',
    answered:
      'Wording fixes are saved in version {v} and recorded in the history. Changes that alter the meaning of answers (scale, item type, variable name, adding or removing items in those {roundWords}) create a new version; variable names stay the same so {roundWords} remain comparable.',
    willWording: 'On save: wording fix in version {v}',
    willAs: 'On save: {what} in version {v}',
    willNew: 'On save: new version {v}',
    willEdit: 'On save: change in version {v}',
    issues: '{n} problems',
    issuesTitle: 'Solve these problems before saving',
    item: 'Item',
    section: 'Section',
    sectionTitle: 'Section title',
    intro: 'Introduction (optional)',
    addItem: 'Add an item',
    type: 'Type',
    add: 'Add',
    addSection: 'Add a section',
    editSection: 'Edit title and introduction',
    doneSection: 'Done',
    removeSection: 'Remove section',
    sectionUp: 'Move section up',
    sectionDown: 'Move section down',
    move: 'Move item {id} (arrow keys)',
    up: 'Move item {id} up',
    down: 'Move item {id} down',
    open: 'Edit item {id}',
    close: 'Collapse item {id}',
    remove: 'Remove item {id}',
    required: 'required',
    hasShowIf: 'condition',
    moved: 'Item {id} is now at position {n} of "{section}".',
    deletedItem: 'Item "{id}" removed.',
    deletedSection: 'Section "{title}" removed.',
    restored: 'Restored.',
    newTitle: 'Save new version {v}?',
    newLead:
      'These changes alter the meaning of answers already given. A new version is therefore created; the answers in version {old} stay with that version.',
    note: 'Note for this version (optional)',
    confirmNew: 'Save new version',
    cancel: 'Cancel',
    changes: 'Changes',
    savedWording: 'Saved as a wording fix in version {v}; the change is in the version history.',
    savedAs: 'Saved in version {v}: {what}. The change is in the version history.',
    savedNewAs: 'Saved as new version {v}. What changed: {what}.',
    savedNew: 'Saved as new version {v}.',
    savedEdit: 'Saved in version {v}.',
    nothing: 'Nothing had changed.',
    stale: 'Someone else saved the questionnaire in the meantime. Reload the page to see their changes; your own changes will be lost.',
    reload: 'Reload',
    notSaved: 'Not saved: the questionnaire has problems.',
    importBad: 'The file was not read: it is not valid JSON.',
    importIssues: 'The file was not read. Problems:',
    imported: 'File read. Check the preview and save to keep it.',
    versions: 'Versions',
    responses: '{n} responses',
    edits: 'Changes',
    kinds: { edit: 'change', wording: 'wording fix', 'new-version': 'new version', import: 'import', created: 'created' } as Record<
      string,
      string
    >,
    loading: 'Loading questionnaire…',
    empty: 'No items in this section yet.',
    leave: 'The questionnaire has unsaved changes. Leave anyway? The changes will be lost.',
    newSection: 'Nieuw onderdeel',
    newSectionEn: 'New section',
    newItem: 'Nieuwe vraag',
    newItemEn: 'New question',
    allRounds: 'all {roundWords}',
  },
};

let uidCounter = 0;
const uids = new WeakMap<object, string>();
const uidOf = (o: object): string => {
  let u = uids.get(o);
  if (!u) uids.set(o, (u = `u${++uidCounter}`));
  return u;
};

/**
 * <rondo-builder-view>: the questionnaire builder. Sections and items of every type, texts in
 * Dutch and English side by side, rounds, show-if, measures; reorder by dragging or with the
 * keyboard (arrow buttons, or Alt+↑/↓ on the handle); delete with undo; a live check that
 * names each problem's item; saving by the versioning rules (a new version is confirmed in a
 * dialog that lists why); JSON import and export; and a live preview per round and language.
 */
export class RondoBuilderView extends LightElement {
  static override properties = {
    data: { state: true },
    draft: { state: true },
    dirty: { state: true },
    check: { state: true },
    open: { state: true },
    busy: { state: true },
    message: { state: true },
    error: { state: true },
    errorList: { state: true },
    deleted: { state: true },
    tab: { state: true },
    history: { state: true },
    confirm: { state: true },
    stale: { state: true },
    focusItem: { state: true },
  };
  params: Record<string, string> = {};
  /** The item last opened for editing; the preview marks it. */
  focusItem = '';
  data: Loaded | null = null;
  draft: Questionnaire | null = null;
  dirty = false;
  check: CheckResult | null = null;
  open = new Set<string>();
  busy = false;
  message = '';
  error = '';
  errorList: string[] = [];
  deleted: Deleted[] = [];
  tab: 'edit' | 'preview' = 'edit';
  history: History | null = null;
  confirm: CheckResult | null = null;
  stale = false;
  private source: 'edit' | 'import' = 'edit';
  private checkTimer = 0;
  private dragging: string | null = null;
  private off?: () => void;
  private offGuard?: () => void;
  private readonly beforeUnload = (e: BeforeUnloadEvent) => {
    if (this.dirty) e.preventDefault();
  };

  private get base() {
    return `/api/studies/${encodeURIComponent(this.params.slug)}/questionnaire`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.off = onLangChange(this);
    window.addEventListener('beforeunload', this.beforeUnload);
    this.offGuard = onBeforeNavigate(() => !this.dirty || confirm(withWords(this.params.slug, m(MESSAGES)).leave));
    void this.load();
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
    window.removeEventListener('beforeunload', this.beforeUnload);
    this.offGuard?.();
  }

  private async load(): Promise<void> {
    this.data = await get<Loaded>(this.base);
    this.draft = structuredClone(this.data.definition);
    this.dirty = false;
    this.source = 'edit';
    this.check = null;
    this.stale = false;
  }

  // ---- editing ------------------------------------------------------------------------

  private change(next: Questionnaire): void {
    this.draft = next;
    this.dirty = true;
    clearTimeout(this.checkTimer);
    this.checkTimer = window.setTimeout(() => void this.runCheck(), 500);
  }

  private async runCheck(): Promise<CheckResult | null> {
    if (!this.draft) return null;
    try {
      this.check = await post<CheckResult>(`${this.base}/check`, { definition: this.draft });
    } catch {
      this.check = null;
    }
    return this.check;
  }

  private readonly changeIndicators = (e: CustomEvent<{ indicators: Indicator[] }>) => {
    // An empty list is no list, so removing the last indicator leaves the definition as it was before.
    const { indicators: _, ...rest } = this.draft!;
    this.change(e.detail.indicators.length ? { ...rest, indicators: e.detail.indicators } : rest);
  };

  private withSections(fn: (sections: Section[]) => Section[]): void {
    this.change({ ...this.draft!, sections: fn([...this.draft!.sections]) });
  }

  private replaceItem(si: number, ii: number, item: Item): void {
    const old = this.draft!.sections[si].items[ii];
    uids.set(item, uidOf(old));
    this.withSections((secs) => {
      const items = [...secs[si].items];
      items[ii] = item;
      secs[si] = { ...secs[si], items };
      return secs;
    });
  }

  private patchSection(si: number, p: Partial<Section>): void {
    const old = this.draft!.sections[si];
    const next = { ...old, ...p };
    uids.set(next, uidOf(old));
    this.withSections((secs) => {
      secs[si] = next;
      return secs;
    });
  }

  private addItem(si: number, type: ItemType): void {
    const used = new Set(itemsOf(this.draft!).map((i) => i.id));
    const t = MESSAGES;
    const item = itemOfType(type, {
      id: freeVariable(used),
      text: { nl: t.nl.newItem, en: t.en.newItemEn },
      rounds: this.data!.rounds.map((r) => r.key),
      required: false,
    });
    this.withSections((secs) => {
      secs[si] = { ...secs[si], items: [...secs[si].items, item] };
      uids.set(secs[si], uidOf(this.draft!.sections[si]));
      return secs;
    });
    this.open = new Set([...this.open, uidOf(item)]);
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#ie-${item.id}-text-nl`)?.focus());
  }

  private addSection(): void {
    const keys = new Set(this.draft!.sections.map((s) => s.key));
    let n = this.draft!.sections.length + 1;
    while (keys.has(`section${n}`)) n++;
    this.withSections((secs) => [
      ...secs,
      { key: `section${n}`, title: { nl: MESSAGES.nl.newSection, en: MESSAGES.en.newSectionEn }, items: [] },
    ]);
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#sec-${this.draft!.sections.length - 1}-title-nl`)?.focus());
  }

  private removeItem(si: number, ii: number): void {
    const item = this.draft!.sections[si].items[ii];
    this.deleted = [...this.deleted, { kind: 'item', item, section: si, index: ii }];
    this.withSections((secs) => {
      secs[si] = { ...secs[si], items: secs[si].items.filter((_, j) => j !== ii) };
      uids.set(secs[si], uidOf(this.draft!.sections[si]));
      return secs;
    });
    this.announce(fill(withWords(this.params.slug, m(MESSAGES)).deletedItem, { id: item.id }));
  }

  private removeSection(si: number): void {
    const section = this.draft!.sections[si];
    this.deleted = [...this.deleted, { kind: 'section', section, index: si }];
    this.withSections((secs) => secs.filter((_, j) => j !== si));
    this.announce(fill(withWords(this.params.slug, m(MESSAGES)).deletedSection, { title: tx(section.title) }));
  }

  private undo(): void {
    const last = this.deleted[this.deleted.length - 1];
    if (!last) return;
    this.deleted = this.deleted.slice(0, -1);
    if (last.kind === 'section') {
      this.withSections((secs) => {
        secs.splice(Math.min(last.index, secs.length), 0, last.section);
        return secs;
      });
    } else {
      this.withSections((secs) => {
        const si = Math.min(last.section, secs.length - 1);
        const items = [...secs[si].items];
        items.splice(Math.min(last.index, items.length), 0, last.item);
        const next = { ...secs[si], items };
        uids.set(next, uidOf(secs[si]));
        secs[si] = next;
        return secs;
      });
    }
    this.announce(withWords(this.params.slug, m(MESSAGES)).restored);
  }

  /** Moves an item to (section, index); used by dragging, the arrow buttons and Alt+arrows. */
  private moveItem(from: [number, number], to: [number, number], focus = true): void {
    const [fs, fi] = from;
    const item = this.draft!.sections[fs].items[fi];
    this.withSections((secs) => {
      const out = secs.map((s) => ({ ...s, items: [...s.items] }));
      secs.forEach((s, i) => uids.set(out[i], uidOf(s)));
      out[fs].items.splice(fi, 1);
      let [ts, ti] = to;
      ts = Math.max(0, Math.min(out.length - 1, ts));
      ti = Math.max(0, Math.min(out[ts].items.length, ti));
      out[ts].items.splice(ti, 0, item);
      return out;
    });
    const [ts] = to;
    const section = this.draft!.sections[Math.max(0, Math.min(this.draft!.sections.length - 1, ts))];
    const pos = section.items.indexOf(item) + 1;
    this.announce(fill(withWords(this.params.slug, m(MESSAGES)).moved, { id: item.id, n: pos, section: tx(section.title) }));
    if (focus) void this.updateComplete.then(() => this.querySelector<HTMLElement>(`[data-uid="${uidOf(item)}"] .b-handle`)?.focus());
  }

  private step(si: number, ii: number, by: -1 | 1): void {
    const secs = this.draft!.sections;
    if (by < 0) {
      if (ii > 0) this.moveItem([si, ii], [si, ii - 1]);
      else if (si > 0) this.moveItem([si, ii], [si - 1, secs[si - 1].items.length]);
    } else if (ii < secs[si].items.length - 1) this.moveItem([si, ii], [si, ii + 1]);
    else if (si < secs.length - 1) this.moveItem([si, ii], [si + 1, 0]);
  }

  private moveSection(si: number, by: -1 | 1): void {
    const to = si + by;
    if (to < 0 || to >= this.draft!.sections.length) return;
    this.withSections((secs) => {
      [secs[si], secs[to]] = [secs[to], secs[si]];
      return secs;
    });
  }

  private announce(text: string): void {
    this.message = '';
    void this.updateComplete.then(() => (this.message = text));
  }

  // ---- saving, import, history ------------------------------------------------------------

  private async save(): Promise<void> {
    const t = withWords(this.params.slug, m(MESSAGES));
    this.error = '';
    this.errorList = [];
    clearTimeout(this.checkTimer);
    this.busy = true;
    const check = await this.runCheck();
    this.busy = false;
    if (!check) return;
    if (!check.ok) {
      this.error = t.notSaved;
      await this.updateComplete;
      this.querySelector<HTMLElement>('#b-issues')?.focus();
      return;
    }
    if (check.outcome === 'none') {
      this.dirty = false;
      this.announce(t.nothing);
      return;
    }
    if (check.outcome === 'new-version') {
      this.confirm = check;
      await this.updateComplete;
      this.querySelector<HTMLDialogElement>('#b-confirm')?.showModal();
      return;
    }
    await this.commit('');
  }

  private async commit(note: string): Promise<void> {
    const t = withWords(this.params.slug, m(MESSAGES));
    this.busy = true;
    try {
      const r = await put<{ outcome: string; version: number; labels?: ChangeLabel[] }>(this.base, {
        definition: this.draft,
        baseVersion: this.data!.version,
        baseRevision: this.data!.revision,
        source: this.source,
        ...(note ? { note } : {}),
      });
      await this.load();
      // What the study measures may have changed: the navigation offers its views from the session (issue 16).
      void loadSession();
      this.deleted = [];
      this.history = null;
      // Say what the save was (questions added, text correction, …), not only where it went (issue 16).
      const what = labelList(r.labels).toLowerCase();
      this.announce(
        what
          ? fill(r.outcome === 'new-version' ? t.savedNewAs : t.savedAs, { v: r.version, what })
          : fill(r.outcome === 'new-version' ? t.savedNew : r.outcome === 'wording' ? t.savedWording : t.savedEdit, { v: r.version }),
      );
    } catch (err) {
      const f = err as ApiFailure;
      if (f.code === 'CONFLICT' && f.details?.reason === 'stale') this.stale = true;
      else if (f.code === 'VALIDATION') {
        // The server's message is English; its issues carry the text in both languages.
        const first = (f.details?.issues as QuestionnaireIssue[] | undefined)?.[0];
        this.error = first?.text ? tx(first.text) : failureMessage(f);
      } else this.error = errorText(f);
    }
    this.busy = false;
  }

  private async importFile(file: File | undefined): Promise<void> {
    if (!file) return;
    const t = withWords(this.params.slug, m(MESSAGES));
    this.error = '';
    this.errorList = [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      this.error = t.importBad;
      return;
    }
    const r = await post<CheckResult>(`${this.base}/check`, { definition: parsed });
    if (!r.ok) {
      this.error = t.importIssues;
      this.errorList = r.issues.map(issueText);
      return;
    }
    this.source = 'import';
    this.change(parsed as Questionnaire);
    this.check = r;
    this.announce(t.imported);
  }

  private async loadHistory(e: Event): Promise<void> {
    if ((e.target as HTMLDetailsElement).open && !this.history) this.history = await get<History>(`${this.base}/history`);
  }

  // ---- rendering ----------------------------------------------------------------------------

  private itemIssues(id: string): QuestionnaireIssue[] {
    return (this.check?.issues ?? []).filter((i) => i.item === id);
  }

  private renderItem(si: number, ii: number, item: Item, earlier: Item[], answeredRounds: Set<string>) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const uid = uidOf(item);
    const isOpen = this.open.has(uid);
    const issues = this.itemIssues(item.id);
    const answered = item.rounds.some((r) => answeredRounds.has(r));
    const roundNames =
      item.rounds.length === this.data!.rounds.length
        ? t.allRounds
        : item.rounds.map((k) => tx(this.data!.rounds.find((r) => r.key === k)?.label) || k).join(', ');
    return html`<li class="b-item" data-uid=${uid} ?data-open=${isOpen} draggable="true"
      @dragstart=${(e: DragEvent) => {
        this.dragging = uid;
        e.dataTransfer?.setData('text/plain', item.id);
        (e.currentTarget as HTMLElement).classList.add('b-dragging');
      }}
      @dragend=${(e: DragEvent) => {
        this.dragging = null;
        (e.currentTarget as HTMLElement).classList.remove('b-dragging');
      }}
      @dragover=${(e: DragEvent) => {
        if (this.dragging && this.dragging !== uid) {
          e.preventDefault();
          (e.currentTarget as HTMLElement).classList.add('b-drag-over');
        }
      }}
      @dragleave=${(e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove('b-drag-over')}
      @drop=${(e: DragEvent) => {
        e.preventDefault();
        (e.currentTarget as HTMLElement).classList.remove('b-drag-over');
        const from = this.locate(this.dragging);
        if (from) this.moveItem(from, from[0] === si && from[1] < ii ? [si, ii - 1] : [si, ii], false);
      }}>
      <div class="b-item-row">
        <button type="button" class="b-handle" aria-label=${fill(t.move, { id: item.id })} title=${fill(t.move, { id: item.id })}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
              e.preventDefault();
              this.step(si, ii, e.key === 'ArrowUp' ? -1 : 1);
            }
          }}>${gripIcon}</button>
        <div class="b-item-main">
          <span class="b-var">${item.id}</span>
          <p>${tx(item.text) || '—'}</p>
          <div class="b-meta">
            <span class="a-badge a-badge--muted">${fillWords(this.params.slug, m(TYPE_NAMES[item.type]))}</span>
            <span class="a-badge a-badge--muted">${roundNames}</span>
            ${item.required ? html`<span class="a-badge a-badge--muted">${t.required}</span>` : nothing}
            ${item.showIf ? html`<span class="a-badge a-badge--muted">${t.hasShowIf}: ${item.showIf.item}</span>` : nothing}
            ${issues.length ? html`<span class="a-badge a-badge--danger">${fill(t.issues, { n: issues.length })}</span>` : nothing}
          </div>
        </div>
        <div class="b-item-tools">
          <button type="button" class="a-icon" aria-label=${fill(t.up, { id: item.id })} @click=${() => this.step(si, ii, -1)}>↑</button>
          <button type="button" class="a-icon" aria-label=${fill(t.down, { id: item.id })} @click=${() => this.step(si, ii, 1)}>↓</button>
          <button type="button" class="a-icon b-toggle" aria-expanded=${isOpen ? 'true' : 'false'} aria-label=${fill(isOpen ? t.close : t.open, { id: item.id })}
            @click=${() => {
              const o = new Set(this.open);
              if (isOpen) o.delete(uid);
              else {
                o.add(uid);
                this.focusItem = item.id;
              }
              this.open = o;
            }}>${isOpen ? collapseIcon : editIcon}</button>
          <button type="button" class="a-icon" aria-label=${fill(t.remove, { id: item.id })} @click=${() => this.removeItem(si, ii)}>${trashIcon}</button>
        </div>
      </div>
      ${
        isOpen
          ? html`<rondo-item-editor .item=${item} .earlier=${earlier} .rounds=${this.data!.rounds} .languages=${this.data!.languages} .issues=${issues} ?answered=${answered}
            @rondo-item-change=${(e: CustomEvent<{ item: Item }>) => this.replaceItem(si, ii, e.detail.item)}></rondo-item-editor>`
          : nothing
      }
    </li>`;
  }

  private locate(uid: string | null): [number, number] | null {
    if (!uid) return null;
    const secs = this.draft!.sections;
    for (let s = 0; s < secs.length; s++) {
      const i = secs[s].items.findIndex((it) => uidOf(it) === uid);
      if (i >= 0) return [s, i];
    }
    return null;
  }

  private renderSection(section: Section, si: number, answeredRounds: Set<string>) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const before = this.draft!.sections.slice(0, si).flatMap((s) => s.items);
    const langs = this.data!.languages;
    const suid = uidOf(section);
    const sectionOpen = this.open.has(suid);
    const textField = (
      key: 'title' | 'intro',
      lang: Lang,
      label: string,
    ) => html`<div class="a-field"><label for="sec-${si}-${key}-${lang}">${label} <span class="a-lang-tag">${lang}</span></label>
      <input id="sec-${si}-${key}-${lang}" lang=${lang} maxlength="400" .value=${section[key]?.[lang] ?? ''}
        @input=${(e: Event) => this.patchSection(si, { [key]: { ...(section[key] ?? {}), [lang]: (e.target as HTMLInputElement).value } })}></div>`;
    return html`<section class="b-section" aria-labelledby="sec-${si}-h">
      <div class="b-section-head">
        <div class="a-row a-row--between b-section-title">
          <h2 id="sec-${si}-h"><span class="a-badge a-badge--muted">${t.section} ${si + 1}</span> ${tx(section.title)}</h2>
          <button type="button" class="a-quiet" aria-expanded=${sectionOpen ? 'true' : 'false'} aria-controls="sec-${si}-fields"
            @click=${() => {
              const o = new Set(this.open);
              if (sectionOpen) o.delete(suid);
              else o.add(suid);
              this.open = o;
            }}>${sectionOpen ? t.doneSection : t.editSection}<span class="a-sr"> ${tx(section.title)}</span></button>
        </div>
        ${section.intro && !sectionOpen ? html`<p class="a-muted b-intro">${tx(section.intro)}</p>` : nothing}
        <div id="sec-${si}-fields" ?hidden=${!sectionOpen}>
        <div class="a-pair">${langs.map((l) => textField('title', l, t.sectionTitle))}</div>
        <div class="a-pair">${langs.map((l) => textField('intro', l, t.intro))}</div>
        <div class="a-row">
          <button type="button" class="a-quiet" ?disabled=${si === 0} @click=${() => this.moveSection(si, -1)}>↑ ${t.sectionUp}</button>
          <button type="button" class="a-quiet" ?disabled=${si === this.draft!.sections.length - 1} @click=${() => this.moveSection(si, 1)}>↓ ${t.sectionDown}</button>
          <button type="button" class="a-quiet" ?disabled=${this.draft!.sections.length === 1} @click=${() => this.removeSection(si)}>${t.removeSection}</button>
        </div>
        </div>
      </div>
      ${
        section.items.length
          ? html`<ol class="b-items">${repeat(
              section.items,
              (it) => uidOf(it),
              (it, ii) => this.renderItem(si, ii, it, [...before, ...section.items.slice(0, ii)], answeredRounds),
            )}</ol>`
          : html`<p class="a-muted b-empty">${t.empty}</p>`
      }
      <form class="b-add" @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        this.addItem(si, ((e.target as HTMLFormElement).elements.namedItem('type') as HTMLSelectElement).value as ItemType);
      }}>
        <div class="a-field"><label for="add-type-${si}">${t.addItem}: ${t.type}</label>
          <select id="add-type-${si}" name="type">${ITEM_TYPES.map((ty) => html`<option value=${ty}>${fillWords(this.params.slug, m(TYPE_NAMES[ty]))}</option>`)}</select></div>
        <button type="submit" class="a-secondary">+ ${t.add}<span class="a-sr"> (${tx(section.title)})</span></button>
      </form>
    </section>`;
  }

  override render() {
    const t = withWords(this.params.slug, m(MESSAGES));
    if (!this.data || !this.draft) return html`<h1>${t.title}</h1><p role="status" class="a-muted">${t.loading}</p>`;
    const d = this.data;
    const answeredRounds = new Set(d.answeredRounds);
    const issues = this.check?.issues ?? [];
    const outcome = this.dirty && this.check?.ok ? this.check.outcome : null;
    const nextV = this.check?.version ?? d.version;
    // What the save will be (questions added, text correction, …), from the same labels the history shows.
    const what = this.check?.ok ? labelList(changeLabels(this.check.changes ?? [])).toLowerCase() : '';
    const inPlace = what
      ? fill(t.willAs, { what, v: d.version })
      : fill(outcome === 'wording' ? t.willWording : t.willEdit, { v: d.version });
    return html`<h1>${t.title}</h1>
      <div class="b-bar">
        <span class="a-badge">${fill(t.version, { v: d.version })}</span>
        <span class="b-status" aria-live="polite">${this.dirty ? t.unsaved : t.saved}${outcome === 'new-version' ? html` · <strong class="b-warn">${fill(t.willNew, { v: nextV })}</strong>` : outcome === 'wording' || outcome === 'edit' ? ` · ${inPlace}` : nothing}</span>
        ${this.deleted.length ? html`<button type="button" class="a-secondary" @click=${this.undo}>↶ ${t.undo}</button>` : nothing}
        <a class="button a-secondary" href="${this.base}/export" download>${t.exportJson}</a>
        <label class="button a-secondary b-import">${t.importJson}<input type="file" accept=".json,application/json" class="a-sr" @change=${(
          e: Event,
        ) => {
          void this.importFile((e.target as HTMLInputElement).files?.[0]);
          (e.target as HTMLInputElement).value = '';
        }}></label>
        <a class="button a-secondary" href="/app/s/${this.params.slug}/questionnaire/instrument">${t.importInstrument}</a>
        <button type="button" class="a-primary" ?disabled=${!this.dirty || this.busy} @click=${this.save}>${this.busy ? t.saving : t.save}</button>
      </div>
      ${
        d.answeredRounds.length
          ? html`<div class="a-alert a-alert--info"><p>${fill(t.answeredShort, {
              rounds: d.rounds
                .filter((r) => answeredRounds.has(r.key))
                .map((r) => tx(r.label))
                .join(', '),
            })}</p>
            <details><summary>${t.howVersions}</summary><p>${fill(t.answered, { v: d.version })}</p></details></div>`
          : nothing
      }
      <div class="a-sr" role="status" aria-live="polite">${this.message}</div>
      ${this.message ? html`<p class="a-alert a-alert--ok" aria-hidden="true">${this.message}</p>` : nothing}
      ${this.stale ? html`<div class="a-alert a-alert--error" role="alert"><p>${t.stale}</p><button type="button" class="a-secondary" @click=${() => this.load()}>${t.reload}</button></div>` : nothing}
      ${this.error ? html`<div class="a-alert a-alert--error" role="alert"><p>${this.error}</p>${this.errorList.length ? html`<ul>${this.errorList.map((e) => html`<li>${e}</li>`)}</ul>` : nothing}</div>` : nothing}
      ${
        issues.length
          ? html`<div class="a-alert a-alert--warn" id="b-issues" tabindex="-1"><p><strong>${t.issuesTitle}</strong> (${fill(t.issues, { n: issues.length })})</p>
            <ul>${issues.slice(0, 30).map((i) => html`<li>${issueText(i)}</li>`)}</ul></div>`
          : nothing
      }
      <div class="b-tabs" role="tablist">
        <button type="button" role="tab" id="b-tab-edit" aria-controls="b-edit" aria-selected=${this.tab === 'edit' ? 'true' : 'false'} @click=${() => (this.tab = 'edit')}>${t.edit}</button>
        <button type="button" role="tab" id="b-tab-preview" aria-controls="b-preview" aria-selected=${this.tab === 'preview' ? 'true' : 'false'} @click=${() => (this.tab = 'preview')}>${t.preview}</button>
      </div>
      <div class="b-cols">
        <div id="b-edit" role="tabpanel" aria-labelledby="b-tab-edit" ?hidden=${this.tab !== 'edit'}>
          ${this.draft.sections.map((s, si) => this.renderSection(s, si, answeredRounds))}
          <button type="button" class="a-secondary" @click=${this.addSection}>+ ${t.addSection}</button>
          <rondo-indicators-editor .indicators=${this.draft.indicators ?? []} .items=${itemsOf(this.draft)} .languages=${d.languages}
            .issues=${issues.filter((i) => i.path.startsWith('/indicators'))}
            @rondo-indicators-change=${this.changeIndicators}></rondo-indicators-editor>
          <details class="a-card b-history" @toggle=${this.loadHistory}>
            <summary><strong>${t.history}</strong></summary>
            ${
              this.history
                ? html`<h3>${t.versions}</h3><ul>${this.history.versions.map((v) => html`<li><strong>${fill(t.version, { v: v.version })}</strong> · ${dateTime(v.createdAt)} · ${fill(t.responses, { n: v.responses })}${v.note ? html`<br><span class="a-muted">${v.note}</span>` : nothing}</li>`)}</ul>
                  <h3>${t.edits}</h3><ul>${this.history.edits.map(
                    (
                      e,
                    ) => html`<li>${dateTime(e.at)} · ${fill(t.version, { v: e.version })} · <strong>${editLabel(e, t.kinds)}</strong> · ${e.actor}
                    ${e.changes.length ? html`<ul>${e.changes.slice(0, 12).map((c) => html`<li>${m(c.message)}</li>`)}</ul>` : e.summary ? html`<br><span class="a-muted">${e.summary}</span>` : nothing}</li>`,
                  )}</ul>`
                : html`<p class="a-muted">…</p>`
            }
          </details>
        </div>
        <div id="b-preview" role="tabpanel" aria-labelledby="b-tab-preview" class="b-preview-pane" ?hidden=${this.tab !== 'preview'}>
          <rondo-questionnaire-preview .questionnaire=${this.draft} .focusItem=${this.focusItem} .rounds=${d.rounds} .languages=${d.languages}
            .partners=${d.partners.map((p) => ({ id: p.id, name: p.name }))} .tools=${d.tools.map((x) => ({ id: x.id, name: x.name, description: x.description }))}></rondo-questionnaire-preview>
        </div>
      </div>
      <dialog id="b-confirm" class="a-dialog" aria-labelledby="b-confirm-title" @close=${() => (this.confirm = null)}>
        ${
          this.confirm
            ? html`<form method="dialog" @submit=${(e: SubmitEvent) => {
                const submitter = e.submitter as HTMLButtonElement | null;
                if (submitter?.value !== 'save') return;
                void this.commit(((e.target as HTMLFormElement).elements.namedItem('note') as HTMLInputElement).value.trim());
              }}>
              <h2 id="b-confirm-title">${fill(t.newTitle, { v: this.confirm.version ?? d.version + 1 })}</h2>
              <p>${fill(t.newLead, { old: d.version })}</p>
              <h3>${t.changes}</h3>
              <ul>${(this.confirm.changes ?? []).map((c) => html`<li>${c.newVersion ? html`<strong>${m(c.message)}</strong>` : m(c.message)}</li>`)}</ul>
              <div class="a-field"><label for="b-note">${t.note}</label><input id="b-note" name="note" maxlength="500"></div>
              <div class="a-row a-row--end"><button type="submit" value="cancel" class="a-secondary">${t.cancel}</button><button type="submit" value="save" class="a-primary">${t.confirmNew}</button></div>
            </form>`
            : nothing
        }
      </dialog>`;
  }
}
/** Change labels as one phrase: "Vragen toegevoegd, tekstcorrectie"; empty without labels. */
function labelList(labels: readonly ChangeLabel[] | undefined): string {
  const text = (labels ?? []).map((l, i) => {
    const s = changeLabelText(l, lang());
    return i ? s.charAt(0).toLowerCase() + s.slice(1) : s;
  });
  return text.join(', ');
}

/** A history entry as what it is: its change labels, after "nieuwe versie" or "import" when it was one. */
function editLabel(e: { kind: string; labels?: ChangeLabel[] }, kinds: Record<string, string>): string {
  const what = labelList(e.labels);
  const kind = kinds[e.kind] ?? e.kind;
  if (!what) return kind;
  return e.kind === 'new-version' || e.kind === 'import' ? `${kind}: ${what.charAt(0).toLowerCase()}${what.slice(1)}` : what;
}

customElements.define('rondo-builder-view', RondoBuilderView);
