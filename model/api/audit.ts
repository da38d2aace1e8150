import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';

/**
 * The audit trail API (server/routes/audit.ts): a study's log for its researchers, the
 * instance-level entries (logins, accounts) for administrators, and the study's log as CSV.
 * Each schema and its derived type share one name; the browser imports the types only.
 */

export const AuditQuery = Type.Object(
  {
    /** Entries with a smaller id (paging backwards from the newest). */
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
    /** Entries per page: 1 to 500, 100 when not given. */
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
    /** Only actions starting with this, e.g. "privacy." */
    action: Type.Optional(Type.String({ pattern: '^[a-z0-9._-]{1,60}$' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

/** One audit row as researchers see it: the actor resolved to the staff account's address. */
export const AuditEntry = Type.Object(
  {
    id: Type.Integer(),
    at: Type.String(),
    actor: Type.String(),
    /** The staff account's e-mail address for "user:<id>" actors, else null. */
    actorEmail: Nullable(Type.String()),
    action: Type.String(),
    target: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
    session: Type.String(),
    hash: Type.String(),
  },
  { additionalProperties: false },
);
export type AuditEntry = Static<typeof AuditEntry>;

/** A page of the audit log, newest first; `next` is the `before` of the next page. */
export const AuditPageResponse = Type.Object(
  { entries: Type.Array(AuditEntry), next: Nullable(Type.Integer()) },
  { additionalProperties: false },
);
export type AuditPageResponse = Static<typeof AuditPageResponse>;
