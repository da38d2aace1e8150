import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openData } from '../../server/data.js';
import { createOpenStudy, type OpenStudy } from './helpers/open-study.js';
import { completeAnswers, newSubmissionId, RespondentClient } from './helpers/respondent.js';
import { kill9, serve, tempDirs, type ChildServer } from './helpers/child.js';

/**
 * kill -9 during load: a child server takes a stream of drafts and submissions and is killed
 * at random moments, KILLS times in all. After every restart, every submission it acknowledged
 * is there exactly once and complete, every acknowledged draft is there, the database passes
 * integrity_check, and no response is half written.
 *
 * Two data directories are killed side by side (LOOPS × KILLS / LOOPS): a server spends most of
 * its short life starting, and two loops keep both cores busy, which keeps the test short.
 */
const KILLS = 20;
const LOOPS = 2;
const WORKERS = 6;
const PARTICIPANTS = 1500;

const dirs = tempDirs();
afterAll(() => dirs.cleanUp());

interface Attempt {
  invitation: number;
  token: string;
  submissionId: string;
  seed: number;
}

interface Outcome {
  acked: number;
  killedMidRequest: number;
  repeatedAfterCrash: number;
  statuses: Map<number, number>;
}

/** Reads the database beside the running server (WAL: readers do not disturb the writer). */
function inspect(dataDir: string, studyId: number) {
  const db = new SQLite(path.join(dataDir, 'rondo.sqlite'), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const rows = db
      .prepare(
        `select r.id, r.invitation_id, r.status, r.submission_id, i.submitted_at as inv_submitted,
                (select count(*) from answer a where a.response_id = r.id) as cells
         from response r join invitation i on i.id = r.invitation_id where r.study_id = ?`,
      )
      .all(studyId) as {
      id: number;
      invitation_id: number;
      status: string;
      submission_id: string | null;
      inv_submitted: string | null;
      cells: number;
    }[];
    return { integrity, rows };
  } finally {
    db.close();
  }
}

