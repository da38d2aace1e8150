import type { Caveat, StudyAnalysis } from '../../analysis/study/result.js';
import type { Fmt } from './format.js';
import { dutchDeterminer, term, type Vocabulary } from '../../model/vocabulary.js';
import { fillTerms } from '../../model/vocabulary-text.js';

/**
 * Warnings from the analysis's caveats, as short sentences for the dashboard. The overview
 * shows the factsheet's own caveat sentences when there are any; these cover the rest
 * (small numbers, too-small subgroups, overlapping samples) and views without sentences.
 */
export function caveatText(c: Caveat, a: Pick<StudyAnalysis, 'rounds'>, f: Fmt, vocabulary?: Vocabulary): string | null {
  // "Vergelijk de peilingen met voorzichtigheid": the study's own word for a round, filled into
  // rondo's words only (a round's name is printed as it is).
  const w = (text: string) => fillTerms(text, vocabulary, f.lang);
  const nl = f.lang === 'nl';
  const round = (key: unknown) => f.t(a.rounds.find((r) => r.key === key)?.label) || String(key ?? '');
  const num = (k: string) => Number(c.numbers[k] ?? 0);
  switch (c.code) {
    case 'low-response':
    case 'very-low-response':
      return nl
        ? `Lage respons in de ${round(c.subject.round).toLowerCase()}: ${f.pct(num('responseRate'))} (${f.xOfN(num('submitted'), num('invited'))}). ${w('Vergelijk de {roundWords} met voorzichtigheid.')}`
        : `Low response in the ${round(c.subject.round).toLowerCase()}: ${f.pct(num('responseRate'))} (${f.xOfN(num('submitted'), num('invited'))}). ${w('Compare {roundWords} with caution.')}`;
    case 'response-gap':
      return nl
        ? `De respons verschilt sterk tussen ${(c.subject.rounds ?? []).map(round).join(' en ').toLowerCase()} (${f.pct(num('from'))} en ${f.pct(num('to'))}).`
        : `Response differs strongly between ${(c.subject.rounds ?? []).map(round).join(' and ').toLowerCase()} (${f.pct(num('from'))} and ${f.pct(num('to'))}).`;
    case 'baseline-difference':
      return nl
        ? `Wie afhaakte, antwoordde in ${dutchDeterminer(vocabulary, 'round', 'de')} eerste ${term(vocabulary, 'round', 'nl')} anders dan wie bleef (${num('flagged')} vragen): de latere respondenten zijn mogelijk niet representatief.`
        : `${w('Those who dropped out answered the first {roundWord}')} differently from those who stayed (${num('flagged')} questions): later respondents may not be representative.`;
    case 'small-numbers':
      return nl
        ? 'Kleine aantallen: percentages zijn indicatief; bekijk ze met hun interval en aantallen.'
        : 'Small numbers: percentages are indicative; read them with their intervals and counts.';
    case 'subgroup-too-small':
      return nl
        ? `Deze selectie is in ${(c.subject.rounds ?? []).map(round).join(', ').toLowerCase()} te klein (minder dan ${num('minSubgroup')} respondenten) en wordt daar niet getoond.`
        : `This selection is too small in ${(c.subject.rounds ?? []).map(round).join(', ').toLowerCase()} (fewer than ${num('minSubgroup')} respondents) and is not shown there.`;
    case 'no-linked-respondents':
      return nl
        ? w('Er zijn geen respondenten die meerdere {roundWords} invulden: veranderingen zijn niet gepaard te toetsen.')
        : w('No respondents answered more than one {roundWord}: changes cannot be tested in pairs.');
    case 'questionnaire-changed':
      return nl
        ? w('De vragenlijst is tussen {roundWords} gewijzigd; vergelijk gewijzigde vragen voorzichtig.')
        : w('The questionnaire changed between {roundWords}; compare changed questions with care.');
    default:
      return null;
  }
}
