import type SQLite from 'better-sqlite3';
import { optionSub, type Item, type LocalText, type Questionnaire } from '../../model/index.js';
import { AGREEMENT } from '../../content/templates/scales.js';
import type { Store } from '../../server/db/open.js';
import { createStudy } from '../../server/studies/create-study.js';

/**
 * A study that is not the demo, for the factsheet's indicator and question charts and its
 * subgroup splits: a youth network's half-yearly monitor, Dutch only, two rounds. Professionals
 * (personal links; a `domain` attribute: jeugd 8, onderwijs 7, zorg 6, gezin 3) answer a rating,
 * a single choice (the intervention is available: ja / deels / nee), a statement, the team's
 * priority vote and a number; parents (anonymous link, 7 then 6) answer a rating and a
 * statement. Three indicators: a distribution, a share agreeing and a mean score. The answers
 * follow the member's number, so tests can say what the factsheet must show.
 */
export const SPLIT_SLUG = 'jeugdnetwerk-zuid';
export const SPLIT_ROUNDS = ['h2026a', 'h2026b'] as const;
/** The professionals' domains, in member order. */
export const SPLIT_DOMAINS = [
  ...Array<string>(8).fill('jeugd'),
  ...Array<string>(7).fill('onderwijs'),
  ...Array<string>(6).fill('zorg'),
  ...Array<string>(3).fill('gezin'),
];
/** Members (0-based) who did not answer round a, round b. */
export const SPLIT_MISSING: readonly (readonly number[])[] = [
  [5, 17],
  [2, 9, 14, 22],
];
export const PARENTS_PER_ROUND = [7, 6] as const;

const nl = (text: string): LocalText => ({ nl: text });
const opt = (code: number, text: string) => ({ code, label: nl(text) });
const base = { required: false, rounds: [...SPLIT_ROUNDS] };

const ITEMS: Item[] = [
  {
    ...base,
    id: 'cijfer',
    type: 'rating',
    measure: 'satisfaction',
    min: 1,
    max: 10,
    topBoxFrom: 7,
    text: nl('Welk rapportcijfer geeft u de samenwerking?'),
  },
  {
    ...base,
    id: 'beschikbaar',
    type: 'single',
    measure: 'background',
    options: [opt(1, 'Ja, voor alle gezinnen'), opt(2, 'Deels, met een wachtlijst'), opt(3, 'Nee')],
    text: nl('Is de interventie voor ouders en jonge kinderen in uw regio beschikbaar?'),
  },
  {
    ...base,
    id: 'begeleiden',
    type: 'likert',
    measure: 'competence',
    scale: AGREEMENT,
    text: nl('Ik voel me in staat ouders te begeleiden.'),
  },
  {
    ...base,
    id: 'prioriteit',
    type: 'multi',
    measure: 'background',
    maxSelect: 3,
    options: [
      opt(1, 'Eén gezin, één plan'),
      opt(2, 'Een gedeelde sociale kaart'),
      opt(3, 'Scholing over signalering'),
      opt(4, 'Intervisie'),
    ],
    text: nl('Waar moet het netwerk volgend halfjaar voorrang aan geven?'),
  },
  {
    ...base,
    id: 'uren',
    type: 'number',
    measure: 'background',
    min: 0,
    max: 40,
    integer: false,
    unit: nl('uur per maand'),
    text: nl('Hoeveel uur per maand besteedt u aan netwerkoverleg?'),
  },
] as Item[];

const PARENT_ITEMS: Item[] = [
  { ...base, id: 'ouder_cijfer', type: 'rating', measure: 'satisfaction', min: 1, max: 10, text: nl('Welk cijfer geeft u de hulp?') },
  { ...base, id: 'gehoord', type: 'likert', measure: 'satisfaction', scale: AGREEMENT, text: nl('Ik voelde me gehoord.') },
] as Item[];

export const splitQuestionnaire = (): Questionnaire =>
  ({
    format: 'rondo.questionnaire/1',
    title: nl('Netwerkmonitor'),
    sections: [
      { key: 'netwerk', title: nl('Het netwerk'), items: ITEMS },
      { key: 'ouders', title: nl('Uw ervaring als ouder'), items: PARENT_ITEMS },
    ],
    indicators: [
      { key: 'beschikbaarheid', name: nl('Beschikbaarheid van de interventie'), items: ['beschikbaar'], summary: 'distribution' },
      { key: 'begeleiden', name: nl('In staat ouders te begeleiden'), items: ['begeleiden'], summary: 'share-agreeing' },
      { key: 'samenwerking', name: nl('Rapportcijfer samenwerking'), items: ['cijfer'], summary: 'mean-score' },
    ],
  }) as Questionnaire;

/** A professional's answers in round r (0 or 1). */
export function memberAnswers(i: number, r: number) {
  const prioriteit = r === 0 ? [1 + (i % 4), 2] : [2, 1 + ((i + 1) % 4)];
  return {
    cijfer: r === 0 ? 5 + (i % 4) : 6 + (i % 4),
    beschikbaar: r === 0 ? 1 + (i % 3) : i % 3 === 2 ? 2 : 1,
    begeleiden: r === 0 ? 2 + (i % 4) : 3 + (i % 3),
    prioriteit: [...new Set(prioriteit)],
    uren: r === 0 ? 2 + (i % 5) : 3 + (i % 5) + 0.5,
  };
}

