import { describe, expect, it } from 'vitest';
import { checkQuestionnaire, type QuestionnaireContext } from './index.js';
import { IMH_QUESTIONNAIRE } from '../content/templates/imh-training.js';

const ctx: QuestionnaireContext = { languages: ['nl', 'en'], roundKeys: ['pre', 'mid', 'post'], partnerCount: 12, toolCount: 3 };

/** A deep copy of the template to break in one place. */
const template = () => structuredClone(IMH_QUESTIONNAIRE) as unknown as { sections: { items: Record<string, unknown>[] }[] };

describe('checkQuestionnaire', () => {
  it('accepts the IMH training template with every item type', () => {
    const result = checkQuestionnaire(IMH_QUESTIONNAIRE, ctx);
    expect(result.issues).toEqual([]);
    const types = new Set(IMH_QUESTIONNAIRE.sections.flatMap((s) => s.items.map((i) => i.type)));
    expect([...types].sort()).toEqual([
      'frequency',
      'likert',
      'multi',
      'number',
      'partnerGrid',
      'rating',
      'single',
      'text',
      'toolGrid',
      'yesno',
    ]);
  });

  it('rejects duplicate variable names and names the item', () => {
    const q = template();
    q.sections[1].items[1].id = 'know_problems';
    const result = checkQuestionnaire(q, ctx);
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: 'duplicate-variable', item: 'know_problems', message: expect.stringContaining('"know_problems"') }),
    );
  });

  it('rejects an unknown item type and names the item and the type', () => {
    const q = template();
    q.sections[0].items[0].type = 'slider';
    const result = checkQuestionnaire(q, ctx);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: 'schema', item: 'bg_role' });
    expect(result.issues[0].message).toContain('unknown item type "slider"');
  });

  it('reports which field of a known item type is wrong', () => {
    const q = template();
    delete q.sections[1].items[0].scale;
    const result = checkQuestionnaire(q, ctx);
    expect(result.ok).toBe(false);
    expect(result.issues.some((i) => i.item === 'know_problems' && i.message.includes('scale'))).toBe(true);
  });

  it('rejects a show-if naming a missing item', () => {
    const q = template();
    q.sections[3].items[2].showIf = { item: 'no_such_item', op: 'equals', value: 1 };
    const result = checkQuestionnaire(q, ctx);
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'show-if-missing-item', item: 'zat_case_count' }));
  });

  it('rejects a show-if naming a later item', () => {
    const q = template();
    q.sections[1].items[0].showIf = { item: 'recommend', op: 'answered' };
    const result = checkQuestionnaire(q, ctx);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: 'show-if-later-item', item: 'know_problems', message: expect.stringContaining('"recommend"') }),
    );
  });

  it('rejects a partner grid when the study has no partners', () => {
    const result = checkQuestionnaire(IMH_QUESTIONNAIRE, { ...ctx, partnerCount: 0 });
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'no-partners', item: 'collab' }));
  });

  it('rejects a scale with fewer than two points', () => {
    const q = template();
    const item = q.sections[1].items[0] as { scale: { points: unknown[]; topBox?: number[] } };
    item.scale = { points: item.scale.points.slice(0, 1) };
    const result = checkQuestionnaire(q, ctx);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: 'scale-too-small', item: 'know_problems', message: expect.stringContaining('at least two points') }),
    );
  });

  it('rejects a rating whose minimum equals its maximum', () => {
    const q = template();
    const rating = q.sections[4].items[1] as { min: number; max: number };
    rating.max = rating.min;
    const result = checkQuestionnaire(q, ctx);
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'scale-too-small', item: 'train_rating' }));
  });

  it('rejects texts missing a language the study declares', () => {
    const q = template();
    q.sections[1].items[1].text = { nl: 'Alleen Nederlands' };
    const result = checkQuestionnaire(q, ctx);
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        code: 'missing-language',
        item: 'comp_signal',
        message: 'item "comp_signal": text is missing in English (en)',
      }),
    );
    expect(checkQuestionnaire(q, { ...ctx, languages: ['nl'] }).ok).toBe(true);
  });

  it('rejects an item asked in a round the study does not have', () => {
    const result = checkQuestionnaire(IMH_QUESTIONNAIRE, { ...ctx, roundKeys: ['pre', 'post'] });
    expect(result.issues.some((i) => i.code === 'unknown-round' && i.message.includes('"mid"'))).toBe(true);
  });

  it('never throws on input that is not a questionnaire at all', () => {
    for (const input of [null, 42, 'x', [], { sections: 'no' }, { sections: [{ items: [null] }] }]) {
      const result = checkQuestionnaire(input, ctx);
      expect(result.ok).toBe(false);
      expect(result.issues.length).toBeGreaterThan(0);
    }
  });
});
