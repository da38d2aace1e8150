import { describe, expect, it } from 'vitest';
import { changeLabels } from './change-labels.js';
import { itemAt, onlyInMessage, textsOnlyIn } from './study-languages.js';

describe('textsOnlyIn', () => {
  const questionnaire = {
    title: { nl: 'Monitor', en: 'Monitor' },
    sections: [
      {
        key: 's',
        title: { nl: 'Deel' },
        items: [
          { id: 'q1', text: { nl: 'Vraag', en: 'Question' }, help: { en: 'Only English' } },
          { id: 'q2', text: { nl: '', en: 'Question two' }, options: [{ code: 1, label: { en: 'Yes' } }] },
        ],
      },
    ],
  };

  it('finds every text that exists only in the language to drop, empty texts counting as missing', () => {
    const found = textsOnlyIn(questionnaire, 'en', 'nl', 'questionnaire');
    expect(found.map((f) => f.path)).toEqual([
      '/sections/0/items/0/help',
      '/sections/0/items/1/text',
      '/sections/0/items/1/options/0/label',
    ]);
    expect(found.map((f) => itemAt(questionnaire, f.path))).toEqual(['q1', 'q2', 'q2']);
    expect(textsOnlyIn(questionnaire, 'nl', 'en', 'questionnaire')).toEqual([{ source: 'questionnaire', path: '/sections/0/title' }]);
  });

  it('counts a vocabulary entry with words in one language only', () => {
    const study = { vocabulary: { tool: { en: { one: 'guideline', many: 'guidelines' } } }, title: { nl: 'x', en: 'x' } };
    expect(textsOnlyIn(study, 'en', 'nl', 'study')).toEqual([{ source: 'study', path: '/vocabulary/tool' }]);
  });

  it('says how many texts and where, in both languages', () => {
    const found = textsOnlyIn(questionnaire, 'en', 'nl', 'questionnaire').map((f) => ({ ...f, item: itemAt(questionnaire, f.path) }));
    const text = onlyInMessage(found, 'en', 'nl');
    expect(text.nl).toBe(
      '3 teksten bestaan alleen in het Engels (vraag q1, vraag q2). Vul ze ook in het Nederlands in voordat u het Engels weghaalt. ' +
        'Er is niets gewijzigd.',
    );
    expect(text.en).toMatch(/^3 texts exist only in English \(item q1, item q2\)/);
  });
});

describe('changeLabels', () => {
  it('labels added questions as such, never as a text correction alone', () => {
    expect(changeLabels([{ kind: 'added', item: 'q9' }, { kind: 'title' }])).toEqual(['questions-added', 'text-correction']);
  });

  it('counts new option labels as part of a changed scale', () => {
    expect(
      changeLabels([
        { kind: 'scale', item: 'q1' },
        { kind: 'labels', item: 'q1' },
      ]),
    ).toEqual(['scale-changed']);
    expect(
      changeLabels([
        { kind: 'scale', item: 'q1' },
        { kind: 'labels', item: 'q2' },
      ]),
    ).toEqual(['scale-changed', 'text-correction']);
  });
});
