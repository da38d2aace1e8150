// The analysis loader as it was before issue 21 (commit 5c75473: server/analysis/load-input.ts
// and packed-cells.ts, the synchronous path), frozen here as the reference for packed.test.ts:
// it ignores the packed copies and packs every response's answer rows in SQLite on each load,
// in an encoding of its own. Do not change it along with the loader: the test holds the loader
// to the JSON this code gave.
import type SQLite from 'better-sqlite3';
import type { Item, Questionnaire, Study } from '../../model/index.js';
import { InputBuilder, inputGroups } from '../../analysis/study/builder.js';
import type { AnalysisInput } from '../../analysis/study/input.js';
import type { SqlJob } from '../../server/analysis/sql-workers.js';

const PACKED_SLOT = { WIDE: 59, DONT_KNOW: 60, NOT_APPLICABLE: 61, TEXT: 62, EMPTY: 63 } as const;

const ITEM_KIND = { PLAIN: 0, PARTNER_GRID: 1, TOOL_GRID: 2, MULTI: 3 } as const;

interface ItemKey {
  item: string;
  /** 1-based number of the item in the packed encoding. */
  key: number;
  kind: (typeof ITEM_KIND)[keyof typeof ITEM_KIND];
}

/** Numbers the items for the packed encoding. */
function encodeItemKinds(items: readonly Item[]): ItemKey[] {
  return items.map((item, i) => ({
    item: item.id,
    key: i + 1,
    kind:
      item.type === 'partnerGrid'
        ? ITEM_KIND.PARTNER_GRID
        : item.type === 'toolGrid'
          ? ITEM_KIND.TOOL_GRID
          : item.type === 'multi'
            ? ITEM_KIND.MULTI
            : ITEM_KIND.PLAIN,
  }));
}

/**
 * SQL for char(expression), shifted past the surrogate block when the expression can reach it
 * (`max` is its largest possible value), so the common case stays one cheap call.
 */
function sqlChar(expression: string, max: number): string {
  if (max < 0xd800) return `char(${expression})`;
  return `char((${expression}) + (case when (${expression}) >= 55296 then 2048 else 0 end))`;
}

/**
 * Per item key, how the second character (or none) selects the variable index:
 * plain items map straight to one variable, the others through a small map.
 */
interface VariableLookup {
  kinds: Int8Array;
  plain: Int32Array;
  sub: (Map<number, number> | null)[];
}

function variableLookup(keys: readonly ItemKey[], builder: InputBuilder): VariableLookup {
  const size = keys.length + 1;
  const kinds = new Int8Array(size).fill(-1);
  const plain = new Int32Array(size).fill(-1);
  const sub: (Map<number, number> | null)[] = new Array(size).fill(null);
  const { partners, tools, variables } = builder.input;
  for (const k of keys) {
    kinds[k.key] = k.kind;
    if (k.kind === ITEM_KIND.PLAIN) {
      plain[k.key] = builder.variable(k.item, '');
      continue;
    }
    const map = new Map<number, number>();
    variables.forEach((v, index) => {
      if (v.item !== k.item) return;
      if (k.kind === ITEM_KIND.PARTNER_GRID && v.partner !== null)
        map.set(partners[v.partner].id * 2 + (v.facet === 'quality' ? 1 : 0), index);
      else if (k.kind === ITEM_KIND.TOOL_GRID && v.tool !== null) map.set(tools[v.tool].id, index);
      else if (k.kind === ITEM_KIND.MULTI && v.option !== null) map.set(v.option, index);
    });
    sub[k.key] = map;
  }
  return { kinds, plain, sub };
}

const unshift = (cp: number) => (cp >= 0xe000 ? cp - 0x800 : cp);

/**
 * Decodes one response's packed string into the builder (unit `unit`, round `r`).
 * Returns how many cells were decoded and how many belonged to no known variable.
 */
function decodeCells(
  packed: string,
  lookup: VariableLookup,
  builder: InputBuilder,
  r: number,
  unit: number,
): { cells: number; unknown: number } {
  let cells = 0;
  let unknown = 0;
  const n = packed.length;
  let i = 0;
  while (i < n) {
    let cp = packed.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00) {
      cp = packed.codePointAt(i)!;
      i += 2;
    } else i += 1;
    const x = unshift(cp) - 1;
    const key = x >> 6;
    const slot = x & 63;
    cells++;
    let code: number | null = null;
    if (slot < PACKED_SLOT.WIDE) code = slot;
    else if (slot === PACKED_SLOT.WIDE) {
      const end = packed.indexOf('\u0002', i);
      code = Number(packed.slice(i, end < 0 ? n : end));
      i = end < 0 ? n : end + 1;
    }
    const kind = key < lookup.kinds.length ? lookup.kinds[key] : -1;
    let variable = -1;
    if (kind === ITEM_KIND.PLAIN) variable = lookup.plain[key];
    else if (kind > 0) {
      let e = packed.charCodeAt(i);
      if (e >= 0xd800 && e < 0xdc00) {
        e = packed.codePointAt(i)!;
        i += 2;
      } else i += 1;
      variable = lookup.sub[key]!.get(unshift(e) - 1) ?? -1;
    }
    if (variable < 0) {
      unknown++;
      continue;
    }
    const missing = slot === PACKED_SLOT.DONT_KNOW ? 1 : slot === PACKED_SLOT.NOT_APPLICABLE ? 2 : 0;
    builder.answer(r, unit, variable, code, missing, slot === PACKED_SLOT.TEXT);
  }
  return { cells, unknown };
}

