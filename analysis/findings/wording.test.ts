import { describe, expect, it } from 'vitest';
import type { Change, FactsheetData, Share } from './data.js';
import { inRound, roundRef } from './format.js';
import type { ChangeSubject, Statement } from './statements.js';
import { DEFAULT_TERMS, writeStatement, type SentenceContext } from './sentences.js';
import { writeQuestion } from './questions.js';

/**
 * Wording a GGD researcher would otherwise correct by hand (METHODS §3.6), found on factsheets of
 * studies that are not the demo: round labels that are not nouns, changes that could not be tested,
 * "ook" after a change the other way, ties, the direction of a shift, functions in running text.
 */
const nl: SentenceContext = { lang: 'nl', minPercent: 10, smallBelow: 30, terms: DEFAULT_TERMS };
const en: SentenceContext = { ...nl, lang: 'en' };
const SPRING = { nl: 'Voorjaar 2026', en: 'Spring 2026' };
const AUTUMN = { nl: 'Najaar 2026', en: 'Autumn 2026' };
const share = (x: number, n: number): Share => ({ x, n, ci: null });
const change = (over: Partial<Change>): Change => ({
  from: 0,
  to: 1,
  difference: 0.2,
  ci: null,
  p: null,
  pAdjusted: null,
  alpha: 0.05,
  evidence: 'not-tested',
  paired: true,
  n: 7,
  method: 'exact McNemar test',
  ...over,
});
const subject = (id: string, c: Partial<Change>, from: Share, to: Share): ChangeSubject => ({
  id,
  label: { nl: id, en: id },
  from,
  to,
  change: change(c),
});
const write = (f: Statement, ctx = nl) => writeStatement(f, ctx);
/** Two tools whose use rose from spring to autumn 2026, each too few observations to test. */
const twoUntestedTools: Statement = {
  kind: 'group-change',
  noun: 'tools',
  subjects: [subject('a', {}, share(4, 11), share(6, 7)), subject('b', {}, share(5, 11), share(6, 7))],
  fromRound: SPRING,
  toRound: AUTUMN,
};

describe('round labels in running Dutch', () => {
  it('give a noun its article, a period its own, and quote any other label after the round word', () => {
    const cases: [string, string, string][] = [
      ['Voormeting', 'in de voormeting', 'de voormeting'],
      ['Tweede peiling', 'in de tweede peiling', 'de tweede peiling'],
      ['Meetmoment', 'in het meetmoment', 'het meetmoment'],
      ['Ronde 3', 'in ronde 3', 'ronde 3'],
      ['Voorjaar 2026', 'in het voorjaar 2026', 'de meting van het voorjaar 2026'],
      ['Eerste helft 2026', 'in de eerste helft 2026', 'de meting van de eerste helft 2026'],
      ['Juni 2026', 'in juni 2026', 'de meting van juni 2026'],
      ['Eerste halfjaar 2027', 'in het eerste halfjaar 2027', 'de meting van het eerste halfjaar 2027'],
      ['2e helft schooljaar 2026', 'in de 2e helft schooljaar 2026', 'de meting van de 2e helft schooljaar 2026'],
      ['Start cursus', 'in de meting ‘Start cursus’', 'de meting ‘Start cursus’'],
    ];
    for (const [label, inIt, thing] of cases) {
      expect(inRound({ nl: label }, 'nl', 'de meting')).toBe(inIt);
      expect(roundRef({ nl: label }, 'nl', 'de meting', 'thing')).toBe(thing);
    }
    expect(roundRef({ nl: 'Halverwege' }, 'nl', 'het meetmoment')).toBe('het meetmoment ‘Halverwege’');
    expect(inRound(SPRING, 'en')).toBe('in spring 2026');
    expect(inRound({ en: 'Pre-training' }, 'en')).toBe('at pre-training');
    // An ordinal period and a round named by its kind take "the": not "in first half of 2026", "at survey".
    expect(inRound({ en: 'First half of 2026' }, 'en')).toBe('in the first half of 2026');
    expect(inRound({ en: '2nd term 2027' }, 'en')).toBe('in the 2nd term 2027');
    expect(inRound({ en: 'Survey' }, 'en')).toBe('in the survey');
    expect(roundRef({ en: 'Second half of 2026' }, 'en')).toBe('the second half of 2026');
    expect(inRound({ en: 'June 2026' }, 'en')).toBe('in June 2026');
  });

  it('never write "de" before a period or a phrase in a sentence', () => {
    const f = twoUntestedTools;
    expect(write(f)).toContain('tussen het voorjaar 2026 en het najaar 2026');
    const attrition = write({ kind: 'attrition', fromRound: { nl: 'Start cursus' }, toRound: { nl: 'Einde cursus' }, variables: 3 });
    expect(attrition).toBe(
      'Wie na de meting ‘Start cursus’ afhaakte, antwoordde in de meting ‘Start cursus’ anders dan ' +
        'wie ook de meting ‘Einde cursus’ invulde ' +
        '(op 3 vragen): de respondenten in de meting ‘Einde cursus’ zijn mogelijk niet representatief.',
    );
  });
});

