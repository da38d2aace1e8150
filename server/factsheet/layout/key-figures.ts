import type { Lang, LocalText } from '../../../model/index.js';
import type { FactsheetData, Series } from '../../../analysis/findings/data.js';
import { formatInt, lowerLabel, percentAllowed, pct, xOfN } from '../../../analysis/findings/format.js';
import { figureCaveats } from '../../../analysis/findings/statements.js';

/** One tile of page 1: a big figure, what it counts, and its basis in small print. */
export interface KeyFigure {
  value: string;
  label: string;
  note: string;
  /**
   * The caveat that travels with a headline figure (METHODS §3.6), as short as a tile allows:
   * "lage respons, uitval". The text beside it says the whole of it.
   */
  caveat?: string;
}

/**
 * The key figures a reader takes from page 1 before reading on, as in GGD factsheets: how many
 * were invited, the response of each round, and the headline result — the first yes/no
 * indicator (or, without one, the first statement, or the study's first own indicator that is a
 * share) in the last round it was asked. Percentages
 * follow the study's threshold: on fewer answers than `minDenominatorForPercent` the tile
 * shows "x van n".
 */
export function keyFigures(
  data: FactsheetData,
  lang: Lang,
  label: (id: string, text: LocalText) => string,
  participants: string,
): KeyFigure[] {
  const L = (nl: string, en: string) => (lang === 'nl' ? nl : en);
  const min = data.settings.minDenominatorForPercent;
  const tiles: KeyFigure[] = [];
  const invited = Math.max(data.cohort.invited, ...data.rounds.map((r) => r.invited));
  if (invited > 0) {
    const who = participants || L('deelnemers', 'participants');
    tiles.push({
      value: formatInt(invited, lang),
      label: L(`${who} uitgenodigd`, `${who} invited`),
      note:
        data.cohort.organisations > 1
          ? L(`uit ${data.cohort.organisations} organisaties`, `from ${data.cohort.organisations} organisations`)
          : '',
    });
  }
  // A study of one round: its response, without the round's name ("respons meting" says nothing more).
  const only = data.rounds.length === 1;
  for (const r of data.rounds) {
    if (r.invited <= 0) continue;
    const share = { x: r.submitted, n: r.invited };
    tiles.push({
      value: percentAllowed(share, min) ? pct(r.submitted / r.invited) : xOfN(r.submitted, r.invited, lang),
      label: only ? L('respons', 'response') : L(`respons ${lowerLabel(r.label, lang)}`, `response ${lowerLabel(r.label, lang)}`),
      note: percentAllowed(share, min) ? xOfN(r.submitted, r.invited, lang) : '',
    });
  }
  // The study's own indicators that are shares come last: a monitor without a training's
  // indicators or statements still gets its headline.
  const headline = headlineOf([...data.indicators, ...data.competence, ...(data.custom ?? []).filter((c) => c.value === 'share')]);
  if (headline) {
    const { series, round } = headline;
    const v = series.perRound[round]!;
    tiles.push({
      value: percentAllowed(v, min) ? pct(v.x / v.n) : xOfN(v.x, v.n, lang),
      // A question's text as a label: without its full stop.
      label: label(series.id, series.label).replace(/[.\s]+$/, ''),
      note: [only ? '' : lowerLabel(data.rounds[round]?.label, lang), percentAllowed(v, min) ? xOfN(v.x, v.n, lang) : '']
        .filter(Boolean)
        .join(', '),
      ...caveatOf(data, series.id, round, lang),
    });
  }
  return tiles;
}

/** The caveats its sentence gives the headline figure (figureCaveats), as one line of a tile, in the caution colour. */
function caveatOf(data: FactsheetData, id: string, round: number, lang: Lang): Pick<KeyFigure, 'caveat'> {
  const { lowResponse, attritionFrom } = figureCaveats(data, id, round);
  const flags = [
    lowResponse !== null ? (lang === 'nl' ? 'lage respons' : 'low response') : '',
    attritionFrom ? (lang === 'nl' ? 'uitval' : 'dropout') : '',
  ];
  const said = flags.filter(Boolean).join(', ');
  return said ? { caveat: said } : {};
}

/** The first series with answers in some round, at the last round it has answers. */
function headlineOf(series: Series[]): { series: Series; round: number } | null {
  for (const s of series) {
    for (let i = s.perRound.length - 1; i >= 0; i--) {
      const v = s.perRound[i];
      if (v && v.n > 0) return { series: s, round: i };
    }
  }
  return null;
}
