import type SQLite from 'better-sqlite3';
import { optionSub, type Questionnaire } from '../../model/index.js';
import { AGREEMENT } from '../../content/templates/scales.js';
import type { Store } from '../../server/db/open.js';
import { submittedStatements } from '../helpers/responses.js';
import { createStudy, type CreatedStudy } from '../../server/studies/create-study.js';

/**
 * A study that is not the demo, for the cohort-attribute tests: an IMH network's half-yearly
 * monitor, Dutch only, two rounds, a rating item, a single and a multiple choice, no partners
 * or tools. Its cohort comes from a CSV with a `domain` column (the tests import it through the
 * API); `seedResponses` then writes invitations and submitted answers for it.
 */
export const ROUNDS = ['h1_2026', 'h2_2026'] as const;

export const QUESTIONNAIRE: Questionnaire = {
  format: 'rondo.questionnaire/1',
  title: { nl: 'Netwerkmonitor' },
  sections: [
    {
      key: 'netwerk',
      title: { nl: 'Het netwerk' },
      items: [
        {
          id: 'begeleiden',
          type: 'likert',
          measure: 'competence',
          required: false,
          rounds: [...ROUNDS],
          scale: AGREEMENT,
          text: { nl: 'Ik voel me in staat ouders te begeleiden' },
        },
        {
          id: 'beschikbaar',
          type: 'single',
          measure: 'background',
          required: false,
          rounds: [...ROUNDS],
          text: { nl: 'Is de interventie beschikbaar?' },
          options: [
            { code: 1, label: { nl: 'Ja' } },
            { code: 2, label: { nl: 'Nee' } },
          ],
        },
        {
          id: 'overleg',
          type: 'multi',
          measure: 'background',
          required: false,
          rounds: [...ROUNDS],
          text: { nl: 'Met wie had u overleg?' },
          options: [
            { code: 1, label: { nl: 'Huisarts' } },
            { code: 2, label: { nl: 'Kinderopvang' } },
            { code: 3, label: { nl: 'Wijkteam' } },
          ],
        },
      ],
    },
  ],
};

export function createNetworkMonitor(store: Store, slug: string): Promise<CreatedStudy> {
  return createStudy(store.db, {
    study: {
      slug,
      title: { nl: 'Netwerkmonitor IMH Noord' },
      description: { nl: 'Halfjaarlijkse zelfscan van het netwerk.' },
      organisation: 'IMH-netwerk Noord',
      languages: ['nl'],
      defaultLanguage: 'nl',
      colophon: {},
    },
    rounds: ROUNDS.map((key, i) => ({ key, label: { nl: `${i + 1}e halfjaar 2026` }, opensAt: null, closesAt: null })),
    partners: [],
    tools: [],
    questionnaire: QUESTIONNAIRE,
  });
}

/** The cohort file: 14 professionals in three domains (jeugd 6, onderwijs 5, zorg 3) with a team. */
export const DOMAINS = [
  'jeugd',
  'jeugd',
  'jeugd',
  'jeugd',
  'jeugd',
  'jeugd',
  'onderwijs',
  'onderwijs',
  'onderwijs',
  'onderwijs',
  'onderwijs',
  'zorg',
  'zorg',
  'zorg',
];
export const COHORT_CSV =
  'Naam;E-mail;Organisatie;Functie;Team;domain\r\n' +
  DOMAINS.map(
    (d, i) =>
      `Lid ${i + 1};lid${i + 1}@netwerk.nl;Netwerk Noord;${i % 2 ? 'jeugdarts' : 'fysiotherapeut'};${i < 7 ? 'Venlo' : 'Venray'};${d}`,
  ).join('\r\n') +
  '\r\n';

/**
 * Invitations for both rounds and submitted answers: everyone answers the first round, all but
 * participants 4, 9 and 13 the second. Answers follow the participant's number, so a test can
 * compute what a group should show.
 */
export function seedResponses(store: Store, studyId: number): void {
  const s: SQLite.Database = store.sqlite;
  s.transaction(() => {
    const rounds = s.prepare('select id, key from round where study_id = ? order by position').all(studyId) as {
      id: number;
      key: string;
    }[];
    const version = (s.prepare('select max(id) id from questionnaire_version where study_id = ?').get(studyId) as { id: number }).id;
    const people = s.prepare('select id from participant where study_id = ? order by id').all(studyId) as { id: number }[];
    const { insI, insR, insA } = submittedStatements(s);
    rounds.forEach((round, r) => {
      const at = `2026-0${r * 6 + 1}-15T10:00:00.000Z`;
      people.forEach((p, i) => {
        const answers = r === 0 || ![3, 8, 12].includes(i);
        const inv = Number(insI.run(p.id, round.id, `nm-${p.id}-${r}`, at, at, answers ? at : null).lastInsertRowid);
        if (!answers) return;
        const response = Number(insR.run(studyId, round.id, p.id, inv, version, at, at, at).lastInsertRowid);
        insA.run(response, 'begeleiden', '', 1 + ((i + r) % 5));
        insA.run(response, 'beschikbaar', '', 1 + (i % 2));
        for (const code of [1, 2, 3]) insA.run(response, 'overleg', optionSub(code), (i + code) % 2);
      });
    });
  })();
}
