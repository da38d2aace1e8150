import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CohortParticipant } from '../../model/api/cohort.js';
import type { Database } from '../db/schema.js';
import type {} from '../setup/schema.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { EMAIL_PATTERN } from '../users.js';
import { decodeCsv, type EncodingChoice } from './decode.js';
import { readSheetIfXlsx, sheetAsCsv } from '../exchange/xlsx/import-input.js';
import {
  looksLikeFormula,
  parseCohort,
  shownPreview,
  type CohortContext,
  type CohortPreview,
  type ColumnMapping,
  type DelimiterChoice,
} from './parse-cohort.js';
import { attributeValues, attributesOf, checkParticipantValues, replaceCohortAttributes, writeParticipantValues } from './attributes.js';
import { getStudyDefinition } from '../studies/repository.js';
import type { CohortAttribute } from '../../model/cohort-attributes.js';

/**
 * The cohort of a study: participants under pseudonymous keys, their contact details in a
 * separate table (so they can be erased without touching answers), and who left from which
 * round (they leave the response-rate denominator from that round on).
 */
/** A participant as the cohort list shows them (model/api/cohort.ts). */
export type ParticipantView = CohortParticipant;

interface Meta {
  actor: string;
  session?: string;
  now?: Date;
}

const KEY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A pseudonymous key like "P-7K3M9Q": random, so it says nothing about the person. */
export function newParticipantKey(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += KEY_ALPHABET[crypto.randomInt(KEY_ALPHABET.length)];
  return `P-${s}`;
}

export async function cohortContext(db: Kysely<Database>, studyId: number, acceptRoles: string[] = []): Promise<CohortContext> {
  const contacts = await db
    .selectFrom('participant')
    .innerJoin('participant_contact', 'participant_contact.participant_id', 'participant.id')
    .select(['participant.key', 'participant_contact.email'])
    .where('participant.study_id', '=', studyId)
    .execute();
  const roles = await db
    .selectFrom('participant')
    .select('role')
    .distinct()
    .where('study_id', '=', studyId)
    .where('role', '!=', '')
    .execute();
  const keys = await db.selectFrom('participant').select('key').where('study_id', '=', studyId).execute();
  return {
    existing: new Map(contacts.map((c) => [c.email.toLowerCase(), c.key])),
    roles: roles.map((r) => r.role),
    acceptRoles,
    keys: new Set(keys.map((k) => k.key)),
  };
}

export interface ImportOptions {
  encoding: EncodingChoice;
  delimiter: DelimiterChoice;
  mapping?: ColumnMapping;
  acceptRoles?: string[];
  /** For an .xlsx: the sheet to read (default the first). */
  sheet?: string;
  /** Which column holds each cohort attribute (absent: guessed from the headers). */
  attributeColumns?: Record<string, number>;
  /** Attributes to create with the import, for the file's extra columns. */
  createAttributes?: CohortAttribute[];
}

export type PreviewResult =
  | { ok: true; encoding: string; sheets?: string[]; preview: CohortPreview }
  | { ok: false; code: string; message: string };

export async function previewImport(db: Kysely<Database>, studyId: number, bytes: Buffer, options: ImportOptions): Promise<PreviewResult> {
  // An .xlsx is read as its chosen sheet, turned into comma-separated text (server/exchange/xlsx).
  const sheet = readSheetIfXlsx(bytes, options.sheet);
  if (sheet && !sheet.ok)
    return { ok: false, code: sheet.error.code === 'BROKEN' ? 'binary' : `xlsx-${sheet.error.code.toLowerCase()}`, message: sheet.message };
  const decoded = sheet ? { ok: true as const, text: sheetAsCsv(sheet.table), encoding: 'xlsx' } : decodeCsv(bytes, options.encoding);
  if (!decoded.ok) return { ok: false, code: decoded.code, message: decoded.message };
  const ctx = await cohortContext(db, studyId, options.acceptRoles);
  const study = await getStudyDefinition(db, studyId);
  ctx.attributes = [...attributesOf(study), ...(options.createAttributes ?? [])];
  ctx.groups = study.groups ?? [];
  return {
    ok: true,
    encoding: decoded.encoding,
    ...(sheet ? { sheets: sheet.table.sheets } : {}),
    preview: parseCohort(decoded.text, ctx, {
      delimiter: sheet ? ',' : options.delimiter,
      mapping: options.mapping,
      attributeColumns: options.attributeColumns,
    }),
  };
}

