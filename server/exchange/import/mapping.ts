import { Value } from '@sinclair/typebox/value';
import { ImportMappingSchema, type ImportMapping } from '../../../model/api/exchange.js';
import type { ProblemList } from './problems.js';

export { VALUE_TARGETS, type ValueTarget } from '../../../model/values.js';
export { ImportMappingSchema, ColumnMappingSchema, type ColumnMapping, type ImportMapping } from '../../../model/api/exchange.js';

/** Checks a mapping's shape; problems go to the list, the mapping comes back only when sound. */
export function checkMapping(input: unknown, problems: ProblemList): ImportMapping | null {
  if (!Value.Check(ImportMappingSchema, input)) {
    let n = 0;
    for (const e of Value.Errors(ImportMappingSchema, input)) {
      if (n++ >= 20) break;
      problems.error('MAPPING_SCHEMA', `mapping${e.path || ''}: ${e.message}`);
    }
    return null;
  }
  const m = input as ImportMapping;
  if (m.participants.identify !== 'anonymous' && !m.participants.column) {
    problems.error(
      'MAPPING_SCHEMA',
      `mapping/participants/column: name the column that holds the participant's ${m.participants.identify === 'key' ? 'key' : 'e-mail address'}`,
    );
    return null;
  }
  return m;
}

/** Own entries of a JSON object, safe for keys such as "__proto__" (JSON.parse makes them own properties). */
export function entries<T>(record: Record<string, T> | undefined): Array<[string, T]> {
  if (!record) return [];
  return Object.keys(record).map((k) => [k, Object.getOwnPropertyDescriptor(record, k)!.value as T]);
}
