import { defaultValueLabel, type LocalText } from '../../model/index.js';
import type {
  AttritionNamed,
  Change,
  CustomIndicator,
  DisclosureSettings,
  FactsheetData,
  MeanValue,
  PartnerSeries,
  Series,
  Share,
} from './data.js';
import {
  checkClaims,
  shownDirection,
  shownMean,
  shownMeanDirection,
  shownValue,
  type Claim,
  type ClaimGroup,
  type Reason,
} from './claims.js';
import { safeChange } from './evidence.js';
import { choiceStatement, questionClaims, questionStatements } from './questions.js';

export { safeChange } from './evidence.js';

/**
 * Findings: the statements a factsheet makes, as data (kind, subject, numbers, evidence),
 * derived from FactsheetData. sentences.ts turns each into a sentence in Dutch or English;
 * keeping the two apart lets the wording rules be tested on a table of findings.
 */

export interface RoundShare {
  round: LocalText;
  share: Share;
  /** Round index (data.rounds). */
  index: number;
}

export interface ChangeSubject {
  id: string;
  label: LocalText;
  from: Share;
  to: Share;
  change: Change;
}

/**
 * A round in the response-gap caveat; `submitted` and `invited` only when fewer were invited than
 * a percentage needs, so the sentence gives counts instead (absent otherwise: the finding, and
 * the fingerprint of an edit on it, stay as they were).
 */
export interface GapRound {
  round: LocalText;
  rate: number;
  submitted?: number;
  invited?: number;
}

export type GroupNoun = 'competence' | 'tools' | 'partners' | 'indicators';

export type Statement =
  | { kind: 'method'; rounds: LocalText[]; open: boolean; closed: boolean; answered?: boolean }
  | { kind: 'invited'; invited: number; organisations: number; roles: LocalText[] }
  | { kind: 'response'; rounds: { label: LocalText; invited: number; submitted: number }[] }
  /** Response per respondent group; invited null: reached by anonymous link, no rate. */
  | {
      kind: 'group-response';
      groups: { name: LocalText; rounds: { label: LocalText; invited: number | null; submitted: number | null }[] }[];
    }
  | { kind: 'low-response'; round: LocalText; invited: number; submitted: number; level: 'caution' | 'strong'; threshold: number }
  | { kind: 'response-gap'; high: GapRound; low: GapRound }
  | { kind: 'contribution'; domains: { noun: GroupNoun; increased: number; total: number }[]; fromRound: LocalText; toRound: LocalText }
  | { kind: 'causality'; lowResponse: boolean }
  | {
      kind: 'share';
      group: ClaimGroup;
      id: string;
      label: LocalText;
      form: 'yes' | 'agree' | 'label';
      round: LocalText;
      index: number;
      share: Share;
      /** Caveats that travel with this figure: the round's low response, the attrition flag. */
      lowResponse?: number;
      /** The round's response as counts, when fewer were invited than a percentage needs. */
      lowResponseCounts?: { submitted: number; invited: number };
      attrition?: LocalText;
    }
  | { kind: 'change'; group: ClaimGroup; subject: ChangeSubject; fromRound: LocalText; toRound: LocalText }
  | { kind: 'attrition'; fromRound: LocalText; toRound: LocalText; variables: number; named?: AttritionNamed[] }
  | { kind: 'largest-increase'; subjects: ChangeSubject[] }
  | { kind: 'increase-detail'; subjects: ChangeSubject[]; fromRound: LocalText; toRound: LocalText; shareLabel: LocalText }
  | {
      kind: 'partner-count';
      facet: 'frequency' | 'quality';
      increased: number;
      decreased: number;
      total: number;
      /** Partners whose change could not be tested (too few observations); absent in versions published before it was kept. */
      untested?: number;
      /** The quality count names its partners (no other sentence does); absent for frequency and in older versions. */
      names?: { increased: string[]; decreased: string[] };
      fromRound: LocalText;
      toRound: LocalText;
    }
  | { kind: 'partners-context' }
  | { kind: 'group-change'; noun: GroupNoun; subjects: ChangeSubject[]; fromRound: LocalText; toRound: LocalText }
  | { kind: 'peak'; noun: GroupNoun; peakRound: LocalText; round: number; count: number; total: number }
  | {
      kind: 'series';
      group: ClaimGroup;
      id: string;
      label: LocalText;
      perRound: RoundShare[];
      change?: { change: Change; fromRound: LocalText; toRound: LocalText };
    }
  | { kind: 'series-group'; subjects: { id: string; label: LocalText; perRound: RoundShare[] }[] }
  | { kind: 'least-used'; ids: string[]; names: string[]; round: LocalText; index: number; shares: Share[] }
  | { kind: 'asked-in'; noun: GroupNoun; rounds: LocalText[] }
  | {
      kind: 'disclosure';
      settings: DisclosureSettings;
      methods: string[];
      paired: boolean;
      /** The one respondent group the figures are about, when the factsheet is limited to it. */
      scope?: LocalText;
      /** What sections are split by ("domein"), when any is. */
      splits?: LocalText[];
      /**
       * The areas whose p-values were adjusted for multiple tests, by method (analysis/study/multiplicity.ts:
       * Holm for the outcomes chosen in advance, Benjamini–Hochberg for the exploratory screens);
       * absent in versions published before it was said.
       */
      corrections?: { holm: GroupNoun[]; bh: GroupNoun[] };
    }
  /**
   * A researcher's indicator whose value is a mean (issue 16): its value per round and, with two
   * rounds to compare, the primary change with the verdict of the one decision rule.
   */
  | {
      kind: 'indicator-mean';
      id: string;
      label: LocalText;
      percent: boolean;
      perRound: { round: LocalText; index: number; mean: MeanValue }[];
      change?: { change: Change; fromRound: LocalText; toRound: LocalText };
    }
  /** items: a rating's or number's mean per round, with the verdict of its change. */
  | {
      kind: 'question-mean';
      id: string;
      label: LocalText;
      unit: LocalText | null;
      perRound: { round: LocalText; index: number; n: number; mean: number }[];
      change?: { change: Change; fromRound: LocalText; toRound: LocalText };
    }
  /** items: the most chosen answer of a single choice, or the options with most votes of a multiple choice. */
  | {
      kind: 'question-choice' | 'question-vote';
      id: string;
      label: LocalText;
      round: LocalText;
      index: number;
      n: number;
      maxSelect: number | null;
      /** Every option id of the question: the claim compares the named ones with these. */
      among: string[];
      top: { id: string; label: LocalText; share: Share }[];
      /** Whose options the claims check: a question's (default) or a distribution indicator's. */
      group?: 'custom-indicators';
      shift?: {
        evidence: 'shift' | 'no-change' | 'not-tested';
        fromRound: LocalText;
        toRound: LocalText;
        n: number;
        paired: boolean;
        /** An ordered single choice: the answer at the end of the scale the answers moved towards. */
        towards?: LocalText;
      };
    }
  /** The technical annex: the test, pairs, p-values and interval of one change. */
  | { kind: 'technical'; id: string; label: LocalText; change: Change; fromRound: LocalText; toRound: LocalText };