describe('changes that could not be tested', () => {
  it('are not called "niet aantoonbaar": there were too few observations to test them', () => {
    const f = twoUntestedTools;
    expect(write(f)).toBe(
      'Het gebruik van beide tools steeg tussen het voorjaar 2026 en het najaar 2026; te weinig waarnemingen om dit te toetsen.',
    );
    expect(write(f, en)).toBe('Use of both tools rose between spring 2026 and autumn 2026; too few observations to test this.');
  });

  it('are told apart from tested ones, and "ook" follows only a change the same way', () => {
    const f: Statement = {
      kind: 'group-change',
      noun: 'indicators',
      subjects: [
        subject('up', { evidence: 'increase', p: 0.001, ci: [0.1, 0.5] }, share(4, 11), share(9, 11)),
        subject('down1', { evidence: 'no-change', p: 0.4, ci: [-0.5, 0.1] }, share(8, 11), share(5, 11)),
        subject('down2', {}, share(8, 11), share(6, 11)),
      ],
      fromRound: SPRING,
      toRound: AUTUMN,
    };
    const text = write(f);
    expect(text).toContain('1 van de 3 indicatoren aantoonbaar toegenomen (‘up’)');
    expect(text).toContain(
      'de andere 2 daalden, maar niet aantoonbaar (voor 1 ervan te weinig waarnemingen om te toetsen; kleine aantallen)',
    );
    expect(text).not.toContain('daalden ook');
  });

  it('are counted apart in the partners’ sentence', () => {
    const base = { kind: 'partner-count', facet: 'frequency', fromRound: SPRING, toRound: AUTUMN } as const;
    expect(write({ ...base, increased: 2, decreased: 0, total: 12, untested: 3 })).toBe(
      'Tussen het voorjaar 2026 en het najaar 2026 is de samenwerkingsfrequentie met 2 van de 12 ketenpartners aantoonbaar toegenomen; ' +
        'voor 7 andere is geen aantoonbare verandering gevonden en voor 3 waren er te weinig waarnemingen om te toetsen.',
    );
    expect(write({ ...base, increased: 0, decreased: 0, total: 4, untested: 4 })).toBe(
      'Tussen het voorjaar 2026 en het najaar 2026 waren er voor geen van de 4 ketenpartners genoeg waarnemingen ' +
        'om een verandering in samenwerkingsfrequentie te toetsen.',
    );
    // The quality count names its partners: no other sentence does.
    expect(
      write({
        ...base,
        facet: 'quality',
        increased: 2,
        decreased: 1,
        total: 5,
        untested: 0,
        names: { increased: ['POH GGZ Jeugd', 'Wijkteam'], decreased: ['Huisarts'] },
      }),
    ).toBe(
      'In dezelfde periode is de kwaliteit van de samenwerking met 2 van de 5 ketenpartners aantoonbaar verbeterd (POH GGZ Jeugd en ' +
        'Wijkteam) en met 1 aantoonbaar verslechterd (Huisarts); voor de andere 2 is geen aantoonbare verandering gevonden.',
    );
    // A version published before the count was kept says what it said.
    expect(write({ ...base, increased: 2, decreased: 0, total: 12 })).toContain(
      'voor de andere 10 is geen aantoonbare verandering gevonden.',
    );
  });
});

