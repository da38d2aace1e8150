import type SQLite from 'better-sqlite3';
import type { Store } from '../../server/db/open.js';
import { createStudy } from '../../server/studies/create-study.js';
import { MONITOR_INDICATORS, MONITOR_ITEMS, monitorStudy } from '../../analysis/study/indicators.testkit.js';

export const MONITOR_SLUG = 'netwerkmonitor-2027';

/**
 * The generated study of fixtures/reference/indicators.R as a real study: a half-yearly network
 * monitor in Dutch only (two rounds, 30 professionals, statements on guidelines, availability,
 * a rating and a priority choice) with the seven indicators, invitations and the submitted
 * responses R analysed. Not the demo: no training, partners or tools.
 */
export async function seedMonitorStudy(store: Store): Promise<number> {
  const spec = monitorStudy();
  const created = await createStudy(store.db, {
    study: {
      slug: MONITOR_SLUG,
      title: { nl: 'Netwerkmonitor 2027' },
      description: { nl: '' },
      organisation: 'GGD Netwerk',
      languages: ['nl'],
      defaultLanguage: 'nl',
      colophon: {},
    },
    rounds: [
      { key: 'h1_2027', label: { nl: 'Eerste halfjaar 2027' }, opensAt: null, closesAt: null },
      { key: 'h2_2027', label: { nl: 'Tweede halfjaar 2027' }, opensAt: null, closesAt: null },
    ],
    partners: [],
    tools: [],
    questionnaire: {
      format: 'rondo.questionnaire/1',
      title: { nl: 'Netwerkmonitor' },
      sections: [{ key: 'monitor', title: { nl: 'Werkwijze en aanbod' }, items: MONITOR_ITEMS }],
      indicators: MONITOR_INDICATORS,
    },
  });
  const s: SQLite.Database = store.sqlite;
  s.transaction(() => {
    const at = (r: number) => `2027-0${r * 6 + 1}-15T10:00:00.000Z`;
    const insP = s.prepare(
      "insert into participant (study_id, key, organisation, role, team, created_at) values (?, ?, 'Netwerk', 'professional', '', ?)",
    );
    const insI = s.prepare(
      'insert into invitation (participant_id, round_id, token_hash, created_at, sent_at, submitted_at) values (?, ?, ?, ?, ?, ?)',
    );
    const insR = s.prepare(
      'insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, anonymous, source, ' +
        "started_at, updated_at, submitted_at) values (?, ?, ?, ?, ?, 'submitted', 0, 'test', ?, ?, ?)",
    );
    const insA = s.prepare(
      'insert into answer (response_id, item, sub, partner_id, tool_id, code, missing, text) values (?, ?, ?, null, null, ?, ?, null)',
    );
    const rounds = ['h1_2027', 'h2_2027'];
    const pids = spec.participants.map((_, u) => Number(insP.run(created.studyId, `P-${u + 1}`, at(0)).lastInsertRowid));
    pids.forEach((pid, u) =>
      rounds.forEach((key, r) => {
        const resp = spec.responses.find((x) => x.p === u && x.round === key);
        const roundId = created.roundIds[key];
        const inv = Number(insI.run(pid, roundId, `${MONITOR_SLUG}-${pid}-${r}`, at(r), at(r), resp ? at(r) : null).lastInsertRowid);
        if (!resp) return;
        const rid = Number(
          insR.run(created.studyId, roundId, pid, inv, created.questionnaireVersionId, at(r), at(r), at(r)).lastInsertRowid,
        );
        for (const [item, answer] of Object.entries(resp.answers)) {
          insA.run(rid, item, '', typeof answer === 'number' ? answer : null, answer === 'dk' ? 'dont_know' : null);
        }
      }),
    );
  })();
  return created.studyId;
}
