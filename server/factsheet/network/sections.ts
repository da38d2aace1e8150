import { pick, type Lang, type LocalText } from '../../../model/index.js';
import type { Composition } from '../../../model/api/factsheet.js';
import type { CustomIndicator, FactsheetData } from '../../../analysis/findings/data.js';
import { formatInt, inRound as inRoundText, longDate, pct, pctRange, xOfN } from '../../../analysis/findings/format.js';
import type { Block, DocSentence } from '../document.js';
import type { NetworkAction } from './figures.js';
import { latestIndex, nOf, shownTarget, targetState, visibility } from './rules.js';
import { roundWord, STATUS_WORDS, type NetworkSection } from './sentences.js';
import { dutchDeterminer } from '../../../model/vocabulary.js';

/**
 * The blocks of a network study's four factsheet sections: the checked sentences (resolved with
 * the researcher's edits by document.ts) between the tables that carry the figures. A section with
 * nothing to say has no blocks, so the document leaves it out.
 */

export interface ResolvedSentence extends DocSentence {
  paragraph: 'lead' | 'body' | 'caveat' | 'note';
}

export interface NetworkSectionInput {
  key: NetworkSection;
  data: FactsheetData;
  composition: Composition;
  lang: Lang;
  /** The printed sentences of the section (edits applied), in their order. */
  sentences: ResolvedSentence[];
  /** Short labels the composer gives indicators. */
  labels: Record<string, LocalText>;
}

const DASH = '—';

/** The study role of an action's owner, in words (the network connector runs the study as its researcher). */
const ROLE_WORDS: Record<string, LocalText> = {
  researcher: { nl: 'netwerkverbinder', en: 'network connector' },
  trainer: { nl: 'lid van het team', en: 'team member' },
  manager: { nl: 'lid van het team', en: 'team member' },
};

export function networkBlocks(input: NetworkSectionInput): Block[] {
  switch (input.key) {
    case 'network-standing':
      return standingBlocks(input);
    case 'network-change':
      return paragraphs(input.sentences);
    case 'network-plan':
      return planBlocks(input);
    case 'network-next':
      return nextBlocks(input);
  }
}

/** The sentences as paragraphs: consecutive sentences of one style form one paragraph. */
function paragraphs(sentences: ResolvedSentence[]): Block[] {
  const out: Block[] = [];
  for (const s of sentences) {
    if (!s.text.trim()) continue;
    const last = out[out.length - 1];
    const { paragraph, ...sentence } = s;
    if (last?.kind === 'paragraph' && last.style === paragraph) last.sentences.push(sentence);
    else out.push({ kind: 'paragraph', style: paragraph, sentences: [sentence] });
  }
  return out;
}

const by = (sentences: ResolvedSentence[], key: string) => paragraphs(sentences.filter((s) => s.key === key));

/** An indicator's value in a round as the disclosure rule allows: the value, its interval, and what to print when hidden. */
export function valueCells(ind: CustomIndicator, round: number, data: FactsheetData, lang: Lang): { value: string; ci: string } {
  const shown = visibility(nOf(ind, round), ind, data.settings);
  if (shown === 'withheld') return { value: lang === 'nl' ? 'niet getoond' : 'not shown', ci: DASH };
  const dec = (v: number) => (lang === 'nl' ? v.toFixed(1).replace('.', ',') : v.toFixed(1));
  if (ind.value === 'share') {
    const s = ind.perRound[round]!;
    if (shown === 'counts') return { value: xOfN(s.x, s.n, lang), ci: DASH };
    return { value: pct(s.x / s.n), ci: s.ci ? pctRange(s.ci) : DASH };
  }
  const m = ind.means[round]!;
  if (ind.percent) return { value: pct(m.value), ci: m.ci ? pctRange(m.ci) : DASH };
  return { value: dec(m.value), ci: shown === 'value' && m.ci ? `${dec(m.ci[0])}–${dec(m.ci[1])}` : DASH };
}

function tableNote(data: FactsheetData, lang: Lang): string {
  const min = formatInt(data.settings.minDenominatorForPercent, lang);
  return lang === 'nl'
    ? `n is het aantal dat de vraag beantwoordde; het interval is het 95%-betrouwbaarheidsinterval. Bij minder dan ${min} ` +
        `antwoorden tonen we geen percentage${
          data.settings.teamMode
            ? '; in de teamweergave staan dan de eigen aantallen (‘3 van 5’) of een gemiddelde score zonder interval, ' +
              'maar nooit een (gemiddeld) percentage'
            : ' en geen gemiddelde, zodat de antwoorden van enkelen niet herkenbaar zijn'
        }.`
    : `n is the number who answered; the interval is the 95% confidence interval. With fewer than ${min} answers no percentage is shown${
        data.settings.teamMode
          ? '; in team mode the team sees its own counts (‘3 of 5’) or a mean score without an interval, ' +
            'but never an (average) percentage'
          : ' and no mean, so that the answers of a few cannot be recognised'
      }.`;
}

