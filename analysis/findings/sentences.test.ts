import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Change, FactsheetData, Share } from './data.js';
import { deriveStatements, safeChange, type ChangeSubject, type Statement } from './statements.js';
import { DEFAULT_TERMS, pText, writeStatement, writeSentences, type SentenceContext } from './sentences.js';

const nl: SentenceContext = {
  lang: 'nl',
  minPercent: 10,
  smallBelow: 30,
  terms: { ...DEFAULT_TERMS, participants: { nl: 'professionals', en: 'professionals' } },
};
const en: SentenceContext = { ...nl, lang: 'en' };
const PRE = { nl: 'Voormeting', en: 'Pre-training' };
const MID = { nl: 'Tussenmeting', en: 'Mid-training' };
const POST = { nl: 'Nameting', en: 'Post-training' };

const share = (x: number, n: number, ci: [number, number] | null = null): Share => ({ x, n, ci });
const change = (over: Partial<Change>): Change => ({
  from: 0,
  to: 2,
  difference: 0.27,
  ci: [0.01, 0.5],
  p: null,
  pAdjusted: null,
  alpha: 0.05,
  evidence: 'increase',
  paired: true,
  n: 11,
  method: 'Newcombe paired interval',
  ...over,
});
const subject = (c: Partial<Change>, from = share(10, 21), to = share(9, 12), label = 'Competent om te signaleren'): ChangeSubject => ({
  id: 'comp_signal',
  label: { nl: label, en: label },
  from,
  to,
  change: change(c),
});
const changeFinding = (c: Partial<Change>, from?: Share, to?: Share): Statement => ({
  kind: 'change',
  group: 'competence',
  subject: subject(c, from, to),
  fromRound: PRE,
  toRound: POST,
});

/**
 * The wording rules of METHODS §3.6 on a table of findings: what each kind of finding says in
 * Dutch and in English, with its counts and intervals.
 */