/** The factsheet sections that carry generated text. */
export type TextSection = 'research' | 'findings' | 'partners' | 'competence' | 'tools' | 'indicators' | 'questions' | 'annex';

/** Where a sentence goes: the bold lead paragraph, the body, or a caveat box. */
export type Paragraph = 'lead' | 'body' | 'caveat' | 'note';

export interface KeyedStatement {
  /** Stable key: an edit of the sentence is stored under it and survives data refreshes. */
  key: string;
  section: TextSection;
  paragraph: Paragraph;
  finding: Statement;
}

/** A statement left out because its claim does not hold on the printed figures. */
export interface DroppedStatement extends KeyedStatement {
  reasons: Reason[];
}

const rate = (r: { invited: number; submitted: number }) => (r.invited > 0 ? r.submitted / r.invited : null);

/** Index of the first and last round in which a series has a share. */
function span(perRound: (Share | null)[]): [number, number] | null {
  const asked = perRound.map((s, i) => (s && s.n > 0 ? i : -1)).filter((i) => i >= 0);
  return asked.length >= 1 ? [asked[0], asked[asked.length - 1]] : null;
}

function subjectOf(id: string, label: LocalText, perRound: (Share | null)[], change: Change | null): ChangeSubject | null {
  if (!change) return null;
  const from = perRound[change.from];
  const to = perRound[change.to];
  if (!from || !to) return null;
  return { id, label, from, to, change: safeChange(change) };
}

const share = (s: Share | null): s is Share => !!s && s.n > 0;

/** Derives every finding the factsheet can state whose claim holds, in section order. */
export function deriveStatements(data: FactsheetData): KeyedStatement[] {
  return deriveCheckedStatements(data).statements;
}

