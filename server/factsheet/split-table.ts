import { pick, type Lang, type LocalText } from '../../model/index.js';
import type { CustomIndicator, FactsheetData, FactsheetSubgroup, QuestionBlock, Series, Share } from '../../analysis/findings/data.js';
import { formatInt, shareText, upperFirst } from '../../analysis/findings/format.js';
import type { Block } from './document.js';
import { withDeterminer } from '../../model/vocabulary.js';

/**
 * A section's figures per subgroup as printed (issue 16): one compact table per split — a row
 * of respondents per subgroup, then per indicator (or question) a row per subgroup with its
 * value per round — with the cells the subgroup rule hides marked "niet getoond" and a note
 * saying why. The same thresholds as everywhere: no percentage on fewer answers than the
 * study's minimum, the counts instead.
 */

const L = (lang: Lang, nl: string, en: string) => (lang === 'nl' ? nl : en);
const has = (s: Share | null | undefined): s is Share => !!s && s.n > 0;
const decimal = (v: number, lang: Lang) =>
  new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);

/** The title area's line for a factsheet about one respondent group: "Alleen ouders" / "Parents only". */
export function scopeLine(name: LocalText, lang: Lang): string {
  const text = pick(name, lang);
  if (lang === 'en') return `${text} only`;
  return `Alleen ${/^.\p{Ll}/u.test(text) ? text[0].toLocaleLowerCase('nl') + text.slice(1) : text}`;
}

type Row = { cells: string[]; heading?: boolean; muted?: boolean[] };

/** The split blocks of a section: nothing when the section is not split or its split was not computed. */
export function splitBlocks(data: FactsheetData, section: 'indicators' | 'questions', split: string | undefined, lang: Lang): Block[] {
  if (!split) return [];
  const s = data.splits?.find((x) => x.by === split && x.sections.includes(section));
  if (!s?.groups.length) return [];
  const min = data.settings.minDenominatorForPercent;
  const rule: Rule = { lang, min, teamMode: !!data.settings.teamMode };
  const rounds = data.rounds.map((r) => pick(r.label, lang));
  const hiddenText = L(lang, 'niet getoond', 'not shown');
  const noun = pick(s.label, lang);
  // One table per row group (respondents, then each indicator or question), so that pages can
  // break between them; the first carries the caption, the last the note.
  const tables: Row[][] = [];
  const add = (heading: string, cell: (g: FactsheetSubgroup, r: number) => string | null, always = false) => {
    const body: Row[] = s.groups.map((g) => {
      const cells = rounds.map((_, r) => (g.hidden[r] ? hiddenText : (cell(g, r) ?? '—')));
      return { cells: [pick(g.label, lang), ...cells], muted: [false, ...rounds.map((_, r) => g.hidden[r])] };
    });
    // A row group whose every cell is empty (not asked of these subgroups) is left out, and so is
    // a subgroup that was not asked (parents for a professionals' question).
    if (!always && body.every((b) => b.cells.slice(1).every((c) => c === '—' || c === hiddenText))) return;
    tables.push([{ cells: [heading], heading: true }, ...body.filter((b) => !b.cells.slice(1).every((c) => c === '—'))]);
  };
  // The respondents are always shown, also when every subgroup is hidden: the table then says why there is no split.
  add(L(lang, 'Respondenten', 'Respondents'), (g, r) => (g.respondents[r] === null ? null : formatInt(g.respondents[r]!, lang)), true);
  if (section === 'indicators') {
    (data.custom ?? []).forEach((ind, k) =>
      add(pick(ind.label, lang), (g, r) => {
        const own = g.custom.find((c) => c.id === ind.id) ?? g.custom[k];
        return own ? indicatorCell(own, r, rule) : null;
      }),
    );
  } else {
    (data.questions ?? []).forEach((q) =>
      add(pick(q.label, lang), (g, r) => {
        const own = g.questions.find((x) => x.id === q.id);
        return own ? questionCell(own, r, rule) : null;
      }),
    );
  }
  const caption = L(lang, `Per ${noun}`, `Per ${noun}`);
  const note = L(
    lang,
    `Niet getoond: minder dan ${data.settings.minSubgroup} respondenten ` +
      `in ${withDeterminer(data.study.vocabulary, 'round', 'nl', 'die')}, ` +
      'of verborgen zodat een kleinere groep niet uit het totaal is af te leiden. ' +
      (data.settings.teamMode
        ? `Onder ${min} antwoorden staan aantallen in plaats van percentages (teamweergave).`
        : `Onder ${min} antwoorden tonen we geen percentage en, voor een deelgroep, ook geen aantallen.`),
    `Not shown: fewer than ${data.settings.minSubgroup} respondents in ${withDeterminer(data.study.vocabulary, 'round', 'en', 'die')}, ` +
      'or hidden so that a smaller group cannot be worked out from the total. ' +
      (data.settings.teamMode
        ? `Below ${min} answers counts are shown instead of percentages (team view).`
        : `Below ${min} answers no percentage is shown and, for a subgroup, no counts either.`),
  );
  const head = [upperFirst(noun), ...rounds];
  return tables.map((rows, i) => ({
    kind: 'table',
    caption: i === 0 ? caption : '',
    head,
    rows,
    note: i === tables.length - 1 ? note : '',
  }));
}

