import type { InstrumentNote, InstrumentNoteCode, InstrumentReport, InstrumentSource } from '../../../model/api/instrument.js';
import type { Lang, LocalText } from '../../../model/i18n.js';
import type { Item, ItemType, Measure, Questionnaire, ScalePoint, Section } from '../../../model/questionnaire-shape.js';

/**
 * What the LimeSurvey and REDCap readers share: turning a tool's questions into rondo items with
 * ids, texts in the study's languages and a note for everything that is lost or changed, so
 * nothing is dropped silently. A reader calls `question()` per question of the file, then
 * `item()` for each rondo item it becomes (or `intro()`, or nothing with a note saying why).
 */

/** A label per language of the file ("nl", "en"; a LimeSurvey "nl-informal" counts as "nl"). */
export type Texts = Record<string, string>;

export type QuestionReport = InstrumentReport['questions'][number];

export interface StudyContext {
  languages: readonly Lang[];
  roundKeys: readonly string[];
}

/** Which rondo measure an imported item gets: a guess the researcher checks in the builder (one note says so). */
const MEASURE: Record<ItemType, Measure> = {
  likert: 'satisfaction',
  frequency: 'satisfaction',
  rating: 'satisfaction',
  yesno: 'background',
  single: 'background',
  multi: 'background',
  number: 'background',
  text: 'open',
  partnerGrid: 'collaboration-frequency',
  toolGrid: 'tool-use',
};

const HTML = /<\s*[a-z!/][^>]*>/i;

export class InstrumentBuilder {
  readonly notes: InstrumentNote[] = [];
  readonly questions: QuestionReport[] = [];
  private readonly sections: Section[] = [];
  private readonly ids = new Set<string>();
  private readonly sectionKeys = new Set<string>();
  readonly fileLanguages = new Set<string>();

  constructor(
    readonly source: InstrumentSource,
    readonly study: StudyContext,
  ) {}

  note(q: QuestionReport | null, code: InstrumentNoteCode, severity: InstrumentNote['severity'], message: string): void {
    const list = q ? q.notes : this.notes;
    if (q && list.some((n) => n.code === code && n.message === message)) return;
    list.push({ code, severity, message });
  }

  /** A question of the file: its report, to which items and notes are added. */
  question(source: string, sourceType: string): QuestionReport {
    const q: QuestionReport = { source, sourceType, items: [], intro: false, notes: [] };
    this.questions.push(q);
    return q;
  }

  /** Starts a section (a LimeSurvey group, a REDCap form or section header). */
  section(hint: string, title: Texts, intro?: Texts): void {
    let key = identifier(hint, 's');
    for (let n = 2; this.sectionKeys.has(key); n++) key = `${identifier(hint, 's').slice(0, 36)}_${n}`;
    this.sectionKeys.add(key);
    const s: Section = { key, title: this.text(title, null, key), items: [] };
    if (intro && Object.values(intro).some((t) => t.trim())) s.intro = this.text(intro, null, key);
    this.sections.push(s);
  }

