import {
  effectiveGroups,
  conditionHolds,
  DEFAULT_STUDY_SETTINGS,
  itemsOf,
  type AnswerCell,
  type Item,
  type Questionnaire,
  type ShowIf,
  type StudySettings,
} from '../../model/index.js';
import {
  CELL,
  type AnalysisInput,
  type InputGroup,
  type InputPartner,
  type InputRound,
  type InputStudy,
  type InputTool,
  type LoadNoteCode,
  type Variable,
} from './input.js';
import { deriveVariables, mergeItems } from './variables.js';

export interface InputSpec {
  study: Omit<InputStudy, 'settings'> & { settings?: Partial<StudySettings> };
  rounds: InputRound[];
  partners: InputPartner[];
  tools: InputTool[];
  /** The questionnaire versions that may be referenced, oldest first. */
  versions: { version: number; questionnaire: Questionnaire }[];
  /** Number of cohort participants. */
  participants: number;
  /** Number of anonymous responses (units without a participant). */
  anonymous?: number;
  /** Respondent groups; default one implicit group that sees everything. Units start in group 0. */
  groups?: InputGroup[];
}

/** A study's respondent groups as the analysis input has them (model/respondent-groups.ts effectiveGroups). */
export function inputGroups(study: Parameters<typeof effectiveGroups>[0]): InputGroup[] {
  return effectiveGroups(study).map((g) => ({
    key: g.key,
    name: g.name,
    personal: g.reach.includes('personal'),
    anonymous: g.reach.includes('anonymous'),
    sections: g.sections,
    implicit: g.implicit,
  }));
}

/** The one group of a study without groups, under rondo's own name. */
export const IMPLICIT_INPUT_GROUP: InputGroup = Object.freeze(inputGroups({})[0]);

const MISSING_STATE = [CELL.ANSWERED, CELL.DONT_KNOW, CELL.NOT_APPLICABLE] as const;

/** Whole codes below this go in `wholeCodes` tables (every scale in practice); others take the slower path. */
const WHOLE_CODES = 4096;

/**
 * Fills an `AnalysisInput` cell by cell with typed arrays underneath: the server's loader
 * streams database rows into it, and tests describe small studies with it. `finish()` then
 * decides, for every submitted response, which unanswered cells were skipped and which were
 * never asked (round definition, questionnaire version, show-if routing).
 */
export class InputBuilder {
  readonly input: AnalysisInput;
  private readonly variableIndex = new Map<string, number>();
  private readonly organisationIndex = new Map<string, number>();
  private readonly roleIndex = new Map<string, number>();
  private readonly versionItems: Set<string>[];
  private readonly notes = new Map<LoadNoteCode, number>();
  private finished = false;

