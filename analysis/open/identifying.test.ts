import { describe, expect, it } from 'vitest';
import { findIdentifying, identifyingKinds } from './identifying.js';

describe('findIdentifying', () => {
  const ctx = { organisations: ['Kinderopvang Zonnestraal', 'GGD Limburg-Noord'], names: ['Ayla de Vries'] };

  it.each([
    ['Mail me op a.jansen@ggd.nl als het kan.', 'email', 'a.jansen@ggd.nl'],
    ['Bel 06-12345678 voor een afspraak.', 'phone', '06-12345678'],
    ['Mijn nummer: +31 6 1234 5678.', 'phone', '+31 6 1234 5678'],
    ['Wij zitten op 5911 AB in Venlo.', 'postcode', '5911 AB'],
    ['Samen met kinderopvang zonnestraal gedaan.', 'organisation', 'kinderopvang zonnestraal'],
    ['Ik sprak Ayla over het kind.', 'name', 'Ayla'],
    ['Met mevrouw Bakker besproken.', 'name', 'Bakker'],
    ['Met dhr. van der Berg besproken.', 'name', 'van der Berg'],
    ['Ik heb dit met Sanne opgepakt.', 'name', 'Sanne'],
  ])('finds identifying text in "%s"', (text, kind, match) => {
    const hit = findIdentifying(text, ctx).find((h) => h.kind === kind);
    expect(hit?.match).toBe(match);
    expect(text.slice(hit!.start, hit!.end)).toBe(match);
  });

  it('does not take a name particle or a lower-case word for a name', () => {
    const withParticle = { names: ['Jan van der Berg', 'Els Bakker'] };
    expect(identifyingKinds('Ik hoop van de scholing te leren; de bakker om de hoek helpt niet.', withParticle)).toEqual([]);
    expect(identifyingKinds('Ik sprak Bakker hierover.', withParticle)).toEqual(['name']);
    expect(identifyingKinds('Met jan van der berg overlegd.', withParticle)).toEqual(['name']);
  });

  it('finds nothing in an anonymous answer', () => {
    expect(findIdentifying('Lichte pedagogische ondersteuning helpt ouders al in 5 gesprekken; 82% was tevreden.', ctx)).toEqual([]);
  });

  it('does not take a year or an amount for a postcode or phone number', () => {
    expect(identifyingKinds('In 2022 kregen 34 professionals 1000 kansen.', ctx)).toEqual([]);
  });

  it('lists each kind once, in a fixed order', () => {
    expect(identifyingKinds('Sanne (sanne@x.nl, 06 12345678) van GGD Limburg-Noord', ctx)).toEqual([
      'email',
      'phone',
      'organisation',
      'name',
    ]);
  });
});
