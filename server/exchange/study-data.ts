import type { Database as SQLiteDatabase } from 'better-sqlite3';
import type { LocalText, Questionnaire, Study } from '../../model/index.js';
import { parseQuestionnaireDefinition, readStudyBySlug } from '../studies/repository.js';

/**
 * The parts of a study every export and import needs, read once. Bulk reads go through the
 * raw better-sqlite3 connection (server/db/open.ts says why): an export of 1.8 million answer
 * cells through kysely's row objects would be several times slower.
 */
export interface ExchangeStudy {
  id: number;
  slug: string;
  definition: Study;
  questionnaire: Questionnaire;
  questionnaireVersion: number;
  questionnaireVersionId: number;
  rounds: ExchangeRound[];
  partners: Catalogued[];
  tools: Catalogued[];
}

export interface ExchangeRound {
  id: number;
  key: string;
  position: number;
  label: LocalText;
}

/** A chain partner or tool; `number` is its 1-based place in the catalogue, used in variable names. */
export interface Catalogued {
  id: number;
  number: number;
  name: string;
}

export class StudyNotFound extends Error {
  constructor(readonly slug: string) {
    super(`no study "${slug}"`);
    this.name = 'StudyNotFound';
  }
}

export function loadExchangeStudy(sqlite: SQLiteDatabase, slug: string): ExchangeStudy {
  const study = readStudyBySlug(sqlite, slug);
  if (!study) throw new StudyNotFound(slug);
  const q = sqlite
    .prepare('select id, version, definition from questionnaire_version where study_id = ? order by version desc limit 1')
    .get(study.id) as { id: number; version: number; definition: string } | undefined;
  if (!q) throw new Error(`study "${slug}" has no questionnaire`);
  const rounds = (
    sqlite.prepare('select id, key, position, label_nl, label_en from round where study_id = ? order by position, id').all(study.id) as {
      id: number;
      key: string;
      position: number;
      label_nl: string;
      label_en: string;
    }[]
  ).map((r) => ({ id: r.id, key: r.key, position: r.position, label: { nl: r.label_nl, en: r.label_en } }));
  const catalogue = (table: 'partner' | 'tool') =>
    (
      sqlite.prepare(`select id, name from ${table} where study_id = ? order by position, id`).all(study.id) as {
        id: number;
        name: string;
      }[]
    ).map((r, i) => ({ id: r.id, number: i + 1, name: r.name }));
  return {
    id: study.id,
    slug: study.slug,
    definition: study.definition,
    questionnaire: parseQuestionnaireDefinition(q.definition, `questionnaire version ${q.version} of study "${slug}"`),
    questionnaireVersion: q.version,
    questionnaireVersionId: q.id,
    rounds,
    partners: catalogue('partner'),
    tools: catalogue('tool'),
  };
}