  constructor(spec: InputSpec) {
    const R = spec.rounds.length;
    const U = spec.participants + (spec.anonymous ?? 0);
    const cells = R * U;
    const { items, changed } = mergeItems(spec.versions.map((v) => v.questionnaire));
    const metas = deriveVariables(items, spec.rounds, spec.partners, spec.tools, changed);
    const variables: Variable[] = metas.map((m) => ({ ...m, values: new Float64Array(cells).fill(NaN), state: new Uint8Array(cells) }));
    variables.forEach((v, i) => this.variableIndex.set(`${v.item}\u0000${v.sub}`, i));
    this.versionItems = spec.versions.map((v) => new Set(itemsOf(v.questionnaire).map((i) => i.id)));
    const nan = () => new Float64Array(cells).fill(NaN);
    this.input = {
      study: { ...spec.study, settings: { ...DEFAULT_STUDY_SETTINGS, ...(spec.study.settings ?? {}) } },
      rounds: spec.rounds,
      partners: spec.partners,
      tools: spec.tools,
      items,
      // An indicator names items of its own version: the newest version's list (issue 16, indicators).
      indicators: spec.versions[spec.versions.length - 1]?.questionnaire.indicators ?? [],
      questionnaireVersions: spec.versions.map((v) => ({ version: v.version, rounds: [] })),
      variables,
      units: {
        count: U,
        participants: spec.participants,
        organisation: new Int32Array(U).fill(-1),
        role: new Int32Array(U).fill(-1),
        organisations: [],
        roles: [],
        leftFromRound: new Int32Array(U).fill(-1),
        attributes: [],
      },
      status: {
        invited: new Uint8Array(cells),
        sentAt: nan(),
        openedAt: nan(),
        startedAt: nan(),
        submittedAt: nan(),
        submitted: new Uint8Array(cells),
        draft: new Uint8Array(cells),
        version: new Int32Array(cells).fill(-1),
      },
      groups: {
        list: spec.groups?.length ? spec.groups : [IMPLICIT_INPUT_GROUP],
        unit: new Int32Array(U),
        anonymousDrafts: new Int32Array(R * Math.max(1, spec.groups?.length ?? 0)),
      },
      loadNotes: [],
    };
    // Items by the section they are in (newest version first), for what a group is not asked.
    for (const v of [...spec.versions].reverse())
      for (const s of v.questionnaire.sections) for (const i of s.items) if (!this.sectionOf.has(i.id)) this.sectionOf.set(i.id, s.key);
    this.input.groups.list = this.input.groups.list.map((g) => ({
      ...g,
      items: g.sections ? [...this.sectionOf].filter(([, s]) => g.sections!.includes(s)).map(([id]) => id) : null,
    }));
  }

  private readonly sectionOf = new Map<string, string>();

  /** Puts unit `u` in group `g` (index into the groups). */
  setGroup(u: number, g: number): void {
    this.input.groups.unit[u] = g;
  }

  /** Counts `n` anonymous drafts of group `g` in round `r`. */
  anonymousDraft(r: number, g: number, n = 1): void {
    this.input.groups.anonymousDrafts[r * this.input.groups.list.length + g] += n;
  }

  /** Index of the variable for an answer cell's (item, sub), or −1 when there is none. */
  variable(item: string, sub: string): number {
    return this.variableIndex.get(`${item}\u0000${sub}`) ?? -1;
  }

  setParticipant(u: number, organisation: string, role: string, leftFromRound = -1): void {
    const units = this.input.units;
    units.organisation[u] = indexOf(this.organisationIndex, units.organisations, organisation);
    units.role[u] = indexOf(this.roleIndex, units.roles, role);
    units.leftFromRound[u] = leftFromRound;
  }

  /**
   * attrs: unit u's value of a cohort attribute ('' leaves it without one). Attributes are kept
   * in the order first set, so set them in the study's order.
   */
  setAttribute(u: number, key: string, value: string): void {
    const units = this.input.units;
    let attribute = units.attributes.find((a) => a.key === key);
    if (!attribute) units.attributes.push((attribute = { key, values: [], index: new Int32Array(units.count).fill(-1) }));
    if (!value) return;
    let at = attribute.values.indexOf(value);
    if (at < 0) at = attribute.values.push(value) - 1;
    attribute.index[u] = at;
  }

  /** Records an invitation; timestamps in ms since the epoch (NaN or omitted: did not happen). */
  invite(r: number, u: number, times: { sentAt?: number; openedAt?: number; startedAt?: number } = {}): void {
    const i = r * this.input.units.count + u;
    const s = this.input.status;
    s.invited[i] = 1;
    if (times.sentAt !== undefined) s.sentAt[i] = times.sentAt;
    if (times.openedAt !== undefined) s.openedAt[i] = times.openedAt;
    if (times.startedAt !== undefined) s.startedAt[i] = times.startedAt;
  }

