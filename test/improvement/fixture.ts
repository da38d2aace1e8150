import type { TestApp } from '../helpers/app.js';
import { MONITOR, createMonitorStudy, submissionId } from '../groups/fixture.js';
import { exchange } from '../respondent/fixture.js';

/**
 * A generated small network study for the improvement cycle (not the demo): the groups area's
 * half-yearly monitor (Dutch only, a rating, single and multiple choice; rounds h1, closed, and h2,
 * open) with one indicator on the rating, "samenwerking", and a team of four
 * professionals who answered both rounds: too few to test a change, as a small team is.
 */
export const NETWORK = MONITOR;
export const INDICATOR = 'samenwerking';
/** A time at which both rounds are open. */
export const OPEN = new Date('2027-03-01T09:00:00Z');
/** When round h1 closes, after the team answered it (round h2 stays open). */
const CLOSED_H1 = '2027-03-01T08:00:00.000Z';

export async function createNetworkStudy(t: TestApp) {
  const study = await createMonitorStudy(t, 4);
  const db = t.data.store.db;
  const version = await db
    .selectFrom('questionnaire_version')
    .select(['id', 'definition'])
    .where('study_id', '=', study.studyId)
    .executeTakeFirstOrThrow();
  const definition = JSON.parse(version.definition);
  definition.indicators = [{ key: INDICATOR, name: { nl: 'Samenwerking in het netwerk' }, items: ['cijfer'], summary: 'mean-score' }];
  await db
    .updateTable('questionnaire_version')
    .set({ definition: JSON.stringify(definition) })
    .where('id', '=', version.id)
    .execute();
  for (const [round, scores] of [
    ['h1', [5, 6, 6, 7]],
    ['h2', [7, 7, 8, 8]],
  ] as const) {
    for (let i = 0; i < scores.length; i++) {
      const cookie = await exchange(t, study.token(study.participantIds[i], round));
      const res = await t.app.inject({
        method: 'POST',
        url: '/r/api/submit',
        headers: { cookie },
        payload: {
          submissionId: submissionId(),
          language: 'nl',
          answers: [
            { item: 'cijfer', sub: '', code: scores[i] },
            { item: 'werkveld', sub: '', code: 1 },
            { item: 'gehoord', sub: '', code: 4 },
            { item: 'geholpen', sub: '', code: 1 },
          ],
        },
      });
      if (res.statusCode !== 200) throw new Error(`submit failed: ${res.statusCode} ${res.body}`);
    }
  }
  // The first half-year's Quick Scan has closed since; the second is open.
  await db.updateTable('round').set({ closes_at: CLOSED_H1 }).where('study_id', '=', study.studyId).where('key', '=', 'h1').execute();
  return study;
}