/**
 * Writes the rows of a previewed file, all in one transaction, or nothing: any problem left
 * (unless the researcher chose to skip the rows with problems) refuses the whole import.
 */
export async function commitImport(
  db: Kysely<Database>,
  studyId: number,
  bytes: Buffer,
  options: ImportOptions & { skipInvalid: boolean; fileName?: string },
  meta: Meta,
): Promise<{ added: number; skipped: number }> {
  const now = (meta.now ?? new Date()).toISOString();
  return writeTx(db, async (trx) => {
    // New attributes first, checked with the study's own (a bad one refuses the whole import).
    if (options.createAttributes?.length) {
      const existing = attributesOf(await getStudyDefinition(trx, studyId));
      await replaceCohortAttributes(trx, studyId, [...existing, ...options.createAttributes], meta);
    }
    const createdNone = { ...options, createAttributes: undefined };
    // Parsed again inside the transaction: the cohort may have changed since the preview.
    const result = await previewImport(trx, studyId, bytes, createdNone);
    if (!result.ok) throw new ApiError('VALIDATION', result.message, { code: result.code });
    const { preview } = result;
    if (preview.fileProblems.length)
      throw new ApiError('VALIDATION', preview.fileProblems[0].message.en, { preview: shownPreview(preview) });
    if (preview.counts.invalid && !options.skipInvalid) {
      throw new ApiError('VALIDATION', `${preview.counts.invalid} rows have problems; nothing was imported.`, {
        preview: shownPreview(preview),
      });
    }
    const rows = preview.rows.filter((r) => r.ok);
    if (!rows.length) throw new ApiError('VALIDATION', 'There are no rows without problems to import.', { preview: shownPreview(preview) });
    const taken = new Set((await trx.selectFrom('participant').select('key').where('study_id', '=', studyId).execute()).map((r) => r.key));
    for (const r of rows) {
      // The researcher's own key when the file has one (checked unique and valid by the preview).
      let key = r.values.key || newParticipantKey();
      while (taken.has(key)) key = newParticipantKey();
      taken.add(key);
      const { id } = await trx
        .insertInto('participant')
        .values({
          study_id: studyId,
          key,
          organisation: r.values.organisation,
          role: r.role,
          team: r.values.team,
          left_from_round_id: null,
          // The group column of the file (the exports' `group`): none, the study's default group.
          group_key: r.group || null,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('participant_contact')
        .values({ participant_id: id, name: r.values.name, email: r.values.email.toLowerCase() })
        .execute();
      await writeParticipantValues(trx, id, r.attributes);
    }
    await audit(trx, {
      actor: meta.actor,
      session: meta.session,
      studyId,
      action: 'cohort.import',
      at: meta.now,
      details: {
        added: rows.length,
        skipped: preview.rows.length - rows.length,
        file: safeFileName(options.fileName),
        ...(Object.keys(preview.attributeColumns).length ? { attributes: Object.keys(preview.attributeColumns) } : {}),
      },
    });
    return { added: rows.length, skipped: preview.rows.length - rows.length };
  });
}

/** The client's file name, only for the audit log: the last path part, printable, short. */
export function safeFileName(name: string | undefined): string {
  if (!name) return '';
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f<>"]/g, '').slice(0, 100);
}

export async function listParticipants(db: Kysely<Database>, studyId: number): Promise<ParticipantView[]> {
  const rows = await db
    .selectFrom('participant')
    .leftJoin('participant_contact', 'participant_contact.participant_id', 'participant.id')
    .leftJoin('round', 'round.id', 'participant.left_from_round_id')
    .select([
      'participant.id',
      'participant.key',
      'participant.organisation',
      'participant.role',
      'participant.team',
      'participant.created_at',
      'participant.left_note',
      'participant_contact.name',
      'participant_contact.email',
      'round.key as left_round',
    ])
    .where('participant.study_id', '=', studyId)
    .orderBy('participant.id')
    .execute();
  const inv = await db
    .selectFrom('invitation')
    .innerJoin('participant', 'participant.id', 'invitation.participant_id')
    .select(['invitation.participant_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('participant.study_id', '=', studyId)
    .groupBy('invitation.participant_id')
    .execute();
  const resp = await db
    .selectFrom('response')
    .select(['participant_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('study_id', '=', studyId)
    .where('participant_id', 'is not', null)
    .groupBy('participant_id')
    .execute();
  const attributes = await attributeValues(db, studyId);
  return rows.map((r) => ({
    key: r.key,
    name: r.name ?? '',
    email: r.email ?? '',
    organisation: r.organisation,
    role: r.role,
    team: r.team,
    leftFromRound: r.left_round ?? null,
    leftNote: r.left_note,
    createdAt: r.created_at,
    invitations: Number(inv.find((i) => i.participant_id === r.id)?.n ?? 0),
    responses: Number(resp.find((i) => i.participant_id === r.id)?.n ?? 0),
    attributes: { ...attributes.get(r.id) },
  }));
}

export interface ParticipantInput {
  name: string;
  email: string;
  organisation: string;
  role: string;
  team: string;
  /** Values of the study's cohort attributes (key → value; '' removes one). */
  attributes?: Record<string, string>;
}

function checkInput(input: ParticipantInput): ParticipantInput {
  const clean = {
    name: input.name.trim(),
    email: input.email.trim().toLowerCase(),
    organisation: input.organisation.trim(),
    role: input.role.trim(),
    team: input.team.trim(),
  };
  if (!clean.email) throw new ApiError('VALIDATION', 'E-mail address is missing.', { field: 'email', reason: 'missing-email' });
  if (!EMAIL_PATTERN.test(clean.email))
    throw new ApiError('VALIDATION', `"${input.email}" is not a valid e-mail address.`, { field: 'email', reason: 'invalid-email' });
  for (const [field, v] of Object.entries(clean)) {
    if (v && looksLikeFormula(v))
      throw new ApiError('VALIDATION', `${field} looks like a spreadsheet formula.`, { field, reason: 'formula' });
  }
  return clean;
}

async function findParticipant(trx: Kysely<Database>, studyId: number, key: string) {
  const row = await trx
    .selectFrom('participant')
    .select(['id', 'key'])
    .where('study_id', '=', studyId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', 'There is no such participant.');
  return row;
}

async function emailTaken(trx: Kysely<Database>, studyId: number, email: string, exceptId?: number): Promise<string | null> {
  let q = trx
    .selectFrom('participant_contact')
    .innerJoin('participant', 'participant.id', 'participant_contact.participant_id')
    .select('participant.key')
    .where('participant.study_id', '=', studyId)
    .where('participant_contact.email', '=', email);
  if (exceptId !== undefined) q = q.where('participant.id', '!=', exceptId);
  return (await q.executeTakeFirst())?.key ?? null;
}

export async function addParticipant(db: Kysely<Database>, studyId: number, raw: ParticipantInput, meta: Meta): Promise<{ key: string }> {
  const input = checkInput(raw);
  return writeTx(db, async (trx) => {
    const values = checkParticipantValues(attributesOf(await getStudyDefinition(trx, studyId)), raw.attributes ?? {});
    const other = await emailTaken(trx, studyId, input.email);
    if (other)
      throw new ApiError('CONFLICT', `This e-mail address is already in the cohort (${other}).`, {
        field: 'email',
        reason: 'already-in-cohort',
      });
    const taken = new Set((await trx.selectFrom('participant').select('key').where('study_id', '=', studyId).execute()).map((r) => r.key));
    let key = newParticipantKey();
    while (taken.has(key)) key = newParticipantKey();
    const { id } = await trx
      .insertInto('participant')
      .values({
        study_id: studyId,
        key,
        organisation: input.organisation,
        role: input.role,
        team: input.team,
        left_from_round_id: null,
        created_at: (meta.now ?? new Date()).toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('participant_contact').values({ participant_id: id, name: input.name, email: input.email }).execute();
    await writeParticipantValues(trx, id, values);
    await audit(trx, { actor: meta.actor, session: meta.session, studyId, action: 'participant.add', target: `participant:${key}` });
    return { key };
  });
}

export async function updateParticipant(
  db: Kysely<Database>,
  studyId: number,
  key: string,
  raw: ParticipantInput,
  meta: Meta,
): Promise<void> {
  const input = checkInput(raw);
  await writeTx(db, async (trx) => {
    const p = await findParticipant(trx, studyId, key);
    const values = checkParticipantValues(attributesOf(await getStudyDefinition(trx, studyId)), raw.attributes ?? {});
    const other = await emailTaken(trx, studyId, input.email, p.id);
    if (other)
      throw new ApiError('CONFLICT', `This e-mail address is already in the cohort (${other}).`, {
        field: 'email',
        reason: 'already-in-cohort',
      });
    await trx
      .updateTable('participant')
      .set({ organisation: input.organisation, role: input.role, team: input.team })
      .where('id', '=', p.id)
      .execute();
    const contact = await trx
      .selectFrom('participant_contact')
      .select('participant_id')
      .where('participant_id', '=', p.id)
      .executeTakeFirst();
    if (contact)
      await trx
        .updateTable('participant_contact')
        .set({ name: input.name, email: input.email })
        .where('participant_id', '=', p.id)
        .execute();
    else await trx.insertInto('participant_contact').values({ participant_id: p.id, name: input.name, email: input.email }).execute();
    await writeParticipantValues(trx, p.id, values);
    await audit(trx, { actor: meta.actor, session: meta.session, studyId, action: 'participant.update', target: `participant:${key}` });
  });
}

/** Removes a participant who has not answered; someone who has answered can only leave. */
export async function removeParticipant(db: Kysely<Database>, studyId: number, key: string, meta: Meta): Promise<void> {
  await writeTx(db, async (trx) => {
    const p = await findParticipant(trx, studyId, key);
    const answered = await trx.selectFrom('response').select('id').where('participant_id', '=', p.id).limit(1).executeTakeFirst();
    if (answered) {
      throw new ApiError('CONFLICT', 'This participant has responses and cannot be removed; mark them as having left instead.', {
        reason: 'has-responses',
      });
    }
    await trx.deleteFrom('participant').where('id', '=', p.id).execute();
    await audit(trx, { actor: meta.actor, session: meta.session, studyId, action: 'participant.remove', target: `participant:${key}` });
  });
}

/** Marks a participant as having left from a round on (null: back in the cohort). */
export async function setLeft(
  db: Kysely<Database>,
  studyId: number,
  key: string,
  roundKey: string | null,
  note: string,
  meta: Meta,
): Promise<void> {
  await writeTx(db, async (trx) => {
    const p = await findParticipant(trx, studyId, key);
    let roundId: number | null = null;
    if (roundKey !== null) {
      const round = await trx
        .selectFrom('round')
        .select('id')
        .where('study_id', '=', studyId)
        .where('key', '=', roundKey)
        .executeTakeFirst();
      if (!round) throw new ApiError('VALIDATION', `There is no round "${roundKey}".`, { field: 'round' });
      roundId = round.id;
    }
    await trx
      .updateTable('participant')
      .set({ left_from_round_id: roundId, left_note: roundKey === null ? '' : note.trim().slice(0, 500) })
      .where('id', '=', p.id)
      .execute();
    await audit(trx, {
      actor: meta.actor,
      session: meta.session,
      studyId,
      action: roundKey === null ? 'participant.rejoin' : 'participant.left',
      target: `participant:${key}`,
      details: { round: roundKey },
    });
  });
}