/** One data directory: `kills` times start, load, kill -9; then a calm run for what is pending. */
async function killLoop(loop: number, kills: number): Promise<Outcome> {
  const dataDir = dirs.make(`rondo-kill9-${loop}-`);
  const data = await openData(dataDir);
  const study: OpenStudy = await createOpenStudy(data.store.db, data.secret, { participants: PARTICIPANTS });
  const answersBySeed = new Map(
    [0, 1, 2, 3].map((seed) => [seed, completeAnswers(data.store.sqlite, study.studyId, study.roundKey, seed)]),
  );
  await data.store.close();
  const fullCells = answersBySeed.get(0)!.length;
  for (const a of answersBySeed.values()) expect(a.length).toBe(fullCells);

  const acked = new Map<string, Attempt>(); // by submission id
  const draftsAcked = new Map<number, number>(); // invitation id → cells in the acknowledged draft
  let pending: Attempt[] = []; // sent, but the answer never came: retried with the same id
  let next = 0;
  const outcome: Outcome = { acked: 0, killedMidRequest: 0, repeatedAfterCrash: 0, statuses: new Map() };
  const count = (status: number) => outcome.statuses.set(status, (outcome.statuses.get(status) ?? 0) + 1);

  /** Every restart: the database is sound and holds exactly what was acknowledged. */
  const check = (when: string) => {
    const { integrity, rows } = inspect(dataDir, study.studyId);
    expect(integrity, when).toBe('ok');
    const bySubmission = new Map<string, number>();
    for (const r of rows) {
      if (r.status === 'submitted') {
        expect(r.submission_id).not.toBeNull();
        bySubmission.set(r.submission_id!, (bySubmission.get(r.submission_id!) ?? 0) + 1);
        expect(r.inv_submitted, `invitation of response ${r.id}`).not.toBeNull();
        // All or nothing: a submitted response has every cell that was sent with it.
        expect(r.cells, `cells of submitted response ${r.id}`).toBe(fullCells);
      } else {
        expect(r.inv_submitted).toBeNull();
      }
    }
    for (const [id, a] of acked)
      expect(bySubmission.get(id), `${when}: acknowledged submission ${id} (invitation ${a.invitation})`).toBe(1);
    for (const [invitation, cells] of draftsAcked) {
      const r = rows.find((x) => x.invitation_id === invitation);
      expect(r, `${when}: acknowledged draft of invitation ${invitation}`).toBeDefined();
      if (r!.status === 'draft') expect(r!.cells).toBe(cells);
    }
    return rows;
  };

  for (let round = 0; round < kills; round++) {
    const t0 = Date.now();
    const server: ChildServer = await serve(dataDir);
    const t1 = Date.now();
    check(`loop ${loop}, after restart ${round}`);

    let killed = false;
    const worker = async (w: number) => {
      while (!killed) {
        const retry = pending.shift();
        let a = retry;
        if (!a) {
          const inv = study.invitations[next++];
          if (!inv) return;
          a = { invitation: inv.invitationId, token: inv.token, submissionId: newSubmissionId(), seed: (next + w) % 4 };
        }
        try {
          const client = new RespondentClient(server.url, a.token);
          count(await client.open());
          const answers = answersBySeed.get(a.seed)!;
          if (!retry && a.seed === 1) {
            // Some respondents save a draft first (half of their answers).
            const half = answers.slice(0, Math.floor(answers.length / 2));
            const items = [...new Set(half.map((c) => c.item))];
            const cells = half.filter((c) => items.includes(c.item));
            const d = await client.draft(items, cells);
            count(d.status);
            if (d.status === 200) draftsAcked.set(a.invitation, cells.length);
          }
          const res = await client.submit(a.submissionId, answers);
          count(res.status);
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          if (retry && res.body.repeated) outcome.repeatedAfterCrash++;
          acked.set(a.submissionId, a);
          draftsAcked.delete(a.invitation);
        } catch (err) {
          if (!killed) throw err;
          // The server died under this request: unknown whether it was stored. Retried later.
          outcome.killedMidRequest++;
          pending.push(a);
        }
      }
    };
    const work = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    // Kill at a random moment once writes are flowing (the first requests of a fresh process
    // are slow; a kill before any write would test nothing).
    const flowing = acked.size + 3;
    for (const until = Date.now() + 8_000; acked.size < flowing && Date.now() < until; ) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, Math.random() * 300));
    killed = true;
    await kill9(server);
    await work;
    pending = [...new Set(pending)];
    if (process.env.TRUST_VERBOSE)
      console.info(
        `loop ${loop} kill ${round}: start ${t1 - t0} ms, total ${Date.now() - t0} ms, acked ${acked.size}, pending ${pending.length}`,
      );
  }

  // Everything still pending is retried once more on a last, calm run.
  const last = await serve(dataDir);
  for (const a of pending.splice(0)) {
    const client = new RespondentClient(last.url, a.token);
    await client.open();
    const res = await client.submit(a.submissionId, answersBySeed.get(a.seed)!);
    expect(res.status).toBe(200);
    if (res.body.repeated) outcome.repeatedAfterCrash++;
    acked.set(a.submissionId, a);
  }
  const rows = check(`loop ${loop}, at the end`);
  await kill9(last);
  const submitted = rows.filter((r) => r.status === 'submitted');
  expect(submitted.length).toBe(acked.size);
  expect(new Set(submitted.map((r) => r.submission_id))).toEqual(new Set(acked.keys()));
  outcome.acked = acked.size;
  return outcome;
}

describe('kill -9 during load', () => {
  it(`loses and duplicates no acknowledged submission over ${KILLS} kills`, async () => {
    const outcomes = await Promise.all(Array.from({ length: LOOPS }, (_, loop) => killLoop(loop, KILLS / LOOPS)));
    const acked = outcomes.reduce((n, o) => n + o.acked, 0);
    const cut = outcomes.reduce((n, o) => n + o.killedMidRequest, 0);
    const repeated = outcomes.reduce((n, o) => n + o.repeatedAfterCrash, 0);
    const fiveHundreds = outcomes.flatMap((o) => [...o.statuses.keys()].filter((s) => s >= 500));
    expect(fiveHundreds).toEqual([]);
    // The run must have exercised what it claims to: many acknowledged writes, and kills that
    // landed in the middle of requests.
    expect(acked).toBeGreaterThan(KILLS * 5);
    expect(cut).toBeGreaterThan(0);
    console.info(
      `kill -9: ${KILLS} kills, ${acked} submissions acknowledged, ${cut} requests cut off, ${repeated} of their retries had been stored before the kill`,
    );
  }, 240_000);
});
