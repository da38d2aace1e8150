import type SQLite from 'better-sqlite3';
import { partnerSub, toolSub, type Item, type Questionnaire } from '../model/index.js';
import { Random } from '../content/demo/random.js';
import { AGREEMENT, FREQUENCY, QUALITY, USE } from '../content/templates/scales.js';
import { insertStudyRows } from './study-rows.js';

export const BIG_SLUG = 'bench-big';

export interface BigStudyOptions {
  participants: number;
  /** Share of participants who submit, per round. */
  responseRates: number[];
  /** Likert items besides the partner grid, the tool grid and the yes/no items. */
  likertItems: number;
  partners: number;
  tools: number;
  seed: number;
}

/**
 * 10,000 participants × 3 rounds × ~66 answer cells per response (36 Likert items, a 12-partner
 * grid with frequency and quality, 3 tools in rounds 2 and 3, 3 yes/no items): about 1.8
 * million answer rows with high response. Organisations and roles as in a regional cohort.
 */
export const BIG_DEFAULTS: BigStudyOptions = {
  participants: 10_000,
  responseRates: [0.95, 0.92, 0.88],
  likertItems: 36,
  partners: 12,
  tools: 3,
  seed: 42,
};

const ROUNDS = ['pre', 'mid', 'post'];
const ROLES = ['gezinscoach', 'voorschoolse intern begeleider', 'jgz-verpleegkundige', 'ggd-arts'];

export function bigQuestionnaire(o: BigStudyOptions): Questionnaire {
  const likert: Item[] = [];
  for (let i = 0; i < o.likertItems; i++) {
    likert.push({
      id: `comp_${i + 1}`,
      type: 'likert',
      measure: 'competence',
      required: true,
      rounds: ROUNDS,
      scale: AGREEMENT,
      text: { nl: `Uitspraak ${i + 1}`, en: `Statement ${i + 1}` },
    });
  }
  const yesno: Item[] = [1, 2, 3].map((i) => ({
    id: `yn_${i}`,
    type: 'yesno',
    measure: 'competence',
    required: true,
    rounds: ROUNDS,
    dontKnow: true,
    text: { nl: `Ja/nee ${i}`, en: `Yes/no ${i}` },
  }));
  return {
    format: 'rondo.questionnaire/1',
    title: { nl: 'Benchmark', en: 'Benchmark' },
    sections: [
      { key: 'competence', title: { nl: 'Competenties', en: 'Competences' }, items: [...likert, ...yesno] },
      {
        key: 'collab',
        title: { nl: 'Samenwerking', en: 'Collaboration' },
        items: [
          {
            id: 'collab',
            type: 'partnerGrid',
            measure: 'collaboration-frequency',
            required: true,
            rounds: ROUNDS,
            text: { nl: 'Samenwerking', en: 'Collaboration' },
            facets: [
              { key: 'frequency', measure: 'collaboration-frequency', label: { nl: 'Hoe vaak?', en: 'How often?' }, scale: FREQUENCY },
              { key: 'quality', measure: 'collaboration-quality', label: { nl: 'Hoe goed?', en: 'How well?' }, scale: QUALITY },
            ],
          },
        ],
      },
      {
        key: 'tools',
        title: { nl: 'Tools', en: 'Tools' },
        items: [
          {
            id: 'tools_use',
            type: 'toolGrid',
            measure: 'tool-use',
            required: true,
            rounds: ['mid', 'post'],
            scale: USE,
            text: { nl: 'Tools', en: 'Tools' },
          },
        ],
      },
    ],
  };
}

/**
 * Writes the big study into an empty, migrated rondo database with bulk prepared inserts in
 * one transaction (seconds, not minutes). Returns the number of answer rows.
 */