function standingBlocks(input: NetworkSectionInput): Block[] {
  const { data, lang } = input;
  const net = data.network!;
  const L = (nl: string, en: string) => (lang === 'nl' ? nl : en);
  const out: Block[] = [...paragraphs(input.sentences.filter((s) => s.paragraph === 'lead'))];
  const rows: string[][] = [];
  const unanswered: string[] = [];
  for (const ind of net.indicators) {
    const name = pick(input.labels[ind.id] ?? ind.label, lang);
    const at = latestIndex(ind);
    if (at === null) {
      unanswered.push(name);
      continue;
    }
    const cells = valueCells(ind, at, data, lang);
    rows.push([name, pick(data.rounds[at].label, lang), cells.value, formatInt(nOf(ind, at), lang), cells.ci]);
  }
  if (rows.length)
    out.push({
      kind: 'figures',
      caption: L(
        `Indicatoren in ${dutchDeterminer(data.study.vocabulary, 'round', 'de')} laatste ${roundWord(data, lang)}`,
        `Indicators in the latest ${roundWord(data, lang)}`,
      ),
      head: [L('Indicator', 'Indicator'), capital(roundWord(data, lang)), L('Waarde', 'Value'), 'n', L('95%-interval', '95% interval')],
      rows,
      numeric: [false, false, true, true, true],
      note:
        tableNote(data, lang) + (unanswered.length ? ` ${L('Nog zonder antwoorden', 'No answers yet')}: ${unanswered.join(', ')}.` : ''),
    });
  const d = net.domains;
  if (d?.domains.length) {
    const roles = [...new Set(d.cohort.perDomain.flatMap((p) => Object.keys(p.byRole ?? {})))];
    const latest = [...d.answers].reverse().find((a) => a.n > 0) ?? null;
    // Answers too few to show (no team mode) get no column of "not shown": the note says why.
    const hiddenAnswers = !!latest && visibility(latest.n, { value: 'share', percent: true }, data.settings) === 'withheld';
    const answers = hiddenAnswers ? null : latest;
    const latestRound = latest ? data.rounds.find((r) => r.key === latest.round) : undefined;
    const answersRound = answers ? data.rounds.find((r) => r.key === answers.round) : undefined;
    const head = [
      L('Domein', 'Domain'),
      L('Leden', 'Members'),
      ...roles.map((r) => pick(net.roleLabels[r] ?? { nl: r, en: r }, lang)),
      ...(answers && answersRound ? [L(`Genoemd (${pick(answersRound.label, lang)})`, `Named (${pick(answersRound.label, lang)})`)] : []),
    ];
    const domainRows = d.domains.map((dom) => {
      const cohort = d.cohort.perDomain.find((p) => p.value === dom.value);
      const named = answers?.perDomain.find((p) => p.value === dom.value);
      const namedCell = (): string => {
        if (!answers || !named) return DASH;
        const visible = visibility(answers.n, { value: 'share', percent: true }, data.settings);
        if (visible === 'withheld') return L('niet getoond', 'not shown');
        return visible === 'counts'
          ? xOfN(named.count, answers.n, lang)
          : `${pct(named.count / answers.n)} (${xOfN(named.count, answers.n, lang)})`;
      };
      return [
        pick(dom.label as LocalText, lang),
        formatInt(cohort?.members ?? 0, lang),
        ...roles.map((r) => formatInt(cohort?.byRole?.[r] ?? 0, lang)),
        ...(answers && answersRound ? [namedCell()] : []),
      ];
    });
    out.push({
      kind: 'figures',
      caption: L('Domeinen in het team en het steunnetwerk', 'Domains in the team and the support network'),
      head,
      rows: domainRows,
      numeric: head.map((_, i) => i > 0),
      note: L(
        'Leden: de actieve leden van het netwerk per domein, uit de deelnemerslijst.' +
          (answers ? ' Genoemd: hoeveel van wie de vraag beantwoordde het domein vertegenwoordigd noemen.' : '') +
          (hiddenAnswers && latestRound
            ? ` Welke domeinen de antwoorden ${inRoundText(latestRound.label, lang)} noemen, tonen we niet: ` +
              `${formatInt(latest!.n, lang)} antwoorden, minder dan ${formatInt(data.settings.minDenominatorForPercent, lang)}.`
            : ''),
        'Members: the active members of the network per domain, from the participant list.' +
          (answers ? ' Named: how many of those who answered the question name the domain as represented.' : '') +
          (hiddenAnswers && latestRound
            ? ` Which domains the answers ${inRoundText(latestRound.label, lang)} name is not shown: ` +
              `${formatInt(latest!.n, lang)} answers, fewer than ${formatInt(data.settings.minDenominatorForPercent, lang)}.`
            : ''),
      ),
    });
  }
  return out.length ? [...out, ...paragraphs(input.sentences.filter((s) => s.paragraph !== 'lead'))] : [];
}

