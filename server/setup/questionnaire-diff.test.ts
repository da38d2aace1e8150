import { describe, expect, it } from 'vitest';
import { IMH_QUESTIONNAIRE } from '../../content/templates/imh-training.js';
import type { Item, LikertItem, Questionnaire } from '../../model/index.js';
import { diffQuestionnaires } from './questionnaire-diff.js';

const base = (): Questionnaire => structuredClone(IMH_QUESTIONNAIRE);
const item = (q: Questionnaire, id: string): Item => q.sections.flatMap((s) => s.items).find((i) => i.id === id)!;
const sectionOf = (q: Questionnaire, id: string) => q.sections.find((s) => s.items.some((i) => i.id === id))!;

/** Each case edits the IMH template; `answered` are the rounds with responses. */
const cases: { name: string; answered: string[]; edit: (q: Questionnaire) => void; outcome: string; kinds: string[] }[] = [
  { name: 'no edit', answered: ['pre'], edit: () => undefined, outcome: 'none', kinds: [] },
  {
    name: 'a wording fix of an answered item',
    answered: ['pre'],
    outcome: 'wording',
    kinds: ['text'],
    edit: (q) => {
      item(q, 'comp_signal').text.nl = 'Ik voel mij competent genoeg om problemen bij jonge kinderen te signaleren.';
    },
  },
  {
    name: 'a better scale label',
    answered: ['pre'],
    outcome: 'wording',
    kinds: ['labels'],
    edit: (q) => {
      (item(q, 'know_problems') as LikertItem).scale.points[2].label.nl = 'Niet eens, niet oneens';
    },
  },
  {
    name: 'required switched',
    answered: ['pre'],
    outcome: 'wording',
    kinds: ['required'],
    edit: (q) => {
      item(q, 'know_problems').required = false;
    },
  },
  {
    name: 'a scale point removed from an answered item',
    answered: ['pre'],
    outcome: 'new-version',
    kinds: ['scale'],
    edit: (q) => {
      (item(q, 'know_problems') as LikertItem).scale.points.pop();
    },
  },
  {
    name: 'scale codes renumbered',
    answered: ['pre'],
    outcome: 'new-version',
    kinds: ['scale'],
    edit: (q) => {
      (item(q, 'know_problems') as LikertItem).scale.points.forEach((p) => (p.code -= 1));
    },
  },
  {
    name: 'the type of an answered item changed',
    answered: ['pre'],
    outcome: 'new-version',
    kinds: ['type'],
    edit: (q) => {
      Object.assign(item(q, 'know_problems'), { type: 'frequency' });
    },
  },
  {
    name: 'an answered item renamed',
    answered: ['pre'],
    outcome: 'new-version',
    kinds: ['renamed'],
    edit: (q) => {
      item(q, 'know_problems').id = 'knowledge_problems';
    },
  },
  {
    name: 'an item added to an answered round',
    answered: ['pre'],
    outcome: 'new-version',
    kinds: ['added'],
    edit: (q) => {
      sectionOf(q, 'bg_role').items.push({ ...structuredClone(item(q, 'bg_prior_training')), id: 'bg_new' });
    },
  },
  {
    name: 'an item added to a round without answers',
    answered: ['pre'],
    outcome: 'wording',
    kinds: ['added'],
    edit: (q) => {
      sectionOf(q, 'train_tools').items.push({ ...structuredClone(item(q, 'train_tools')), id: 'train_more' });
    },
  },
  {
    name: 'an item asked in one more round that has answers',
    answered: ['pre', 'mid'],
    outcome: 'new-version',
    kinds: ['rounds'],
    edit: (q) => {
      item(q, 'tools_use').rounds = ['pre', 'mid', 'post'];
    },
  },
  {
    name: 'an answered item removed',
    answered: ['pre'],
    outcome: 'new-version',
    kinds: ['removed'],
    edit: (q) => {
      sectionOf(q, 'bg_years').items.splice(1, 1);
    },
  },
  {
    name: 'a show-if condition changed on an answered item',
    answered: ['mid'],
    outcome: 'new-version',
    kinds: ['show-if'],
    edit: (q) => {
      item(q, 'zat_case_count').showIf = { item: 'zat_case', op: 'answered' };
    },
  },
  {
    name: 'items reordered',
    answered: ['pre'],
    outcome: 'wording',
    kinds: ['order'],
    edit: (q) => {
      const s = sectionOf(q, 'know_problems');
      [s.items[0], s.items[1]] = [s.items[1], s.items[0]];
    },
  },
  {
    name: 'a meaning change before any response',
    answered: [],
    outcome: 'edit',
    kinds: ['scale'],
    edit: (q) => {
      (item(q, 'know_problems') as LikertItem).scale.points.pop();
    },
  },
];

describe('diffQuestionnaires (the versioning rules)', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.outcome}`, () => {
      const after = base();
      c.edit(after);
      const diff = diffQuestionnaires(base(), after, c.answered);
      expect(diff.outcome).toBe(c.outcome);
      expect(diff.changes.map((x) => x.kind)).toEqual(expect.arrayContaining(c.kinds));
      if (c.outcome !== 'new-version') expect(diff.changes.every((x) => !x.newVersion)).toBe(true);
    });
  }

  it('names the item of every item change, in both languages', () => {
    const after = base();
    (item(after, 'know_problems') as LikertItem).scale.points.pop();
    const [change] = diffQuestionnaires(base(), after, ['pre']).changes;
    expect(change).toMatchObject({ kind: 'scale', item: 'know_problems', newVersion: true });
    expect(change.message.nl).toContain('know_problems');
    expect(change.message.en).toContain('know_problems');
  });

  it("names changed rounds in the study's own words", () => {
    const after = base();
    item(after, 'know_problems').rounds = ['pre'];
    const words = { round: { nl: { one: 'scan', many: 'scans' }, en: { one: 'scan', many: 'scans' } } };
    const change = diffQuestionnaires(base(), after, [], words).changes.find((c) => c.kind === 'rounds')!;
    expect(change.message.nl).toMatch(/^Vraag "know_problems": scans gewijzigd \(/);
    expect(change.message.en).toMatch(/^Item "know_problems": scans changed \(/);
    expect(diffQuestionnaires(base(), after, []).changes.find((c) => c.kind === 'rounds')!.message.nl).toContain('metingen gewijzigd');
  });
});
