import { describe, expect, it } from 'vitest';
import type { Item, Study } from '../../model/index.js';
import { analyzeStudy } from '../study/analyze.js';
import { cohort, makeInput, type TestResponse } from '../study/testing.js';
import { DEFAULT_TERMS, writeSentences, type SentenceContext } from './sentences.js';
import { factsheetDataFromAnalysis } from './source.js';
import { checkClaims } from './claims.js';
import { claimsOf, deriveAll, deriveCheckedStatements } from './statements.js';

const options = ['Overleg', 'Scholing', 'Sociale kaart', 'Privacy'].map((nl, i) => ({ code: i + 1, label: { nl, en: nl } }));
const base = { required: false, rounds: ['a', 'b'] };
const items = [
  { ...base, id: 'cijfer', type: 'rating', measure: 'satisfaction', min: 1, max: 10, text: { nl: 'Cijfer', en: 'Rating' } },
  { ...base, id: 'keuze', type: 'single', measure: 'satisfaction', options, text: { nl: 'Vorm', en: 'Form' } },
  { ...base, id: 'prio', type: 'multi', measure: 'satisfaction', options, maxSelect: 2, text: { nl: 'Voorrang', en: 'Priority' } },
] as Item[];
// 12 members answer both rounds: ratings up by one, 'Overleg' becomes everyone's choice, votes move from 1 to 4.
const responses: TestResponse[] = Array.from({ length: 12 }, (_, p) => [
  {
    p,
    round: 'a',
    answers: { cijfer: 5 + (p % 3), keuze: 1 + (p % 4), 'prio.o1': 1, 'prio.o2': p % 2, 'prio.o3': 1 - (p % 2), 'prio.o4': 0 },
  },
  { p, round: 'b', answers: { cijfer: 6 + (p % 3), keuze: 1, 'prio.o1': 0, 'prio.o2': p % 2, 'prio.o3': 1 - (p % 2), 'prio.o4': 1 } },
]).flat();
const study: Study = {
  slug: 'test',
  title: { nl: 'Test' },
  description: { nl: '' },
  organisation: 'GGD',
  languages: ['nl', 'en'],
  defaultLanguage: 'nl',
  colophon: {},
};
const data = () =>
  factsheetDataFromAnalysis(analyzeStudy(makeInput({ rounds: ['a', 'b'], items, participants: cohort(12), responses })), {
    study,
    isDemo: false,
  });
const ctx = (lang: 'nl' | 'en'): SentenceContext => ({ lang, minPercent: 10, smallBelow: 30, terms: DEFAULT_TERMS });
const questionTexts = (d: ReturnType<typeof data>, lang: 'nl' | 'en') =>
  writeSentences(
    deriveCheckedStatements(d).statements.filter((s) => s.section === 'questions'),
    ctx(lang),
  ).map((s) => s.text);

describe('factsheet sentences per question', () => {
  it('say the mean, the most chosen answer and the votes, each with the verdict of its test', () => {
    const d = data();
    expect(deriveCheckedStatements(d).dropped).toEqual([]);
    expect(questionTexts(d, 'en')).toEqual([
      '‘Rating’: on average 6.0 at a (n = 12) and 7.0 at b (n = 12); the mean rose: a demonstrable increase among' +
        ' the 12 participants who answered both rounds.',
      'For ‘Form’, ‘Overleg’ was chosen most often at b: 100% (12 of 12). Between a and b, the answers shifted demonstrably' +
        ' among the 12 participants who answered both rounds.',
      'For ‘Priority’ (each chose up to 2), the most votes at b went to ‘Privacy’: 100% (12 of 12), ‘Scholing’: 50%' +
        ' (6 of 12) and ‘Sociale kaart’: 50% (6 of 12).',
      '‘Overleg’ fell from 100% (12 of 12) at a to 0% (0 of 12) at b: a demonstrable decrease among the 12' +
        ' participants who answered both rounds.',
      '‘Privacy’ rose from 0% (0 of 12) at a to 100% (12 of 12) at b: a demonstrable increase among the 12' +
        ' participants who answered both rounds.',
    ]);
  });

  it('check their claims against the printed figures', () => {
    const d = data();
    const vote = deriveAll(d).find((s) => s.key === 'questions.prio')!;
    expect(checkClaims(claimsOf(vote.finding, 10), d)).toEqual([]);
    // A printed count that contradicts "most votes went to Privacy, Scholing and Sociale kaart" fails the claim.
    const privacy = d.questions!.find((q) => q.id === 'prio')!.options!.find((o) => o.id === 'prio.o1')!;
    privacy.perRound[1] = { x: 12, n: 12, ci: null };
    expect(checkClaims(claimsOf(vote.finding, 10), d).map((r) => r.en)).toEqual(['prio.o1 has as many votes or more but is not named']);
    const rating = deriveAll(d).find((s) => s.key === 'questions.cijfer')!;
    d.questions!.find((q) => q.id === 'cijfer')!.means![1]!.mean = 5.5;
    expect(checkClaims(claimsOf(rating.finding, 10), d).map((r) => r.en)).toEqual(['cijfer: the mean fell in the figures']);
  });

  it('keep to the threshold: no percentage below it', () => {
    const texts = writeSentences(
      deriveCheckedStatements(data()).statements.filter((s) => s.section === 'questions'),
      { ...ctx('nl'), minPercent: 20 },
    ).map((s) => s.text);
    expect(texts[1]).toContain('‘Overleg’ het vaakst gekozen: 12 van 12.');
  });
});