  /**
   * Records a submitted response using questionnaire version index `version`. A second
   * submission for the same cell replaces the first when it is later (noted).
   * Returns false when an earlier-kept submission wins, so the caller skips its answers.
   */
  submit(r: number, u: number, version: number, submittedAt: number, startedAt = NaN): boolean {
    const i = r * this.input.units.count + u;
    const s = this.input.status;
    if (s.submitted[i]) {
      this.note('duplicate-submissions');
      if (!(submittedAt > s.submittedAt[i])) return false;
      for (const v of this.input.variables) {
        v.state[i] = CELL.NO_RESPONSE;
        v.values[i] = NaN;
      }
    }
    s.submitted[i] = 1;
    s.draft[i] = 0;
    s.version[i] = version;
    s.submittedAt[i] = submittedAt;
    if (!(s.startedAt[i] <= submittedAt)) s.startedAt[i] = Number.isNaN(startedAt) ? submittedAt : startedAt;
    return true;
  }

  /** Records a draft (started, not submitted) response. */
  draft(r: number, u: number, startedAt = NaN): void {
    const i = r * this.input.units.count + u;
    const s = this.input.status;
    if (s.submitted[i]) return;
    s.draft[i] = 1;
    if (Number.isNaN(s.startedAt[i])) s.startedAt[i] = startedAt;
  }

  /**
   * Records one answer cell of a submitted response. `missing`: 0 none, 1 don't know,
   * 2 not applicable. A text answer counts as answered (value 1) when it is not empty.
   */
  answer(r: number, u: number, variable: number, code: number | null, missing: 0 | 1 | 2, hasText: boolean): void {
    const v = this.input.variables[variable];
    const i = r * this.input.units.count + u;
    if (missing !== 0) {
      v.state[i] = MISSING_STATE[missing];
    } else if (code !== null && Number.isFinite(code)) {
      if (!this.validCode(variable, code)) {
        // A code outside the item's scale (e.g. from an import) is not a substantive answer.
        this.note('out-of-scale-codes');
        v.state[i] = CELL.SKIPPED;
        return;
      }
      v.state[i] = CELL.ANSWERED;
      v.values[i] = code;
    } else if (hasText) {
      v.state[i] = CELL.ANSWERED;
      v.values[i] = 1;
    } else {
      this.note('empty-answer-cells');
    }
  }

  private readonly validCodes: (Set<number> | null)[] = [];

  private validCode(variable: number, code: number): boolean {
    const set = this.codeSet(variable);
    return set === null || set.has(code);
  }

  /** The codes variable `variable` takes as answers; null: any number (no code list, or an open question). */
  private codeSet(variable: number): Set<number> | null {
    let set = this.validCodes[variable];
    if (set === undefined) {
      const v = this.input.variables[variable];
      set = v.codes && v.kind !== 'text' ? new Set(v.codes.map((c) => c.code)) : null;
      this.validCodes[variable] = set;
    }
    return set;
  }

  /**
   * For loaders that write whole codes straight into the variables' arrays (server/analysis/packed-cells.ts):
   * which whole codes from 0 variable `variable` takes as answers, as a table (1 at index `code`), or null
   * when it takes any number. Such a code may be written as `answer` would (state ANSWERED, the code as its
   * value); any other code — beyond the table, or 0 in it — must go through `answer`, which notes it.
   */
  wholeCodes(variable: number): Uint8Array | null {
    const set = this.codeSet(variable);
    if (set === null) return null;
    const whole = [...set].filter((code) => Number.isInteger(code) && code >= 0 && code < WHOLE_CODES);
    const table = new Uint8Array(whole.length ? Math.max(...whole) + 1 : 0);
    for (const code of whole) table[code] = 1;
    return table;
  }

  note(code: LoadNoteCode, count = 1): void {
    this.notes.set(code, (this.notes.get(code) ?? 0) + count);
  }

