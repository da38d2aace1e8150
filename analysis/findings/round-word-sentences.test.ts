import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FactsheetData } from './data.js';
import { deriveStatements } from './statements.js';
import { DEFAULT_TERMS, writeSentences, type SentenceContext } from './sentences.js';
import type { Vocabulary } from '../../model/vocabulary.js';

/**
 * The sentences name a round with the study's own word (session 10, words area): the demo's
 * numbers written for a study that calls its rounds "peilingen" (survey waves) never say
 * "meting" or "round"; data published before studies had words keeps "metingen".
 */
const data = JSON.parse(fs.readFileSync(new URL('./fixtures/demo-data.json', import.meta.url), 'utf8')) as FactsheetData;
const findings = deriveStatements(data);
const PEILING: Vocabulary = {
  round: { nl: { one: 'peiling', many: 'peilingen', article: 'de' }, en: { one: 'survey wave', many: 'survey waves' } },
};
const MOMENT: Vocabulary = { round: { nl: { one: 'meetmoment', many: 'meetmomenten', article: 'het' } } };
const text = (lang: 'nl' | 'en', vocabulary: Vocabulary | undefined) => {
  const ctx: SentenceContext = { lang, minPercent: 10, smallBelow: 30, terms: DEFAULT_TERMS, ...(vocabulary ? { vocabulary } : {}) };
  // Quoted item texts are the study's own wording: left out.
  return writeSentences(findings, ctx)
    .map((s) => s.text.replace(/‘[^’]*’/g, '‘…’'))
    .join('\n');
};

describe('sentences in the study’s word for a round', () => {
  it('say peilingen in Dutch and survey waves in English, never meting or round', () => {
    const nl = text('nl', PEILING);
    expect(nl).toContain('die beide peilingen invulden');
    expect(nl).not.toMatch(/\bmetingen?\b/i);
    const en = text('en', PEILING);
    expect(en).toContain('who answered both survey waves');
    expect(en).not.toMatch(/\brounds?\b/i);
  });

  it('make the determiner agree with a het-word', () => {
    const nl = text('nl', MOMENT);
    expect(nl).toContain('die beide meetmomenten invulden');
    expect(nl).not.toMatch(/\bdeze meetmoment\b/);
  });

  it('keep "metingen" for data published before studies had words, and for a study that names none', () => {
    expect(text('nl', undefined)).toContain('die beide metingen invulden');
    expect(text('nl', {})).toContain('die beide metingen invulden');
  });
});
