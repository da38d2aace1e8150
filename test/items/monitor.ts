import type SQLite from 'better-sqlite3';
import { optionSub, type Item, type Questionnaire } from '../../model/index.js';
import type { Store } from '../../server/db/open.js';
import { submittedStatements } from '../helpers/responses.js';
import { createStudy } from '../../server/studies/create-study.js';

/**
 * A study that is not the demo, for the item-type reports: a network's half-yearly monitor,
 * Dutch only, two rounds, 16 members of a youth network (10 answer both rounds), with a rating
 * (rapportcijfer), a single choice with long option labels, the team's priority vote (choose up
 * to three) and a number. The answers are fixed, so the tests can assert what they show.
 */
export const MONITOR_SLUG = 'netwerkmonitor';
export const MONITOR_ROUNDS = ['h2026a', 'h2026b'] as const;

const opt = (code: number, nl: string) => ({ code, label: { nl } });
const base = { required: false, rounds: [...MONITOR_ROUNDS] };

export const MONITOR_ITEMS: Item[] = [
  {
    ...base,
    id: 'nw_cijfer',
    type: 'rating',
    measure: 'satisfaction',
    min: 1,
    max: 10,
    topBoxFrom: 7,
    text: { nl: 'Welk rapportcijfer geeft u de samenwerking in het netwerk?' },
  },
  {
    ...base,
    id: 'nw_overleg',
    type: 'single',
    measure: 'satisfaction',
    options: [
      opt(1, 'Vast casusoverleg met alle ketenpartners in de wijk, elke maand op dezelfde dag'),
      opt(2, 'Overleg op afroep wanneer een casus erom vraagt'),
      opt(3, 'Alleen bilateraal contact'),
      opt(4, 'Geen overleg'),
    ],
    text: { nl: 'Hoe is het overleg over gezinnen met meervoudige problemen georganiseerd?' },
  },
  {
    ...base,
    id: 'nw_prioriteit',
    type: 'multi',
    measure: 'satisfaction',
    maxSelect: 3,
    options: [
      opt(1, 'Eén gezin, één plan: gezamenlijke plannen met gezinnen opstellen'),
      opt(2, 'Snellere toegang tot specialistische jeugdhulp'),
      opt(3, 'Scholing over signalering van kindermishandeling'),
      opt(4, 'Een gedeelde sociale kaart'),
      opt(5, 'Privacyafspraken voor gegevensdeling'),
    ],
    text: { nl: 'Aan welke onderwerpen moet het netwerk volgend halfjaar voorrang geven? Kies er hoogstens drie.' },
  },
  {
    ...base,
    id: 'nw_uren',
    type: 'number',
    measure: 'satisfaction',
    min: 0,
    max: 40,
    integer: false,
    unit: { nl: 'uur per maand' },
    text: { nl: 'Hoeveel uur per maand besteedt u aan netwerkoverleg?' },
  },
] as Item[];

type Answers = { cijfer?: number; overleg?: number; prioriteit?: number[]; uren?: number };

/** Per member: answers in round a and round b (null: did not respond). */
export const MONITOR_ANSWERS: [Answers | null, Answers | null][] = [
  [
    { cijfer: 6, overleg: 2, prioriteit: [1, 2, 4], uren: 4 },
    { cijfer: 7, overleg: 1, prioriteit: [2, 3, 5], uren: 6 },
  ],
  [
    { cijfer: 5, overleg: 3, prioriteit: [1, 2], uren: 2 },
    { cijfer: 7, overleg: 1, prioriteit: [2, 5], uren: 5 },
  ],
  [
    { cijfer: 7, overleg: 2, prioriteit: [1, 4, 5], uren: 3 },
    { cijfer: 8, overleg: 1, prioriteit: [2, 4, 5], uren: 4.5 },
  ],
  [
    { cijfer: 6, overleg: 2, prioriteit: [1, 2, 3], uren: 6 },
    { cijfer: 8, overleg: 2, prioriteit: [2, 3, 5], uren: 8 },
  ],
  [
    { cijfer: 4, overleg: 4, prioriteit: [1], uren: 0 },
    { cijfer: 6, overleg: 1, prioriteit: [2, 5], uren: 2 },
  ],
  [
    { cijfer: 7, overleg: 1, prioriteit: [1, 2, 3], uren: 8 },
    { cijfer: 8, overleg: 1, prioriteit: [2, 3], uren: 8 },
  ],
  [
    { cijfer: 6, overleg: 3, prioriteit: [1, 4], uren: 1.5 },
    { cijfer: 7, overleg: 2, prioriteit: [2, 4, 5], uren: 3 },
  ],
  [
    { cijfer: 8, overleg: 1, prioriteit: [2, 3], uren: 10 },
    { cijfer: 8, overleg: 1, prioriteit: [2, 5], uren: 12 },
  ],
  [
    { cijfer: 5, overleg: 2, prioriteit: [1, 3, 4], uren: 2 },
    { cijfer: 7, overleg: 1, prioriteit: [2, 4, 5], uren: 4 },
  ],
  [
    { cijfer: 6, overleg: 3, prioriteit: [1, 5], uren: 3 },
    { cijfer: 7, overleg: 2, prioriteit: [2, 5], uren: 3 },
  ],
  [{ cijfer: 7, overleg: 2, prioriteit: [1, 2], uren: 5 }, null],
  [{ cijfer: 5, overleg: 3, prioriteit: [1, 4], uren: 2 }, null],
  [{ cijfer: 6, overleg: 4, prioriteit: [1, 3], uren: 1 }, null],
  [{ overleg: 2, prioriteit: [4] }, null],
  [null, { cijfer: 8, overleg: 1, prioriteit: [2, 3, 5], uren: 6 }],
  [null, { cijfer: 9, overleg: 1, prioriteit: [2, 5], uren: 10 }],
];

