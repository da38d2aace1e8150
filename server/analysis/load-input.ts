import { domainInput } from '../../analysis/study/domains.js';
import os from 'node:os';
import type SQLite from 'better-sqlite3';
import { parseQuestionnaireDefinition, readStudyBySlug } from '../studies/repository.js';
import { InputBuilder } from '../../analysis/study/builder.js';
import { effectiveGroups, groupOf, type Study } from '../../model/index.js';
import '../groups/schema.js';
import type { AnalysisInput } from '../../analysis/study/input.js';
import { packedAnswerColumns } from '../db/packed-answers.js';
import { PackedAnswerDecoder } from './packed-cells.js';
import { analysisWorkers, type SqlJob, type SqlWorkers } from './sql-workers.js';

/** ISO-8601 text → milliseconds since the epoch, computed by SQLite (null stays null). */
const ms = (column: string) => `cast(round((julianday(${column}) - 2440587.5) * 86400000.0) as integer)`;

const cores = () => os.availableParallelism?.() ?? os.cpus().length;

/** Below this many answer cells to build from rows (responses without a packed copy × variables) one thread is fastest. */
const PARALLEL_FROM = 200_000;

/**
 * Loads one study from SQLite into the columnar analysis input (analysis/study/input.ts).
 *
 * The answers are read from the packed copy that each submitted response got when it was stored
 * (server/db/packed-answers.ts), as the exports read them: one string per response instead of
 * one row per response × item × sub-cell (~1.8 million for 10,000 participants × 3 rounds × 60
 * items, whose crossing from SQLite into JavaScript, or packing in SQLite on every load, cost
 * more than everything else together). A response without a copy (its answers changed after it
 * was stored) gets the same strings built from its rows. JavaScript decodes them straight into
 * typed arrays (packed-cells.ts) — never one object per answer. Counts that need no row (versions
 * in use, anonymous responses) are aggregated in SQL.
 *
 * Synchronous, on the caller's connection, in one read transaction. Returns null when there
 * is no study with this slug. See `loadAnalysisInputFast` for big studies.
 */
export function loadAnalysisInput(sqlite: SQLite.Database, slug: string): AnalysisInput | null {
  return sqlite
    .transaction(() => {
      const ctx = begin(sqlite, slug);
      if (!ctx) return null;
      loadAll(sqlite, ctx);
      return ctx.builder.finish();
    })
    .deferred();
}

/**
 * The same input, faster when many responses have no packed copy (answers repaired or erased
 * in bulk, a database from before the copies): building their strings from the answer rows is
 * the one expensive read, so the answer query is split by response id between worker threads
 * (sql-workers.ts, each with its own read-only connection) and this thread, which first reads
 * the cohort, invitations and responses and then its own, smaller share of the answers. Packed
 * copies are read faster than they could be handed between threads, so when (nearly) every
 * response has one, as after submissions and imports, the synchronous path runs; so it does for
 * small studies, in-memory databases, one-core machines and after any failure of a worker.
 *
 * Consistency: each connection reads its own snapshot. Answers of a response this thread does
 * not know (submitted meanwhile) are ignored, so a concurrent submission shows up in the next
 * analysis, never half.
 */
export async function loadAnalysisInputFast(
  sqlite: SQLite.Database,
  slug: string,
  workers: SqlWorkers = analysisWorkers(),
  options: { parallelFrom?: number } = {},
): Promise<AnalysisInput | null> {
  const parallelFrom = options.parallelFrom ?? PARALLEL_FROM;
  const started = sqlite
    .transaction(() => {
      const ctx = begin(sqlite, slug);
      if (!ctx) return null;
      if (ctx.answerCells === 0 || sqlite.memory || workers.size < 1 || cores() < 2 || unpackedCells(sqlite, ctx) < parallelFrom) {
        loadAll(sqlite, ctx);
        return { ctx, jobs: null, own: [] };
      }
      // This thread also reads the cohort and decodes every share: it takes a smaller one.
      const weights = [...new Array<number>(workers.size).fill(1), 0.4];
      const ranges = splitResponses(sqlite, ctx, weights);
      const jobs = ranges
        .slice(0, -1)
        .filter(([from, to]) => to >= from)
        .map(([from, to]) => workers.run(answerJob(ctx, sqlite.name, from, to)));
      loadUnits(sqlite, ctx);
      // This thread's share is read now, in this snapshot, and decoded after the workers' shares,
      // which hold the lower ids: answers are decoded in response order on either path.
      const [from, to] = ranges[ranges.length - 1];
      const own = to >= from ? answerRows(sqlite, ctx, from, to).all() : [];
      return { ctx, jobs, own };
    })
    .deferred();
  if (!started) return null;
  if (!started.jobs) return started.ctx.builder.finish();
  let parts: unknown[][][];
  try {
    parts = await Promise.all(started.jobs);
  } catch {
    // A worker could not read (no worker threads, a locked file): one thread is slower, not wrong.
    return loadAnalysisInput(sqlite, slug);
  }
  for (const rows of [...parts, started.own]) decode(started.ctx, rows);
  return started.ctx.builder.finish();
}