  /**
   * A label in the study's languages: the file's own text per language; a language the file
   * lacks gets another language's text, with a note. HTML and script stay as text (rondo
   * escapes every label it shows); piping placeholders stay too, with a note each.
   */
  text(texts: Texts, q: QuestionReport | null, what: string): LocalText {
    const own = new Map<string, string>();
    for (const [lang, t] of Object.entries(texts)) {
      const key = lang.slice(0, 2).toLowerCase();
      if (t.trim() && !own.has(key)) own.set(key, t.trim());
    }
    const fallback = [...own.values()][0] ?? what;
    const out: LocalText = {};
    for (const lang of this.study.languages) {
      const t = own.get(lang);
      if (t === undefined && q)
        this.note(q, 'LABEL_COPIED', 'info', `${lang}: no ${lang} text in the file; the ${[...own.keys()][0] ?? 'id'} text is used.`);
      out[lang] = t ?? fallback;
    }
    if (q) {
      const all = [...own.values()].join('\n');
      if (HTML.test(all))
        this.note(
          q,
          'HTML_KEPT_AS_TEXT',
          'warning',
          'The text holds HTML markup; it is kept as plain text (shown, never run). Edit it in the builder.',
        );
      const piping = this.source === 'limesurvey' ? /\{[^{}\s][^{}]*\}/.exec(all) : /\[[a-z][a-z0-9_]*(\([^)]*\))?(:[a-z]+)?\]/i.exec(all);
      if (piping) this.note(q, 'PIPING', 'warning', `The text pipes in another answer or value (${piping[0]}); rondo shows it literally.`);
    }
    return out;
  }

  /** A rondo id from the file's name: lower case, letters, digits and _, at most 40, unique. */
  id(raw: string, q: QuestionReport): string {
    const base = identifier(raw, 'q');
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base.slice(0, 36)}_${n}`;
    this.ids.add(id);
    if (id !== raw.toLowerCase()) this.note(q, 'ID_RENAMED', 'info', `"${raw}" is called ${id} in rondo (variable names: a-z, 0-9 and _).`);
    return id;
  }

  /** Adds an item to the current section; the common fields are filled here. */
  item(q: QuestionReport, draft: ItemDraft): void {
    if (!this.sections.length) this.section('questions', { en: 'Questions', nl: 'Vragen' });
    const item = { ...draft, measure: MEASURE[draft.type], rounds: [...this.study.roundKeys] } as Item;
    this.sections[this.sections.length - 1].items.push(item);
    q.items.push({ id: item.id, type: item.type });
  }

  /** Text without an answer (boilerplate, descriptive field): appended to the current section's introduction. */
  intro(q: QuestionReport, text: LocalText): void {
    if (!this.sections.length) this.section('questions', { en: 'Questions', nl: 'Vragen' });
    const s = this.sections[this.sections.length - 1];
    const intro: LocalText = {};
    for (const lang of this.study.languages) intro[lang] = [s.intro?.[lang], text[lang]].filter(Boolean).join('\n\n');
    s.intro = intro;
    q.intro = true;
    this.note(q, 'INFO_AS_INTRO', 'info', `rondo has no text-only item: the text is added to the introduction of section "${s.key}".`);
  }

  /** The questionnaire, with a title; null when nothing could be imported. */
  finish(title: Texts): Questionnaire | null {
    const sections = this.sections.filter((s) => s.items.length || s.intro);
    if (!sections.some((s) => s.items.length)) {
      this.note(null, 'NO_QUESTIONS', 'error', 'The file has no question rondo can import.');
      return null;
    }
    if (sections.some((s) => s.items.length))
      this.note(
        null,
        'MEASURE_GUESSED',
        'info',
        'Each item gets a measure from its type (scales: satisfaction, choices and numbers: background, texts: open); check ' +
          'them in the builder.',
      );
    return { format: 'rondo.questionnaire/1', title: this.text(title, null, 'Questionnaire'), sections };
  }
}

/** An item without the fields the builder fills (measure, rounds). */
export type ItemDraft = Item extends infer I ? (I extends Item ? Omit<I, 'measure' | 'rounds'> : never) : never;

/** Options with rondo's integer codes: the file's own when they are distinct whole numbers, else 1…n (with a note). */
export function codedOptions(b: InstrumentBuilder, q: QuestionReport, options: { code: string; label: Texts }[]): ScalePoint[] {
  const own = options.map((o) => (/^\d{1,3}$/.test(o.code.trim()) ? Number(o.code) : Number.NaN));
  const usable = own.every((c) => Number.isInteger(c) && c <= 1000) && new Set(own).size === own.length;
  if (!usable && options.length)
    b.note(q, 'CODES_RENUMBERED', 'info', `Answer codes ${options.map((o, i) => `${o.code} → ${i + 1}`).join(', ')}.`);
  return options.map((o, i) => ({ code: usable ? own[i] : i + 1, label: b.text(o.label, q, o.code) }));
}

export function identifier(raw: string, prefix: string): string {
  let id = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(id)) id = `${prefix}_${id}`.replace(/_+$/, '');
  return id.slice(0, 40).replace(/_+$/, '') || prefix;
}

/** The report of a reader: counts and ok, from its questions and notes. */
export function reportOf(
  b: InstrumentBuilder,
  file: { name: string; bytes: number },
  questionnaire: Questionnaire | null,
): InstrumentReport {
  const items = b.questions.reduce((n, q) => n + q.items.length, 0);
  const warnings = [...b.notes, ...b.questions.flatMap((q) => q.notes)].filter((n) => n.severity === 'warning').length;
  return {
    ok: questionnaire !== null && !b.notes.some((n) => n.severity === 'error'),
    source: b.source,
    file,
    languages: [...b.fileLanguages],
    notes: b.notes,
    questions: b.questions,
    counts: { questions: b.questions.length, items, notImported: b.questions.filter((q) => !q.items.length && !q.intro).length, warnings },
    questionnaire,
    issues: [],
    changes: [],
    outcome: null,
    version: null,
    applied: false,
  };
}