/**
 * Every finding with its claims checked against the printed figures (claims.ts): those that
 * hold, and those left out with the reasons, which the composer lists.
 */
export function deriveCheckedStatements(data: FactsheetData): { statements: KeyedStatement[]; dropped: DroppedStatement[] } {
  const statements: KeyedStatement[] = [];
  const dropped: DroppedStatement[] = [];
  for (const k of deriveAll(data)) {
    const reasons = checkClaims(claimsOf(k.finding, data.settings.minDenominatorForPercent), data);
    if (reasons.length) dropped.push({ ...k, reasons });
    else statements.push(k);
  }
  return { statements, dropped };
}

/** Every finding before its claims are checked (tests compare the two). */
export function deriveAll(data: FactsheetData): KeyedStatement[] {
  const out: KeyedStatement[] = [];
  const add = (key: string, section: TextSection, paragraph: Paragraph, finding: Statement) =>
    out.push({ key, section, paragraph, finding });
  const rounds = data.rounds;
  const label = (i: number) => rounds[i].label;
  const s = data.settings;

  // About the research: method, who was invited, response and its caveats, disclosure.
  // Rounds nobody has answered yet (not yet held) are not said to have been filled in.
  const answered = rounds.filter((r) => r.submitted > 0);
  if (rounds.length) {
    add('research.method', 'research', 'lead', {
      kind: 'method',
      rounds: (answered.length ? answered : rounds).map((r) => r.label),
      open: data.open.length > 0,
      closed: true,
      ...(rounds.some((r) => r.submitted > 0) ? {} : { answered: false }),
    });
    if (data.cohort.invited > 0)
      add('research.invited', 'research', 'body', {
        kind: 'invited',
        invited: data.cohort.invited,
        organisations: data.cohort.organisations,
        // Labels, never codes: "GGD-arts", not "ggd-arts".
        roles: data.cohort.roles.map((r) => data.cohort.roleLabels?.[r] ?? defaultValueLabel(r)),
      });
    // A factsheet about a group reached only by anonymous link has no invitations: its response per group says it all.
    if (rounds.some((r) => r.invited > 0) || !data.groups?.length || !data.selection)
      add('research.response', 'research', 'body', {
        kind: 'response',
        rounds: rounds.map((r) => ({ label: r.label, invited: r.invited, submitted: r.submitted })),
      });
    if (data.groups?.length)
      add('research.groups', 'research', 'body', {
        kind: 'group-response',
        groups: data.groups.map((g) => ({
          name: g.name,
          rounds: g.rounds.map((r, i) => ({ label: rounds[i]?.label ?? { nl: '', en: '' }, invited: r.invited, submitted: r.submitted })),
        })),
      });
  }
  const changes = allChanges(data);
  const comparedRounds = new Set(changes.flatMap((c) => [c.from, c.to]));
  rounds.forEach((r, i) => {
    const v = rate(r);
    if (v === null || r.submitted === 0 || !comparedRounds.has(i) || v >= s.cautionResponseBelow) return;
    const strong = v < s.strongCautionResponseBelow;
    add(`research.low-response.${r.key}`, 'research', 'caveat', {
      kind: 'low-response',
      round: r.label,
      invited: r.invited,
      submitted: r.submitted,
      level: strong ? 'strong' : 'caution',
      threshold: strong ? s.strongCautionResponseBelow : s.cautionResponseBelow,
    });
  });
  const rated = rounds
    .map((r, i) => ({ i, v: rate(r) }))
    .filter((r): r is { i: number; v: number } => r.v !== null && comparedRounds.has(r.i));
  if (rated.length >= 2) {
    const hi = rated.reduce((a, b) => (b.v > a.v ? b : a));
    const lo = rated.reduce((a, b) => (b.v < a.v ? b : a));
    if (hi.v - lo.v > s.responseGapWarning) {
      const gapRound = (i: number, v: number): GapRound => {
        const r = rounds[i];
        return r.invited < s.minDenominatorForPercent
          ? { round: label(i), rate: v, submitted: r.submitted, invited: r.invited }
          : { round: label(i), rate: v };
      };
      add('research.response-gap', 'research', 'caveat', { kind: 'response-gap', high: gapRound(hi.i, hi.v), low: gapRound(lo.i, lo.v) });
    }
  }
  // The attrition flag (METHODS §4.2), as the dashboard shows it; it also travels with each flagged figure.
  if (data.attrition && rounds[data.attrition.from] && rounds[data.attrition.to]) {
    add('research.attrition', 'research', 'caveat', {
      kind: 'attrition',
      fromRound: label(data.attrition.from),
      toRound: label(data.attrition.to),
      variables: data.attrition.variables.length,
      ...(data.attrition.named?.length ? { named: data.attrition.named } : {}),
    });
  }
  add('research.disclosure', 'research', 'note', {
    kind: 'disclosure',
    settings: s,
    methods: [...new Set(changes.map((c) => c.method).filter(Boolean))],
    paired: changes.some((c) => c.paired),
    // Issue 16: whose figures these are (one respondent group) and the splits shown per subgroup.
    ...(data.selection ? { scope: data.selection.name } : {}),
    ...(data.splits?.length ? { splits: data.splits.map((x) => x.label) } : {}),
    corrections: corrections(data),
  });

  // Collaboration with chain partners.
  const partnerSubjects = data.partners.items
    .map((p) => ({ p, subject: subjectOf(p.name, { nl: p.name, en: p.name }, p.frequency, p.frequencyChange) }))
    .filter((x): x is { p: PartnerSeries; subject: ChangeSubject } => x.subject !== null);
  const partnerSpan = partnerSubjects[0]?.subject.change;
  if (partnerSubjects.length && partnerSpan) {
    const increased = partnerSubjects.filter((x) => x.subject.change.evidence === 'increase');
    // Largest first by the difference the chart shows; the analysis's ranking breaks ties.
    const shownDiff = (x: ChangeSubject) => shownValue(x.to, s.minDenominatorForPercent) - shownValue(x.from, s.minDenominatorForPercent);
    const top = [...increased]
      .sort((a, b) => shownDiff(b.subject) - shownDiff(a.subject) || (a.p.rank ?? Infinity) - (b.p.rank ?? Infinity))
      .slice(0, 3);
    add('partners.largest', 'partners', 'lead', { kind: 'largest-increase', subjects: top.map((x) => x.subject) });
    add('partners.frequency-count', 'partners', 'body', {
      kind: 'partner-count',
      facet: 'frequency',
      increased: increased.length,
      decreased: partnerSubjects.filter((x) => x.subject.change.evidence === 'decrease').length,
      total: partnerSubjects.length,
      untested: partnerSubjects.filter((x) => safeChange(x.subject.change).evidence === 'not-tested').length,
      fromRound: label(partnerSpan.from),
      toRound: label(partnerSpan.to),
    });
    if (top.length) {
      add('partners.largest-detail', 'partners', 'body', {
        kind: 'increase-detail',
        subjects: top.map((x) => x.subject),
        fromRound: label(partnerSpan.from),
        toRound: label(partnerSpan.to),
        shareLabel: data.partners.frequencyLabel,
      });
    }
  }
  const quality = data.partners.items
    .map((p) => subjectOf(p.name, { nl: p.name, en: p.name }, p.quality, p.qualityChange))
    .filter((x): x is ChangeSubject => x !== null);
  if (quality.length) {
    add('partners.quality-count', 'partners', 'body', {
      kind: 'partner-count',
      facet: 'quality',
      increased: quality.filter((q) => q.change.evidence === 'increase').length,
      decreased: quality.filter((q) => q.change.evidence === 'decrease').length,
      total: quality.length,
      untested: quality.filter((q) => safeChange(q.change).evidence === 'not-tested').length,
      names: {
        increased: quality.filter((q) => q.change.evidence === 'increase').map((q) => q.id),
        decreased: quality.filter((q) => q.change.evidence === 'decrease').map((q) => q.id),
      },
      fromRound: label(quality[0].change.from),
      toRound: label(quality[0].change.to),
    });
  }
  if (data.partners.items.some((p) => p.frequency.some((v) => v && v.n > 0)))
    add('partners.context', 'partners', 'note', { kind: 'partners-context' });

  // Knowledge and competences: changes first → last, where items peak, the indicators.
  const competence = data.competence
    .map((c) => subjectOf(c.id, c.label, c.perRound, c.change))
    .filter((x): x is ChangeSubject => x !== null);
  if (competence.length) {
    add('competence.change', 'competence', 'lead', {
      kind: 'group-change',
      noun: 'competence',
      subjects: competence,
      fromRound: label(competence[0].change.from),
      toRound: label(competence[0].change.to),
    });
  }
  const detailed = new Set(competence.filter((x) => x.change.evidence === 'increase' || x.change.evidence === 'decrease').map((x) => x.id));
  const peak = peakOf(data.competence, s.minDenominatorForPercent);
  if (peak) {
    add('competence.peak', 'competence', 'body', {
      kind: 'peak',
      noun: 'competence',
      peakRound: label(peak.round),
      round: peak.round,
      count: peak.count,
      total: peak.total,
    });
    // The example's own change, if demonstrable, is told in the same sentence rather than twice.
    const own = competence.find((x) => x.id === peak.example.id && detailed.has(x.id));
    add('competence.peak-example', 'competence', 'body', {
      kind: 'series',
      group: 'competence',
      id: peak.example.id,
      label: peak.example.label,
      perRound: roundShares(data, peak.example),
      ...(own ? { change: { change: own.change, fromRound: label(own.change.from), toRound: label(own.change.to) } } : {}),
    });
  }
  for (const c of competence.filter((x) => detailed.has(x.id) && x.id !== peak?.example.id)) {
    add(`competence.change.${c.id}`, 'competence', 'body', {
      kind: 'change',
      group: 'competence',
      subject: c,
      fromRound: label(c.change.from),
      toRound: label(c.change.to),
    });
  }
  for (const ind of data.indicators) {
    const sub = subjectOf(ind.id, ind.label, ind.perRound, ind.change);
    if (sub)
      add(`competence.indicator.${ind.id}`, 'competence', 'body', {
        kind: 'change',
        group: 'indicators',
        subject: sub,
        fromRound: label(sub.change.from),
        toRound: label(sub.change.to),
      });
  }

  // Tool use.
  const toolSeries = data.tools.items.filter((t) => span(t.perRound));
  if (toolSeries.length) {
    const asked = span(toolSeries[0].perRound)!;
    const askedRounds = rounds.map((_, i) => i).filter((i) => share(toolSeries[0].perRound[i]));
    // "Only asked in …" compares with the rounds that were answered: a round not yet held says nothing.
    const partly = askedRounds.length < answered.length;
    if (partly) add('tools.asked', 'tools', 'lead', { kind: 'asked-in', noun: 'tools', rounds: askedRounds.map(label) });
    const subjects = toolSeries.map((t) => subjectOf(t.id, t.label, t.perRound, t.change)).filter((x): x is ChangeSubject => x !== null);
    if (subjects.length) {
      add('tools.change', 'tools', partly ? 'body' : 'lead', {
        kind: 'group-change',
        noun: 'tools',
        subjects,
        fromRound: label(subjects[0].change.from),
        toRound: label(subjects[0].change.to),
      });
    }
    add('tools.numbers', 'tools', 'body', {
      kind: 'series-group',
      subjects: toolSeries.map((t) => ({ id: t.id, label: t.label, perRound: roundShares(data, t) })),
    });
    const last = asked[1];
    const lastShares = toolSeries.map((t) => t.perRound[last]).filter(share);
    if (lastShares.length === toolSeries.length && toolSeries.length >= 2) {
      const rates = lastShares.map((x) => shownValue(x, s.minDenominatorForPercent));
      const min = Math.min(...rates);
      const least = toolSeries.filter((_, i) => rates[i] === min);
      if (least.length < toolSeries.length) {
        add('tools.least', 'tools', 'body', {
          kind: 'least-used',
          ids: least.map((t) => t.id),
          names: least.map((t) => t.label.nl ?? t.label.en ?? ''),
          round: label(last),
          index: last,
          shares: least.map((t) => t.perRound[last]!),
        });
      }
    }
  }
  for (const e of data.tools.extra) {
    const sp = span(e.perRound);
    if (sp) add(`tools.extra.${e.id}`, 'tools', 'body', shareStatement(data, 'tools-extra', e, sp[1]));
  }

  // The researcher's own indicators (issue 16), in their order: a share as the items' sentences
  // say it, a mean with its value per round; the change with the verdict of the one rule.
  for (const c of data.custom ?? []) {
    if (c.value === 'distribution') {
      // A distribution says its most chosen answer and whether the answers shifted (its own test).
      const choice = c.options
        ? choiceStatement(data, { ...c, options: c.options, shift: c.shift ?? null }, 'question-choice', 'custom-indicators')
        : null;
      if (choice) add(`indicators.distribution.${c.id}`, 'indicators', 'body', choice);
      continue;
    }
    if (c.value === 'share') {
      const sub = subjectOf(c.id, c.label, c.perRound, c.change);
      const sp = span(c.perRound);
      if (sub) {
        add(`indicators.change.${c.id}`, 'indicators', 'body', {
          kind: 'change',
          group: 'custom-indicators',
          subject: sub,
          fromRound: label(sub.change.from),
          toRound: label(sub.change.to),
        });
      } else if (sp) add(`indicators.share.${c.id}`, 'indicators', 'body', shareStatement(data, 'custom-indicators', c, sp[1]));
      continue;
    }
    const perRound = c.means
      .map((m, index) =>
        m && shownMean(m, c.percent, s.minDenominatorForPercent) !== null ? { round: label(index), index, mean: m } : null,
      )
      .filter((x): x is { round: LocalText; index: number; mean: MeanValue } => x !== null);
    if (!perRound.length) continue;
    const ch = c.change && c.means[c.change.from] && c.means[c.change.to] ? safeChange(c.change) : null;
    const shown = ch && perRound.some((r) => r.index === ch.from) && perRound.some((r) => r.index === ch.to);
    add(`indicators.mean.${c.id}`, 'indicators', 'body', {
      kind: 'indicator-mean',
      id: c.id,
      label: c.label,
      percent: c.percent,
      perRound,
      ...(shown ? { change: { change: ch!, fromRound: label(ch!.from), toRound: label(ch!.to) } } : {}),
    });
  }

  // General findings: the lead that weighs the evidence, then key numbers.
  const domains: { noun: GroupNoun; increased: number; total: number }[] = [];
  if (partnerSubjects.length)
    domains.push({
      noun: 'partners',
      increased: partnerSubjects.filter((x) => x.subject.change.evidence === 'increase').length,
      total: partnerSubjects.length,
    });
  if (competence.length)
    domains.push({
      noun: 'competence',
      increased: competence.filter((x) => x.change.evidence === 'increase').length,
      total: competence.length,
    });
  const tools = toolSeries.map((t) => subjectOf(t.id, t.label, t.perRound, t.change)).filter((x): x is ChangeSubject => x !== null);
  if (tools.length)
    domains.push({ noun: 'tools', increased: tools.filter((x) => x.change.evidence === 'increase').length, total: tools.length });
  if (domains.length) {
    const first = changes[0];
    add('findings.contribution', 'findings', 'lead', {
      kind: 'contribution',
      domains,
      fromRound: label(first?.from ?? 0),
      toRound: label(first?.to ?? rounds.length - 1),
    });
  }
  const sat = data.satisfaction.find((x) => span(x.perRound));
  if (sat) {
    const last = span(sat.perRound)![1];
    add(`findings.satisfaction.${sat.id}`, 'findings', 'body', shareStatement(data, 'satisfaction', sat, last));
  }
  for (const ind of data.indicators) {
    const sp = span(ind.perRound);
    if (sp) add(`findings.indicator.${ind.id}`, 'findings', 'body', shareStatement(data, 'indicators', ind, sp[1]));
  }
  if (domains.length) {
    add('findings.causality', 'findings', 'caveat', { kind: 'causality', lowResponse: out.some((f) => f.finding.kind === 'low-response') });
  }

  // The technical annex (off by default): every change with its test, p-values and interval.
  const technical = (key: string, id: string, label: LocalText, change: Change | null) => {
    if (!change || !rounds[change.from] || !rounds[change.to]) return;
    add(`annex.${key}`, 'annex', 'note', {
      kind: 'technical',
      id,
      label,
      change,
      fromRound: label0(change.from),
      toRound: label0(change.to),
    });
  };
  const label0 = (i: number) => rounds[i].label;
  for (const p of data.partners.items) {
    const f = { nl: `${p.name} (samenwerkingsfrequentie)`, en: `${p.name} (collaboration frequency)` };
    const q = { nl: `${p.name} (kwaliteit van de samenwerking)`, en: `${p.name} (quality of collaboration)` };
    technical(`partners.frequency.${p.name}`, `frequency:${p.name}`, f, p.frequencyChange);
    technical(`partners.quality.${p.name}`, `quality:${p.name}`, q, p.qualityChange);
  }
  for (const s of [...data.competence, ...data.indicators, ...data.tools.items, ...data.tools.extra])
    technical(s.id, s.id, s.label, s.change);
  for (const c of data.custom ?? []) technical(`indicators.${c.id}`, `indicator:${c.id}`, c.label, c.change);
  // items: ratings, numbers and the options of multiple choice (their own section is off by default).
  out.push(...questionStatements(data));
  for (const q of data.questions ?? []) {
    technical(q.id, q.id, q.label, q.change);
    if (q.type === 'multi') for (const o of q.options ?? []) technical(o.id, o.id, o.label, o.change);
  }
  return out;
}

