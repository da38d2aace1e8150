/**
 * Test-only: the generated network monitor of fixtures/reference/indicators.R (30 participants,
 * two half-yearly rounds, Dutch-style items on guidelines and availability) as a TestStudy, with
 * the seven indicators the R script computes. The CSV is the data R analysed, so both sides read
 * the same answers.
 */
import { readFileSync } from 'node:fs';
import type { Indicator, Item } from '../../model/index.js';
import type { TestAnswer, TestResponse, TestStudy } from './testing.js';

const nl = (text: string) => ({ nl: text, en: text });
const agree = {
  points: [1, 2, 3, 4, 5].map((code) => ({
    code,
    label: nl(['Helemaal oneens', 'Oneens', 'Neutraal', 'Eens', 'Helemaal eens'][code - 1]),
  })),
  topBox: [4, 5],
  dontKnow: true,
};
const rounds = ['h1_2027', 'h2_2027'];
const base = { required: false, rounds, measure: 'other' as const };

export const MONITOR_ITEMS: Item[] = [
  { ...base, id: 'r1', type: 'likert', text: nl('We volgen de richtlijn bij aanmelding'), scale: agree },
  { ...base, id: 'r2', type: 'likert', text: nl('We bespreken casussen volgens de richtlijn'), scale: agree },
  { ...base, id: 'r3', type: 'likert', text: nl('We evalueren volgens de richtlijn'), scale: agree },
  { ...base, id: 'a1', type: 'yesno', text: nl('Is de interventie beschikbaar?'), dontKnow: true, measure: 'availability' },
  { ...base, id: 'a2', type: 'yesno', text: nl('Is de cursus beschikbaar?'), dontKnow: true, measure: 'availability' },
  { ...base, id: 'cijfer', type: 'rating', text: nl('Rapportcijfer voor het netwerk'), min: 1, max: 10 },
  {
    ...base,
    id: 'keuze',
    type: 'single',
    text: nl('Wat is de belangrijkste prioriteit?'),
    options: [1, 2, 3, 4].map((code) => ({ code, label: nl(`Prioriteit ${code}`) })),
  },
];

export const MONITOR_INDICATORS: Indicator[] = [
  {
    key: 'richtlijnen',
    name: { nl: 'Richtlijnen gevolgd', en: 'Guidelines followed' },
    items: ['r1', 'r2', 'r3'],
    summary: 'share-agreeing',
  },
  { key: 'r1_eens', name: { nl: 'Richtlijn bij aanmelding', en: 'Guideline at intake' }, items: ['r1'], summary: 'share-agreeing' },
  { key: 'beschikbaar', name: { nl: 'Interventie beschikbaar', en: 'Intervention available' }, items: ['a1'], summary: 'share-yes' },
  { key: 'beschikbaar_alle', name: { nl: 'Aanbod beschikbaar', en: 'Offer available' }, items: ['a1', 'a2'], summary: 'share-yes' },
  { key: 'cijfer', name: { nl: 'Rapportcijfer', en: 'Rating' }, items: ['cijfer'], summary: 'mean-score' },
  {
    key: 'samenwerking',
    name: { nl: 'Samenwerking volgens richtlijn', en: 'Working to the guideline' },
    items: ['r2', 'r3'],
    summary: 'mean-score',
  },
  { key: 'keuze', name: { nl: 'Prioriteit', en: 'Priority' }, items: ['keuze'], summary: 'distribution' },
];

/** The generated study as a TestStudy (responses from the CSV R wrote). */
export function monitorStudy(): TestStudy {
  const csv = readFileSync(new URL('../../fixtures/reference/indicators-study.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const byResponse = new Map<string, TestResponse>();
  for (const line of csv) {
    const [unit, round, item, answer] = line.split(',');
    const key = `${unit}:${round}`;
    let resp = byResponse.get(key);
    if (!resp) byResponse.set(key, (resp = { p: Number(unit), round, answers: {} }));
    if (answer === 'skip') continue;
    resp.answers[item] = (answer === 'dk' ? 'dk' : Number(answer)) as TestAnswer;
  }
  return {
    rounds,
    items: MONITOR_ITEMS,
    indicators: MONITOR_INDICATORS,
    participants: Array.from({ length: 30 }, () => ({ organisation: 'Netwerk', role: 'professional' })),
    responses: [...byResponse.values()],
  };
}
