import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../model/api/audit.js';
import type { Database } from '../db/schema.js';
import { csvLine } from '../csv-cell.js';

export interface AuditQuery {
  /** null: instance-level entries (logins, accounts) for admins; a number: one study's entries. */
  studyId: number | null;
  /** Entries with a smaller id (paging backwards from the newest). */
  before?: number;
  limit: number;
  /** Only actions starting with this, e.g. "privacy." */
  action?: string;
}

/** A page of the audit log, newest first. */
export async function listAudit(db: Kysely<Database>, q: AuditQuery): Promise<{ entries: AuditEntry[]; next: number | null }> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  query = q.studyId === null ? query.where('study_id', 'is', null) : query.where('study_id', '=', q.studyId);
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  // A prefix match without LIKE, so % and _ in the filter are plain characters.
  if (q.action) query = query.where('action', '>=', q.action).where('action', '<', `${q.action}\u{10FFFF}`);
  return actorPage(db, await query.execute(), q.limit, (r, actorEmail) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    actorEmail,
    action: r.action,
    target: r.target,
    details: parseDetails(r.details),
    session: r.session,
    hash: r.hash,
  }));
}

/**
 * A newest-first page of a log from rows fetched one past the limit: the entries, each given its
 * actor's e-mail address, and the id to page on from (null on the last page).
 */
export async function actorPage<R extends { id: number; actor: string }, E>(
  db: Kysely<Database>,
  rows: R[],
  limit: number,
  entry: (row: R, actorEmail: string | null) => E,
): Promise<{ entries: E[]; next: number | null }> {
  const page = rows.slice(0, limit);
  const emails = await actorEmails(
    db,
    page.map((r) => r.actor),
  );
  return {
    entries: page.map((r) => entry(r, emails.get(r.actor) ?? null)),
    next: rows.length > limit ? page[page.length - 1].id : null,
  };
}

/** The whole audit log of a study as CSV, oldest first, with the hash chain columns. */
export async function* auditCsv(db: Kysely<Database>, studyId: number): AsyncGenerator<string> {
  yield csvLine(['id', 'at', 'actor', 'actor_email', 'action', 'target', 'details', 'session', 'prev_hash', 'hash']);
  const batches = inIdOrder((after) =>
    db.selectFrom('audit_log').selectAll().where('study_id', '=', studyId).where('id', '>', after).orderBy('id').limit(1000).execute(),
  );
  for await (const rows of batches) {
    const emails = await actorEmails(
      db,
      rows.map((r) => r.actor),
    );
    yield rows
      .map((r) => csvLine([r.id, r.at, r.actor, emails.get(r.actor) ?? '', r.action, r.target, r.details, r.session, r.prev_hash, r.hash]))
      .join('');
  }
}

/**
 * A log's rows in id order, a batch at a time: `batch(after)` fetches the next rows with an id
 * above `after`; an empty batch ends it.
 */
export async function* inIdOrder<R extends { id: number }>(batch: (after: number) => Promise<R[]>): AsyncGenerator<R[]> {
  let after = 0;
  for (;;) {
    const rows = await batch(after);
    if (!rows.length) return;
    yield rows;
    after = rows[rows.length - 1].id;
  }
}

/** Staff e-mail addresses for "user:<id>" actors. */
export async function actorEmails(db: Kysely<Database>, actors: string[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(
      actors
        .map((a) => /^user:(\d+)$/.exec(a)?.[1])
        .filter((x): x is string => !!x)
        .map(Number),
    ),
  ];
  if (!ids.length) return new Map();
  const users = await db.selectFrom('user').select(['id', 'email']).where('id', 'in', ids).execute();
  return new Map(users.map((u) => [`user:${u.id}`, u.email]));
}

function parseDetails(details: string): Record<string, unknown> {
  try {
    const v = JSON.parse(details) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { raw: details };
  }
}
