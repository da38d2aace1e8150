import { describe, expect, it } from 'vitest';
import type { CohortAttribute } from './cohort-attributes.js';
import { coverageBrokenBy } from './domain-coverage-check.js';

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

  it('does not blame an edit for what was already wrong before it', () => {
    // The role attribute was already gone (a study file from before the check): removing another attribute is not refused for it.
    const setting = { attribute: 'domein', roleAttribute: 'rol' };
    const other: CohortAttribute = { key: 'gemeente', label: { nl: 'Gemeente' } };
    expect(
      coverageBrokenBy(setting, { attributes: [DOMAIN, other], questionnaire: null }, { attributes: [DOMAIN], questionnaire: null }),
    ).toEqual([]);
  });
});