describe('the most chosen answer', () => {
  const ctx = { lang: 'nl' as const, minPercent: 10, participants: 'ouders', round: 'de meting' };
  const verdict = () => '';
  const choice = (top: { id: string; label: { nl: string }; share: Share }[], shift?: object): Statement =>
    ({
      kind: 'question-choice',
      id: 'q',
      label: { nl: 'Voorlezen' },
      round: AUTUMN,
      index: 1,
      n: 7,
      maxSelect: null,
      among: ['q.o1', 'q.o2', 'q.o3'],
      top,
      ...(shift ? { shift } : {}),
    }) as Statement;

  it('is "het vaakst gekozen", and a tie is said as one, never "de meesten"', () => {
    const one = writeQuestion(choice([{ id: 'q.o3', label: { nl: 'Elke dag' }, share: share(3, 10) }]), ctx, verdict);
    expect(one).toBe('Bij ‘Voorlezen’ werd in het najaar 2026 ‘Elke dag’ het vaakst gekozen: 30% (3 van 10).');
    const tie = writeQuestion(
      choice([
        { id: 'q.o1', label: { nl: 'Nooit' }, share: share(2, 7) },
        { id: 'q.o2', label: { nl: 'Soms' }, share: share(2, 7) },
      ]),
      ctx,
      verdict,
    );
    expect(tie).toBe(
      'Bij ‘Voorlezen’ werden in het najaar 2026 ‘Nooit’ en ‘Soms’ even vaak gekozen, vaker dan de andere antwoorden: elk door 2 van 7.',
    );
    expect(tie).not.toContain('de meesten');
    // A tie that holds every answer has no "other answers" to have been chosen less.
    const all = writeQuestion(
      choice([
        { id: 'q.o1', label: { nl: 'Nooit' }, share: share(5, 10) },
        { id: 'q.o2', label: { nl: 'Soms' }, share: share(5, 10) },
      ]),
      ctx,
      verdict,
    );
    expect(all).toBe('Bij ‘Voorlezen’ werden in het najaar 2026 ‘Nooit’ en ‘Soms’ even vaak gekozen: elk door 5 van 10.');
  });

  it('says which way an ordered answer shifted', () => {
    const shift = { evidence: 'shift', fromRound: SPRING, toRound: AUTUMN, n: 11, paired: true, towards: { nl: 'Elke dag' } };
    const text = writeQuestion(choice([{ id: 'q.o3', label: { nl: 'Elke dag' }, share: share(6, 11) }], shift), ctx, verdict);
    expect(text).toContain(
      'Tussen het voorjaar 2026 en het najaar 2026 verschoven de antwoorden aantoonbaar in de richting van ‘Elke dag’ bij de 11 ouders',
    );
  });
});

describe('functions in running text', () => {
  it('are lower case, one "functie" or several "functies"', () => {
    const invited = (roles: string[]): Statement => ({
      kind: 'invited',
      invited: 18,
      organisations: 0,
      roles: roles.map((r) => ({ nl: r, en: r })),
    });
    expect(write(invited(['Ouder']))).toBe('De vragenlijst is uitgestuurd naar 18 deelnemers, in de functie ouder.');
    expect(write(invited(['gezinscoach', 'Jeugdverpleegkundige', 'POH GGZ']))).toContain(
      'in de functies gezinscoach, jeugdverpleegkundige en POH GGZ.',
    );
  });
});

describe('the methods box on multiple tests', () => {
  const disclosure = (corrections?: { holm: ('competence' | 'indicators')[]; bh: ('partners' | 'tools')[] }): Statement => ({
    kind: 'disclosure',
    settings: {
      alpha: 0.05,
      minDenominatorForPercent: 10,
      minSubgroup: 5,
      minGroupForQuotes: 5,
      responseGapWarning: 0.2,
    } as Extract<Statement, { kind: 'disclosure' }>['settings'],
    methods: ['exact Wilcoxon signed-rank test'],
    paired: true,
    ...(corrections ? { corrections } : {}),
  });

  it('names the correction per area where it states the rule, and says the intervals are not adjusted (METHODS §4.6, §5)', () => {
    expect(write(disclosure({ holm: ['competence', 'indicators'], bh: ['partners'] }))).toContain(
      'na correctie voor meerdere toetsen (Holm bij kennis en competenties en de indicatoren, Benjamini-Hochberg bij de ' +
        'samenwerking met ketenpartners) p < 0,05 geeft; anders staat er ‘geen aantoonbare verandering’. Het 95%-interval bij de ' +
        'belangrijkste uitkomsten (Wilson, niet gecorrigeerd) toont',
    );
    expect(write(disclosure({ holm: [], bh: ['tools'] }), en)).toContain(
      'after correction for multiple tests (Benjamini–Hochberg for the use of the tools); otherwise',
    );
  });

  it('names none where nothing was adjusted, or in a version published before it was said', () => {
    expect(write(disclosure({ holm: [], bh: [] }))).toContain('na correctie voor meerdere toetsen p < 0,05 geeft');
    expect(write(disclosure())).toContain('na correctie voor meerdere toetsen p < 0,05 geeft');
  });
});

