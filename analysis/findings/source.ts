import { groupPopulation, valueLabelText, type LocalText, type Study } from '../../model/index.js';
import type { ChangeResult, ItemAnalysis, RoundSummary, StudyAnalysis, TrendResult, VariableAnalysis } from '../study/result.js';
import type { AttritionNamed, Change, ChangeEvidence, CustomIndicator, FactsheetData, MeanValue, Series, Share } from './data.js';
import { listOf, lowerFirst } from './format.js';
import { distributionOptions, distributionShift, questionBlocks } from './questions.js';

/**
 * From the analysis (analysis/study, the same result the dashboard, the API and
 * `rondo analyze --json` show) to the numbers a factsheet is written from. Pure: no database.
 * The factsheet reads the researchers' ('full') analysis and applies the publication
 * thresholds itself: it shows no subgroups, no percentage below the threshold and only quotes
 * from large enough groups.
 */
export interface SourceContext {
  study: Study;
  isDemo: boolean;
}

export function factsheetDataFromAnalysis(a: StudyAnalysis, ctx: SourceContext): FactsheetData {
  const roundIndex = new Map(a.rounds.map((r, i) => [r.key, i]));
  const alpha = a.settings.alpha;
  const peaks = new Map<string, TrendResult>(a.trends.map((t) => [t.variable, t]));

  const perRound = (v: VariableAnalysis | null): (Share | null)[] =>
    a.rounds.map((r) => shareOf(v?.rounds.find((s) => s.round === r.key) ?? null));
  const change = (v: VariableAnalysis | null): Change | null => (v ? changeOf(v, roundIndex, alpha) : null);
  const peakOf = (v: VariableAnalysis): number[] | undefined => {
    const t = peaks.get(v.id);
    return t && t.peak.length ? t.peak.map((k) => roundIndex.get(k)!).filter((i) => i !== undefined) : undefined;
  };
  // A finding that rests on one respondent group names its population: "… (onder ouders)".
  const groups = a.response.byGroup.filter((g) => !g.implicit);
  const labelOf = (item: ItemAnalysis): LocalText => {
    const only = item.population?.length === 1 ? groups.find((g) => g.key === item.population![0]) : undefined;
    if (!only) return item.text;
    const name = { nl: only.name.nl ?? only.name.en, en: only.name.en ?? only.name.nl };
    const bare = (text: string) => text.replace(/[.\s]+$/, '');
    return {
      ...(item.text.nl !== undefined ? { nl: `${bare(item.text.nl)} (${groupPopulation({ name }, 'nl')})` } : {}),
      ...(item.text.en !== undefined ? { en: `${bare(item.text.en)} (${groupPopulation({ name }, 'en')})` } : {}),
    };
  };
  const series = (item: ItemAnalysis, form: Series['form']): Series => ({
    id: item.id,
    label: labelOf(item),
    perRound: perRound(item),
    change: change(item),
    form,
    ...(peakOf(item) ? { peak: peakOf(item) } : {}),
  });

  const items = a.items.filter((i) => i.optionLabel === null);
  const firstPartner = a.partners.find((p) => p.frequency)?.frequency ?? null;
  const firstQuality = a.partners.find((p) => p.quality)?.quality ?? null;
  const roles = a.response.byRole?.map((g) => g.name).filter((n) => n.trim() !== '') ?? [];
  // Participants invited at least once: the sum of the response patterns, unless a pattern
  // count is suppressed (aggregate audience); then the largest round.
  const patternCounts = a.response.patterns.map((p) => p.count);
  const invited =
    (patternCounts.every((c) => c !== null) ? patternCounts.reduce<number>((n, c) => n + c!, 0) : 0) ||
    Math.max(0, ...a.rounds.map((r) => r.invited));

  const dropout = a.caveats.find((c) => c.code === 'baseline-difference');
  const dropRounds = (dropout?.subject.rounds ?? []).map((k) => roundIndex.get(k));
  const attrition =
    dropout && dropRounds.length === 2 && dropRounds.every((i) => i !== undefined)
      ? {
          from: dropRounds[0]!,
          to: dropRounds[1]!,
          variables: [...(dropout.subject.variables ?? [])],
          named: attritionNamed(a, dropout.subject.rounds![1], dropout.subject.variables ?? []),
        }
      : null;

  return {
    format: 'rondo.factsheet-data/1',
    source: { computedAt: new Date().toISOString(), analysis: a.format },
    study: {
      slug: a.study.slug,
      title: ctx.study.title,
      question: ctx.study.question ?? null,
      description: ctx.study.description,
      organisation: ctx.study.organisation,
      colophon: ctx.study.colophon,
      languages: ctx.study.languages,
      isDemo: ctx.isDemo,
      vocabulary: ctx.study.vocabulary ?? {},
    },
    settings: {
      minDenominatorForPercent: a.settings.minDenominatorForPercent,
      smallNumbersBelow: a.settings.smallNumbersBelow,
      minSubgroup: a.settings.minSubgroup,
      minGroupForQuotes: a.settings.minGroupForQuotes,
      cautionResponseBelow: a.settings.cautionResponseBelow,
      strongCautionResponseBelow: a.settings.strongCautionResponseBelow,
      responseGapWarning: a.settings.responseGapWarning,
      alpha,
      ...(a.settings.teamMode ? { teamMode: true } : {}),
    },
    rounds: a.rounds.map((r) => ({ key: r.key, label: r.label, invited: r.invited, submitted: r.submitted, rate: r.responseRate })),
    cohort: {
      invited,
      roles,
      organisations: a.response.byOrganisation?.length ?? 0,
      roleLabels: Object.fromEntries(roles.map((r) => [r, valueLabelText(r, ctx.study.valueLabels)])),
    },
    partners: {
      frequencyLabel: topBoxLabel(firstPartner, 'frequency'),
      qualityLabel: topBoxLabel(firstQuality, 'quality'),
      items: a.partners.map((p) => ({
        name: p.name,
        domain: p.domain,
        frequency: perRound(p.frequency),
        quality: perRound(p.quality),
        frequencyChange: change(p.frequency),
        qualityChange: change(p.quality),
        rank: p.increase.rank,
      })),
    },
    competence: items.filter((i) => i.measure === 'competence' && i.kind === 'ordinal').map((i) => series(i, 'agree')),
    indicators: items.filter((i) => i.measure === 'competence' && i.kind === 'binary').map((i) => series(i, 'yes')),
    tools: {
      items: a.tools.map((t) => ({
        id: t.use.id,
        label: { nl: t.name, en: t.name },
        perRound: perRound(t.use),
        change: change(t.use),
        form: 'yes' as const,
      })),
      extra: items.filter((i) => i.measure === 'tool-use' && i.kind === 'binary').map((i) => series(i, 'yes')),
    },
    satisfaction: items.filter((i) => i.measure === 'satisfaction' && i.type === 'likert').map((i) => series(i, 'agree')),
    open: items
      .filter((i) => i.kind === 'text')
      .map((i) => ({
        id: i.id,
        label: i.text,
        answered: a.rounds.map((r) => {
          const s = i.rounds.find((x) => x.round === r.key);
          return s && s.asked ? s.n : null;
        }),
      })),
    ...(attrition ? { attrition } : {}),
    ...(a.indicators?.length ? { custom: customIndicators(a, roundIndex, alpha) } : {}),
    ...(groups.length > 1
      ? {
          groups: groups.map((g) => ({
            key: g.key,
            name: g.name,
            personal: g.personal,
            rounds: g.rounds.map((r) => ({ invited: r.invited, submitted: r.submitted })),
          })),
        }
      : {}),
    // items: ratings, choices and numbers per question (their factsheet section is off by default).
    // A question asked of one respondent group names its population, as the items' sentences do.
    questions: questionBlocks(a, perRound, change).map((q) => {
      const item = a.items.find((i) => i.item === q.id && i.population?.length === 1);
      return item ? { ...q, label: labelOf({ ...item, text: q.label }) } : q;
    }),
  };
}