/** Units and answers on this thread, in the caller's read transaction. */
function loadAll(sqlite: SQLite.Database, ctx: LoadContext): void {
  loadUnits(sqlite, ctx);
  if (ctx.answerCells > 0) readAnswers(sqlite, ctx, ctx.firstResponse, ctx.lastResponse);
}

/** Runs the answer query for responses [from, to] on this connection and decodes it. */
function readAnswers(sqlite: SQLite.Database, ctx: LoadContext, from: number, to: number): void {
  decode(ctx, answerRows(sqlite, ctx, from, to).iterate());
}

/** The answer query for responses [from, to] on this connection, bound, rows as arrays. */
function answerRows(sqlite: SQLite.Database, ctx: LoadContext, from: number, to: number) {
  const job = answerJob(ctx, sqlite.name, from, to);
  return sqlite
    .prepare(job.sql)
    .raw()
    .bind(...job.params) as SQLite.Statement<unknown[], unknown[]>;
}

/** Submitted responses without a packed copy × variables: the answer cells to build from rows. */
function unpackedCells(sqlite: SQLite.Database, ctx: LoadContext): number {
  const unpacked = sqlite
    .prepare(`select count(*) from response where study_id = ? and status = 'submitted' and packed_values is null`)
    .pluck()
    .get(ctx.studyId) as number;
  return unpacked * ctx.builder.input.variables.length;
}

interface LoadContext {
  study: Study;
  studyId: number;
  builder: InputBuilder;
  roundIndex: Map<number, number>;
  /** questionnaire_version.id → index into the input's questionnaireVersions. */
  versionIndex: Map<number, number>;
  decoder: PackedAnswerDecoder;
  participants: number;
  anonymous: number;
  /** Submitted responses × variables: an estimate of the answer rows. */
  answerCells: number;
  firstResponse: number;
  lastResponse: number;
  cellOfResponse: Map<number, number>;
  unknown: number;
  /** attrs: the cohort attributes' keys in order: the built-in team, then the study's own. */
  attributeKeys: string[];
}

/** Study, rounds, catalogues, questionnaire versions and sizes: everything before the rows. */
function begin(sqlite: SQLite.Database, slug: string): LoadContext | null {
  const study = readStudyBySlug(sqlite, slug);
  if (!study) return null;
  const def = study.definition;
  const studyId = study.id;
  const roundRows = sqlite
    .prepare('select id, key, label_nl, label_en, opens_at, closes_at from round where study_id = ? order by position, id')
    .all(studyId) as { id: number; key: string; label_nl: string; label_en: string; opens_at: string | null; closes_at: string | null }[];
  const partners = sqlite.prepare('select id, name, domain from partner where study_id = ? order by position, id').all(studyId) as {
    id: number;
    name: string;
    domain: string;
  }[];
  const tools = sqlite.prepare('select id, name from tool where study_id = ? order by position, id').all(studyId) as {
    id: number;
    name: string;
  }[];
  // The questionnaire versions that submitted responses used, plus the newest one.
  const versionRows = sqlite
    .prepare(
      `select id, version, definition from questionnaire_version q where study_id = ?
       and (exists (select 1 from response r where r.questionnaire_version_id = q.id and r.status = 'submitted')
            or version = (select max(version) from questionnaire_version where study_id = ?))
       order by version`,
    )
    .all(studyId, studyId) as { id: number; version: number; definition: string }[];
  const participants = sqlite.prepare('select count(*) from participant where study_id = ?').pluck().get(studyId) as number;
  const sizes = sqlite
    .prepare(
      `select count(*), count(*) - count(participant_id), ifnull(min(id), 0), ifnull(max(id), 0) from response where study_id = ? and status = 'submitted'`,
    )
    .raw()
    .get(studyId) as [number, number, number, number];
  const [submitted, anonymous, firstResponse, lastResponse] = sizes;

  const builder = new InputBuilder({
    study: { slug, title: def.title, organisation: def.organisation, settings: def.settings },
    rounds: roundRows.map((r) => ({ key: r.key, label: { nl: r.label_nl, en: r.label_en }, opensAt: r.opens_at, closesAt: r.closes_at })),
    partners: partners.map((p) => ({ id: p.id, name: p.name, domain: p.domain })),
    tools: tools.map((t) => ({ id: t.id, name: t.name })),
    versions: versionRows.map((v) => ({
      version: v.version,
      questionnaire: parseQuestionnaireDefinition(v.definition, `questionnaire version ${v.version} of study "${slug}"`),
    })),
    participants,
    anonymous,
    groups: effectiveGroups(def).map((g) => ({
      key: g.key,
      name: g.name,
      personal: g.reach.includes('personal'),
      anonymous: g.reach.includes('anonymous'),
      sections: g.sections,
      implicit: g.implicit,
    })),
  });
  // quickscan (issue 17): the domain coverage setting with the attributes it names.
  const domains = domainInput(def);
  if (domains) builder.input.domains = domains;
  return {
    study: def,
    studyId,
    builder,
    roundIndex: new Map(roundRows.map((r, i) => [r.id, i])),
    versionIndex: new Map(versionRows.map((v, i) => [v.id, i])),
    decoder: new PackedAnswerDecoder(sqlite, builder),
    participants,
    anonymous,
    answerCells: builder.input.variables.length > 0 ? submitted * builder.input.variables.length : 0,
    firstResponse,
    lastResponse,
    cellOfResponse: new Map(),
    unknown: 0,
    attributeKeys: ['team', ...(def.cohortAttributes ?? []).map((a) => a.key)],
  };
}

