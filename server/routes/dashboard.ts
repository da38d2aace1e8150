import type { FastifyInstance } from 'fastify';
import { DashboardRoute, type DashboardAttributeFilter, type DashboardSentence } from '../../model/api/dashboard.js';
import { valueLabelText, type Lang, type LocalText } from '../../model/index.js';
import type { StudyAnalysis } from '../../analysis/study/result.js';
import type { UnitAttribute } from '../../analysis/study/input.js';
import { TEAM_ATTRIBUTE, attributeValueLabel, type CohortAttribute } from '../../model/cohort-attributes.js';
import { filtersFromQuery } from '../analysis/service.js';
import type { StudyRef } from '../factsheet/service.js';
import { analysedFor, splitFor } from './analysis.js';
import type { RoutePlugin } from './route-plugin.js';
import { once } from '../../model/once.js';

/** Made once: a collator holds ICU memory outside the V8 heap. */
const DUTCH = once(() => new Intl.Collator('nl')); // made at first use (model/once.ts)

/**
 * What a dashboard view needs in one request: the analysis (analyzeStudy, format
 * rondo.analysis/1 — the same JSON as GET /api/studies/:slug/analysis, the factsheet and
 * `rondo analyze`, from the same cache: server/analysis/service.ts), the key findings as
 * sentences for the same selection, and the values the filter bar offers. The filters and the
 * access rule are GET /analysis's; the browser test checks that the numbers shown equal it.
 *
 * Researchers' sentences come from the 'full' analysis; trainers' from the 'aggregate' one,
 * suppressed on the server — hiding things in the browser is not protection. The sentences
 * are the factsheet's own (analysis/findings), so the dashboard and the factsheet say the same
 * thing.
 */
const dashboardRoutes: RoutePlugin = async (app) => {
  // Sentences are kept per analysis result: the service hands out the same object for the
  // same selection until the database changes, so they are never stale.
  const written = new WeakMap<StudyAnalysis, Promise<DashboardSentence[]>>();

  app.get('/api/studies/:slug/dashboard', { config: { permission: 'analysis:aggregate' }, schema: DashboardRoute }, async (req) => {
    const study = req.study!;
    const query = filtersFromQuery(req.query);
    const { input, analysis } = await analysedFor(app.analysis, study.slug, req.studyRole, query);
    let sentences = written.get(analysis);
    if (!sentences) written.set(analysis, (sentences = sentencesFor(app, study, analysis)));
    const full = analysis.audience === 'full';
    const filters = {
      rounds: input.rounds.map((r) => ({ key: r.key, label: r.label })),
      organisations: full ? [...new Set(input.units.organisations)].filter(Boolean).sort(DUTCH().compare) : [],
      roles: full ? [...new Set(input.units.roles)].filter(Boolean).sort(DUTCH().compare) : [],
      groups: input.groups.list.filter((g) => !g.implicit).map((g) => ({ key: g.key, name: g.name })),
    };
    const roleLabels = Object.fromEntries(filters.roles.map((r) => [r, valueLabelText(r, study.definition.valueLabels)]));
    const organisationLabels = Object.fromEntries(
      filters.organisations.map((o) => [o, valueLabelText(o, study.definition.valueLabels, 'organisations')]),
    );
    const attributes = full ? attributeFilters(study.definition.cohortAttributes ?? [], input.units.attributes) : [];
    const split = await splitFor(app.analysis, study, req.studyRole, query);
    return {
      audience: analysis.audience,
      analysis,
      sentences: await sentences,
      filters: { ...filters, roleLabels, organisationLabels, ...(full ? { attributes } : {}) },
      ...(split ? { split } : {}),
    };
  });
};

export default dashboardRoutes;

/**
 * attrs: the cohort attributes the filter bar offers, each with the values participants hold
 * (a list attribute in its own order, with labels): the built-in team when anyone has one, then
 * the study's own.
 */
function attributeFilters(defined: CohortAttribute[], units: UnitAttribute[]) {
  const out: DashboardAttributeFilter[] = [];
  for (const u of units) {
    const def = defined.find((a) => a.key === u.key);
    if (!def && u.key !== TEAM_ATTRIBUTE) continue;
    if (!u.values.length) continue;
    const order = def?.values?.map((v) => v.value) ?? [];
    const rank = (v: string) => (order.includes(v) ? order.indexOf(v) : Number.MAX_SAFE_INTEGER);
    const values = [...u.values].sort((a, b) => rank(a) - rank(b) || DUTCH().compare(a, b));
    out.push({
      key: u.key,
      label: def?.label ?? { nl: 'Team/regio', en: 'Team/region' },
      values: values.map((value) => ({
        value,
        label: { nl: attributeValueLabel(def, value, 'nl'), en: attributeValueLabel(def, value, 'en') },
      })),
    });
  }
  return out;
}

/** The factsheet's sentences for this analysis, in both languages; [] when they cannot be written. */
async function sentencesFor(app: FastifyInstance, study: Omit<StudyRef, 'slug'>, analysis: StudyAnalysis): Promise<DashboardSentence[]> {
  try {
    const [{ factsheetDataFromAnalysis }, { deriveStatements }, { writeSentences, termsFor }, { loadDraft }] = await Promise.all([
      import('../../analysis/findings/source.js'),
      import('../../analysis/findings/statements.js'),
      import('../../analysis/findings/sentences.js'),
      import('../factsheet/store.js'),
    ]);
    // The researcher's words and labels from the factsheet draft, when there is one.
    const draft = (await loadDraft(app.rondo.store.db, study.id))?.composition;
    const terms = draft?.terms ?? termsFor(study.definition.vocabulary);
    const labels: Record<string, LocalText> | undefined = draft?.labels
      ? Object.fromEntries(draft.labels.map((l) => [l.id, l.label]))
      : undefined;
    const data = factsheetDataFromAnalysis(analysis, { study: study.definition, isDemo: study.isDemo });
    const findings = deriveStatements(data);
    const write = (lang: Lang) =>
      writeSentences(findings, {
        lang,
        minPercent: data.settings.minDenominatorForPercent,
        smallBelow: data.settings.smallNumbersBelow,
        terms,
        labels,
        vocabulary: data.study.vocabulary,
      });
    const nl = write('nl');
    const en = write('en');
    return nl.map((s, i) => ({ key: s.key, section: s.section, paragraph: s.paragraph, text: { nl: s.text, en: en[i]?.text ?? s.text } }));
  } catch (err) {
    app.log.warn({ err }, 'dashboard sentences could not be written');
    return [];
  }
}