/**
 * The researcher's indicators for the factsheet: a share of one item as a Share (Wilson), a mean
 * as a MeanValue with its t-interval. The change is the primary one with the evidence of its
 * adjusted test, as for the items (changeOf); for a mean its difference is that of the round means.
 */
function customIndicators(a: StudyAnalysis, roundIndex: Map<string, number>, alpha: number): CustomIndicator[] {
  const out: CustomIndicator[] = [];
  for (const ind of a.indicators) {
    const v = ind.result;
    if (ind.summary === 'distribution') {
      // Each answer as a share per round (Wilson), and the test of change of the whole distribution.
      out.push({
        id: ind.key,
        label: ind.name,
        value: 'distribution',
        percent: true,
        perRound: a.rounds.map(() => null),
        means: a.rounds.map(() => null),
        change: null,
        options: distributionOptions(a, v, ind.key),
        shift: distributionShift(v, roundIndex, alpha),
      });
      continue;
    }
    const at = (key: string) => v.rounds.find((s) => s.round === key) ?? null;
    const share = v.kind === 'binary';
    const means = a.rounds.map((r): MeanValue | null => {
      const s = at(r.key);
      if (share || !s || !s.asked || s.n === 0 || !s.mean || s.mean.estimate === null) return null;
      return { value: s.mean.estimate, n: s.n, ci: s.mean.ci };
    });
    let change = changeOf(v, roundIndex, alpha);
    if (change && !share) {
      const from = means[change.from];
      const to = means[change.to];
      change = { ...change, difference: from && to ? to.value - from.value : null, ci: null };
    }
    out.push({
      id: ind.key,
      label: ind.name,
      value: share ? 'share' : 'mean',
      percent: share || ind.scoring === 'person-share',
      ...(share ? { form: ind.summary === 'share-yes' ? ('yes' as const) : ('label' as const) } : {}),
      perRound: a.rounds.map((r) => (share ? shareOf(at(r.key)) : null)),
      means,
      change,
      range: ind.range,
    });
  }
  return out;
}

