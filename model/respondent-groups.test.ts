import { describe, expect, it } from 'vitest';
import type { Questionnaire } from './questionnaire.js';
import {
  checkGroups,
  effectiveGroups,
  groupOf,
  groupPopulation,
  questionnaireForGroup,
  type RespondentGroup,
} from './respondent-groups.js';

const q = {
  format: 'rondo.questionnaire/1',
  title: { nl: 'Q' },
  sections: ['netwerk', 'ouders'].map((key) => ({ key, title: { nl: key }, items: [] })),
} as Questionnaire;
const prof: RespondentGroup = { key: 'prof', name: { nl: 'Professionals' }, sections: ['netwerk'], reach: ['personal'] };
const parents: RespondentGroup = { key: 'ouders', name: { nl: 'Ouders', en: 'Parents' }, sections: ['ouders'], reach: ['anonymous'] };

describe('checkGroups', () => {
  it.each([
    ['valid groups', [prof, parents], []],
    ['no sections', [{ ...prof, sections: [] }], ['no-sections']],
    ['an unknown section', [{ ...prof, sections: ['netwerk', 'x'] }], ['unknown-section']],
    ['a duplicate key', [prof, { ...parents, key: 'prof' }], ['duplicate-key']],
    ['markup in a name', [{ ...prof, name: { nl: '<script>' } }], ['markup']],
    ['a missing name', [{ ...prof, name: { nl: ' ' } }], ['no-name']],
    ['no way to reach it', [{ ...prof, reach: [] }], ['no-reach']],
  ] as [string, RespondentGroup[], string[]][])('%s', (_, groups, codes) => {
    expect(checkGroups(groups, ['nl'], q).map((i) => i.code)).toEqual(codes);
  });
});

describe('groupOf', () => {
  const study = { groups: [prof, parents] };
  it('takes the stored group, else the first group reached the same way', () => {
    expect(groupOf(study, 'ouders', 'personal').key).toBe('ouders');
    expect(groupOf(study, null, 'personal').key).toBe('prof');
    expect(groupOf(study, 'removed', 'anonymous').key).toBe('ouders');
    expect(groupOf({}, null, 'anonymous')).toMatchObject({ key: 'all', implicit: true, sections: null });
  });
});

describe('questionnaireForGroup and groupPopulation', () => {
  it('keeps only the group’s sections, and names the population in both languages', () => {
    expect(questionnaireForGroup(q, parents).sections.map((s) => s.key)).toEqual(['ouders']);
    expect(questionnaireForGroup(q, { sections: null })).toBe(q);
    expect(groupPopulation(parents, 'nl')).toBe('onder ouders');
    expect(groupPopulation(parents, 'en')).toBe('among parents');
    expect(groupPopulation({ name: { nl: 'JGZ-teams' } }, 'nl')).toBe('onder JGZ-teams');
  });
});

describe("the implicit group's name", () => {
  it("says the study's word for who answers, per language it names one", () => {
    const respondents = { participant: { nl: { one: 'respondent', many: 'respondenten' } } };
    expect(effectiveGroups({ vocabulary: respondents })[0].name).toEqual({ nl: 'Alle respondenten', en: 'All respondents' });
    const both = { participant: { nl: { one: 'teamlid', many: 'teamleden' }, en: { one: 'team member', many: 'team members' } } };
    expect(effectiveGroups({ vocabulary: both })[0].name).toEqual({ nl: 'Alle teamleden', en: 'All team members' });
  });

  it("keeps rondo's name for a study that names no participants", () => {
    for (const vocabulary of [undefined, {}, { round: { nl: { one: 'peiling', many: 'peilingen' } } }])
      expect(effectiveGroups({ vocabulary })[0].name).toEqual({ nl: 'Alle deelnemers', en: 'All respondents' });
  });
});