function roundShares(data: FactsheetData, s: Series): RoundShare[] {
  return s.perRound
    .map((v, i) => (share(v) ? { round: data.rounds[i].label, share: v, index: i } : null))
    .filter((x): x is RoundShare => x !== null);
}

/**
 * The caveats that travel with a figure of item `id` in round `index` (METHODS §3.6): the round's
 * response rate when it is under `cautionResponseBelow`, and the round those who dropped out left
 * after when the attrition flag names the item. The sentence and the key-figure tile both say them.
 */
export function figureCaveats(
  data: FactsheetData,
  id: string,
  index: number,
): { lowResponse: number | null; attritionFrom: LocalText | null } {
  const r = data.rounds[index];
  const rate = r && r.invited > 0 ? r.submitted / r.invited : null;
  const a = data.attrition;
  const from = a && a.to === index && a.variables.includes(id) ? (data.rounds[a.from]?.label ?? null) : null;
  return { lowResponse: rate !== null && rate < data.settings.cautionResponseBelow ? rate : null, attritionFrom: from };
}

/** A figure in one round, with the caveats that travel with it (low response, attrition). */
function shareStatement(data: FactsheetData, group: ClaimGroup, s: Series | CustomIndicator, index: number): Statement {
  const r = data.rounds[index];
  const { lowResponse, attritionFrom } = figureCaveats(data, s.id, index);
  return {
    kind: 'share',
    group,
    id: s.id,
    label: s.label,
    form: s.form ?? (group === 'satisfaction' ? 'agree' : 'yes'),
    round: r.label,
    index,
    share: s.perRound[index]!,
    ...(lowResponse !== null ? { lowResponse } : {}),
    ...(lowResponse !== null && r.invited < data.settings.minDenominatorForPercent
      ? { lowResponseCounts: { submitted: r.submitted, invited: r.invited } }
      : {}),
    ...(attritionFrom ? { attrition: attritionFrom } : {}),
  };
}

