import type SQLite from 'better-sqlite3';
import type { Item, Questionnaire } from '../model/index.js';
import { AGREEMENT } from '../content/templates/scales.js';

/**
 * Inserts a benchmark study and its rounds with plain prepared statements (fast, no validation):
 * the rows the bulk benchmarks build on. Returns the study's id and the rounds' ids in order.
 */
export function insertStudyRows(
  sqlite: SQLite.Database,
  slug: string,
  rounds: string[],
  now: string,
): { studyId: number; roundIds: number[] } {
  const studyId = Number(
    sqlite.prepare('insert into study (slug, definition, is_demo, created_at) values (?, ?, 0, ?)').run(
      slug,
      JSON.stringify({
        slug,
        title: { nl: 'Benchmark', en: 'Benchmark' },
        description: { nl: 'Benchmark', en: 'Benchmark' },
        organisation: 'Bench',
        languages: ['nl', 'en'],
        defaultLanguage: 'nl',
        colophon: {},
      }),
      now,
    ).lastInsertRowid,
  );
  const roundIds = rounds.map((key, position) =>
    Number(
      sqlite
        .prepare('insert into round (study_id, key, position, label_nl, label_en) values (?, ?, ?, ?, ?)')
        .run(studyId, key, position, key, key).lastInsertRowid,
    ),
  );
  return { studyId, roundIds };
}

/** What every item of a benchmark questionnaire shares. */
export interface BenchItemBase {
  required: boolean;
  rounds: string[];
}

/** n agreement statements: lik_1, lik_2, … */
export function benchLikerts(base: BenchItemBase, n: number): Item[] {
  return numbered(n, (i) => ({
    ...base,
    id: `lik_${i}`,
    type: 'likert',
    measure: 'competence',
    scale: AGREEMENT,
    text: { nl: `Uitspraak ${i}`, en: `Statement ${i}` },
  }));
}

/** n yes/no items with "don't know": yn_1, yn_2, …, labelled with `label` and the number. */
export function benchYesNos(base: BenchItemBase, n: number, label: { nl: string; en: string }): Item[] {
  return numbered(n, (i) => ({
    ...base,
    id: `yn_${i}`,
    type: 'yesno',
    measure: 'competence',
    dontKnow: true,
    text: { nl: `${label.nl} ${i}`, en: `${label.en} ${i}` },
  }));
}

/** n marks from 1 to 10: rate_1, rate_2, … */
export function benchRatings(base: BenchItemBase, n: number): Item[] {
  return numbered(n, (i) => ({
    ...base,
    id: `rate_${i}`,
    type: 'rating',
    measure: 'satisfaction',
    min: 1,
    max: 10,
    text: { nl: `Cijfer ${i}`, en: `Mark ${i}` },
  }));
}

/** The one-section questionnaire of a benchmark. */
export function benchQuestionnaireOf(items: Item[]): Questionnaire {
  return {
    format: 'rondo.questionnaire/1',
    title: { nl: 'Benchmark', en: 'Benchmark' },
    sections: [{ key: 'all', title: { nl: 'Alles', en: 'All' }, items }],
  };
}

const numbered = (n: number, item: (i: number) => Item): Item[] => Array.from({ length: n }, (_, k) => item(k + 1));
