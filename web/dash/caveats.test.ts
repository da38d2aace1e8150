import { describe, expect, it } from 'vitest';
import type { Caveat } from '../../analysis/study/result.js';
import type { Vocabulary } from '../../model/vocabulary.js';
import { caveatText } from './caveats.js';
import { fmt } from './format.js';

/** A half-yearly monitor that calls its rounds "peilingen" (survey waves). */
const PEILING: Vocabulary = {
  round: { nl: { one: 'peiling', many: 'peilingen', article: 'de' }, en: { one: 'survey wave', many: 'survey waves' } },
};
const rounds = [
  { key: 'h1', label: { nl: 'Voorjaar', en: 'Spring' } },
  { key: 'h2', label: { nl: 'Najaar', en: 'Autumn' } },
] as never;
const caveat = (code: Caveat['code'], subject: Caveat['subject'] = {}, numbers: Caveat['numbers'] = {}): Caveat => ({
  code,
  severity: 'caution',
  subject,
  numbers,
});

/** The dashboard's warnings (web/dash/caveats.ts) name a round with the study's own word. */
describe('caveatText', () => {
  it("says the study's word for its rounds, in Dutch and English", () => {
    const low = caveat('low-response', { round: 'h1' }, { responseRate: 0.2, submitted: 2, invited: 10 });
    expect(caveatText(low, { rounds }, fmt('nl'), PEILING)).toContain('Vergelijk de peilingen met voorzichtigheid.');
    expect(caveatText(low, { rounds }, fmt('en'), PEILING)).toContain('Compare survey waves with caution.');
    const unpaired = caveatText(caveat('no-linked-respondents'), { rounds }, fmt('nl'), PEILING);
    expect(unpaired).toBe('Er zijn geen respondenten die meerdere peilingen invulden: veranderingen zijn niet gepaard te toetsen.');
    for (const code of ['low-response', 'no-linked-respondents', 'questionnaire-changed', 'baseline-difference'] as const)
      for (const lang of ['nl', 'en'] as const)
        expect(caveatText(caveat(code, { round: 'h1' }), { rounds }, fmt(lang), PEILING) ?? '').not.toMatch(/\bmetingen?\b|\brounds?\b/);
  });

  it('makes the article agree with a het-word', () => {
    const moment: Vocabulary = { round: { nl: { one: 'meetmoment', many: 'meetmomenten', article: 'het' } } };
    const text = caveatText(caveat('baseline-difference', {}, { flagged: 2 }), { rounds }, fmt('nl'), moment);
    expect(text).toContain('Wie afhaakte, antwoordde in het eerste meetmoment anders dan wie bleef');
  });

  it("keeps rondo's neutral words for a study that names none", () => {
    expect(caveatText(caveat('questionnaire-changed'), { rounds }, fmt('nl'))).toBe(
      'De vragenlijst is tussen metingen gewijzigd; vergelijk gewijzigde vragen voorzichtig.',
    );
  });
});
