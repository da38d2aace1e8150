import type SQLite from 'better-sqlite3';

/**
 * The prepared statements the generated monitor fixtures write their fieldwork with, straight into SQLite:
 * an invitation (participant, round, token hash, created, sent, submitted), a submitted non-anonymous
 * response from source 'test' (study, round, participant, invitation, questionnaire version, started,
 * updated, submitted), an answer code (response, item, sub, code) and an answer code about a partner
 * or a tool (response, item, sub, partner id, tool id, code).
 */
export function submittedStatements(s: SQLite.Database) {
  return {
    insI: s.prepare(
      'insert into invitation (participant_id, round_id, token_hash, created_at, sent_at, submitted_at) values (?, ?, ?, ?, ?, ?)',
    ),
    insR: s.prepare(
      'insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, anonymous, source, ' +
        "started_at, updated_at, submitted_at) values (?, ?, ?, ?, ?, 'submitted', 0, 'test', ?, ?, ?)",
    ),
    insA: s.prepare(
      'insert into answer (response_id, item, sub, partner_id, tool_id, code, missing, text) values (?, ?, ?, null, null, ?, null, null)',
    ),
    insRefA: s.prepare(
      'insert into answer (response_id, item, sub, partner_id, tool_id, code, missing, text) values (?, ?, ?, ?, ?, ?, null, null)',
    ),
  };
}