describe('sentences written from findings', () => {
  const table: {
    name: string;
    finding: Statement;
    nl: (string | RegExp)[];
    en: (string | RegExp)[];
    notNl?: (string | RegExp)[];
    notEn?: (string | RegExp)[];
  }[] = [
    {
      name: 'an increase shown by the adjusted test, in plain words and with who was compared',
      finding: changeFinding({ p: 0.004, pAdjusted: 0.012, method: 'exact McNemar test' }),
      nl: [
        '‘Competent om te signaleren’ steeg van 48% (10 van 21) in de voormeting naar 75% (9 van 12) in de nameting: een aantoonbare toename bij de 11 professionals die beide metingen invulden.',
      ],
      en: [
        '‘Competent om te signaleren’ rose from 48% (10 of 21) at pre-training to 75% (9 of 12) at post-training: a demonstrable increase among the 11 professionals who answered both rounds.',
      ],
      notNl: [/p [=<]/, 'BI', 'McNemar', 'procentpunt'],
      notEn: [/p [=<]/, 'CI', 'McNemar', 'percentage point'],
    },
    {
      name: 'no demonstrable change still says the direction',
      finding: changeFinding({ evidence: 'no-change', ci: [-0.06, 0.55], p: 0.2, pAdjusted: 0.4 }),
      nl: [
        '‘Competent om te signaleren’ steeg van 48% (10 van 21) in de voormeting naar 75% (9 van 12) in de nameting: geen aantoonbare verandering.',
      ],
      en: ['rose from 48% (10 of 21) at pre-training to 75% (9 of 12) at post-training: no demonstrable change.'],
      notNl: ['toename'],
      notEn: ['increase'],
    },
    {
      name: 'the adjusted test decides, not the interval: an interval excluding zero with adjusted p above alpha',
      finding: changeFinding({ evidence: 'increase', ci: [0.02, 0.5], p: 0.03, pAdjusted: 0.09 }),
      nl: ['steeg van', 'niet aantoonbaar na correctie voor meerdere toetsen'],
      en: ['rose from', 'not demonstrable after correction for multiple tests'],
      notNl: ['toename', '0,09'],
      notEn: ['increase', '0.09'],
    },
    {
      name: 'the adjusted test decides, not the interval: adjusted p below alpha with an interval including zero',
      finding: changeFinding({ evidence: 'no-change', ci: [-0.01, 0.5], p: 0.01, pAdjusted: 0.03 }),
      nl: ['een aantoonbare toename bij de 11 professionals'],
      en: ['a demonstrable increase among the 11 professionals'],
    },
    {
      name: 'an increase on the whole scale (ordinal item) whose top box fell is not printed as a rise',
      finding: changeFinding({ ci: null, difference: -0.1, observed: 'increase', p: 0.001, pAdjusted: 0.004 }, share(10, 20), share(5, 12)),
      nl: ['daalde van 50% (10 van 20) in de voormeting naar 42% (5 van 12) in de nameting'],
      en: ['fell from 50% (10 of 20)'],
    },
    {
      name: 'a change too small to test says the direction and why it is not tested',
      finding: changeFinding({ evidence: 'not-tested', ci: null, p: null, n: 4 }),
      nl: ['steeg van 48% (10 van 21)', 'te weinig waarnemingen om dit te toetsen'],
      en: ['rose from 48% (10 of 21)', 'too few observations to test this'],
      notNl: ['toename', 'procentpunt'],
    },
    {
      name: 'a change that stayed about the same',
      finding: changeFinding({ evidence: 'no-change', ci: [-0.3, 0.3], p: 0.9 }, share(6, 12), share(6, 12)),
      nl: ['bleef ongeveer gelijk (50% (6 van 12) in de voormeting en 50% (6 van 12) in de nameting): geen aantoonbare verandering'],
      en: ['stayed about the same'],
    },
    {
      name: 'a peak in the mid round',
      finding: { kind: 'peak', noun: 'competence', peakRound: MID, round: 1, count: 3, total: 5 },
      nl: ['Bij 3 van de 5 uitspraken over kennis en competenties ligt het hoogste percentage in de tussenmeting.'],
      en: ['For 3 of the 5 statements on knowledge and competences, the share is highest at mid-training.'],
    },
    {
      name: 'low response in a compared round',
      finding: { kind: 'low-response', round: POST, invited: 34, submitted: 12, level: 'caution', threshold: 0.5 },
      nl: ['De respons in de nameting lag onder 50%: 35% (12 van 34).', 'vergelijk de metingen met voorzichtigheid'],
      en: ['Response at post-training was below 50%: 35% (12 of 34).', 'compare the rounds with caution'],
    },
    {
      name: 'very low response',
      finding: { kind: 'low-response', round: POST, invited: 34, submitted: 8, level: 'strong', threshold: 0.3 },
      nl: ['lag onder 30%: 24% (8 van 34)', 'niet te generaliseren naar alle professionals'],
      en: ['cannot be generalised to all professionals'],
    },
    {
      name: 'a share on fewer answers than the threshold (suppressed percentage)',
      finding: {
        kind: 'share',
        group: 'indicators',
        index: 2,
        id: 'help_questions',
        label: { nl: 'Bent u meestal in staat hulpvragen te beantwoorden?', en: 'Are you mostly able to answer help questions?' },
        form: 'yes',
        round: POST,
        share: share(4, 8, [0.2, 0.8]),
      },
      nl: ['In de nameting antwoordden 4 van 8 ‘ja’', 'bij minder dan 10 antwoorden tonen we geen percentage'],
      en: ['4 of 8 answered ‘yes’', 'with fewer than 10 answers no percentage is shown'],
      notNl: [/\d%/],
      notEn: [/\d%/],
    },
    {
      name: 'a change with a round below the threshold shows counts, no percentages',
      finding: changeFinding({ evidence: 'no-change', ci: [-0.2, 0.4], p: 0.5, n: 8 }, share(3, 8), share(5, 9)),
      nl: ['steeg van 3 van 8 in de voormeting naar 5 van 9 in de nameting'],
      en: ['rose from 3 of 8 at pre-training to 5 of 9 at post-training'],
      notNl: [/\d%/, 'procentpunt'],
      notEn: [/\d%/],
    },
    {
      name: 'a share with its interval and the don’t-know answers apart',
      finding: {
        kind: 'share',
        group: 'indicators',
        index: 2,
        id: 'help_questions',
        label: { nl: 'Bent u meestal in staat hulpvragen te beantwoorden?', en: 'Are you mostly able to answer help questions?' },
        form: 'yes',
        round: POST,
        share: { x: 9, n: 11, ci: [0.523, 0.9486], dontKnow: 1 },
      },
      nl: [
        'In de nameting antwoordde 82% (9 van 11; 95%-BI 52–95%) ‘ja’ op de vraag ‘Bent u meestal in staat hulpvragen te beantwoorden?’ (daarnaast 1 keer ‘weet ik niet’).',
      ],
      en: ['At post-training, 82% (9 of 11; 95% CI 52–95%) answered ‘yes’'],
    },
    {
      name: 'the largest increases among partners',
      finding: {
        kind: 'largest-increase',
        subjects: ['POH GGZ Jeugd', 'Voorschoolse intern begeleiders', 'Specialistische ondersteuning jeugd'].map((p) => ({
          ...subject({}),
          id: p,
          label: { nl: p, en: p },
        })),
      },
      nl: [
        'De grootste toename in samenwerkingsfrequentie is gevonden voor POH GGZ Jeugd, Voorschoolse intern begeleiders en Specialistische ondersteuning jeugd.',
      ],
      en: [
        'The largest increase in collaboration frequency was found for POH GGZ Jeugd, Voorschoolse intern begeleiders and Specialistische ondersteuning jeugd.',
      ],
    },
    {
      name: 'one statement that rose, not demonstrably: named, not "the statements"',
      finding: {
        kind: 'group-change',
        noun: 'competence',
        fromRound: PRE,
        toRound: POST,
        subjects: [
          subject({ evidence: 'no-change', difference: 0.1 }, share(12, 22), share(13, 20), 'Ik voel me in staat ouders te begeleiden'),
        ],
      },
      nl: [
        '‘Ik voel me in staat ouders te begeleiden’ steeg tussen de voormeting en de nameting, maar niet aantoonbaar (kleine aantallen).',
      ],
      en: [/^‘Ik voel me in staat ouders te begeleiden’ rose between .*, but not demonstrably \(small numbers\)\.$/],
      notNl: ['uitspraken', 'stegen'],
    },
    {
      name: 'no partner with a demonstrable increase',
      finding: { kind: 'largest-increase', subjects: [] },
      nl: ['Voor geen van de ketenpartners is een aantoonbare toename'],
      en: ['No demonstrable increase in collaboration frequency was found for any chain partner.'],
    },
    {
      name: 'a contribution that rests on demonstrable increases',
      finding: {
        kind: 'contribution',
        fromRound: PRE,
        toRound: POST,
        domains: [
          { noun: 'partners', increased: 3, total: 12 },
          { noun: 'tools', increased: 0, total: 3 },
        ],
      },
      nl: [
        'De interventie lijkt positief bij te dragen aan de beoogde uitkomsten: een aantoonbare toename is gevonden in de samenwerking met 3 van de 12 ketenpartners.',
        // Only of the areas the lead weighs: an indicator elsewhere may well have increased.
        'Op de andere punten hiervan en bij het gebruik van de tools is geen aantoonbare toename gevonden.',
      ],
      en: [
        'The intervention appears to contribute positively',
        'in collaboration with 3 of the 12 chain partners',
        'No demonstrable increase was found elsewhere in these areas or in the use of the tools.',
      ],
      notNl: ['Op de andere punten is'],
    },
    {
      name: 'no contribution can be shown',
      finding: { kind: 'contribution', fromRound: PRE, toRound: POST, domains: [{ noun: 'competence', increased: 0, total: 5 }] },
      nl: [
        'Er is geen aantoonbare toename gevonden in kennis en competenties; of de interventie bijdraagt aan de beoogde uitkomsten, is met deze gegevens niet vast te stellen.',
      ],
      en: ['cannot be established from these data'],
      notNl: ['lijkt'],
    },
    {
      name: 'response per round with counts',
      finding: {
        kind: 'response',
        rounds: [
          { label: PRE, invited: 34, submitted: 21 },
          { label: MID, invited: 34, submitted: 22 },
          { label: POST, invited: 34, submitted: 12 },
        ],
      },
      nl: ['De respons was 62% in de voormeting (21 van 34), 65% in de tussenmeting (22 van 34) en 35% in de nameting (12 van 34).'],
      en: ['Response was 62% at pre-training (21 of 34), 65% at mid-training (22 of 34) and 35% at post-training (12 of 34).'],
    },
    {
      name: 'the response of a study of one round, without naming the round',
      finding: { kind: 'response', rounds: [{ label: { nl: 'Meting', en: 'Survey' }, invited: 30, submitted: 24 }] },
      nl: ['De respons was 80% (24 van 30).'],
      en: ['Response was 80% (24 of 30).'],
    },
  ];

  for (const row of table) {
    it(`${row.name}`, () => {
      const textNl = writeStatement(row.finding, nl);
      const textEn = writeStatement(row.finding, en);
      for (const want of row.nl) expect(textNl).toMatch(typeof want === 'string' ? new RegExp(escapeRegExp(want)) : want);
      for (const want of row.en) expect(textEn).toMatch(typeof want === 'string' ? new RegExp(escapeRegExp(want)) : want);
      for (const no of row.notNl ?? []) expect(textNl).not.toMatch(typeof no === 'string' ? new RegExp(escapeRegExp(no)) : no);
      for (const no of row.notEn ?? []) expect(textEn).not.toMatch(typeof no === 'string' ? new RegExp(escapeRegExp(no)) : no);
    });
  }

  it('never claims an increase whose adjusted p is not below alpha, whatever the upstream label (property)', () => {
    const arb = fc.record({
      lo: fc.double({ min: -1, max: 1, noNaN: true }),
      width: fc.double({ min: 0, max: 1, noNaN: true }),
      p: fc.double({ min: 0.05, max: 1, noNaN: true }),
      adjusted: fc.boolean(),
      evidence: fc.constantFrom('increase', 'decrease', 'no-change', 'not-tested'),
      n: fc.integer({ min: 10, max: 40 }),
    });
    fc.assert(
      fc.property(arb, ({ lo, width, p, adjusted, evidence, n }) => {
        const f = changeFinding({
          ci: [lo, lo + width],
          difference: lo + width / 2,
          p: adjusted ? p / 10 : p,
          pAdjusted: adjusted ? p : null,
          evidence: evidence as Change['evidence'],
          n,
        });
        expect(safeChange((f as { subject: ChangeSubject }).subject.change).evidence).not.toBe('increase');
        expect(writeStatement(f, nl)).not.toMatch(/toename|afname/);
        expect(writeStatement(f, en)).not.toMatch(/increase|decrease/);
      }),
    );
  });

  it('print a p-value that never rounds onto or across alpha', () => {
    expect(pText(0.049, 'nl')).toBe('p = 0,049');
    expect(pText(0.0496, 'nl')).toBe('p = 0,0496');
    expect(pText(0.0504, 'en')).toBe('p = 0.0504');
    expect(pText(0.0031, 'nl')).toBe('p = 0,0031');
    expect(pText(0.0004, 'nl')).toBe('p < 0,001');
    expect(pText(0.23, 'en')).toBe('p = 0.23');
  });
});

