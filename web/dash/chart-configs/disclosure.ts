import type { StudySettings } from '../../../model/study.js';
import type { Fmt } from '../format.js';

/**
 * The study's disclosure rule as the charts apply it (issue 16). Below `minDenominatorForPercent`
 * answers a chart never draws a percentage: in team mode it shows the counts instead ("3 van 5"),
 * otherwise it stays empty and says why, never an empty chart without a reason.
 */

/** Team mode is on and at least one of these denominators is under the threshold: draw counts. */
export function countsInstead(settings: Partial<StudySettings> | undefined, ns: (number | null)[]): boolean {
  if (!settings?.teamMode) return false;
  const min = settings.minDenominatorForPercent ?? 10;
  return ns.some((n) => n !== null && n > 0 && n < min);
}

/**
 * Why a chart has nothing to draw, in the interface language: the threshold when a round had
 * answers but too few for a percentage, small-cell suppression, or simply no answers.
 */
export function emptyReason(
  settings: Partial<StudySettings> | undefined,
  ns: (number | null)[],
  f: Fmt,
  what: 'percentages' | 'means' = 'percentages',
): string {
  const min = settings?.minDenominatorForPercent ?? 10;
  const few = ns.filter((n): n is number => n !== null && n > 0 && n < min);
  if (few.length) {
    const list = [...new Set(few)].join(f.lang === 'nl' ? ' en ' : ' and ');
    const noun = f.lang === 'nl' ? (what === 'means' ? 'gemiddelden' : 'percentages') : what === 'means' ? 'averages' : 'percentages';
    return f.lang === 'nl'
      ? `Geen ${noun}: minder dan ${min} antwoorden (n = ${list}). Zo blijven antwoorden van enkelen onherkenbaar. ` +
          'Met de teamweergave (in de opzet) ziet het team hier zijn eigen aantallen.'
      : `No ${noun}: fewer than ${min} answers (n = ${list}), so that the answers of a few cannot be recognised. ` +
          'With team mode (in the set-up) the team sees its own counts here.';
  }
  if (ns.some((n) => n !== null && n > 0))
    return f.lang === 'nl'
      ? 'De aantallen zijn te klein om te tonen (kleine groepen worden afgeschermd).'
      : 'The numbers are too small to show (small groups are protected).';
  return f.lang === 'nl' ? 'Nog geen antwoorden.' : 'No answers yet.';
}

/** The value axis of a counts chart: "aantal" / "count". */
export const countLabel = (f: Fmt) => (f.lang === 'nl' ? 'aantal' : 'count');
