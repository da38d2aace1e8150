import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.js';
import { createStudy } from '../../server/studies/create-study.js';
import { ensureInvitations } from '../../server/fieldwork/invitations.js';
import { deriveInvitationToken } from '../../server/tokens.js';
import type { LocalText, RespondentGroup } from '../../model/index.js';
import type { TestApp } from '../helpers/app.js';
import { addParticipant } from '../fieldwork/fixture.js';

/**
 * A generated study that is not the demo: a network's half-yearly monitor, Dutch only, with a
 * section for professionals (rating, single and multiple choice), one for parents (agreement,
 * yes/no) and one both see. Professionals answer by personal link, parents by anonymous link.
 */
export const MONITOR = 'netwerkmonitor';
const nl = (text: string): LocalText => ({ nl: text });
const agree = {
  points: [1, 2, 3, 4, 5].map((code) => ({ code, label: nl(['Oneens', 'Eerder oneens', 'Neutraal', 'Eerder eens', 'Eens'][code - 1]) })),
  topBox: [4, 5],
};
const rounds = ['h1', 'h2'];

export const MONITOR_QUESTIONNAIRE = {
  format: 'rondo.questionnaire/1',
  title: nl('Netwerkmonitor'),
  sections: [
    {
      key: 'netwerk',
      title: nl('Samenwerking in het netwerk'),
      items: [
        {
          id: 'cijfer',
          type: 'rating',
          text: nl('Welk cijfer geeft u de samenwerking?'),
          required: true,
          rounds,
          measure: 'satisfaction',
          min: 1,
          max: 10,
        },
        {
          id: 'werkveld',
          type: 'single',
          text: nl('In welk werkveld werkt u?'),
          required: true,
          rounds,
          measure: 'background',
          options: [nl('Jeugdgezondheidszorg'), nl('Kinderopvang'), nl('Huisartsenzorg')].map((label, i) => ({ code: i + 1, label })),
        },
        {
          id: 'prioriteit',
          type: 'multi',
          text: nl('Wat moet het netwerk eerst oppakken?'),
          required: false,
          rounds,
          measure: 'background',
          options: [nl('Scholing'), nl('Verwijzen'), nl('Overleg')].map((label, i) => ({ code: i + 1, label })),
        },
      ],
    },
    {
      key: 'ouders',
      title: nl('Uw ervaring als ouder'),
      items: [
        { id: 'gehoord', type: 'likert', text: nl('Ik voelde me gehoord.'), required: true, rounds, measure: 'satisfaction', scale: agree },
        { id: 'geholpen', type: 'yesno', text: nl('Bent u geholpen?'), required: true, rounds, measure: 'satisfaction' },
      ],
    },
    {
      key: 'tot_slot',
      title: nl('Tot slot'),
      items: [
        {
          id: 'tip',
          type: 'text',
          text: nl('Heeft u nog een tip?'),
          required: false,
          rounds,
          measure: 'open',
          maxLength: 500,
          multiline: true,
        },
      ],
    },
  ],
};

export const MONITOR_GROUPS: RespondentGroup[] = [
  {
    key: 'professionals',
    name: nl('Professionals'),
    intro: nl('Deze vragenlijst is voor de professionals van het netwerk.'),
    sections: ['netwerk', 'tot_slot'],
    reach: ['personal'],
  },
  {
    key: 'ouders',
    name: nl('Ouders'),
    intro: nl('Fijn dat u als ouder wilt vertellen hoe het ging.'),
    sections: ['ouders', 'tot_slot'],
    reach: ['anonymous'],
  },
];

/** The monitor with `professionals` cohort participants, both rounds open, invitations made. */
export async function createMonitorStudy(t: TestApp, professionals: number) {
  const db: Kysely<Database> = t.data.store.db;
  const created = await createStudy(db, {
    study: {
      slug: MONITOR,
      title: nl('Netwerkmonitor Jonge Kind'),
      description: nl('De halfjaarlijkse monitor van het netwerk.'),
      organisation: 'Netwerk Jonge Kind Noord',
      languages: ['nl'],
      defaultLanguage: 'nl',
      colophon: {},
    },
    rounds: [
      { key: 'h1', label: nl('Eerste halfjaar 2027'), opensAt: '2026-01-01T00:00:00Z', closesAt: '2028-12-31T00:00:00Z' },
      { key: 'h2', label: nl('Tweede halfjaar 2027'), opensAt: '2026-01-01T00:00:00Z', closesAt: '2028-12-31T00:00:00Z' },
    ],
    partners: [],
    tools: [],
    questionnaire: MONITOR_QUESTIONNAIRE,
  });
  const ids: number[] = [];
  for (let i = 1; i <= professionals; i++)
    ids.push(await addParticipant(db, created.studyId, { key: `prof${i}`, name: `Professional ${i}`, email: `prof${i}@example.nl` }));
  const roundRows = await db
    .selectFrom('round')
    .select(['id', 'key', 'study_id', 'position'])
    .where('study_id', '=', created.studyId)
    .execute();
  for (const round of roundRows) await ensureInvitations(db, t.data.secret, round, new Date('2027-02-01T09:00:00Z'));
  const roundId = (key: string) => roundRows.find((r) => r.key === key)!.id;
  const token = (participantId: number, key: string) => deriveInvitationToken(t.data.secret, participantId, roundId(key), 1);
  return { studyId: created.studyId, participantIds: ids, roundId, token };
}

/** A fresh submission id. */
export const submissionId = () => crypto.randomUUID();
