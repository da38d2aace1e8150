import type SQLite from 'better-sqlite3';
import { AGREEMENT, FREQUENCY, USE } from '../../content/templates/scales.js';
import { partnerSub, toolSub, type Questionnaire } from '../../model/index.js';
import type { Store } from '../../server/db/open.js';
import { createStudy } from '../../server/studies/create-study.js';
import { submittedStatements } from '../helpers/responses.js';

/**
 * A study that is not the demo, for the dashboard's own-words and small-group tests: a Dutch and
 * English network monitor that calls its rounds "peilingen"/"polls", its participants
 * "leden"/"members" and its tools "werkvormen"/"working methods". Three half-yearly polls: the
 * first two held (24 and 19 of 36 submitted), the third not yet planned (no dates, nobody
 * invited, no answers). Four organisations of 14, 10, 8 and 4 members, so two groups are under
 * the minimum of 10 for a percentage. The first poll's submissions trickle in over 14 months
 * (one every 19 days, as when answers are imported long after), which gives "Respons in de tijd"
 * some 430 days. Two statements and a yes/no question make two indicators.
 */
export const OUDERKRACHT_SLUG = 'ouderkracht';

export const ROUNDS = ['p2025najaar', 'p2026voorjaar', 'p2026najaar'] as const;

/** Organisation → members, in the cohort's order. */
export const ORGANISATIONS: [string, number][] = [
  ['Consultatiebureau Oost', 14],
  ['Bibliotheek Centrum', 10],
  ['Sociaal Wijkteam Zuid', 8],
  ['Buurthuis De Linde', 4],
];

const rounds = [...ROUNDS];

export const SIGNALEREN = { nl: 'Ik signaleer opvoedvragen van ouders op tijd.', en: 'I pick up parents’ parenting questions in time.' };
export const DOORVERWIJZEN = {
  nl: 'Ik weet bij welke organisatie in de wijk ik ouders met een vraag over opvoeden of ontwikkeling kan doorverwijzen.',
  en: 'I know which organisation in the neighbourhood I can refer parents with a question about parenting or development to.',
};
export const OVERLEG = { nl: 'Neemt u deel aan het maandelijkse casusoverleg?', en: 'Do you take part in the monthly case meeting?' };

const QUESTIONNAIRE: Questionnaire = {
  format: 'rondo.questionnaire/1',
  title: { nl: 'Netwerkpeiling Ouderkracht', en: 'Parent Strength network poll' },
  sections: [
    {
      key: 'kennis',
      title: { nl: 'Uw vaardigheden', en: 'Your skills' },
      items: [
        { type: 'likert', id: 'signaleren', text: SIGNALEREN, required: true, rounds, measure: 'competence', scale: AGREEMENT },
        { type: 'likert', id: 'doorverwijzen', text: DOORVERWIJZEN, required: true, rounds, measure: 'competence', scale: AGREEMENT },
        { type: 'yesno', id: 'overleg', text: OVERLEG, required: true, rounds, measure: 'other' },
        {
          type: 'partnerGrid',
          id: 'samen',
          text: { nl: 'Hoe vaak werkt u samen met deze organisaties?', en: 'How often do you work with these organisations?' },
          required: false,
          rounds,
          measure: 'collaboration-frequency',
          facets: [{ key: 'frequency', measure: 'collaboration-frequency', label: { nl: 'Hoe vaak', en: 'How often' }, scale: FREQUENCY }],
        },
        {
          type: 'toolGrid',
          id: 'werkvorm',
          text: { nl: 'Gebruikte u deze werkvormen dit halfjaar?', en: 'Did you use these working methods this half-year?' },
          required: false,
          rounds,
          measure: 'tool-use',
          scale: USE,
        },
      ],
    },
  ],
  indicators: [
    {
      key: 'toerusting',
      name: { nl: 'Goed toegerust', en: 'Well equipped' },
      items: ['signaleren', 'doorverwijzen'],
      summary: 'share-agreeing',
    },
    {
      key: 'casusoverleg',
      name: { nl: 'Deelname casusoverleg', en: 'Case meeting participation' },
      items: ['overleg'],
      summary: 'share-yes',
    },
  ],
};

