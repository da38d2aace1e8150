import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';

/**
 * The audit trail: who did what, when (UTC), from which session. Append-only (triggers
 * refuse UPDATE and DELETE) and hash-chained: each row carries the SHA-256 of the previous
 * row's hash and its own content, so a changed or removed row shows in `verifyAuditChain`.
 * Never write tokens, passwords or answers into `details`.
 */
export interface AuditEntry {
  /** "user:<id>", "system", "cli", or "respondent" */
  actor: string;
  studyId?: number | null;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
  session?: string;
  at?: Date;
}

export const GENESIS_HASH = '0'.repeat(64);

function rowHash(
  prev: string,
  row: { at: string; actor: string; study_id: number | null; action: string; target: string; details: string; session: string },
): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([prev, row.at, row.actor, row.study_id, row.action, row.target, row.details, row.session]))
    .digest('hex');
}

/** Appends one entry. Call it inside the write transaction of the change it records. */
export async function audit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prev = last?.hash ?? GENESIS_HASH;
  const row = {
    at: (entry.at ?? new Date()).toISOString(),
    actor: entry.actor,
    study_id: entry.studyId ?? null,
    action: entry.action,
    target: entry.target ?? '',
    details: JSON.stringify(entry.details ?? {}),
    session: entry.session ?? '',
  };
  await db
    .insertInto('audit_log')
    .values({ ...row, prev_hash: prev, hash: rowHash(prev, row) })
    .execute();
}

export interface ChainCheck {
  ok: boolean;
  rows: number;
  /** The first row whose hash or link does not match, if any. */
  brokenAt: number | null;
  reason: string | null;
}

/** Recomputes the chain from the first row; reports the first row that does not fit. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainCheck> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  let prev = GENESIS_HASH;
  for (const r of rows) {
    if (r.prev_hash !== prev)
      return {
        ok: false,
        rows: rows.length,
        brokenAt: r.id,
        reason: `row ${r.id} does not link to the row before it (a row was removed or changed)`,
      };
    if (rowHash(prev, r) !== r.hash)
      return { ok: false, rows: rows.length, brokenAt: r.id, reason: `row ${r.id} was changed after it was written` };
    prev = r.hash;
  }
  return { ok: true, rows: rows.length, brokenAt: null, reason: null };
}