/** ISO-8601 text → milliseconds since the epoch, computed by SQLite (null stays null). */
const ms = (column: string) => `cast(round((julianday(${column}) - 2440587.5) * 86400000.0) as integer)`;

/**
 * Loads one study from SQLite into the columnar analysis input (analysis/study/input.ts).
 *
 * The cost is the answer rows: one per response × item × sub-cell, ~1.8 million for 10,000
 * participants × 3 rounds × 60 items. Crossing from SQLite into JavaScript once per row costs
 * more than everything else together, so SQLite packs each response's answers into one string
 * (packed-cells.ts): one or two characters per answer carrying its variable and its code.
 * JavaScript reads 27,000 strings instead of 1.8 million rows and writes straight into typed
 * arrays — never one object per answer row. Texts never leave SQLite (only whether one was
 * given), and counts that need no row (versions in use, anonymous responses) are aggregated in
 * SQL.
 *
 * Synchronous, on the caller's connection, in one read transaction. Returns null when there
 * is no study with this slug.
 */
export function loadAnalysisInputFromRows(sqlite: SQLite.Database, slug: string): AnalysisInput | null {
  return sqlite
    .transaction(() => {
      const ctx = begin(sqlite, slug);
      if (!ctx) return null;
      loadUnits(sqlite, ctx);
      if (ctx.answerCells > 0) readAnswers(sqlite, ctx, ctx.firstResponse, ctx.lastResponse);
      return ctx.builder.finish();
    })
    .deferred();
}

/** Runs the answer query for responses [from, to] on this connection and decodes it. */
function readAnswers(sqlite: SQLite.Database, ctx: LoadContext, from: number, to: number): void {
  const job = answerJob(ctx, sqlite.name, from, to);
  for (const statement of job.setup) sqlite.exec(statement);
  try {
    const insert = sqlite.prepare(job.insert!);
    for (const row of job.rows) insert.run(...row);
    decode(
      ctx,
      sqlite
        .prepare(job.sql)
        .raw()
        .iterate(...job.params) as Iterable<unknown[]>,
    );
  } finally {
    sqlite.exec('drop table if exists temp.rondo_analysis_item');
  }
}

interface LoadContext {
  studyId: number;
  builder: InputBuilder;
  roundIndex: Map<number, number>;
  /** questionnaire_version.id → index into the input's questionnaireVersions. */
  versionIndex: Map<number, number>;
  keys: ItemKey[];
  lookup: VariableLookup;
  participants: number;
  anonymous: number;
  /** Submitted responses × variables: an estimate of the answer rows. */
  answerCells: number;
  firstResponse: number;
  lastResponse: number;
  cellOfResponse: Map<number, number>;
  unknown: number;
}

/** Study, rounds, catalogues, questionnaire versions and sizes: everything before the rows. */
function begin(sqlite: SQLite.Database, slug: string): LoadContext | null {
  const study = sqlite.prepare('select id, definition from study where slug = ?').get(slug) as
    | { id: number; definition: string }
    | undefined;
  if (!study) return null;
  const def = JSON.parse(study.definition) as Study;
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
    versions: versionRows.map((v) => ({ version: v.version, questionnaire: JSON.parse(v.definition) as Questionnaire })),
    participants,
    anonymous,
    // The one group of a study without groups, named as the loader names it: in the study's words
    // for who answers (model/respondent-groups.ts).
    groups: inputGroups(def),
  });
  const keys = encodeItemKinds(builder.input.items);
  return {
    studyId,
    builder,
    roundIndex: new Map(roundRows.map((r, i) => [r.id, i])),
    versionIndex: new Map(versionRows.map((v, i) => [v.id, i])),
    keys,
    lookup: variableLookup(keys, builder),
    participants,
    anonymous,
    answerCells: builder.input.variables.length > 0 ? submitted * builder.input.variables.length : 0,
    firstResponse,
    lastResponse,
    cellOfResponse: new Map(),
    unknown: 0,
  };
}

