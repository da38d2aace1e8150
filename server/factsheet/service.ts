import type { Kysely } from 'kysely';
import type { Lang, Study } from '../../model/index.js';
import { audit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { defaultComposition, withAllSections, type Composition } from './composition.js';
import type { FactsheetData } from '../../analysis/findings/data.js';
import { demoComposition } from './demo-composition.js';
import { demoQuoteIds } from './demo-quotes.js';
import { buildDocument, type FactsheetDocument } from './document.js';
import { deriveStatements } from '../../analysis/findings/statements.js';
import { basisOf, writeSentences } from '../../analysis/findings/sentences.js';
import { renderFactsheetHtml } from './html/render.js';
import {
  approvedQuotes,
  insertDraft,
  insertVersion,
  loadDraft,
  loadOutput,
  type DraftRow,
  type QuoteRow,
  type StoredOutput,
  type VersionSummary,
} from './store.js';

/**
 * What the routes and the CLI do with factsheets, in one place: open the draft (creating the
 * default one on first use), render it, publish it, read published versions.
 */

export interface StudyRef {
  id: number;
  slug: string;
  definition: Study;
  isDemo: boolean;
}

/** Computes the factsheet numbers of a study now (the analysis engine behind it). */
export type DataSource = (study: StudyRef) => Promise<FactsheetData>;

/** The draft composition of a study; the first call creates the default (for the demo: the demo researcher's, with its approved quotes). */
export async function openDraft(
  db: Kysely<Database>,
  study: StudyRef,
  actor: { userId: number | null; label: string },
  now: Date,
): Promise<DraftRow> {
  const existing = await loadDraft(db, study.id);
  if (existing) return { ...existing, composition: withAllSections(existing.composition) };
  return writeTx(db, async (trx) => {
    const again = await loadDraft(trx, study.id);
    if (again) return again;
    let composition: Composition;
    if (study.isDemo) {
      // The demo's approved excerpts were written with the study (createDemoStudy).
      composition = demoComposition(study.definition.defaultLanguage, await demoQuoteIds(trx, study.id));
    } else {
      composition = defaultComposition(study.definition.defaultLanguage, { project: { ...study.definition.description } });
    }
    const draft = await insertDraft(trx, study.id, composition, actor.userId, now);
    await audit(trx, { actor: actor.label, studyId: study.id, action: 'factsheet.draft.create', at: now });
    return draft;
  });
}

export interface RenderedDraft {
  data: FactsheetData;
  composition: Composition;
  quotes: QuoteRow[];
  document: FactsheetDocument;
  html: string;
}

/** The draft in one language as it would be published now. */
export async function renderDraft(
  db: Kysely<Database>,
  source: DataSource,
  study: StudyRef,
  composition: Composition,
  lang: Lang,
  now: Date,
  options: { mode?: 'final' | 'preview'; data?: FactsheetData } = {},
): Promise<RenderedDraft> {
  const data = options.data ?? (await source(study));
  const quotes = await approvedQuotes(db, study.id);
  const document = buildDocument({ data, composition, quotes, lang, at: now.toISOString() });
  return { data, composition, quotes, document, html: renderFactsheetHtml(document, { mode: options.mode ?? 'final' }) };
}

/**
 * Publishes the draft as a new frozen version in every language of the study: the numbers,
 * the composition, the resolved documents and their HTML are stored as they are now; later
 * data never change them.
 */
export async function publishDraft(
  db: Kysely<Database>,
  source: DataSource,
  study: StudyRef,
  actor: { userId: number | null; label: string; session?: string },
  now: Date,
  note = '',
): Promise<VersionSummary> {
  const draft = await openDraft(db, study, actor, now);
  const data = await source(study);
  const quotes = await approvedQuotes(db, study.id);
  const published = now.toISOString();
  return writeTx(db, async (trx) => {
    const last = await trx
      .selectFrom('factsheet_version')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('study_id', '=', study.id)
      .executeTakeFirst();
    const version = { number: Number(last?.v ?? 0) + 1, publishedAt: published };
    const outputs = study.definition.languages.map((lang) => {
      const document = buildDocument({ data, composition: draft.composition, quotes, lang, at: published, version });
      return { lang, document, html: renderFactsheetHtml(document) };
    });
    const summary = await insertVersion(trx, {
      studyId: study.id,
      version: version.number,
      data,
      composition: draft.composition,
      outputs,
      userId: actor.userId,
      now,
      note,
    });
    await audit(trx, {
      actor: actor.label,
      studyId: study.id,
      action: 'factsheet.publish',
      target: `version ${summary.version}`,
      details: { languages: summary.languages, quotes: draft.composition.quotes.length },
      session: actor.session,
      at: now,
    });
    return summary;
  });
}

export async function publishedOutput(
  db: Kysely<Database>,
  study: StudyRef,
  version: number | 'latest',
  lang: Lang,
): Promise<StoredOutput | null> {
  return loadOutput(db, study.id, version, lang);
}

/**
 * Dates and fingerprints the sentence edits of a composition about to be saved: a new or
 * changed edit gets the fingerprint of the numbers it was written on (so the composer can flag
 * it when they change), an unchanged edit keeps its own, and an "edit" equal to the generated
 * sentence is dropped (it is not an edit).
 */
export function stampEdits(previous: Composition, next: Composition, data: FactsheetData, now: Date): Composition {
  const findings = deriveStatements(data);
  const bases = new Map(findings.map((k) => [k.key, basisOf(k.finding)]));
  const generated = new Map<string, string>();
  for (const lang of new Set(next.edits.map((e) => e.lang))) {
    for (const s of writeSentences(findings, {
      lang,
      minPercent: data.settings.minDenominatorForPercent,
      smallBelow: data.settings.smallNumbersBelow,
      terms: next.terms,
      labels: Object.fromEntries(next.labels.map((l) => [l.id, l.label])),
    })) {
      generated.set(`${s.key}|${lang}`, s.text);
    }
  }
  const before = new Map(previous.edits.map((e) => [`${e.key}|${e.lang}`, e]));
  const edits = next.edits
    .filter((e) => generated.get(`${e.key}|${e.lang}`) !== e.text)
    .map((e) => {
      const old = before.get(`${e.key}|${e.lang}`);
      if (old && old.text === e.text && old.basis) return { ...e, basis: old.basis, editedAt: old.editedAt };
      return { ...e, basis: bases.get(e.key) ?? '', editedAt: now.toISOString() };
    });
  return { ...next, edits };
}