const GROUP_OF: Record<GroupNoun, ClaimGroup> = {
  competence: 'competence',
  tools: 'tools',
  partners: 'partners-frequency',
  indicators: 'indicators',
};

/** Which areas' changes were adjusted for multiple tests, and how (the families of analysis/study/multiplicity.ts). */
function corrections(data: FactsheetData): { holm: GroupNoun[]; bh: GroupNoun[] } {
  const adjusted = (changes: (Change | null | undefined)[]) => changes.some((c) => c != null && c.pAdjusted !== null);
  const holm: GroupNoun[] = [];
  const bh: GroupNoun[] = [];
  if (adjusted(data.competence.map((s) => s.change))) holm.push('competence');
  if (adjusted((data.custom ?? []).map((c) => c.change))) holm.push('indicators');
  if (adjusted(data.partners.items.flatMap((p) => [p.frequencyChange, p.qualityChange]))) bh.push('partners');
  if (adjusted([...data.tools.items, ...data.tools.extra].map((s) => s.change))) bh.push('tools');
  return { holm, bh };
}

/** The claims a statement's sentence makes, which claims.ts checks against the printed figures. */
export function claimsOf(f: Statement, minPercent: number): Claim[] {
  const direction = (s: ChangeSubject, group: ClaimGroup, evidence = safeChange(s.change).evidence): Claim => ({
    kind: 'direction',
    group,
    id: s.id,
    from: s.change.from,
    to: s.change.to,
    direction: shownDirection(s.from, s.to, minPercent),
    evidence,
  });
  switch (f.kind) {
    case 'share':
      return [{ kind: 'share', group: f.group, id: f.id, round: f.index, x: f.share.x, n: f.share.n }];
    case 'change':
      return [direction(f.subject, f.group)];
    case 'largest-increase':
      return f.subjects.length ? [{ kind: 'largest-increases', group: 'partners-frequency', items: f.subjects.map((x) => x.id) }] : [];
    case 'increase-detail':
      return f.subjects.map((x) => direction(x, 'partners-frequency'));
    case 'group-change': {
      const group = GROUP_OF[f.noun];
      const up = f.subjects.filter((x) => safeChange(x.change).evidence === 'increase').length;
      const down = f.subjects.filter((x) => safeChange(x.change).evidence === 'decrease').length;
      const untested = f.subjects.filter((x) => safeChange(x.change).evidence === 'not-tested').length;
      const out: Claim[] = [{ kind: 'changed-count', group, increased: up, decreased: down, of: f.subjects.length, untested }];
      const dirs = new Set(f.subjects.map((x) => shownDirection(x.from, x.to, minPercent)));
      const first = f.subjects[0];
      if (first && dirs.size === 1)
        out.push({
          kind: 'same-direction',
          group,
          items: f.subjects.map((x) => x.id),
          from: first.change.from,
          to: first.change.to,
          direction: [...dirs][0],
        });
      return out;
    }
    case 'partner-count':
      return [
        {
          kind: 'changed-count',
          group: f.facet === 'frequency' ? 'partners-frequency' : 'partners-quality',
          increased: f.increased,
          decreased: f.decreased,
          of: f.total,
          ...(f.untested !== undefined ? { untested: f.untested } : {}),
        },
      ];
    case 'peak':
      return [{ kind: 'peak-round', group: GROUP_OF[f.noun], round: f.round, count: f.count, of: f.total }];
    case 'series':
      return [
        ...f.perRound.map((r): Claim => ({ kind: 'share', group: f.group, id: f.id, round: r.index, x: r.share.x, n: r.share.n })),
        ...(f.change
          ? [
              {
                kind: 'direction' as const,
                group: f.group,
                id: f.id,
                from: f.change.change.from,
                to: f.change.change.to,
                direction: shownDirection(
                  f.perRound.find((r) => r.index === f.change!.change.from)?.share ?? { x: 0, n: 1, ci: null },
                  f.perRound.find((r) => r.index === f.change!.change.to)?.share ?? { x: 0, n: 1, ci: null },
                  minPercent,
                ),
                evidence: safeChange(f.change.change).evidence,
              },
            ]
          : []),
      ];
    case 'least-used':
      return [{ kind: 'least', group: 'tools', items: f.ids, round: f.index }];
    case 'indicator-mean': {
      if (!f.change) return [];
      const at = (i: number) => shownMean(f.perRound.find((r) => r.index === i)!.mean, f.percent, minPercent)!;
      const { from, to } = f.change.change;
      return [
        {
          kind: 'mean-direction',
          id: f.id,
          from,
          to,
          direction: shownMeanDirection(at(from), at(to)),
          evidence: safeChange(f.change.change).evidence,
        },
      ];
    }
    case 'question-mean':
    case 'question-choice':
    case 'question-vote':
      return questionClaims(f);
    default:
      return [];
  }
}

