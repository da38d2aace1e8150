import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { SLUG_PATTERN, type Lang } from '../../model/index.js';
import type { StudyAnalysis } from '../../analysis/study/result.js';
import { ApiError } from '../errors.js';
import { AnalysisInputCache } from '../analysis/input-cache.js';

/** Made once: a collator holds ICU memory outside the V8 heap. */
const DUTCH = new Intl.Collator('nl');

const Slug = Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN }) }, { additionalProperties: false });
/** Filters as the dashboard's address carries them: comma-separated lists, matched = '1'. */
const Query = Type.Object(
  {
    rounds: Type.Optional(Type.String({ maxLength: 400 })),
    org: Type.Optional(Type.String({ maxLength: 2000 })),
    role: Type.Optional(Type.String({ maxLength: 2000 })),
    matched: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
  },
  { additionalProperties: false },
);
type Query = Static<typeof Query>;

const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

export interface DashboardSentence {
  key: string;
  section: string;
  paragraph: string;
  text: { nl: string; en: string };
}

/**
 * What a dashboard view needs in one request: the analysis (analyzeStudy, format
 * rondo.analysis/1 — the same JSON as GET /api/studies/:slug/analysis, the factsheet and
 * `rondo analyze`), the key findings as sentences for the same selection, and the values the
 * filter bar offers. One request runs the analysis once; the browser test checks that the
 * numbers shown equal GET /analysis.
 *
 * Researchers' sentences come from the 'full' analysis; trainers' from the 'aggregate' one,
 * suppressed on the server — hiding things in the browser is not protection.
 * The sentences are the factsheet's own (server/factsheet/sentences.ts), so the dashboard and
 * the factsheet say the same thing; that module hashes with node:crypto and so cannot run in
 * the browser, which is why they are written here.
 */
export default async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  const cache = new AnalysisInputCache(app.rondo.store.sqlite);
  // The analysis of the demo takes a few hundred ms; moving between views and toggling a
  // filter back should not pay it again. Results are kept per loaded input (the cache hands
  // out the same object until the database changes), so they are never stale.
  const results = new WeakMap<object, Map<string, { analysis: StudyAnalysis; sentences: DashboardSentence[] }>>();
  app.addHook('onClose', async () => cache.clear());

  app.get<{ Params: Static<typeof Slug>; Querystring: Query }>(
    '/api/studies/:slug/dashboard',
    { config: { permission: 'analysis:aggregate' }, schema: { params: Slug, querystring: Query } },
    async (req) => {
      const study = req.study!;
      const full = req.studyRole === 'researcher';
      const [{ analyzeStudy }] = await Promise.all([import('../../analysis/study/analyze.js')]);
      const input = await cache.get(study.slug);
      if (!input) throw new ApiError('NOT_FOUND');
      const q = req.query;
      // The same rule as GET /analysis: results per organisation or role are for researchers.
      if (!full && (q.org || q.role)) throw new ApiError('FORBIDDEN', 'Results per organisation or role are for researchers only.');
      const options = {
        audience: full ? ('full' as const) : ('aggregate' as const),
        rounds: list(q.rounds),
        organisations: list(q.org),
        roles: list(q.role),
        matched: q.matched === '1',
      };
      const key = JSON.stringify(options);
      let memo = results.get(input);
      if (!memo) results.set(input, (memo = new Map()));
      let hit = memo.get(key);
      if (!hit) {
        const analysis = analyzeStudy(input, options);
        hit = { analysis, sentences: await sentencesFor(app, study, analysis) };
        memo.set(key, hit);
        if (memo.size > 16) memo.delete(memo.keys().next().value!);
      }
      const filters = {
        rounds: input.rounds.map((r) => ({ key: r.key, label: r.label })),
        organisations: full ? [...new Set(input.units.organisations)].filter(Boolean).sort(DUTCH.compare) : [],
        roles: full ? [...new Set(input.units.roles)].filter(Boolean).sort(DUTCH.compare) : [],
      };
      return { audience: hit.analysis.audience, analysis: hit.analysis, sentences: hit.sentences, filters };
    },
  );
}

/** The factsheet's sentences for this analysis, in both languages; [] when they cannot be written. */
async function sentencesFor(app: FastifyInstance, study: { id: number; definition: import('../../model/index.js').Study; isDemo: boolean }, analysis: StudyAnalysis): Promise<DashboardSentence[]> {
  try {
    const [{ factsheetDataFromAnalysis }, { deriveFindings }, { writeSentences, DEFAULT_TERMS }] = await Promise.all([
      import('../factsheet/source.js'),
      import('../factsheet/findings.js'),
      import('../factsheet/sentences.js'),
    ]);
    let terms = DEFAULT_TERMS;
    let labels: Record<string, { nl: string; en: string }> | undefined;
    const draft = app.rondo.store.sqlite.prepare('select composition from factsheet_draft where study_id = ?').pluck().get(study.id) as string | undefined;
    if (draft) {
      const c = JSON.parse(draft) as { terms?: typeof DEFAULT_TERMS; labels?: { id: string; label: { nl: string; en: string } }[] };
      if (c.terms) terms = c.terms;
      if (c.labels) labels = Object.fromEntries(c.labels.map((l) => [l.id, l.label]));
    }
    const data = factsheetDataFromAnalysis(analysis, { study: study.definition, isDemo: study.isDemo });
    const findings = deriveFindings(data);
    const write = (lang: Lang) =>
      writeSentences(findings, { lang, minPercent: data.settings.minDenominatorForPercent, smallBelow: data.settings.smallNumbersBelow, terms, labels });
    const nl = write('nl');
    const en = write('en');
    return nl.map((s, i) => ({ key: s.key, section: s.section, paragraph: s.paragraph, text: { nl: s.text, en: en[i]?.text ?? s.text } }));
  } catch (err) {
    app.log.warn({ err }, 'dashboard sentences could not be written');
    return [];
  }
}