export function writeBigStudy(sqlite: SQLite.Database, o: BigStudyOptions = BIG_DEFAULTS): { answers: number; responses: number } {
  const rnd = new Random(o.seed);
  const now = '2026-01-01T00:00:00.000Z';
  const q = bigQuestionnaire(o);
  let answers = 0;
  let responses = 0;
  sqlite.transaction(() => {
    const { studyId, roundIds } = insertStudyRows(sqlite, BIG_SLUG, ROUNDS, now);
    const partnerIds: number[] = [];
    for (let p = 0; p < o.partners; p++) {
      partnerIds.push(
        Number(
          sqlite
            .prepare('insert into partner (study_id, position, name, domain) values (?, ?, ?, ?)')
            .run(studyId, p, `Partner ${p + 1}`, 'domain').lastInsertRowid,
        ),
      );
    }
    const toolIds: number[] = [];
    for (let t = 0; t < o.tools; t++) {
      toolIds.push(
        Number(
          sqlite.prepare('insert into tool (study_id, position, name) values (?, ?, ?)').run(studyId, t, `Tool ${t + 1}`).lastInsertRowid,
        ),
      );
    }
    const versionId = Number(
      sqlite
        .prepare('insert into questionnaire_version (study_id, version, definition, created_at) values (?, 1, ?, ?)')
        .run(studyId, JSON.stringify(q), now).lastInsertRowid,
    );
    const insParticipant = sqlite.prepare('insert into participant (study_id, key, organisation, role, created_at) values (?, ?, ?, ?, ?)');
    const insInvitation = sqlite.prepare(
      'insert into invitation (participant_id, round_id, token_hash, created_at, sent_at, opened_at, started_at, submitted_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insResponse = sqlite.prepare(
      `insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, source, started_at, updated_at, submitted_at)
       values (?, ?, ?, ?, ?, 'submitted', 'bench', ?, ?, ?)`,
    );
    const insAnswer = sqlite.prepare(
      'insert into answer (response_id, item, sub, partner_id, tool_id, code, missing) values (?, ?, ?, ?, ?, ?, ?)',
    );
    const likertIds = q.sections[0].items.filter((i) => i.type === 'likert').map((i) => i.id);
    for (let i = 0; i < o.participants; i++) {
      const pid = Number(insParticipant.run(studyId, `b${i}`, `Organisatie ${1 + (i % 40)}`, ROLES[i % ROLES.length], now).lastInsertRowid);
      const trait = rnd.normal();
      ROUNDS.forEach((key, r) => {
        const sent = `2026-0${1 + 3 * r}-01T08:00:00.000Z`;
        const responded = rnd.next() < o.responseRates[r];
        const at = `2026-0${1 + 3 * r}-0${2 + (i % 7)}T10:00:00.000Z`;
        const invitationId = Number(
          insInvitation.run(
            pid,
            roundIds[r],
            `h${pid}_${r}`,
            sent,
            sent,
            responded ? at : null,
            responded ? at : null,
            responded ? at : null,
          ).lastInsertRowid,
        );
        if (!responded) return;
        const responseId = Number(insResponse.run(studyId, roundIds[r], pid, invitationId, versionId, at, at, at).lastInsertRowid);
        responses++;
        const level = 3 + 0.7 * trait + 0.4 * r;
        for (const id of likertIds) {
          insAnswer.run(responseId, id, '', null, null, clamp(Math.round(level + 0.6 * rnd.normal()), 1, 5), null);
          answers++;
        }
        for (let y = 1; y <= 3; y++) {
          const dk = rnd.next() < 0.05;
          insAnswer.run(responseId, `yn_${y}`, '', null, null, dk ? null : rnd.next() < 0.5 + 0.1 * r ? 1 : 0, dk ? 'dont_know' : null);
          answers++;
        }
        for (let p = 0; p < o.partners; p++) {
          const freq = clamp(Math.round(2 + (p < 3 ? 0.8 * r : 0.1 * r) + 0.4 * trait + 0.6 * rnd.normal()), 1, 5);
          insAnswer.run(responseId, 'collab', partnerSub(partnerIds[p], 'frequency'), partnerIds[p], null, freq, null);
          if (freq === 1)
            insAnswer.run(responseId, 'collab', partnerSub(partnerIds[p], 'quality'), partnerIds[p], null, null, 'not_applicable');
          else
            insAnswer.run(
              responseId,
              'collab',
              partnerSub(partnerIds[p], 'quality'),
              partnerIds[p],
              null,
              clamp(Math.round(3 + 0.5 * rnd.normal()), 1, 5),
              null,
            );
          answers += 2;
        }
        if (r > 0) {
          for (let t = 0; t < o.tools; t++) {
            insAnswer.run(
              responseId,
              'tools_use',
              toolSub(toolIds[t]),
              null,
              toolIds[t],
              rnd.next() < 0.3 + 0.15 * r - 0.1 * t ? 1 : 0,
              null,
            );
            answers++;
          }
        }
      });
    }
  })();
  return { answers, responses };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