function allChanges(data: FactsheetData): Change[] {
  return [
    ...data.partners.items.flatMap((p) => [p.frequencyChange, p.qualityChange]),
    ...data.competence.map((c) => c.change),
    ...data.indicators.map((c) => c.change),
    ...data.tools.items.map((c) => c.change),
    ...data.tools.extra.map((c) => c.change),
    ...(data.custom ?? []).map((c) => c.change),
  ].filter((c): c is Change => c !== null);
}

/**
 * The round in which most competence items have their highest share as printed (whole
 * percentages, or x/n below the threshold; a tie for the highest is no peak), when that is not
 * the last round (a rise that keeps rising is not a peak), with the item whose peak stands out
 * most as the example. The sentence says "highest percentage", so the percentage decides,
 * never the mean.
 */
export function peakOf(series: Series[], minPercent: number): { round: number; count: number; total: number; example: Series } | null {
  const peaks: { s: Series; round: number | null; last: number; prominence: number }[] = [];
  for (const s of series) {
    const asked = s.perRound.map((v, i) => (share(v) ? i : -1)).filter((i) => i >= 0);
    if (asked.length < 3) continue;
    const values = asked.map((i) => shownValue(s.perRound[i]!, minPercent));
    const max = Math.max(...values);
    const top = asked.filter((_, k) => values[k] === max);
    const others = values.filter((v) => v !== max);
    const prominence = others.length ? max - others.reduce((a, b) => a + b, 0) / others.length : 0;
    peaks.push({ s, round: top.length === 1 ? top[0] : null, last: asked[asked.length - 1], prominence });
  }
  if (!peaks.length) return null;
  const counts = new Map<number, number>();
  for (const p of peaks) if (p.round !== null) counts.set(p.round, (counts.get(p.round) ?? 0) + 1);
  if (!counts.size) return null;
  const [round, count] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  if (count * 2 <= peaks.length) return null;
  const at = peaks.filter((p) => p.round === round && p.round !== p.last);
  if (!at.length) return null;
  const example = at.sort((a, b) => b.prominence - a.prominence)[0].s;
  return { round, count, total: peaks.length, example };
}
