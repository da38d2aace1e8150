import { domainInput } from '../../analysis/study/domains.js';
import os from 'node:os';
import type SQLite from 'better-sqlite3';
import { parseQuestionnaireDefinition, readStudyBySlug } from '../studies/repository.js';
import { InputBuilder, inputGroups } from '../../analysis/study/builder.js';
import { groupOf, type Study } from '../../model/index.js';
import '../groups/schema.js';
import type { AnalysisInput } from '../../analysis/study/input.js';
import { KEYS_FROM_ROWS, packedAnswerColumns, valuesFromRows } from '../db/packed-answers.js';
import { numberList, readNumberList } from './number-list.js';
import { PackedAnswerDecoder } from './packed-cells.js';
import { analysisWorkers, type SqlJob, type SqlWorkers } from './sql-workers.js';

/** ISO-8601 text → milliseconds since the epoch, computed by SQLite (null stays null). */
const ms = (column: string) => `cast(round((julianday(${column}) - 2440587.5) * 86400000.0) as integer)`;

const cores = () => os.availableParallelism?.() ?? os.cpus().length;

/** Below this many answer cells to build from rows (responses without a packed copy × variables) one thread is fastest. */
const PARALLEL_FROM = 200_000;

/**
 * Ids per read of the unit queries' number lists (participants for the invitations, responses),
 * and submitted responses per read of their answers: bounds the text and the strings in memory at once.
 */
const ID_WINDOW = 1 << 16;
const ANSWER_WINDOW = 4096;

/** The eight numbers of a response in loadUnits' number list, in this order (participant_id empty: anonymous). */
const RESPONSE_NUMBERS = [
  'id',
  'participant_id',
  'round_id',
  "status = 'submitted'",
  'questionnaire_version_id',
  ms('started_at'),
  ms('submitted_at'),
  'packed_layout_id',
];

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
      if (
        ctx.answerCells === 0 ||
        sqlite.memory ||
        workers.size < 1 ||
        cores() < 2 ||
        ctx.unpacked * ctx.builder.input.variables.length < parallelFrom
      ) {
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
      const own = to >= from ? answerRows(sqlite, ctx).all(ctx.studyId, from, to) : [];
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
  const { ids, cells } = started.ctx.submitted;
  const cellOfResponse = new Map<number, number>();
  for (let k = 0; k < ids.length; k++) if (cells[k] >= 0) cellOfResponse.set(ids[k], cells[k]);
  // Unknown cells are noted once, after every share, as on one thread: the notes come in the same order.
  const { decoder } = started.ctx;
  const before = decoder.unknown;
  for (const rows of [...parts, started.own]) decode(started.ctx, rows, cellOfResponse);
  if (decoder.unknown > before) started.ctx.builder.note('unknown-answer-cells', decoder.unknown - before);
  return started.ctx.builder.finish();
}

/** Units and answers on this thread, in the caller's read transaction. */
function loadAll(sqlite: SQLite.Database, ctx: LoadContext): void {
  loadUnits(sqlite, ctx);
  if (ctx.answerCells > 0) readAnswers(sqlite, ctx);
}

/**
 * Reads and decodes the answers of every submitted response, in id order: the packed copies
 * as one column (no array per row), a few thousand responses per read. They are the submitted
 * responses loadUnits listed, in the same order and snapshot, so the k-th value string is the
 * k-th listed response's. The few without a packed copy get their strings from their rows.
 */
function readAnswers(sqlite: SQLite.Database, ctx: LoadContext): void {
  const { ids, cells, layouts } = ctx.submitted;
  const U = ctx.participants + ctx.anonymous;
  const { decoder } = ctx;
  const before = decoder.unknown;
  const packed = sqlite
    .prepare(`select packed_values from response where study_id = ? and status = 'submitted' and id between ? and ? order by id`)
    .pluck();
  const fromRows = ctx.unpacked > 0 ? answerRows(sqlite, ctx, true) : null;
  for (let k0 = 0; k0 < ids.length; k0 += ANSWER_WINDOW) {
    const k1 = Math.min(ids.length, k0 + ANSWER_WINDOW);
    const values = packed.all(ctx.studyId, ids[k0], ids[k1 - 1]) as (string | null)[];
    if (values.length !== k1 - k0) throw new Error(`analysis load: ${values.length} answer strings for ${k1 - k0} responses`);
    const unpacked = fromRows ? new Map(fromRows.all(ctx.studyId, ids[k0], ids[k1 - 1]).map((row) => [row[0] as number, row])) : null;
    for (let k = k0; k < k1; k++) {
      const c = cells[k];
      if (c < 0) continue;
      const r = Math.floor(c / U);
      const value = values[k - k0];
      if (value !== null) decoder.decode(r, c - r * U, Number.isNaN(layouts[k]) ? null : layouts[k], null, value);
      else {
        const row = unpacked?.get(ids[k]);
        if (row) decoder.decode(r, c - r * U, null, row[1] as string | null, row[2] as string | null);
      }
    }
  }
  if (decoder.unknown > before) ctx.builder.note('unknown-answer-cells', decoder.unknown - before);
}