  /** Resolves unanswered cells of submitted responses and returns the finished input. */
  finish(): AnalysisInput {
    if (this.finished) return this.input;
    this.finished = true;
    const { input } = this;
    const U = input.units.count;
    const R = input.rounds.length;
    const vars = input.variables;
    const byItem = new Map<string, number[]>();
    vars.forEach((v, i) => byItem.set(v.item, [...(byItem.get(v.item) ?? []), i]));
    const itemById = new Map<string, Item>(input.items.map((i) => [i.id, i]));
    // Variables in the order a respondent meets them, so show-if conditions are resolved first.
    const order = input.items.flatMap((item) => byItem.get(item.id) ?? []);
    const showIf = order.map((k) => itemById.get(vars[k].item)?.showIf);
    // inVersion[version][position in order]
    const inVersion = this.versionItems.map((set) => order.map((k) => set.has(vars[k].item)));
    const multis = input.items.filter((i) => i.type === 'multi').map((i) => byItem.get(i.id) ?? []);
    const versionRounds = input.questionnaireVersions.map(() => new Set<string>());
    // seen[group][position in order]: the group sees the item's section (all of them when null).
    const seen = input.groups.list.map((g) => {
      const sections = g.sections ? new Set(g.sections) : null;
      return order.map((k) => !sections || sections.has(this.sectionOf.get(vars[k].item) ?? ''));
    });

    // The submitted cells; a multiple-choice item with any option answered: the other options were not chosen.
    const submitted: number[] = [];
    for (let r = 0; r < R; r++) {
      for (let u = 0; u < U; u++) {
        const i = r * U + u;
        if (!input.status.submitted[i]) continue;
        submitted.push(i);
        const version = input.status.version[i];
        if (version >= 0) versionRounds[version].add(input.rounds[r].key);
        for (const indices of multis) {
          if (!indices.some((k) => vars[k].state[i] === CELL.ANSWERED)) continue;
          for (const k of indices) {
            if (vars[k].state[i] === CELL.NO_RESPONSE) {
              vars[k].state[i] = CELL.ANSWERED;
              vars[k].values[i] = 0;
            }
          }
        }
      }
    }
    // Then the unanswered cells, variable by variable (each a pass over one array, not a jump between
    // arrays per cell). The order between variables does not change a result: a show-if condition
    // looks only at answers (model/show-if.ts), which this pass does not write.
    for (let o = 0; o < order.length; o++) {
      const v = vars[order[o]];
      const state = v.state;
      for (const i of submitted) {
        if (state[i] !== CELL.NO_RESPONSE) continue;
        const r = Math.floor(i / U);
        const u = i - r * U;
        const versionHas = inVersion[input.status.version[i]];
        const groupSees = seen[input.groups.unit[u]] ?? seen[0];
        const asked = v.inRound[r] && (versionHas === undefined || versionHas[o]) && groupSees[o] && this.routed(showIf[o], byItem, i);
        state[i] = asked ? CELL.SKIPPED : CELL.NOT_ASKED;
      }
    }
    input.questionnaireVersions.forEach((v, k) => (v.rounds = input.rounds.map((r) => r.key).filter((key) => versionRounds[k].has(key))));
    input.loadNotes = [...this.notes].map(([code, count]) => ({ code, count }));
    return input;
  }

  /**
   * Whether a show-if condition let the respondent see the item in cell `i`, by the same rule
   * the respondent form and the server use (model/show-if.ts): the condition item's cells are
   * rebuilt from the columns and handed to `conditionHolds`.
   */
  private routed(cond: ShowIf | undefined, byItem: Map<string, number[]>, i: number): boolean {
    if (!cond) return true;
    const indices = byItem.get(cond.item);
    if (!indices) return true; // refers to an item no version has: do not guess, treat as shown
    const cells: AnswerCell[] = [];
    for (const k of indices) {
      const v = this.input.variables[k];
      const s = v.state[i];
      if (s === CELL.ANSWERED)
        cells.push(v.kind === 'text' ? { item: v.item, sub: v.sub, text: 'x' } : { item: v.item, sub: v.sub, code: v.values[i] });
      else if (s === CELL.DONT_KNOW) cells.push({ item: v.item, sub: v.sub, missing: 'dont_know' });
      else if (s === CELL.NOT_APPLICABLE) cells.push({ item: v.item, sub: v.sub, missing: 'not_applicable' });
    }
    return conditionHolds(cond, cells);
  }
}

function indexOf(map: Map<string, number>, list: string[], value: string): number {
  let i = map.get(value);
  if (i === undefined) {
    i = list.length;
    list.push(value);
    map.set(value, i);
  }
  return i;
}
