import { describe, expect, it } from 'vitest';
import type { StudyAnalysis } from '../../analysis/study/result.js';
import { fmt } from './format.js';
import { itemLabel, itemList } from './item-labels.js';

const LONG = {
  nl: 'Ik weet bij welke organisatie in de wijk ik ouders met een vraag over opvoeden of ontwikkeling kan doorverwijzen.',
  en: 'I know which organisation in the neighbourhood I can refer parents with a question about parenting or development to.',
};
const a = {
  questions: [
    { item: 'signaleren', text: { nl: 'Ik signaleer opvoedvragen van ouders op tijd.', en: 'I pick up parents’ questions in time.' } },
    { item: 'doorverwijzen', text: LONG },
  ],
  items: [{ item: 'overleg', text: { nl: 'Neemt u deel aan het casusoverleg?', en: 'Do you take part in the case meeting?' } }],
} as unknown as Pick<StudyAnalysis, 'questions' | 'items'>;

describe('itemLabel', () => {
  it('gives the item’s own text, not its id, without the closing full stop', () => {
    expect(itemLabel(a, 'signaleren', fmt('nl'))).toBe('Ik signaleer opvoedvragen van ouders op tijd');
    expect(itemLabel(a, 'overleg', fmt('en'))).toBe('Do you take part in the case meeting?');
  });

  it('shortens a long text between words, with "…"', () => {
    const label = itemLabel(a, 'doorverwijzen', fmt('nl'));
    expect(label).toBe('Ik weet bij welke organisatie in de wijk ik ouders met een…');
    expect(label.length).toBeLessThanOrEqual(61);
  });

  it('keeps an id the analysis does not know', () => {
    expect(itemLabel(a, 'x9', fmt('nl'))).toBe('x9');
  });
});

describe('itemList', () => {
  it('lists the texts in quotes with the language’s "and"', () => {
    expect(itemList(a, ['signaleren', 'overleg'], fmt('nl'))).toBe(
      '‘Ik signaleer opvoedvragen van ouders op tijd’ en ‘Neemt u deel aan het casusoverleg?’',
    );
    expect(itemList(a, ['signaleren', 'overleg'], fmt('en'))).toBe(
      '‘I pick up parents’ questions in time’ and ‘Do you take part in the case meeting?’',
    );
  });
});