/**
 * The answer query for submitted responses [from, to] on this connection, rows as arrays: per
 * response its id, the id of its packed layout, its address string when it has no packed copy
 * and its value string (answerJob). `unpackedOnly`: only the responses without a packed copy.
 */
function answerRows(sqlite: SQLite.Database, ctx: LoadContext, unpackedOnly = false) {
  const job = answerJob(ctx, sqlite.name, 0, 0, unpackedOnly);
  return sqlite.prepare(job.sql).raw() as SQLite.Statement<unknown[], unknown[]>;
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
  /** Submitted responses without a packed copy (their strings are built from the answer rows). */
  unpacked: number;
  firstResponse: number;
  lastResponse: number;
  /**
   * The submitted responses in id order (loadUnits): id, the cell its answers go to (−1: none,
   * e.g. replaced by a later submission) and its packed layout id (NaN: no packed copy).
   */
  submitted: { ids: number[]; cells: number[]; layouts: number[] };
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
      `select count(*), count(*) - count(participant_id), ifnull(min(id), 0), ifnull(max(id), 0), count(*) - count(packed_values)
       from response where study_id = ? and status = 'submitted'`,
    )
    .raw()
    .get(studyId) as [number, number, number, number, number];
  const [submitted, anonymous, firstResponse, lastResponse, unpacked] = sizes;

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
    groups: inputGroups(def),
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
    unpacked,
    firstResponse,
    lastResponse,
    submitted: { ids: [], cells: [], layouts: [] },
    attributeKeys: ['team', ...(def.cohortAttributes ?? []).map((a) => a.key)],
  };
}