export async function seedOuderkrachtStudy(store: Store): Promise<number> {
  const created = await createStudy(store.db, {
    study: {
      slug: OUDERKRACHT_SLUG,
      title: { nl: 'Ouderkracht Netwerkmonitor', en: 'Parent Strength Network Monitor' },
      description: { nl: 'Halfjaarlijkse peiling onder leden van het netwerk.', en: 'Half-yearly poll among members of the network.' },
      organisation: 'Netwerk Ouderkracht Rivierenland',
      languages: ['nl', 'en'],
      defaultLanguage: 'nl',
      colophon: {},
      vocabulary: {
        round: { nl: { one: 'peiling', many: 'peilingen', article: 'de' }, en: { one: 'poll', many: 'polls' } },
        participant: { nl: { one: 'lid', many: 'leden', article: 'het' }, en: { one: 'member', many: 'members' } },
        tool: { nl: { one: 'werkvorm', many: 'werkvormen', article: 'de' }, en: { one: 'working method', many: 'working methods' } },
      },
    },
    rounds: [
      {
        key: 'p2025najaar',
        label: { nl: 'Najaar 2025', en: 'Autumn 2025' },
        opensAt: '2025-10-01T08:00:00.000Z',
        closesAt: '2025-10-31T17:00:00.000Z',
      },
      {
        key: 'p2026voorjaar',
        label: { nl: 'Voorjaar 2026', en: 'Spring 2026' },
        opensAt: '2026-03-01T08:00:00.000Z',
        closesAt: '2026-03-31T17:00:00.000Z',
      },
      { key: 'p2026najaar', label: { nl: 'Najaar 2026', en: 'Autumn 2026' }, opensAt: null, closesAt: null },
    ],
    partners: [
      { name: 'Consultatiebureau Oost', domain: 'jgz' },
      { name: 'Bibliotheek Centrum', domain: 'cultuur' },
    ],
    tools: [
      { name: 'Voorleeskoffer', description: { nl: 'Koffer met prentenboeken', en: 'Case with picture books' } },
      { name: 'Oudercafé-draaiboek', description: { nl: 'Draaiboek voor een oudercafé', en: 'Script for a parent café' } },
    ],
    questionnaire: QUESTIONNAIRE,
  });
  const s: SQLite.Database = store.sqlite;
  const roundIds = [created.roundIds.p2025najaar, created.roundIds.p2026voorjaar];
  s.transaction(() => {
    const insP = s.prepare(
      'insert into participant (study_id, key, organisation, role, team, created_at) ' +
        "values (?, ?, ?, 'professional', '', '2025-09-01T00:00:00.000Z')",
    );
    const { insI, insR, insRefA: insA } = submittedStatements(s);
    const people = ORGANISATIONS.flatMap(([org, n]) => Array.from({ length: n }, () => org));
    people.forEach((org, p) => {
      const pid = Number(insP.run(created.studyId, `lid-${p + 1}`, org).lastInsertRowid);
      roundIds.forEach((roundId, r) => {
        // 24 of 36 answer the first poll (every third member does not), 19 the second.
        const answers = r === 0 ? p % 3 !== 2 : p % 2 === 0 || p === 35;
        const k = r === 0 ? Math.floor((p * 2) / 3) : Math.floor(p / 2);
        const day = r === 0 ? k * 19 : k;
        const at = new Date(Date.parse(r === 0 ? '2025-10-01T09:00:00.000Z' : '2026-03-01T09:00:00.000Z') + day * 86_400_000).toISOString();
        const inv = Number(insI.run(pid, roundId, `${OUDERKRACHT_SLUG}-${pid}-${r}`, at, at, answers ? at : null).lastInsertRowid);
        if (!answers) return;
        const rid = Number(insR.run(created.studyId, roundId, pid, inv, created.questionnaireVersionId, at, at, at).lastInsertRowid);
        // In the second poll 6 of the 12 who answered both agree with more of the two statements and
        // none with fewer: enough changes for the exact paired test.
        insA.run(rid, 'signaleren', '', null, null, r === 0 ? 2 + (p % 3) : 2 + ((p + 1) % 4));
        insA.run(rid, 'doorverwijzen', '', null, null, r === 0 ? 2 + (p % 4) : 2 + ((p * 5 + 1) % 4));
        insA.run(rid, 'overleg', '', null, null, (p + r) % 3 === 0 ? 0 : 1);
        created.partnerIds.forEach((id, j) => insA.run(rid, 'samen', partnerSub(id, 'frequency'), id, null, 1 + ((p + j + r) % 5)));
        created.toolIds.forEach((id, j) => insA.run(rid, 'werkvorm', toolSub(id), null, id, (p + j + r) % 3 === 0 ? 1 : 0));
      });
    });
  })();
  return created.studyId;
}