/** A round's top-box share, or null when the item was not asked, had no answers or was suppressed. */
export function shareOf(s: RoundSummary | null): Share | null {
  if (!s || !s.asked || !s.topBox || s.topBox.x === null || s.topBox.n === 0) return null;
  const share: Share = { x: s.topBox.x, n: s.topBox.n, ci: s.topBox.ci };
  if (s.dontKnow) share.dontKnow = s.dontKnow;
  return share;
}

/**
 * The primary change (first → last round) of a variable. Yes/no items carry the difference in
 * proportions with its interval; ordinal items carry the descriptive change in the top-box share
 * and the evidence of the test on the whole scale (its adjusted p).
 */
export function changeOf(v: VariableAnalysis, roundIndex: Map<string, number>, alpha: number): Change | null {
  const c: ChangeResult | undefined = v.changes.find((x) => x.primary) ?? v.changes[v.changes.length - 1];
  // A single-choice item has no top box and no direction: questions.ts words its shift.
  if (!c || v.kind === 'nominal') return null;
  const from = roundIndex.get(c.from);
  const to = roundIndex.get(c.to);
  if (from === undefined || to === undefined) return null;
  const concl = c.conclusion;
  const evidence: ChangeEvidence =
    concl.evidence === 'demonstrated' && (concl.direction === 'increase' || concl.direction === 'decrease')
      ? concl.direction
      : concl.evidence === 'not-demonstrated'
        ? 'no-change'
        : 'not-tested';
  const paired = concl.basis === 'paired' || (concl.basis === null && c.paired !== null);
  const test = paired ? (c.paired?.test ?? null) : (c.crossSectional?.test ?? null);
  const effect = paired ? (c.paired?.effect ?? null) : (c.crossSectional?.effect ?? null);
  const topFrom = v.rounds.find((s) => s.round === c.from)?.topBox?.estimate ?? null;
  const topTo = v.rounds.find((s) => s.round === c.to)?.topBox?.estimate ?? null;
  const proportions = effect?.measure === 'difference-in-proportions';
  return {
    from,
    to,
    difference: proportions ? effect!.estimate : topFrom !== null && topTo !== null ? topTo - topFrom : null,
    ci: proportions ? effect!.ci : null,
    p: test?.p ?? null,
    pAdjusted: test?.pAdjusted ?? null,
    alpha,
    evidence,
    paired,
    n: paired ? (c.paired?.n ?? 0) : Math.min(c.crossSectional?.nFrom ?? 0, c.crossSectional?.nTo ?? 0),
    method: test?.method || (proportions && effect!.ci ? effect!.method : ''),
    observed: concl.observed === 'shift' ? 'none' : concl.observed,
  };
}

/**
 * What a partner's top box counts, in words: "maandelijks of vaker" for the top codes of a
 * frequency scale, "goed of zeer goed" for the top two of a quality scale.
 */
export function topBoxLabel(v: VariableAnalysis | null, facet: 'frequency' | 'quality'): LocalText {
  const codes = v?.codes ?? [];
  const top = codes.filter((c) => v?.topBoxCodes?.includes(c.code));
  if (!top.length) return facet === 'frequency' ? { nl: 'regelmatig', en: 'regularly' } : { nl: 'goed', en: 'good' };
  const lowest = top[0];
  const label = (lang: 'nl' | 'en') => lowerFirst(lowest.label[lang] ?? lowest.label.nl ?? '');
  if (facet === 'frequency' && top.length >= 2) return { nl: `${label('nl')} of vaker`, en: `${label('en')} or more often` };
  if (top.length <= 2) {
    return {
      nl: listOf(
        top.map((c) => lowerFirst(c.label.nl ?? '')),
        'nl',
      ).replace(/ en ([^,]*)$/, ' of $1'),
      en: listOf(
        top.map((c) => lowerFirst(c.label.en ?? c.label.nl ?? '')),
        'en',
      ).replace(/ and ([^,]*)$/, ' or $1'),
    };
  }
  return { nl: `${label('nl')} of beter`, en: `${label('en')} or better` };
}

/** The flagged variables with their questions and the direction of the leavers' baseline answers (stayers − leavers). */
function attritionNamed(a: StudyAnalysis, round: string, variables: readonly string[]): AttritionNamed[] {
  const comparison = a.attrition?.comparisons.find((c) => c.round === round);
  const items = new Map(a.items.map((i) => [i.id, i]));
  return variables.flatMap((id): AttritionNamed[] => {
    const item = items.get(id);
    const v = comparison?.variables.find((x) => x.variable === id);
    if (!item || !v) return [];
    const d = v.kind === 'nominal' ? null : (v.difference?.estimate ?? null);
    return [{ id, label: item.optionLabel ?? item.text, leavers: d === null || d === 0 ? 'different' : d > 0 ? 'lower' : 'higher' }];
  });
}