/** Participants, invitations and responses: the units and their status per round. */
function loadUnits(sqlite: SQLite.Database, ctx: LoadContext): void {
  const { builder, roundIndex, studyId, versionIndex } = ctx;
  const unitOf = new Map<number, number>();
  // Respondent groups: a stored key the study no longer has falls back as the respondent would (groupOf),
  // worked out once per stored key.
  const groupKeys = builder.input.groups.list.map((g) => g.key);
  const groupIndexes = { personal: new Map<string | null, number>(), anonymous: new Map<string | null, number>() };
  const groupIndex = (stored: string | null, via: 'personal' | 'anonymous') => {
    let g = groupIndexes[via].get(stored);
    if (g === undefined) groupIndexes[via].set(stored, (g = groupKeys.indexOf(groupOf(ctx.study, stored, via).key)));
    return g;
  };
  let u = 0;
  // The participants take their rows with all(), not iterate(): per row better-sqlite3's iterator
  // costs more than the array it fills. Their organisations, roles and teams are texts; the
  // invitations and responses, numbers only, cross as number lists (number-list.ts).
  for (const key of ctx.attributeKeys) builder.setAttribute(0, key, '');
  let firstParticipant = 0;
  let lastParticipant = -1;
  for (const [id, organisation, role, left, group, team] of sqlite
    .prepare('select id, organisation, role, left_from_round_id, group_key, team from participant where study_id = ? order by id')
    .raw()
    .all(studyId) as Array<[number, string, string, number | null, string | null, string]>) {
    unitOf.set(id, u);
    builder.setParticipant(u, organisation, role, left === null ? -1 : (roundIndex.get(left) ?? -1));
    builder.setGroup(u, groupIndex(group, 'personal'));
    if (team) builder.setAttribute(u, 'team', team);
    if (u === 0) firstParticipant = id;
    lastParticipant = id;
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

  // Invitations, five numbers each. A revoked link takes the participant out of the round, unless
  // they had already submitted: such invitations are left out in SQL.
  const invitations = sqlite
    .prepare(
      `select ${numberList(['i.participant_id', 'i.round_id', ms('i.sent_at'), ms('i.opened_at'), ms('i.started_at')])}
       from participant p cross join invitation i on i.participant_id = p.id
       where p.study_id = ? and p.id between ? and ? and (i.revoked_at is null or i.submitted_at is not null)`,
    )
    .pluck();
  const list: number[] = [];
  for (let from = firstParticipant; from <= lastParticipant; from += ID_WINDOW) {
    list.length = 0;
    readNumberList(invitations.get(studyId, from, from + ID_WINDOW - 1) as string | null, list);
    for (let f = 0; f < list.length; f += 5) {
      const unit = unitOf.get(list[f]);
      const r = roundIndex.get(list[f + 1]);
      if (unit === undefined || r === undefined) continue;
      builder.invite(r, unit, { sentAt: list[f + 2], openedAt: list[f + 3], startedAt: list[f + 4] });
    }
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

  // The group of each anonymous submitted response (texts, so not in the number list below).
  const anonymousGroup = new Map<number, string | null>(
    ctx.anonymous > 0
      ? (sqlite
          .prepare(`select id, group_key from response where study_id = ? and participant_id is null and status = 'submitted' and id <= ?`)
          .raw()
          .all(studyId, ctx.lastResponse) as [number, string | null][])
      : [],
  );

  // Responses, eight numbers each (participant_id empty for an anonymous one): each submitted one
  // gets a cell; the submitted ones are listed in id order for their answers (readAnswers).
  const responses = sqlite
    .prepare(
      `select ${numberList(RESPONSE_NUMBERS)}
       from response where study_id = ? and id between ? and ? order by id`,
    )
    .pluck();
  const U = ctx.participants + ctx.anonymous;
  // Per cell, 1 + the index of its submitted response in ctx.submitted (0: none yet).
  const submittedOfCell = new Int32Array(builder.input.rounds.length * U);
  const { ids, cells, layouts } = ctx.submitted;
  let anonymous = ctx.participants;
  for (let from = 0; from <= ctx.lastResponse; from += ID_WINDOW) {
    list.length = 0;
    readNumberList(responses.get(studyId, from, Math.min(ctx.lastResponse, from + ID_WINDOW - 1)) as string | null, list);
    for (let f = 0; f < list.length; f += 8) {
      const id = list[f];
      const participantId = list[f + 1];
      const submitted = list[f + 3] === 1;
      const startedAt = list[f + 5];
      const submittedAt = list[f + 6];
      const k = submitted ? ids.push(id) - 1 : -1;
      if (submitted) {
        cells.push(-1);
        layouts.push(list[f + 7]);
      }
      const r = roundIndex.get(list[f + 2]);
      if (r === undefined) continue;
      const personal = !Number.isNaN(participantId);
      if (!submitted) {
        const unit = personal ? unitOf.get(participantId) : undefined;
        if (unit !== undefined) builder.draft(r, unit, startedAt);
        continue;
      }
      const unit = personal ? unitOf.get(participantId) : anonymous++;
      if (unit === undefined || unit >= U) continue;
      if (!personal) builder.setGroup(unit, groupIndex(anonymousGroup.get(id) ?? null, 'anonymous'));
      const c = r * U + unit;
      const at = Number.isNaN(submittedAt) ? startedAt : submittedAt;
      if (builder.submit(r, unit, versionIndex.get(list[f + 4]) ?? -1, at, startedAt)) {
        // A later submission for the same cell replaces the earlier one and its answers.
        if (submittedOfCell[c] !== 0) cells[submittedOfCell[c] - 1] = -1;
        submittedOfCell[c] = k + 1;
        cells[k] = c;
      }
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
function answerJob(ctx: LoadContext, file: string, from: number, to: number, unpackedOnly = false): SqlJob {
  return {
    file,
    setup: [],
    insert: null,
    rows: [],
    sql: unpackedOnly
      ? `select r.id, ${KEYS_FROM_ROWS}, ${valuesFromRows(true)} from response r
      where r.study_id = ? and r.status = 'submitted' and r.packed_values is null and r.id between ? and ?`
      : `select r.id, ${packedAnswerColumns(true)} from response r
      where r.study_id = ? and r.status = 'submitted' and r.id between ? and ?`,
    params: [ctx.studyId, from, to],
  };
}

type AnswerRow = [responseId: number, layout: number | null, keys: string | null, values: string | null];

/** Decodes answer rows (answerJob: the worker threads' shares) into the builder; `cellOfResponse`: response id → cell. */
function decode(ctx: LoadContext, rows: Iterable<unknown[]>, cellOfResponse: Map<number, number>): void {
  const U = ctx.participants + ctx.anonymous;
  const { decoder } = ctx;
  for (const [id, layout, keys, values] of rows as Iterable<AnswerRow>) {
    const c = cellOfResponse.get(id);
    if (c === undefined) continue;
    const r = Math.floor(c / U);
    decoder.decode(r, c - r * U, layout, keys, values);
  }
}
