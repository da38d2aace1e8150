import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createOpenStudy, type OpenStudy } from './helpers/open-study.js';
import { completeAnswers, RespondentClient } from './helpers/respondent.js';

/**
 * A researcher downloads an export while respondents answer (the load benchmark's situation,
 * made deterministic). The export streams; a slow download holds it mid-way, as a slow
 * connection does. Respondents must still be able to save and submit meanwhile: an export may
 * never turn a respondent's request into a 5xx.
 */
let t: TestApp;
let study: OpenStudy;
let researcher: LoggedIn;
let base: string;
let answers: ReturnType<typeof completeAnswers>;
const STORED = 1500;

beforeAll(async () => {
  t = await buildTestApp();
  study = await createOpenStudy(t.data.store.db, t.data.secret, { slug: 'export-live', participants: STORED + 10 });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: study.slug });
  // Stored responses enough for an export of several megabytes (below the size at which the
  // export reads on a worker thread of its own).
  const sqlite = t.data.store.sqlite;
  answers = completeAnswers(sqlite, study.studyId, study.roundKey);
  const version = (sqlite.prepare('select id from questionnaire_version where study_id = ?').get(study.studyId) as { id: number }).id;
  const now = new Date().toISOString();
  const response = sqlite.prepare(
    "insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, submission_id, started_at, updated_at, submitted_at) values (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?) returning id",
  );
  const cell = sqlite.prepare('insert into answer (response_id, item, sub, code, text) values (?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    for (const inv of study.invitations.slice(0, STORED)) {
      const { id } = response.get(
        study.studyId,
        study.roundId,
        inv.participantId,
        inv.invitationId,
        version,
        `seed-${inv.invitationId}-0000000000`,
        now,
        now,
        now,
      ) as { id: number };
      for (const c of answers)
        cell.run(
          id,
          c.item,
          c.sub,
          c.code ?? null,
          c.text ?? (c.item.includes('explain') ? 'Een toelichting van een paar woorden, zoals respondenten die geven.' : null),
        );
    }
  })();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
const downloads: http.ClientRequest[] = [];
afterAll(async () => {
  for (const d of downloads) d.destroy(); // a download a failed test left paused
  await t.close();
});

/** Starts a download and stops reading after the first chunk: the export is held mid-stream. */
function slowDownload(path: string): Promise<{ status: number; resume: () => Promise<number> }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${path}`, { headers: { cookie: researcher.cookie } }, (res) => {
      let bytes = 0;
      res.once('data', (chunk: Buffer) => {
        bytes += chunk.length;
        res.pause();
        resolve({
          status: res.statusCode!,
          resume: () =>
            new Promise((done) => {
              res.on('data', (c: Buffer) => (bytes += c.length));
              res.on('end', () => done(bytes));
              res.resume();
            }),
        });
      });
    });
    downloads.push(req);
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
  });
}

describe('an export while respondents answer', () => {
  it.each([['long'], ['wide']])(
    'a %s export held mid-stream does not stop a respondent from saving and submitting',
    async (format) => {
      const download = await slowDownload(`/api/studies/${study.slug}/exports/${format}?openText=1`);
      let finished = false;
      try {
        expect(download.status).toBe(200);
        await new Promise((r) => setTimeout(r, 200)); // the socket's buffers fill; the export waits
        const inv = study.invitations[STORED + (format === 'long' ? 0 : 1)];
        const client = new RespondentClient(base, inv.token);
        expect(await client.open()).toBe(200);
        const draft = await client.draft([answers[0].item], [answers[0]]);
        expect(draft.status, JSON.stringify(draft.body)).toBe(200);
        const submitted = await client.submit(`live-${format}-000000000000`, answers);
        expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
        expect(await download.resume()).toBeGreaterThan(100_000);
        finished = true;
      } finally {
        // A failed test must not leave the export holding the connection for the next one.
        if (!finished) downloads.splice(0).forEach((d) => d.destroy());
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    60_000,
  );
});