/** Participants, invitations and responses: the units and their status per round. */
function loadUnits(sqlite: SQLite.Database, ctx: LoadContext): void {
  const { builder, roundIndex, studyId, versionIndex } = ctx;
  const unitOf = new Map<number, number>();
  let u = 0;
  for (const [id, organisation, role, left] of sqlite
    .prepare('select id, organisation, role, left_from_round_id from participant where study_id = ? order by id')
    .raw()
    .iterate(studyId) as IterableIterator<[number, string, string, number | null]>) {
    unitOf.set(id, u);
    builder.setParticipant(u, organisation, role, left === null ? -1 : (roundIndex.get(left) ?? -1));
    u++;
  }

  for (const [participantId, roundId, sent, opened, started, submitted, revoked] of sqlite
    .prepare(
      `select i.participant_id, i.round_id, ${ms('i.sent_at')}, ${ms('i.opened_at')}, ${ms('i.started_at')}, i.submitted_at is not null, i.revoked_at is not null
       from participant p cross join invitation i on i.participant_id = p.id where p.study_id = ?`,
    )
    .raw()
    .iterate(studyId) as IterableIterator<[number, number, number | null, number | null, number | null, number, number]>) {
    const unit = unitOf.get(participantId);
    const r = roundIndex.get(roundId);
    // A revoked link takes the participant out of the round, unless they had already submitted.
    if (unit === undefined || r === undefined || (revoked && !submitted)) continue;
    builder.invite(r, unit, { sentAt: sent ?? NaN, openedAt: opened ?? NaN, startedAt: started ?? NaN });
  }

  // Responses: each submitted one gets a cell; response id → cell index for its answers.
  const U = ctx.participants + ctx.anonymous;
  const responseOfCell = new Float64Array(builder.input.rounds.length * U);
  let anonymous = ctx.participants;
  for (const [id, participantId, roundId, status, versionId, started, submitted] of sqlite
    .prepare(
      `select id, participant_id, round_id, status, questionnaire_version_id, ${ms('started_at')}, ${ms('submitted_at')}
       from response where study_id = ? and id <= ? order by id`,
    )
    .raw()
    .iterate(studyId, ctx.lastResponse) as IterableIterator<
    [number, number | null, number, string, number, number | null, number | null]
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
 * The packed-answer query for the submitted responses with ids in [from, to]. Per row one
 * character for the item and the answer (and the code as text when it does not fit a slot),
 * then one for the partner, tool or option; the common case, a small integer code, is tested
 * first. CROSS JOIN fixes the plan: the study's responses in id order, then each one's answers
 * by primary key, so the grouping needs no sort.
 */
function answerJob(ctx: LoadContext, file: string, from: number, to: number): SqlJob {
  const { keys, builder } = ctx;
  const maxMain = 1 + (keys.length + 1) * 64;
  const maxId = (rows: readonly { id: number }[]) => rows.reduce((m, r) => Math.max(m, r.id), 0);
  const main = `case
      when a.code is not null then
        case when a.code between 0 and ${PACKED_SLOT.WIDE - 1} and a.code = cast(a.code as integer) then ${sqlChar('m.base + a.code', maxMain)}
        else ${sqlChar(`m.base + ${PACKED_SLOT.WIDE}`, maxMain)} || cast(a.code as text) || char(2) end
      when a.missing is not null then ${sqlChar(`m.base + ${PACKED_SLOT.DONT_KNOW} + (a.missing = 'not_applicable')`, maxMain)}
      when a.text is not null and a.text <> '' then ${sqlChar(`m.base + ${PACKED_SLOT.TEXT}`, maxMain)}
      else ${sqlChar(`m.base + ${PACKED_SLOT.EMPTY}`, maxMain)} end`;
  const extra = `case m.kind when ${ITEM_KIND.PLAIN} then ''
      when ${ITEM_KIND.PARTNER_GRID} then ${sqlChar(`1 + ifnull(a.partner_id, 0) * 2 + (instr(a.sub, '.quality') > 0)`, 2 + 2 * maxId(builder.input.partners))}
      when ${ITEM_KIND.TOOL_GRID} then ${sqlChar('1 + ifnull(a.tool_id, 0)', 1 + maxId(builder.input.tools))}
      else ${sqlChar('1 + ifnull(cast(substr(a.sub, 2) as integer), 0)', 0x10f7ff)} end`;
  return {
    file,
    setup: [
      'drop table if exists temp.rondo_analysis_item',
      'create temp table rondo_analysis_item (item text primary key, key integer not null, kind integer not null, base integer not null) without rowid',
    ],
    insert: 'insert into temp.rondo_analysis_item (item, key, kind, base) values (?, ?, ?, ?)',
    rows: keys.map((k) => [k.item, k.key, k.kind, 1 + k.key * 64]),
    sql: `select r.id, group_concat(case when m.key is null then char(1) else ${main} || ${extra} end, '')
      from response r cross join answer a on a.response_id = r.id
      left join temp.rondo_analysis_item m on m.item = a.item
      where r.study_id = ? and r.status = 'submitted' and r.id between ? and ?
      group by r.id`,
    params: [ctx.studyId, from, to],
  };
}

/** Decodes packed answer rows [responseId, packed] into the builder. */
function decode(ctx: LoadContext, rows: Iterable<unknown[]>): void {
  const U = ctx.participants + ctx.anonymous;
  let unknown = 0;
  for (const row of rows) {
    const c = ctx.cellOfResponse.get(row[0] as number);
    if (c === undefined) continue;
    const r = Math.floor(c / U);
    unknown += decodeCells(row[1] as string, ctx.lookup, ctx.builder, r, c - r * U).unknown;
  }
  if (unknown) ctx.builder.note('unknown-answer-cells', unknown);
}
