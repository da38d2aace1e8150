import type SQLite from 'better-sqlite3';

/**
 * A fault while a study's participants are being erased (a full disk, an I/O error), simulated on
 * this connection only: a temporary trigger makes every delete of one of the study's participants
 * fail. Returns the function that takes the fault away.
 */
export function failErasingParticipants(sqlite: SQLite.Database, studyId: number): () => void {
  sqlite.exec(
    `create temp trigger erase_fault before delete on main.participant when old.study_id = ${Number(studyId)}
     begin select raise(abort, 'disk I/O error (simulated)'); end`,
  );
  return () => sqlite.exec('drop trigger if exists temp.erase_fault');
}
