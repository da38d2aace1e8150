import { describe, expect, it } from 'vitest';
import type { Questionnaire } from '../../../model/questionnaire-shape.js';
import { wideNameExample } from './wide-name-example.js';

const ROUNDS = ['p2025najaar', 'p2026voorjaar', 'p2026najaar'];
const question = (id: string, type: 'multi' | 'rating' | 'text', rounds: string[]) =>
  type === 'multi'
    ? { id, type, text: { nl: id }, required: false, rounds, measure: 'background' as const, options: [{ code: 1, label: { nl: 'a' } }] }
    : type === 'rating'
      ? { id, type, text: { nl: id }, required: false, rounds, measure: 'satisfaction' as const, min: 1, max: 10 }
      : { id, type, text: { nl: id }, required: false, rounds, measure: 'open' as const };
const questionnaire = (...items: ReturnType<typeof question>[]): Questionnaire =>
  ({ format: 'rondo.questionnaire/1', title: { nl: 'Peiling' }, sections: [{ key: 's', title: { nl: 'S' }, items }] }) as Questionnaire;

describe('the wide file’s example column names on the export screen', () => {
  it('takes the study’s own question asked in the most rounds, with its round keys in the study’s order', () => {
    const q = questionnaire(question('cijfer', 'rating', ['p2026voorjaar']), question('rol', 'rating', ['p2026najaar', 'p2025najaar']));
    expect(wideNameExample(q, ROUNDS)).toBe('rol_p2025najaar, _p2026najaar');
  });

  it('leaves out questions that give several variables or open text, and rounds the study does not have', () => {
    const q = questionnaire(
      question('thema', 'multi', ROUNDS),
      question('tips', 'text', ROUNDS),
      question('cijfer', 'rating', ['p2026voorjaar', 'oud']),
    );
    expect(wideNameExample(q, ROUNDS)).toBe('cijfer_p2026voorjaar');
  });

  it('gives no example when no question has a single variable, so the screen says it in words only', () => {
    expect(wideNameExample(questionnaire(question('thema', 'multi', ROUNDS)), ROUNDS)).toBeNull();
  });
});