/** How a subgroup's share is printed: the study's threshold, and whether the team sees its counts below it. */
interface Rule {
  lang: Lang;
  min: number;
  teamMode: boolean;
}

/**
 * A subgroup's share (METHODS §6): a percentage from the threshold on; below it the counts only
 * in team mode ("3 van 5", the team's own numbers), otherwise nothing but the reason.
 */
function subgroupShare(s: Share, { lang, min, teamMode }: Rule): string {
  if (s.n >= min || teamMode) return shareText(s, lang, min);
  return L(lang, `minder dan ${min} antwoorden`, `fewer than ${min} answers`);
}

function indicatorCell(c: CustomIndicator, r: number, rule: Rule): string | null {
  const { lang, min } = rule;
  if (c.value === 'share') return has(c.perRound[r]) ? subgroupShare(c.perRound[r]!, rule) : null;
  if (c.value === 'distribution') return c.options ? topOption(c.options, r, rule) : null;
  const m = c.means[r];
  if (!m || m.n === 0) return null;
  if (c.percent) return m.n >= min ? `${Math.round(m.value * 100)}% (n = ${formatInt(m.n, lang)})` : `n = ${formatInt(m.n, lang)}`;
  return `${decimal(m.value, lang)} (n = ${formatInt(m.n, lang)})`;
}

function questionCell(q: QuestionBlock, r: number, rule: Rule): string | null {
  const { lang } = rule;
  if (q.means) {
    const m = q.means[r];
    return m && m.n > 0 ? `${decimal(m.mean, lang)} (n = ${formatInt(m.n, lang)})` : null;
  }
  return q.options ? topOption(q.options, r, rule) : null;
}

/** The most chosen answer of a round: "Ja: 70% (7 van 10)"; ties are all named. */
function topOption(options: Series[], r: number, rule: Rule): string | null {
  const { lang } = rule;
  const shown = options.filter((o) => has(o.perRound[r]));
  if (!shown.length) return null;
  const most = Math.max(...shown.map((o) => o.perRound[r]!.x));
  if (most === 0) return null;
  const top = shown.filter((o) => o.perRound[r]!.x === most);
  const share = top[0].perRound[r]!;
  // Below the threshold (and not in team mode) the most chosen answer is not named either: it would be a count of a few.
  if (share.n < rule.min && !rule.teamMode) return subgroupShare(share, rule);
  return `${top.map((o) => pick(o.label, lang)).join(' / ')}: ${subgroupShare(share, rule)}`;
}
