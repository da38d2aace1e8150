import { describe, expect, it } from 'vitest';
import type { CohortAttribute } from './cohort-attributes.js';
import { checkDomainCoverage, coverageBrokenBy } from './domain-coverage-check.js';

const DOMAIN: CohortAttribute = {
  key: 'domein',
  label: { nl: 'Domein' },
  values: [{ value: 'jgz' }, { value: 'ko' }],
};
const ROLE: CohortAttribute = { key: 'rol', label: { nl: 'Rol' }, values: [{ value: 'team' }] };

describe('coverageBrokenBy', () => {
  it('finds nothing without a setting, or when the edit leaves the setting working', () => {
    expect(coverageBrokenBy(undefined, { attributes: [DOMAIN], questionnaire: null }, { attributes: [], questionnaire: null })).toEqual([]);
    const setting = { attribute: 'domein' };
    const before = { attributes: [DOMAIN, ROLE], questionnaire: null };
    expect(coverageBrokenBy(setting, before, { attributes: [DOMAIN], questionnaire: null })).toEqual([]);
  });

  it('names what the edit breaks, in both languages, with where to change the setting', () => {
    const setting = { attribute: 'domein', roleAttribute: 'rol' };
    const broken = coverageBrokenBy(
      setting,
      { attributes: [DOMAIN, ROLE], questionnaire: null },
      { attributes: [DOMAIN], questionnaire: null },
    );
    expect(broken.map((i) => [i.code, i.field])).toEqual([['unknown-role-attribute', 'roleAttribute']]);
    expect(broken[0].message.nl).toBe(
      'Kenmerk "rol" kan niet weg: de domeindekking telt er de rol in het netwerk mee. Zet de domeindekking eerst uit of pas haar aan ' +
        '(Deelnemers → Netwerkprofiel → Instelling domeindekking). Er is niets gewijzigd.',
    );
    expect(broken[0].message.en).toContain('Switch domain coverage off or change it first');
  });

  it("names the cohort screen in the study's words for its participants, as the navigation does", () => {
    const parents = { participant: { nl: { one: 'ouder', many: 'ouders' }, en: { one: 'parent', many: 'parents' } } };
    const setting = { attribute: 'domein', roleAttribute: 'rol' };
    const [broken] = coverageBrokenBy(
      setting,
      { attributes: [DOMAIN, ROLE], questionnaire: null },
      { attributes: [DOMAIN], questionnaire: null },
      parents,
    );
    expect(broken.message.nl).toContain('(Ouders → Netwerkprofiel → Instelling domeindekking)');
    expect(broken.message.en).toContain('(Parents → Network profile → Domain coverage setting)');
    const [unknown] = checkDomainCoverage({ attribute: 'regio' }, [DOMAIN], null, parents);
    expect(unknown.message.nl).toContain('Leg het eerst vast bij Ouders → Kenmerken.');
    expect(unknown.message.en).toContain('Define it first under Parents → Attributes.');
  });

  it('does not blame an edit for what was already wrong before it', () => {
    // The role attribute was already gone (a study file from before the check): removing another attribute is not refused for it.
    const setting = { attribute: 'domein', roleAttribute: 'rol' };
    const other: CohortAttribute = { key: 'gemeente', label: { nl: 'Gemeente' } };
    expect(
      coverageBrokenBy(setting, { attributes: [DOMAIN, other], questionnaire: null }, { attributes: [DOMAIN], questionnaire: null }),
    ).toEqual([]);
  });
});