/** Participants, invitations and responses: the units and their status per round. */
function loadUnits(sqlite: SQLite.Database, ctx: LoadContext): void {
  const { builder, roundIndex, studyId, versionIndex } = ctx;
  const unitOf = new Map<number, number>();
  // Respondent groups: a stored key the study no longer has falls back as the respondent would (groupOf).
  const groupKeys = builder.input.groups.list.map((g) => g.key);
  const groupIndex = (stored: string | null, via: 'personal' | 'anonymous') => groupKeys.indexOf(groupOf(ctx.study, stored, via).key);
  let u = 0;
  // The unit queries take their rows with all(), not iterate(): per row better-sqlite3's iterator
  // costs more than the array it fills (measured 10–15% of the load's CPU at 10,000 participants:
  // 27,000 responses and 30,000 invitations); the answers, one long string per response, stay iterated.
  for (const key of ctx.attributeKeys) builder.setAttribute(0, key, '');
  for (const [id, organisation, role, left, group, team] of sqlite
    .prepare('select id, organisation, role, left_from_round_id, group_key, team from participant where study_id = ? order by id')
    .raw()
    .all(studyId) as Array<[number, string, string, number | null, string | null, string]>) {
    unitOf.set(id, u);
    builder.setParticipant(u, organisation, role, left === null ? -1 : (roundIndex.get(left) ?? -1));
    builder.setGroup(u, groupIndex(group, 'personal'));
    if (team) builder.setAttribute(u, 'team', team);
    u++;
  }
  // attrs: the study's own cohort attributes (values of a key the study no longer defines are left out).
  const known = new Set(ctx.attributeKeys);
  for (const [participantId, key, value] of sqlite
    .prepare(
      `select a.participant_id, a.key, a.value from participant_attribute a join participant p on p.id = a.participant_id
       where p.study_id = ? order by a.participant_id`,
    )
    .raw()
    .all(studyId) as Array<[number, string, string]>) {
    const unit = unitOf.get(participantId);
    if (unit !== undefined && known.has(key) && key !== 'team') builder.setAttribute(unit, key, value);
  }

  for (const [participantId, roundId, sent, opened, started, submitted, revoked] of sqlite
    .prepare(
      `select i.participant_id, i.round_id, ${ms('i.sent_at')}, ${ms('i.opened_at')}, ${ms('i.started_at')}, i.submitted_at is not null, i.revoked_at is not null
       from participant p cross join invitation i on i.participant_id = p.id where p.study_id = ?`,
    )
    .raw()
    .all(studyId) as Array<[number, number, number | null, number | null, number | null, number, number]>) {
    const unit = unitOf.get(participantId);
    const r = roundIndex.get(roundId);
    // A revoked link takes the participant out of the round, unless they had already submitted.
    if (unit === undefined || r === undefined || (revoked && !submitted)) continue;
    builder.invite(r, unit, { sentAt: sent ?? NaN, openedAt: opened ?? NaN, startedAt: started ?? NaN });
  }

  // Anonymous drafts are no units; counted per round and group as started (analysis/study/group-responses.ts).
  for (const [roundId, group, n] of sqlite
    .prepare(
      `select round_id, group_key, count(*) from response where study_id = ? and participant_id is null and status = 'draft' group by 1, 2`,
    )
    .raw()
    .iterate(studyId) as IterableIterator<[number, string | null, number]>) {
    const r = roundIndex.get(roundId);
    if (r !== undefined) builder.anonymousDraft(r, groupIndex(group, 'anonymous'), n);
  }

  // Responses: each submitted one gets a cell; response id → cell index for its answers.
  const U = ctx.participants + ctx.anonymous;
  const responseOfCell = new Float64Array(builder.input.rounds.length * U);
  let anonymous = ctx.participants;
  for (const [id, participantId, roundId, status, versionId, started, submitted, group] of sqlite
    .prepare(
      `select id, participant_id, round_id, status, questionnaire_version_id, ${ms('started_at')}, ${ms('submitted_at')}, group_key
       from response where study_id = ? and id <= ? order by id`,
    )
    .raw()
    .all(studyId, ctx.lastResponse) as Array<
    [number, number | null, number, string, number, number | null, number | null, string | null]
  >) {
    const r = roundIndex.get(roundId);
    if (r === undefined) continue;
    if (status !== 'submitted') {
      const unit = participantId === null ? undefined : unitOf.get(participantId);
      if (unit !== undefined) builder.draft(r, unit, started ?? NaN);
      continue;
    }
    const unit = participantId === null ? anonymous++ : unitOf.get(participantId);
    if (unit === undefined || unit >= U) continue;
    if (participantId === null) builder.setGroup(unit, groupIndex(group, 'anonymous'));
    const c = r * U + unit;
    if (builder.submit(r, unit, versionIndex.get(versionId) ?? -1, submitted ?? started ?? NaN, started ?? NaN)) {
      // A later submission for the same cell replaces the earlier one and its answers.
      if (responseOfCell[c] !== 0) ctx.cellOfResponse.delete(responseOfCell[c]);
      responseOfCell[c] = id;
      ctx.cellOfResponse.set(id, c);
    }
  }
}