/** Creates the monitor with its groups, the domain attribute, invitations and submitted responses. */
export async function seedSplitMonitor(store: Store): Promise<void> {
  const created = await createStudy(store.db, {
    study: {
      slug: SPLIT_SLUG,
      title: nl('Netwerkmonitor Jeugdnetwerk Zuid'),
      description: nl('Halfjaarlijkse zelfevaluatie van het jeugdnetwerk.'),
      organisation: 'GGD Zuid',
      languages: ['nl'],
      defaultLanguage: 'nl',
      colophon: {},
      groups: [
        {
          key: 'professionals',
          name: nl('Professionals'),
          intro: nl('Voor de leden van het netwerk.'),
          sections: ['netwerk'],
          reach: ['personal'],
        },
        { key: 'ouders', name: nl('Ouders'), intro: nl('Voor ouders.'), sections: ['ouders'], reach: ['anonymous'] },
      ],
      cohortAttributes: [
        {
          key: 'domain',
          label: { nl: 'Domein', en: 'Domain' },
          values: ['jeugd', 'onderwijs', 'zorg', 'gezin'].map((value) => ({
            value,
            label: { nl: value[0].toUpperCase() + value.slice(1) },
          })),
        },
      ],
    },
    rounds: [
      { key: SPLIT_ROUNDS[0], label: nl('Voorjaar 2026'), opensAt: null, closesAt: null },
      { key: SPLIT_ROUNDS[1], label: nl('Najaar 2026'), opensAt: null, closesAt: null },
    ],
    partners: [],
    tools: [],
    questionnaire: splitQuestionnaire(),
  });
  const s: SQLite.Database = store.sqlite;
  s.transaction(() => {
    const at = (r: number) => `2026-0${3 + 6 * r}-15T10:00:00.000Z`;
    const insP = s.prepare(
      'insert into participant (study_id, key, organisation, role, team, left_from_round_id, created_at, group_key) ' +
        "values (?, ?, 'Jeugdnetwerk Zuid', ?, '', null, '2026-01-01T00:00:00.000Z', 'professionals')",
    );
    const insAttr = s.prepare("insert into participant_attribute (participant_id, key, value) values (?, 'domain', ?)");
    const insI = s.prepare(
      'insert into invitation (participant_id, round_id, token_hash, created_at, sent_at, submitted_at) values (?, ?, ?, ?, ?, ?)',
    );
    const insR = s.prepare(
      'insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, anonymous, source, ' +
        "started_at, updated_at, submitted_at, group_key) values (?, ?, ?, ?, ?, 'submitted', ?, 'test', ?, ?, ?, ?)",
    );
    const insA = s.prepare(
      'insert into answer (response_id, item, sub, partner_id, tool_id, code, missing, text) values (?, ?, ?, null, null, ?, null, null)',
    );
    SPLIT_DOMAINS.forEach((domain, i) => {
      const pid = Number(
        insP.run(created.studyId, `lid${String(i + 1).padStart(2, '0')}`, i % 2 ? 'jeugdarts' : 'wijkcoach').lastInsertRowid,
      );
      insAttr.run(pid, domain);
      SPLIT_ROUNDS.forEach((round, r) => {
        const roundId = created.roundIds[round];
        const answers = !SPLIT_MISSING[r].includes(i);
        const when = at(r);
        const inv = Number(insI.run(pid, roundId, `${SPLIT_SLUG}-${pid}-${r}`, when, when, answers ? when : null).lastInsertRowid);
        if (!answers) return;
        const rid = Number(
          insR.run(created.studyId, roundId, pid, inv, created.questionnaireVersionId, 0, when, when, when, null).lastInsertRowid,
        );
        const a = memberAnswers(i, r);
        insA.run(rid, 'cijfer', '', a.cijfer);
        insA.run(rid, 'beschikbaar', '', a.beschikbaar);
        insA.run(rid, 'begeleiden', '', a.begeleiden);
        insA.run(rid, 'uren', '', a.uren);
        for (const code of [1, 2, 3, 4]) insA.run(rid, 'prioriteit', optionSub(code), a.prioriteit.includes(code) ? 1 : 0);
      });
    });
    SPLIT_ROUNDS.forEach((round, r) => {
      for (let k = 0; k < PARENTS_PER_ROUND[r]; k++) {
        const when = at(r);
        const rid = Number(
          insR.run(created.studyId, created.roundIds[round], null, null, created.questionnaireVersionId, 1, when, when, when, 'ouders')
            .lastInsertRowid,
        );
        insA.run(rid, 'ouder_cijfer', '', 6 + ((k + r) % 4));
        insA.run(rid, 'gehoord', '', 3 + ((k + r) % 3));
      }
    });
  })();
}
