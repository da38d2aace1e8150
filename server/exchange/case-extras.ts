import type { Database as SQLiteDatabase } from 'better-sqlite3';
import { groupOf, type GroupReach } from '../../model/index.js';
import type { ExchangeStudy } from './study-data.js';

/** The respondent-group column's name in every response export (model/cohort-attributes.ts reserves it). */
export const GROUP_COLUMN = 'group';

/**
 * The case columns a study adds to its exports after the built-in ones: `group` (the respondent
 * group's key) when the study defines respondent groups, then its cohort attributes (their keys).
 * A study without groups has no `group` column: its one implicit group would say nothing, and the
 * exports of such a study (the 1000 Kansen demo among them) stay as they were.
 */
export function caseExtraColumns(study: ExchangeStudy): string[] {
  return [...(hasGroupColumn(study) ? [GROUP_COLUMN] : []), ...(study.definition.cohortAttributes ?? []).map((a) => a.key)];
}

/** Whether the exports carry a `group` column: the study defines its own respondent groups. */
export const hasGroupColumn = (study: ExchangeStudy): boolean => !!study.definition.groups?.length;

/**
 * The group and cohort-attribute values of the respondents of one export, in caseExtraColumns'
 * order. A participant's group is theirs (participant.group_key); an anonymous response's group
 * is the one of the link it came through (response.group_key); a stored key the study no longer
 * has falls back as the analysis does (groupOf). Attribute values are read once (a few short
 * strings per participant); an anonymous response has none.
 */
export class CaseExtras {
  readonly columns: string[];
  readonly hasGroup: boolean;
  private readonly groupKeys = new Map<string, string>();
  private readonly values = new Map<number, string[]>();
  private readonly none: string[];

  constructor(
    sqlite: SQLiteDatabase,
    private readonly study: ExchangeStudy,
  ) {
    this.columns = caseExtraColumns(study);
    this.hasGroup = hasGroupColumn(study);
    const keys = (study.definition.cohortAttributes ?? []).map((a) => a.key);
    this.none = keys.map(() => '');
    if (!keys.length) return;
    for (const [id, key, value] of sqlite
      .prepare(
        `select a.participant_id, a.key, a.value from participant_attribute a
         join participant p on p.id = a.participant_id where p.study_id = ?`,
      )
      .raw()
      .iterate(study.id) as IterableIterator<[number, string, string]>) {
      const at = keys.indexOf(key);
      if (at < 0) continue;
      let row = this.values.get(id);
      if (!row) this.values.set(id, (row = keys.map(() => '')));
      row[at] = value;
    }
  }

  /** The effective group key of a respondent ('' when the study has no group column). */
  group(stored: string | null, via: GroupReach): string {
    if (!this.hasGroup) return '';
    const memo = `${via}\u0000${stored ?? ''}`;
    let key = this.groupKeys.get(memo);
    if (key === undefined) this.groupKeys.set(memo, (key = groupOf(this.study.definition, stored, via).key));
    return key;
  }

  /** A participant's attribute values in the study's order (every one '' for an anonymous response). */
  attributes(participantId: number | null): string[] {
    return participantId === null ? this.none : (this.values.get(participantId) ?? this.none);
  }

  /** The extra cells of a respondent, in column order: the group (if any), then the attributes. */
  cells(group: string, attributes: readonly string[]): string[] {
    return this.hasGroup ? [group, ...attributes] : [...attributes];
  }
}