const capital = (s: string) => s.charAt(0).toLocaleUpperCase('nl') + s.slice(1);

function owner(a: NetworkAction, input: NetworkSectionInput): string {
  const role = a.ownerRole ? pick(ROLE_WORDS[a.ownerRole] ?? { nl: 'lid van het team', en: 'team member' }, input.lang) : DASH;
  return input.composition.nameMembers && a.ownerName ? `${a.ownerName} (${role})` : capital(role);
}

/** Long free text shortened for a table cell, at a word. */
function summary(text: string, max = 220): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s || DASH;
  const cut = s.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 30)).replace(/[,;:.\s]+$/, '')} …`;
}

function planBlocks(input: NetworkSectionInput): Block[] {
  const { data, lang } = input;
  const net = data.network!;
  const L = (nl: string, en: string) => (lang === 'nl' ? nl : en);
  const out: Block[] = [];
  for (const plan of net.plans) {
    const at = `network-plan.${plan.id}`;
    out.push(...by(input.sentences, `${at}.point`));
    if (plan.indicators.length) {
      out.push({
        kind: 'figures',
        caption: L('Indicatoren van het plan: streefwaarde en laatste waarde', 'The plan’s indicators: target and latest value'),
        head: [L('Indicator', 'Indicator'), L('Streefwaarde', 'Target'), L('Laatste waarde', 'Latest value'), 'n', L('Bereikt', 'Reached')],
        numeric: [false, true, true, true, false],
        rows: plan.indicators.map((goal) => {
          const ind = net.indicators.find((i) => i.id === goal.key);
          if (!ind) return [goal.key, String(goal.target), DASH, DASH, L('niet te beoordelen', 'cannot be judged')];
          const target = shownTarget(ind, goal.target);
          const round = latestIndex(ind);
          const targetText = ind.percent ? pct(target) : lang === 'nl' ? String(target).replace('.', ',') : String(target);
          if (round === null)
            return [pick(input.labels[ind.id] ?? ind.label, lang), targetText, DASH, '0', L('nog niet gemeten', 'not measured yet')];
          const state = targetState(ind, round, target, data.settings);
          return [
            pick(input.labels[ind.id] ?? ind.label, lang),
            targetText,
            `${valueCells(ind, round, data, lang).value} (${pick(data.rounds[round].label, lang)})`,
            formatInt(nOf(ind, round), lang),
            state === 'reached'
              ? L('ja', 'yes')
              : state === 'not-yet'
                ? L('nog niet', 'not yet')
                : L('niet te beoordelen', 'cannot be judged'),
          ];
        }),
      });
      out.push(...by(input.sentences, `${at}.targets`));
    }
    if (plan.actions.length) {
      out.push({
        kind: 'figures',
        caption: L('Acties', 'Actions'),
        head: [L('Actie', 'Action'), L('Eigenaar', 'Owner'), L('Uiterlijk', 'Due'), L('Status', 'Status')],
        numeric: [false, false, false, false],
        rows: plan.actions.map((a) => [a.description, owner(a, input), longDate(`${a.due}T12:00:00Z`, lang), STATUS_WORDS[a.status][lang]]),
      });
      out.push(...by(input.sentences, `${at}.actions`));
    }
    if (plan.pdca.length)
      out.push({
        kind: 'figures',
        caption: L('Kwartaalevaluaties (PDCA)', 'Quarterly evaluations (PDCA)'),
        head: [L('Kwartaal', 'Quarter'), L('Gedaan', 'Done'), L('Gemeten', 'Measured'), L('Bijgesteld', 'Adjusted')],
        numeric: [false, false, false, false],
        rows: [...plan.pdca]
          .sort((a, b) => a.quarter - b.quarter)
          .map((e) => [`${L('K', 'Q')}${e.quarter} ${plan.year}`, summary(e.done), summary(e.measured), summary(e.adjusted)]),
      });
    out.push(...by(input.sentences, `${at}.quarters`));
  }
  return out;
}

function nextBlocks(input: NetworkSectionInput): Block[] {
  const { data, lang, composition } = input;
  const L = (nl: string, en: string) => (lang === 'nl' ? nl : en);
  const out: Block[] = [];
  const open = data
    .network!.plans.flatMap((p) => p.actions.filter((a) => a.status === 'not-started' || a.status === 'in-progress'))
    .sort((a, b) => a.due.localeCompare(b.due));
  if (open.length)
    out.push({
      kind: 'list',
      title: L('Openstaande acties', 'Open actions'),
      items: open.map(
        (a) =>
          `${a.description} — ${L('uiterlijk', 'due')} ${longDate(`${a.due}T12:00:00Z`, lang)} · ${owner(a, input)} · ` +
          `${STATUS_WORDS[a.status][lang]}`,
      ),
    });
  out.push(...paragraphs(input.sentences));
  const own = pick(composition.texts.nextSteps, lang).trim();
  if (own) out.push({ kind: 'text', text: own });
  return out;
}