describe('a round nobody has answered yet', () => {
  it('is not said to have been filled in', async () => {
    const fs = await import('node:fs');
    const { deriveStatements } = await import('./statements.js');
    const data = JSON.parse(fs.readFileSync(new URL('./fixtures/demo-data.json', import.meta.url), 'utf8')) as FactsheetData;
    const method = (d: FactsheetData) => write(deriveStatements(d).find((s) => s.key === 'research.method')!.finding);
    expect(method(data)).toContain(
      'in drie metingen een vragenlijst in met open en gesloten vragen: de voormeting, de tussenmeting en de nameting',
    );
    data.rounds[2].submitted = 0;
    expect(method(data)).toContain('in twee metingen een vragenlijst in met open en gesloten vragen: de voormeting en de tussenmeting.');
  });
});

describe('the attrition caveat', () => {
  const caveat = (named: { id: string; leavers: 'lower' | 'higher' | 'different' }[], variables = named.length): Statement => ({
    kind: 'attrition',
    fromRound: { nl: 'Voormeting', en: 'Pre' },
    toRound: { nl: 'Nameting', en: 'Post' },
    variables,
    named: named.map((x) => ({ ...x, label: { nl: `Vraag ${x.id}`, en: `Question ${x.id}` } })),
  });

  it('counts the directions, names a question by its short label, and says "telkens" for one direction', () => {
    const labels = { b: { nl: 'Kort b', en: 'Short b' } };
    const mixed = caveat([
      { id: 'a', leavers: 'lower' },
      { id: 'b', leavers: 'higher' },
      { id: 'c', leavers: 'higher' },
    ]);
    expect(write(mixed)).toContain('(op 3 vragen: op 1 lager en op 2 hoger)');
    expect(writeStatement(mixed, { ...nl, labels })).toContain('(op 3 vragen: op 1 lager; op 2 hoger, waaronder ‘Kort b’)');
    expect(write(caveat([{ id: 'a', leavers: 'higher' }], 2))).toContain('(op 2 vragen: op 1 hoger en op 1 anders)');
    expect(
      write(
        caveat([
          { id: 'a', leavers: 'higher' },
          { id: 'b', leavers: 'higher' },
        ]),
      ),
    ).toContain('(op 2 vragen, telkens hoger)');
    // A version published before the directions were kept says what it said.
    expect(write({ ...caveat([]), named: undefined, variables: 4 } as Statement)).toContain('(op 4 vragen):');
  });
});

describe('two of a kind', () => {
  it('are "geen van beide" / "either of the two", never "geen van de 2"', () => {
    const base = { kind: 'partner-count', facet: 'frequency', fromRound: SPRING, toRound: AUTUMN } as const;
    expect(write({ ...base, increased: 0, decreased: 0, total: 2, untested: 0 })).toContain(
      'is voor geen van beide ketenpartners een aantoonbare verandering in samenwerkingsfrequentie gevonden.',
    );
    expect(write({ ...base, increased: 0, decreased: 0, total: 2, untested: 0 }, en)).toContain('for either of the two chain partners.');
    const f: Statement = {
      kind: 'group-change',
      noun: 'indicators',
      subjects: [subject('a', { evidence: 'no-change', p: 0.5 }, share(4, 11), share(6, 11)), subject('b', {}, share(6, 11), share(4, 11))],
      fromRound: SPRING,
      toRound: AUTUMN,
    };
    expect(write(f)).toContain('is voor geen van beide indicatoren een aantoonbare verandering gevonden');
  });
});
