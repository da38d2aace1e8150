import type { AnalysisInput } from './input.js';
import type { Audience, SelectionInfo } from './result.js';

/** What to analyse and for whom. Every field is optional; the defaults analyse everything. */
export interface AnalysisOptions {
  /** Round keys to analyse (study order is kept); default all rounds. Unknown keys are ignored. */
  rounds?: readonly string[];
  /** Only participants of these organisations (exact names). */
  organisations?: readonly string[];
  /** Only participants with these roles (exact names). */
  roles?: readonly string[];
  /** Only respondents of these respondent groups (keys; model/respondent-groups.ts). */
  groups?: readonly string[];
  /** attrs: only participants whose cohort attribute (key) holds one of these values; several keys: all must match. */
  attributes?: Readonly<Record<string, readonly string[]>>;
  /** Only participants who submitted in every selected round ("matched panel"). */
  matched?: boolean;
  /** 'full' (researchers, default) or 'aggregate' (trainers: suppression applied). */
  audience?: Audience;
}

/** The resolved selection: round indices and the units in scope. */
export interface Selection {
  /** Indices into input.rounds, in study order. */
  rounds: number[];
  /** Unit indices in scope, ascending. */
  units: Int32Array;
  /** 1 for a unit in scope. */
  inScope: Uint8Array;
  info: SelectionInfo;
}

/**
 * Resolves options into a selection. Anonymous responses have no organisation, role or
 * panel membership, so any of those filters leaves them out.
 */
export function select(input: AnalysisInput, options: AnalysisOptions = {}): Selection {
  const wanted = options.rounds && options.rounds.length ? new Set(options.rounds) : null;
  const rounds = input.rounds.map((_, i) => i).filter((i) => !wanted || wanted.has(input.rounds[i].key));
  const { units } = input;
  const orgFilter = options.organisations?.length ? new Set(options.organisations) : null;
  const roleFilter = options.roles?.length ? new Set(options.roles) : null;
  const orgOk = new Uint8Array(units.organisations.length);
  units.organisations.forEach((o, i) => (orgOk[i] = !orgFilter || orgFilter.has(o) ? 1 : 0));
  const roleOk = new Uint8Array(units.roles.length);
  units.roles.forEach((o, i) => (roleOk[i] = !roleFilter || roleFilter.has(o) ? 1 : 0));
  const matched = options.matched === true;
  // A group filter keeps anonymous respondents of the group, but is a subgroup for disclosure.
  const groupFilter = options.groups?.length ? new Set(options.groups) : null;
  const groupOk = input.groups.list.map((g) => !groupFilter || groupFilter.has(g.key));
  // attrs: per filtered attribute, 1 for each of its values that is wanted (an unknown key or value selects nobody).
  const attributeFilters = Object.entries(options.attributes ?? {})
    .filter(([, wanted]) => wanted.length > 0)
    .map(([key, wanted]) => {
      const attribute = units.attributes.find((a) => a.key === key);
      const ok = new Uint8Array(attribute?.values.length ?? 0);
      attribute?.values.forEach((v, i) => (ok[i] = wanted.includes(v) ? 1 : 0));
      return { index: attribute?.index ?? null, ok };
    });
  const filtered = orgFilter !== null || roleFilter !== null || matched || attributeFilters.length > 0;

  const U = units.count;
  const inScope = new Uint8Array(U);
  let count = 0;
  for (let u = 0; u < U; u++) {
    if (!groupOk[input.groups.unit[u]]) continue;
    if (u >= units.participants) {
      if (filtered) continue;
    } else {
      const o = units.organisation[u];
      const r = units.role[u];
      if (orgFilter && (o < 0 || !orgOk[o])) continue;
      if (roleFilter && (r < 0 || !roleOk[r])) continue;
      if (attributeFilters.some((f) => !f.index || f.index[u] < 0 || !f.ok[f.index[u]])) continue;
    }
    if (matched) {
      let all = rounds.length > 0;
      for (const r of rounds) if (!input.status.submitted[r * U + u]) all = false;
      if (!all) continue;
    }
    inScope[u] = 1;
    count++;
  }
  const list = new Int32Array(count);
  for (let u = 0, k = 0; u < U; u++) if (inScope[u]) list[k++] = u;
  const keys = rounds.map((r) => input.rounds[r].key);
  // The primary contrast is first → last selected round with a response in scope: a round that
  // nobody has answered yet (not yet held, or just opened) cannot be compared, and comparing with
  // it would hide the change that did happen between the rounds that were held.
  const answered = rounds.filter((r) => list.some((u) => input.status.submitted[r * U + u] === 1));
  const primary =
    answered.length >= 2 ? { from: input.rounds[answered[0]].key, to: input.rounds[answered[answered.length - 1]].key } : null;
  return {
    rounds,
    units: list,
    inScope,
    info: {
      rounds: keys,
      organisations: orgFilter ? [...orgFilter] : null,
      roles: roleFilter ? [...roleFilter] : null,
      ...(attributeFilters.length
        ? {
            attributes: Object.fromEntries(
              Object.entries(options.attributes!)
                .filter(([, w]) => w.length > 0)
                .map(([k, w]) => [k, [...w]]),
            ),
          }
        : {}),
      matched,
      units: count,
      primary,
      groups: groupFilter ? [...groupFilter] : null,
      subgroup: filtered || groupFilter !== null,
    },
  };
}
