import type { Store } from '../../server/db/open.js';
import { createStudy } from '../../server/studies/create-study.js';
import type { Item } from '../../model/index.js';
import { submittedStatements } from './responses.js';

/** The statements of the generated network monitor: Likert items, Dutch only, five points. */
export function networkItems(count: number): Item[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `s${i + 1}`,
    type: 'likert',
    measure: 'other',
    required: true,
    rounds: ['voorjaar', 'najaar'],
    text: { nl: `Stelling ${i + 1}` },
    scale: {
      points: ['Oneens', 'Eerder oneens', 'Neutraal', 'Eerder eens', 'Eens'].map((label, c) => ({ code: c + 1, label: { nl: label } })),
      topBox: [4, 5],
    },
  }));
}

/**
 * A study that is not the demo: a half-yearly network monitor of 'Jeugdnetwerk Noord' in Dutch only,
 * without partners or tools, both rounds closed, `members` members who each answered every statement
 * in both rounds (written straight into SQLite). Returns the study's id.
 */
export async function seedNetworkStudy(store: Store, slug: string, options: { members: number; items: Item[] }): Promise<number> {
  const created = await createStudy(store.db, {
    study: {
      slug,
      title: { nl: `Netwerkmonitor ${slug}` },
      description: { nl: '' },
      organisation: 'Jeugdnetwerk Noord',
      languages: ['nl'],
      defaultLanguage: 'nl',
      colophon: {},
    },
    rounds: [
      { key: 'voorjaar', label: { nl: 'Voorjaar' }, opensAt: '2026-03-01T00:00:00.000Z', closesAt: '2026-04-01T00:00:00.000Z' },
      { key: 'najaar', label: { nl: 'Najaar' }, opensAt: '2026-09-01T00:00:00.000Z', closesAt: '2026-10-01T00:00:00.000Z' },
    ],
    partners: [],
    tools: [],
    questionnaire: {
      format: 'rondo.questionnaire/1',
      title: { nl: 'Netwerkmonitor' },
      sections: [{ key: 'werkwijze', title: { nl: 'Werkwijze' }, items: options.items }],
    },
  });
  const s = store.sqlite;
  const { insI, insR, insA } = submittedStatements(s);
  const insP = s.prepare("insert into participant (study_id, key, organisation, role, team, created_at) values (?, ?, ?, 'lid', '', ?)");
  const at = '2026-03-15T10:00:00.000Z';
  s.transaction(() => {
    for (let p = 0; p < options.members; p++) {
      const pid = Number(insP.run(created.studyId, `${slug}-${p}`, `Organisatie ${p % 7}`, at).lastInsertRowid);
      for (const key of ['voorjaar', 'najaar']) {
        const round = created.roundIds[key];
        const inv = Number(insI.run(pid, round, `${slug}-${pid}-${key}`, at, at, at).lastInsertRowid);
        const rid = Number(insR.run(created.studyId, round, pid, inv, created.questionnaireVersionId, at, at, at).lastInsertRowid);
        options.items.forEach((item, i) => insA.run(rid, item.id, '', 1 + ((p + i) % 5)));
      }
    }
  })();
  return created.studyId;
}