describe('the demo factsheet’s findings', () => {
  const data = JSON.parse(fs.readFileSync(new URL('./fixtures/demo-data.json', import.meta.url), 'utf8')) as FactsheetData;
  const sentences = (ctx: SentenceContext) => writeSentences(deriveStatements(data), ctx);
  const text = (ctx: SentenceContext) =>
    sentences(ctx)
      .map((s) => s.text)
      .join('\n');

  it('tell the story of the published factsheet, with counts', () => {
    const t = text(nl);
    expect(t).toContain('62% in de voormeting (21 van 34), 65% in de tussenmeting (22 van 34) en 35% in de nameting (12 van 34)');
    expect(t).toContain('De respons in de nameting lag onder 50%: 35% (12 van 34)');
    expect(t).toContain(
      'De grootste toename in samenwerkingsfrequentie is gevonden voor POH GGZ Jeugd, Voorschoolse intern begeleiders en Specialistische ondersteuning jeugd.',
    );
    expect(t).toContain('ligt het hoogste percentage in de tussenmeting');
    expect(t).toContain('Van de tools wordt ‘IMH beslisboom’ het minst gebruikt');
    // The methods box names the corrections of the demo's families: the competence items (Holm), the partners' screen (BH).
    expect(t).toContain(
      'na correctie voor meerdere toetsen (Holm bij kennis en competenties, Benjamini-Hochberg bij de samenwerking met ketenpartners)',
    );
    expect(t).toContain('82% (9 van 11; 95%-BI 52–95%)');
  });

  it('give every sentence a stable key and a basis that changes only with the numbers', () => {
    const a = sentences(nl);
    const b = sentences(en);
    expect(a.map((s) => s.key)).toEqual(b.map((s) => s.key));
    expect(a.map((s) => s.basis)).toEqual(b.map((s) => s.basis));
    expect(new Set(a.map((s) => s.key)).size).toBe(a.length);
    const changed = structuredClone(data);
    changed.rounds[2].submitted = 13;
    const c = writeSentences(deriveStatements(changed), nl);
    expect(c.find((s) => s.key === 'research.response')!.basis).not.toBe(a.find((s) => s.key === 'research.response')!.basis);
    expect(c.find((s) => s.key === 'partners.largest')!.basis).toBe(a.find((s) => s.key === 'partners.largest')!.basis);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
