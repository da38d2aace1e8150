import { attrition } from './attrition.js';
import { caveats } from './caveats.js';
import { conclude } from './change.js';
import { findings } from './findings.js';
import type { AnalysisInput } from './input.js';
import { Families } from './multiplicity.js';
import { groupResponses } from './group-responses.js';
import { responseAnalysis, roundResponses } from './response.js';
import { analyzeIndicators } from './indicators.js';
import { domainCoverage } from './domains.js';
import { flagResponseTables } from './response-suppression.js';
import { ANALYSIS_FORMAT, type FamilyId, type StudyAnalysis, type VariableAnalysis } from './result.js';
import { questionReports } from './questions.js';
import { sanitize } from './sanitize.js';
import { buildSections, rankPartners } from './sections.js';
import { select, type AnalysisOptions } from './selection.js';
import { suppressForAggregate } from './suppression.js';
import { competenceTrends } from './trends.js';

/**
 * Analyses one study: response, items per round, change between rounds, chain partners,
 * tools, trends, attrition, caveats and findings (METHODS.md throughout).
 *
 * Pure: no I/O, no clock; the same input and options always give the same result, so the
 * dashboard, the factsheet, the CLI and the API show the same numbers. With
 * `audience: 'aggregate'` small cells and subgroup detail are suppressed (suppression.ts);
 * the default 'full' shows everything with flags. The result is plain JSON data without NaN
 * or ±Infinity (docs/analysis-json.md).
 */
export function analyzeStudy(input: AnalysisInput, options: AnalysisOptions = {}): StudyAnalysis {
  const audience = options.audience ?? 'full';
  const settings = input.study.settings;
  let sel = select(input, options);
  let dropped: string[] = [];
  if (audience === 'aggregate' && sel.info.subgroup) {
    // For this audience a subgroup round with fewer than minSubgroup respondents is never
    // analysed at all: not even its counts may leave the server.
    const U = input.units.count;
    const keep = sel.rounds.filter((r) => {
      let n = 0;
      for (const u of sel.units) n += input.status.submitted[r * U + u];
      return n >= settings.minSubgroup;
    });
    if (keep.length < sel.rounds.length) {
      dropped = sel.rounds.filter((r) => !keep.includes(r)).map((r) => input.rounds[r].key);
      sel = select(input, { ...options, rounds: keep.map((r) => input.rounds[r].key) });
      if (keep.length === 0) sel = { ...sel, rounds: [], info: { ...sel.info, rounds: [], primary: null } };
    }
  }

  const rounds = roundResponses(input, sel);
  const response = responseAnalysis(input, sel);
  response.byGroup = groupResponses(input, sel, audience);
  const sections = buildSections(input, sel);
  const groups = input.groups.list;
  if (groups.length > 1) {
    for (const item of sections.items) {
      const asked = groups.filter((g) => !g.items || g.items.includes(item.item)).map((g) => g.key);
      if (asked.length < groups.length) item.population = asked;
    }
  }

  // Multiplicity families, then conclusions on adjusted p-values.
  const families = new Families();
  const competence = (v: VariableAnalysis) => v.measure === 'competence' && (v.kind === 'ordinal' || v.kind === 'binary');
  const register = (v: VariableAnalysis, primaryFamily: FamilyId | null, otherFamily: FamilyId) => {
    for (const c of v.changes) {
      families.add(c.primary && primaryFamily ? primaryFamily : otherFamily, c.paired?.test, {
        variable: v.id,
        from: c.from,
        to: c.to,
        analysis: 'paired',
      });
      families.add('cross-sectional', c.crossSectional?.test, { variable: v.id, from: c.from, to: c.to, analysis: 'cross-sectional' });
    }
    families.add('overall', v.overall?.test, { variable: v.id, from: null, to: null, analysis: 'overall' });
  };
  for (const item of sections.items) register(item, competence(item) ? 'primary' : null, 'secondary');
  for (const p of sections.partners) {
    if (p.frequency) register(p.frequency, 'partners-frequency', 'secondary');
    if (p.quality) register(p.quality, 'partners-quality', 'secondary');
  }
  for (const t of sections.tools) register(t.use, 'tools', 'tools');
  const indicators = analyzeIndicators(input, sel);
  for (const ind of indicators) {
    for (const c of ind.result.changes) {
      const member = { variable: ind.result.id, from: c.from, to: c.to };
      families.add(c.primary ? 'indicators' : 'indicators-exploratory', c.paired?.test, { ...member, analysis: 'paired' });
      families.add('indicators-exploratory', c.crossSectional?.test, { ...member, analysis: 'cross-sectional' });
    }
    families.add('indicators-exploratory', ind.result.overall?.test, {
      variable: ind.result.id,
      from: null,
      to: null,
      analysis: 'overall',
    });
  }
  const familyResults = families.adjust();
  const all = [
    ...sections.items,
    ...sections.tools.map((t) => t.use),
    ...(sections.partners.flatMap((p) => [p.frequency, p.quality]).filter(Boolean) as VariableAnalysis[]),
  ];
  for (const v of [...all, ...indicators.map((i) => i.result)])
    for (const c of v.changes) c.conclusion = conclude(c, settings.alpha, v.kind === 'nominal');

  const partnerRanking = rankPartners(sections.partners, sel, settings.minSubgroup);
  const trends = competenceTrends(sections.items);
  const result: StudyAnalysis = {
    format: ANALYSIS_FORMAT,
    study: { slug: input.study.slug, title: input.study.title, organisation: input.study.organisation },
    audience,
    settings,
    selection: sel.info,
    rounds,
    response,
    items: sections.items,
    questions: [],
    partners: sections.partners,
    partnerRanking,
    tools: sections.tools,
    indicators,
    domains: null,
    trends,
    attrition: audience === 'full' ? attrition(input, sel, sections.prepared) : null,
    families: familyResults,
    caveats: [],
    findings: [],
    notes: { questionnaireVersions: input.questionnaireVersions, load: input.loadNotes, nonFinite: 0 },
  };
  if (audience === 'aggregate') suppressForAggregate(result, settings);
  else flagResponseTables(result.response, settings.minSubgroup);
  result.questions = questionReports(input.items, result.items);
  // After suppression: the answer counts follow the audience's disclosure rules.
  result.domains = domainCoverage(input, sel, result.items);
  result.caveats = caveats(input, result);
  if (dropped.length) {
    result.caveats.push({
      code: 'subgroup-too-small',
      severity: 'strong',
      subject: { rounds: dropped },
      numbers: { minSubgroup: settings.minSubgroup },
    });
  }
  result.findings = findings(result);
  result.notes.nonFinite = sanitize(result);
  return result;
}
