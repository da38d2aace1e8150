import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FactsheetData } from './data.js';
import { deriveStatements } from './statements.js';
import { DEFAULT_TERMS, termsFor, writeSentences, type SentenceContext } from './sentences.js';
import type { Vocabulary } from '../../model/vocabulary.js';

/**
 * The sentences speak the study's own words (issue 16): the demo's numbers written for a study
 * that calls its instruments "interventies" and its partners "netwerkpartners" never say
 * "tools" or "ketenpartners"; a study without words gets rondo's neutral ones; data published
 * before studies had words keeps the words it was written with.
 */
const data = JSON.parse(fs.readFileSync(new URL('./fixtures/demo-data.json', import.meta.url), 'utf8')) as FactsheetData;
const findings = deriveStatements(data);
const NETWORK: Vocabulary = {
  tool: { nl: { one: 'interventie', many: 'interventies' }, en: { one: 'intervention', many: 'interventions' } },
  partner: { nl: { one: 'netwerkpartner', many: 'netwerkpartners' }, en: { one: 'network partner', many: 'network partners' } },
};
const text = (lang: 'nl' | 'en', vocabulary: Vocabulary | undefined) => {
  const ctx: SentenceContext = { lang, minPercent: 10, smallBelow: 30, terms: DEFAULT_TERMS, ...(vocabulary ? { vocabulary } : {}) };
  // Quoted item texts are the study's own wording (the demo asks whether 'the training gave enough tools'): left out.
  return writeSentences(findings, ctx)
    .map((s) => s.text.replace(/‘[^’]*’/g, '‘…’'))
    .join('\n');
};

describe('sentences in the study’s own words', () => {
  it('say the study’s word for its instruments and partners, in Dutch and English', () => {
    const nl = text('nl', NETWORK);
    expect(nl).toContain('Van de interventies wordt');
    expect(nl).not.toMatch(/\btools?\b|ketenpartners/i);
    const en = text('en', NETWORK);
    expect(en).toContain('Of the interventions,');
    expect(en).not.toMatch(/\btools?\b|chain partners/i);
  });

  it('use rondo’s neutral words for a study that names none', () => {
    const nl = text('nl', {});
    expect(nl).toContain('Van de instrumenten wordt');
    expect(nl).not.toMatch(/\btools\b/i);
  });

  it('keep the words of data published before studies had their own', () => {
    expect(text('nl', undefined)).toContain('Van de tools wordt');
  });

  it('take who answered and what is evaluated from the words when the composer has not set them', () => {
    expect(termsFor({ participant: { nl: { one: 'teamlid', many: 'teamleden' } } })).toEqual({
      participants: { nl: 'teamleden', en: 'participants' },
      intervention: { nl: 'de aanpak', en: 'the programme' },
      goal: DEFAULT_TERMS.goal,
    });
    expect(termsFor(undefined)).toEqual(DEFAULT_TERMS);
  });
});
