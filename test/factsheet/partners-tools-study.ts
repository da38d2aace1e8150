import { partnerSub, toolSub, type Item, type LocalText, type Questionnaire, type Scale } from '../../model/index.js';
import { FREQUENCY } from '../../content/templates/scales.js';
import type { Store } from '../../server/db/open.js';
import { createStudy } from '../../server/studies/create-study.js';
import { submittedStatements } from '../helpers/responses.js';

/**
 * A study that is not the demo, for the factsheet's partner and tool charts: a youth network's
 * half-yearly self-scan in Dutch and English with its own partners and interventions, and a tool
 * question on a frequency scale (Nooit / Soms / Vaak, where Soms and Vaak count as use). Twelve
 * members answer the spring round; eleven the autumn round, of whom only seven rate the
 * collaboration with the childcare: its autumn share rests on too few answers for a percentage,
 * the GP's does not. The answers follow the member's number, so tests can say what the factsheet shows.
 */
export const PT_SLUG = 'netwerk-oost';
export const PT_ROUNDS = ['voorjaar', 'najaar'] as const;
export const PT_PARTNERS = ['Kinderopvang', 'Huisarts'] as const;
export const PT_TOOLS = ['Video-hometraining', 'Oudergroep'] as const;
const MEMBERS = 12;

const both = (nl: string, en: string): LocalText => ({ nl, en });

/** How often a tool is used: Soms and Vaak count as use (the scale's top box). */
export const HOW_OFTEN: Scale = {
  points: [
    { code: 1, label: both('Nooit', 'Never') },
    { code: 2, label: both('Soms', 'Sometimes') },
    { code: 3, label: both('Vaak', 'Often') },
  ],
  topBox: [2, 3],
};

const base = { required: false, rounds: [...PT_ROUNDS] };
const ITEMS: Item[] = [
  {
    ...base,
    id: 'contact',
    type: 'partnerGrid',
    measure: 'collaboration-frequency',
    text: both('Hoe vaak werkte u samen met deze partners?', 'How often did you work with these partners?'),
    facets: [{ key: 'frequency', measure: 'collaboration-frequency', label: both('Hoe vaak', 'How often'), scale: FREQUENCY }],
  },
  {
    ...base,
    id: 'ingezet',
    type: 'toolGrid',
    measure: 'tool-use',
    text: both('Hoe vaak zette u deze interventies in?', 'How often did you use these interventions?'),
    scale: HOW_OFTEN,
  },
] as Item[];

/**
 * A member's answer in round r: the collaboration frequency code (1–5) per partner, null when
 * skipped, and how often (1–3) per tool. The childcare rises from 4 of 12 to 6 of 7 working
 * together at least monthly; the GP from 3 of 12 to 5 of 11.
 */
export function ptAnswers(i: number, r: number): { partners: (number | null)[]; tools: number[] } {
  const childcare = r === 0 ? (i < 4 ? 4 : 2) : i < 7 ? (i < 6 ? 5 : 3) : null;
  const gp = r === 0 ? (i < 3 ? 4 : 1) : i < 5 ? 4 : 2;
  return { partners: [childcare, gp], tools: [r === 0 ? 1 + (i % 2) : 1 + (i % 3), i % 4 === 0 ? 3 : 1] };
}

/** Creates the study with its members, invitations and submitted responses (member 12 skips the autumn round). */
export async function seedPartnersToolsStudy(store: Store): Promise<void> {
  const created = await createStudy(store.db, {
    study: {
      slug: PT_SLUG,
      title: both('Zelfscan Netwerk Oost', 'Self-scan Network East'),
      description: both('Halfjaarlijkse zelfscan van het netwerk.', 'Half-yearly self-scan of the network.'),
      organisation: 'GGD Oost',
      languages: ['nl', 'en'],
      defaultLanguage: 'nl',
      colophon: {},
    },
    rounds: [
      { key: PT_ROUNDS[0], label: both('Voorjaar 2026', 'Spring 2026'), opensAt: null, closesAt: null },
      { key: PT_ROUNDS[1], label: both('Najaar 2026', 'Autumn 2026'), opensAt: null, closesAt: null },
    ],
    partners: PT_PARTNERS.map((name) => ({ name, domain: '' })),
    tools: PT_TOOLS.map((name) => ({ name })),
    questionnaire: {
      format: 'rondo.questionnaire/1',
      title: both('Zelfscan', 'Self-scan'),
      sections: [{ key: 'netwerk', title: both('Het netwerk', 'The network'), items: ITEMS }],
    } as Questionnaire,
  });
  const s = store.sqlite;
  s.transaction(() => {
    const insP = s.prepare(
      'insert into participant (study_id, key, organisation, role, team, left_from_round_id, created_at) ' +
        "values (?, ?, 'Netwerk Oost', 'jeugdverpleegkundige', '', null, '2026-01-01T00:00:00.000Z')",
    );
    const { insI, insR, insRefA: insG } = submittedStatements(s);
    for (let i = 0; i < MEMBERS; i++) {
      const pid = Number(insP.run(created.studyId, `lid${String(i + 1).padStart(2, '0')}`).lastInsertRowid);
      PT_ROUNDS.forEach((round, r) => {
        const when = `2026-0${3 + 6 * r}-15T10:00:00.000Z`;
        const answers = !(r === 1 && i === MEMBERS - 1);
        const inv = Number(
          insI.run(pid, created.roundIds[round], `${PT_SLUG}-${pid}-${r}`, when, when, answers ? when : null).lastInsertRowid,
        );
        if (!answers) return;
        const rid = Number(
          insR.run(created.studyId, created.roundIds[round], pid, inv, created.questionnaireVersionId, when, when, when).lastInsertRowid,
        );
        const a = ptAnswers(i, r);
        created.partnerIds.forEach((id, k) => {
          const code = a.partners[k];
          if (code !== null) insG.run(rid, 'contact', partnerSub(id, 'frequency'), id, null, code);
        });
        created.toolIds.forEach((id, k) => insG.run(rid, 'ingezet', toolSub(id), null, id, a.tools[k]));
      });
    }
  })();
}
