import type { Kysely } from 'kysely';
import type { Lang, Study } from '../../model/index.js';
import { audit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { defaultComposition, questionsByDefault, withAllSections, type Composition } from './composition.js';
import { currentQuestionnaire } from '../setup/questionnaire-store.js';
import type { FactsheetData } from '../../analysis/findings/data.js';
import { buildDocument, type FactsheetDocument } from './document.js';
import { deriveStatements } from '../../analysis/findings/statements.js';
import { basisOf, writeSentences } from '../../analysis/findings/sentences.js';
import { renderFactsheetHtml } from './html/render.js';
import { networkComposition } from './network/composition.js';
import { isNetworkStudy } from './network/load.js';
import { networkSentences } from './network/sentences.js';
import type { Fit } from './layout/fit.js';
import { loadHouseStyle } from './house-style/store.js';
import { fieldworkOf } from './layout/fieldwork.js';
import {
  approvedQuotes,
  loadLastVersion,
  roundDates,
  insertDraft,
  insertVersion,
  loadDraft,
  loadOutput,
  type DraftRow,
  type PublishInput,
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

/**
 * Computes the factsheet numbers of a study now (the analysis engine behind it); with a
 * composition, also its respondent-group selection and the subgroup splits it asks for.
 */
export type DataSource = (study: StudyRef, composition?: Composition) => Promise<FactsheetData>;

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
    // The 1000 Kansen demo only: the demo IMH networks (quickscan) are network studies, below, in their own words.
    // The demo's code is loaded for a demo study alone, not by every start of the server.
    const demo = study.isDemo ? await import('./demo-composition.js') : null;
    if (demo && study.slug === demo.DEMO_SLUG) {
      // The demo's approved excerpts were written with the study (createDemoStudy).
      composition = demo.demoComposition(
        study.definition.defaultLanguage,
        await (await import('./demo-quotes.js')).demoQuoteIds(trx, study.id),
      );
    } else if (await isNetworkStudy(trx, study)) {
      // netfs (issue 17): a network study's Quick Scan factsheet (network/composition.ts).
      composition = networkComposition(study.definition);
    } else {
      composition = defaultComposition(
        study.definition.defaultLanguage,
        { project: { ...study.definition.description } },
        study.definition.vocabulary,
        { questions: questionsByDefault((await currentQuestionnaire(trx, study.id)).definition) },
      );
    }
    const draft = await insertDraft(trx, study.id, composition, actor.userId, now);
    await audit(trx, { actor: actor.label, studyId: study.id, action: 'factsheet.draft.create', at: now });
    return draft;
  });
}

/**
 * Fits a factsheet to its pages (pdf.ts FactsheetRenderer.fit, layout/fit.ts): given how to
 * write the HTML for a fit, the fitted HTML. Without one (no Chromium) the HTML is not fitted.
 */
export type LayoutFitter = (render: (fit: Fit) => string) => Promise<{ html: string }>;

/** The HTML of a document, fitted to its pages when a fitter is given. */
export async function documentHtml(document: FactsheetDocument, mode: 'final' | 'preview', fitter?: LayoutFitter): Promise<string> {
  if (!fitter) return renderFactsheetHtml(document, { mode });
  return (await fitter((fit) => renderFactsheetHtml(document, { mode, fit }))).html;
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
  options: { mode?: 'final' | 'preview'; data?: FactsheetData; fitter?: LayoutFitter } = {},
): Promise<RenderedDraft> {
  const data = options.data ?? (await source(study, composition));
  const quotes = await approvedQuotes(db, study.id);
  const { fieldwork, style } = await layoutInputs(db, study.id);
  const document = buildDocument({ data, composition, quotes, lang, at: now.toISOString(), fieldwork, style });
  return { data, composition, quotes, document, html: await documentHtml(document, options.mode ?? 'final', options.fitter) };
}

/** What the layout needs besides the numbers: the fieldwork period and the house style. */
async function layoutInputs(db: Kysely<Database>, studyId: number) {
  const [dates, style] = await Promise.all([roundDates(db, studyId), loadHouseStyle(db, studyId)]);
  const { custom: _custom, ...house } = style;
  return { fieldwork: fieldworkOf(dates), style: house };
}

/** Publishing was refused: the draft would print exactly what version `version` prints. */
export class UnchangedSinceError extends Error {
  constructor(readonly version: number) {
    super(`nothing changed since version ${version}`);
    this.name = 'UnchangedSinceError';
  }
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
  fitter?: LayoutFitter,
): Promise<VersionSummary> {
  const draft = await openDraft(db, study, actor, now);
  const data = await source(study, draft.composition);
  const quotes = await approvedQuotes(db, study.id);
  const { fieldwork, style } = await layoutInputs(db, study.id);
  const published = now.toISOString();
  // An unchanged draft makes no new version: resolved as the last version (its number, date
  // and computation time), it would be the same document in every language.
  const previous = await loadLastVersion(db, study.id);
  if (previous && sameLanguages(previous.languages, study.definition.languages)) {
    const version = { number: previous.version, publishedAt: previous.publishedAt };
    const same = previous.outputs.every((out) => {
      const document = buildDocument({
        data: { ...data, source: previous.data.source },
        composition: draft.composition,
        quotes,
        lang: out.lang,
        at: previous.publishedAt,
        version,
        fieldwork,
        style,
      });
      return JSON.stringify(document) === out.document;
    });
    if (same) throw new UnchangedSinceError(previous.version);
  }
  // The documents and their (fitted) HTML are made before the write transaction, which then
  // only stores them: a publish that raced this one takes the number first, and this one is
  // refused by the unique version number instead of waiting on Chromium with the database locked.
  const version = { number: (previous?.version ?? 0) + 1, publishedAt: published };
  const outputs: PublishInput['outputs'] = [];
  for (const lang of study.definition.languages) {
    const document = buildDocument({ data, composition: draft.composition, quotes, lang, at: published, version, fieldwork, style });
    outputs.push({ lang, document, html: await documentHtml(document, 'final', fitter) });
  }
  return writeTx(db, async (trx) => {
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

const sameLanguages = (a: Lang[], b: readonly Lang[]) => a.length === b.length && a.every((l) => b.includes(l));

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
    const ctx = {
      lang,
      minPercent: data.settings.minDenominatorForPercent,
      smallBelow: data.settings.smallNumbersBelow,
      terms: next.terms,
      labels: Object.fromEntries(next.labels.map((l) => [l.id, l.label])),
      vocabulary: data.study.vocabulary,
    };
    // netfs (issue 17): a network study's sentences are edited like the others.
    const network = networkSentences(data, ctx).sentences;
    for (const s of [...writeSentences(findings, ctx), ...network]) {
      generated.set(`${s.key}|${lang}`, s.text);
      if (!bases.has(s.key)) bases.set(s.key, s.basis);
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