export const monitorQuestionnaire = (): Questionnaire => ({
  format: 'rondo.questionnaire/1',
  title: { nl: 'Netwerkmonitor' },
  sections: [{ key: 'netwerk', title: { nl: 'Het netwerk' }, items: MONITOR_ITEMS }],
});

/** Creates the monitor with its cohort, invitations and submitted responses. */
export async function seedMonitor(store: Store): Promise<void> {
  const created = await createStudy(store.db, {
    study: {
      slug: MONITOR_SLUG,
      title: { nl: 'Netwerkmonitor Jeugd Zuid' },
      description: { nl: 'Halfjaarlijkse zelfevaluatie van het jeugdnetwerk.' },
      organisation: 'GGD Zuid',
      languages: ['nl'],
      defaultLanguage: 'nl',
      colophon: {},
    },
    rounds: [
      { key: MONITOR_ROUNDS[0], label: { nl: 'Voorjaar 2026' }, opensAt: null, closesAt: null },
      { key: MONITOR_ROUNDS[1], label: { nl: 'Najaar 2026' }, opensAt: null, closesAt: null },
    ],
    partners: [],
    tools: [],
    questionnaire: monitorQuestionnaire(),
  });
  const s: SQLite.Database = store.sqlite;
  s.transaction(() => {
    const at = (r: number) => `2026-0${3 + 6 * r}-15T10:00:00.000Z`;
    const insP = s.prepare(
      'insert into participant (study_id, key, organisation, role, team, left_from_round_id, created_at) ' +
        "values (?, ?, 'Netwerk Zuid', ?, '', null, '2026-01-01T00:00:00.000Z')",
    );
    const { insI, insR, insA } = submittedStatements(s);
    MONITOR_ANSWERS.forEach((rounds, i) => {
      const pid = Number(
        insP.run(created.studyId, `lid${String(i + 1).padStart(2, '0')}`, i % 2 ? 'jeugdverpleegkundige' : 'wijkcoach').lastInsertRowid,
      );
      rounds.forEach((a, r) => {
        const roundId = created.roundIds[MONITOR_ROUNDS[r]];
        const when = at(r);
        const inv = Number(insI.run(pid, roundId, `${MONITOR_SLUG}-${pid}-${r}`, when, when, a ? when : null).lastInsertRowid);
        if (!a) return;
        const rid = Number(insR.run(created.studyId, roundId, pid, inv, created.questionnaireVersionId, when, when, when).lastInsertRowid);
        if (a.cijfer !== undefined) insA.run(rid, 'nw_cijfer', '', a.cijfer);
        if (a.overleg !== undefined) insA.run(rid, 'nw_overleg', '', a.overleg);
        if (a.uren !== undefined) insA.run(rid, 'nw_uren', '', a.uren);
        if (a.prioriteit)
          for (const code of [1, 2, 3, 4, 5]) insA.run(rid, 'nw_prioriteit', optionSub(code), a.prioriteit.includes(code) ? 1 : 0);
      });
    });
  })();
}
