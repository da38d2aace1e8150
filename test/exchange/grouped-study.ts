import type { Questionnaire } from '../../model/index.js';
import { AGREEMENT } from '../../content/templates/scales.js';
import type { Store } from '../../server/db/open.js';
import { createStudy } from '../../server/studies/create-study.js';

/**
 * A study that is not the demo, for the exports of groups and cohort attributes: an IMH
 * network's half-yearly monitor in Dutch only, two respondent groups — professionals by a
 * personal link (section `netwerk`), parents by an anonymous link (section `ouders`) — and two
 * cohort attributes: `domain` with a list of values, `regio` free text. Its own words: no
 * training, no tools.
 */
export const SLUG = 'netwerk-groepen';
export const ROUNDS = ['h1_2026', 'h2_2026'] as const;

const QUESTIONNAIRE: Questionnaire = {
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
      ],
    },
    {
      key: 'ouders',
      title: { nl: 'Voor ouders' },
      items: [
        {
          id: 'tevreden',
          type: 'rating',
          measure: 'satisfaction',
          required: false,
          rounds: [...ROUNDS],
          min: 1,
          max: 10,
          text: { nl: 'Rapportcijfer voor de hulp' },
        },
      ],
    },
  ],
};

export const GROUPS = [
  { key: 'professionals', name: { nl: 'Professionals' }, sections: ['netwerk'], reach: ['personal' as const] },
  { key: 'ouders', name: { nl: 'Ouders' }, sections: ['ouders'], reach: ['anonymous' as const] },
];

export const ATTRIBUTES = [
  {
    key: 'domain',
    label: { nl: 'Domein', en: 'Domain' },
    values: [
      { value: 'jeugd', label: { nl: 'Jeugd', en: 'Youth' } },
      { value: 'onderwijs', label: { nl: 'Onderwijs', en: 'Education' } },
      { value: 'zorg', label: { nl: 'Zorg', en: 'Care' } },
    ],
  },
  { key: 'regio', label: { nl: 'Regio' } },
];

/** Professionals: key, stored group (null: the first personal group), domain, regio. */
export const PEOPLE = [
  { key: 'P-AAAA01', group: 'professionals', domain: 'jeugd', regio: 'Venlo' },
  { key: 'P-AAAA02', group: null, domain: 'onderwijs', regio: 'Venray' },
  { key: 'P-AAAA03', group: 'professionals', domain: 'zorg', regio: '' },
  { key: 'P-AAAA04', group: 'professionals', domain: '', regio: 'Horst' },
];

/**
 * The study (without `withCohort`: only the study) with its cohort, contact details and answers:
 * every professional answers both rounds (P-AAAA04 only the first); three parents answer
 * anonymously in the first round through the parents' link and one through the round's own link
 * (no stored group: the first group reached anonymously).
 */
export async function createGroupedStudy(store: Store, slug = SLUG, withCohort = true): Promise<number> {
  const created = await createStudy(store.db, {
    study: {
      slug,
      title: { nl: 'Netwerkmonitor IMH Zuid' },
      description: { nl: 'Halfjaarlijkse zelfscan van het netwerk.' },
      organisation: 'IMH-netwerk Zuid',
      languages: ['nl'],
      defaultLanguage: 'nl',
      colophon: {},
      groups: GROUPS,
      cohortAttributes: ATTRIBUTES,
      vocabulary: {
        intervention: { nl: { one: 'netwerk', many: 'netwerken' }, en: { one: 'network', many: 'networks' } },
        round: { nl: { one: 'scan', many: 'scans' }, en: { one: 'scan', many: 'scans' } },
        participant: { nl: { one: 'lid', many: 'leden' }, en: { one: 'member', many: 'members' } },
      },
    },
    rounds: ROUNDS.map((key, i) => ({ key, label: { nl: `Scan ${i + 1} 2026` }, opensAt: null, closesAt: null })),
    partners: [],
    tools: [],
    questionnaire: QUESTIONNAIRE,
  });
  const studyId = created.studyId;
  if (!withCohort) return studyId;
  const s = store.sqlite;
  s.transaction(() => {
    const rounds = s.prepare('select id from round where study_id = ? order by position').pluck().all(studyId) as number[];
    const version = s.prepare('select max(id) from questionnaire_version where study_id = ?').pluck().get(studyId) as number;
    const at = (r: number) => `2026-0${r * 6 + 1}-15T10:00:00.000Z`;
    const insP = s.prepare(
      'insert into participant (study_id, key, organisation, role, team, group_key, created_at) ' +
        "values (?, ?, 'Netwerk Zuid', 'jeugdarts', '', ?, ?)",
    );
    const insAttr = s.prepare('insert into participant_attribute (participant_id, key, value) values (?, ?, ?)');
    const insC = s.prepare('insert into participant_contact (participant_id, name, email) values (?, ?, ?)');
    const insI = s.prepare(
      'insert into invitation (participant_id, round_id, token_hash, created_at, submitted_at) values (?, ?, ?, ?, ?)',
    );
    const insR = s.prepare(
      'insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, anonymous, source, ' +
        "started_at, updated_at, submitted_at, group_key) values (?, ?, ?, ?, ?, 'submitted', ?, 'test', ?, ?, ?, ?)",
    );
    const insA = s.prepare('insert into answer (response_id, item, sub, code) values (?, ?, ?, ?)');
    PEOPLE.forEach((p, i) => {
      const id = Number(insP.run(studyId, p.key, p.group, at(0)).lastInsertRowid);
      insC.run(id, `Lid ${i + 1}`, `lid${i + 1}@netwerk-zuid.nl`);
      if (p.domain) insAttr.run(id, 'domain', p.domain);
      if (p.regio) insAttr.run(id, 'regio', p.regio);
      rounds.forEach((round, r) => {
        const answers = r === 0 || i < 3;
        const inv = Number(insI.run(id, round, `gs-${id}-${r}`, at(r), answers ? at(r) : null).lastInsertRowid);
        if (!answers) return;
        const response = Number(insR.run(studyId, round, id, inv, version, 0, at(r), at(r), at(r), null).lastInsertRowid);
        insA.run(response, 'begeleiden', '', 1 + ((i + r) % 5));
      });
    });
    for (const [k, group] of ['ouders', 'ouders', 'ouders', null].entries()) {
      const response = Number(insR.run(studyId, rounds[0], null, null, version, 1, at(0), at(0), at(0), group).lastInsertRowid);
      insA.run(response, 'tevreden', '', 6 + k);
    }
  })();
  return studyId;
}