/**
 * Id ranges that cover the submitted responses of the study and split those without a packed
 * copy (the ones that cost a read of their rows) in proportion to `weights`.
 */
function splitResponses(sqlite: SQLite.Database, ctx: LoadContext, weights: number[]): [number, number][] {
  const unpacked = `study_id = ? and status = 'submitted' and packed_values is null`;
  const count = sqlite.prepare(`select count(*) from response where ${unpacked}`).pluck().get(ctx.studyId) as number;
  const at = sqlite.prepare(`select id from response where ${unpacked} order by id limit 1 offset ?`).pluck();
  const sum = weights.reduce((a, b) => a + b, 0);
  const cuts = [ctx.firstResponse];
  let acc = 0;
  for (let k = 0; k < weights.length - 1; k++) {
    acc += weights[k];
    const offset = Math.min(count - 1, Math.floor((count * acc) / sum));
    cuts.push(Math.max(cuts[cuts.length - 1], (at.get(ctx.studyId, offset) as number | undefined) ?? ctx.lastResponse + 1));
  }
  cuts.push(ctx.lastResponse + 1);
  return weights.map((_, k) => [cuts[k], cuts[k + 1] - 1] as [number, number]);
}

/**
 * The query for the answers of the submitted responses with ids in [from, to]: per response its
 * id and its packed copy (server/db/packed-answers.ts), or for a response without one (answers
 * changed after it was stored) the same strings built from its answer rows — the columns the
 * exports read. A packed copy is one stored string: no answer row is read for it.
 */
function answerJob(ctx: LoadContext, file: string, from: number, to: number): SqlJob {
  return {
    file,
    setup: [],
    insert: null,
    rows: [],
    sql: `select r.id, ${packedAnswerColumns(true)} from response r
      where r.study_id = ? and r.status = 'submitted' and r.id between ? and ?`,
    params: [ctx.studyId, from, to],
  };
}

type AnswerRow = [responseId: number, layout: number | null, keys: string | null, values: string | null];

/** Decodes answer rows (answerJob) into the builder. */
function decode(ctx: LoadContext, rows: Iterable<unknown[]>): void {
  const U = ctx.participants + ctx.anonymous;
  const { decoder } = ctx;
  const before = decoder.unknown;
  for (const [id, layout, keys, values] of rows as Iterable<AnswerRow>) {
    const c = ctx.cellOfResponse.get(id);
    if (c === undefined) continue;
    const r = Math.floor(c / U);
    decoder.decode(r, c - r * U, layout, keys, values);
  }
  if (decoder.unknown > before) ctx.builder.note('unknown-answer-cells', decoder.unknown - before);
}
