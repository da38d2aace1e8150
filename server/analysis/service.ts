import type SQLite from 'better-sqlite3';
import fp from 'fastify-plugin';
import type { AnalysisFilterQuery } from '../../model/api/analysis.js';
import type { StudyRole } from '../../model/values.js';
import type { AnalysisInput } from '../../analysis/study/input.js';
import type { AnalysisOptions } from '../../analysis/study/selection.js';
import type { SplitResult } from '../../analysis/study/split.js';
import type { Audience, StudyAnalysis } from '../../analysis/study/result.js';
import { roleAllows } from '../auth/policy.js';
import { AnalysisInputCache } from './input-cache.js';
import { closeAnalysisWorkers } from './sql-workers.js';

/** Which participants and rounds an analysis covers (what the filters select). */
export interface AnalysisFilters {
  rounds?: string[];
  organisations?: string[];
  roles?: string[];
  /** Respondent group keys. */
  groups?: string[];
  /** attrs: cohort-attribute filters, key → values (`?attribute=domain:jeugd`). */
  attributes?: Record<string, string[]>;
  /** attrs: split the results by this cohort attribute (`?split=domain`). */
  split?: string;
  matched: boolean;
}

export interface AnalysisRequest extends AnalysisFilters {
  audience: Audience;
}

/** A filter named a round the study does not have. */
export class UnknownRoundError extends Error {
  constructor(
    readonly unknown: string[],
    readonly known: string[],
  ) {
    super(`unknown round ${unknown.map((k) => `"${k}"`).join(', ')} (rounds: ${known.join(', ')})`);
    this.name = 'UnknownRoundError';
  }
}

/** A filter named a respondent group the study does not have. */
export class UnknownGroupError extends Error {
  constructor(
    readonly unknown: string[],
    readonly known: string[],
  ) {
    super(`unknown group ${unknown.map((k) => `"${k}"`).join(', ')} (groups: ${known.join(', ')})`);
    this.name = 'UnknownGroupError';
  }
}

/** A filter or split named a cohort attribute the study does not have, or was not `key:value`. */
export class UnknownAttributeError extends Error {
  constructor(
    readonly unknown: string[],
    readonly known: string[],
  ) {
    super(`unknown cohort attribute ${unknown.map((k) => `"${k}"`).join(', ')} (attributes: ${known.join(', ') || 'none'})`);
    this.name = 'UnknownAttributeError';
  }
}

/** The caller may not see what was asked for (subgroups or the full audience without analysis:full). */
export class AnalysisAccessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisAccessError';
  }
}

const list = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/**
 * The one filter syntax (model/api/analysis.ts: repeated `round`, `organisation`, `role`,
 * `attribute=key:value`; `matched`; `split=key`) as filters. An `attribute` without a colon
 * keeps its whole text as the key, so the service names it as unknown.
 */
export function filtersFromQuery(q: AnalysisFilterQuery): AnalysisFilters {
  let attributes: Record<string, string[]> | undefined;
  for (const pair of list(q.attribute) ?? []) {
    const at = pair.indexOf(':');
    const key = at < 0 ? pair : pair.slice(0, at);
    const value = at < 0 ? '' : pair.slice(at + 1);
    attributes ??= {};
    // Own-property record: a key such as `__proto__` stays data (and is unknown to every study).
    if (!Object.hasOwn(attributes, key)) Object.defineProperty(attributes, key, { value: [], enumerable: true, writable: true });
    if (value) attributes[key].push(value);
  }
  return {
    rounds: list(q.round),
    organisations: list(q.organisation),
    roles: list(q.role),
    groups: list(q.group),
    ...(attributes ? { attributes } : {}),
    ...(q.split ? { split: q.split } : {}),
    matched: q.matched === 'true' || q.matched === '1',
  };
}

/**
 * What a member of the study may ask for, decided by the policy table: callers with
 * `analysis:full` get every number with flags (or, when they ask, what trainers see); the others
 * get the aggregate view and may not filter by subgroup (organisation, role).
 *
 * The study's disclosure settings (model/disclosure.ts) never enter this decision: they only
 * narrow what the aggregate view holds (analysis/study/suppression.ts applies their thresholds),
 * and team mode changes how counts are shown, not who gets which audience. Managers and public
 * share links get no analysis at all, only the published factsheet, written under the same
 * thresholds (test/disclosure/small-team.test.ts checks each role).
 */
export function requestFor(role: StudyRole | null, filters: AnalysisFilters, asked?: Audience): AnalysisRequest {
  const full = roleAllows(role, 'analysis:full');
  if (!full && (filters.organisations || filters.roles))
    throw new AnalysisAccessError('Results per organisation or role are for researchers only.');
  if (!full && (filters.attributes || filters.split))
    throw new AnalysisAccessError('Results per cohort attribute (filters and splits) are for researchers only.');
  if (!full && asked === 'full') throw new AnalysisAccessError('The full analysis is for researchers only.');
  return { ...filters, audience: full && asked !== 'aggregate' ? 'full' : 'aggregate' };
}

export interface Analysed {
  input: AnalysisInput;
  analysis: StudyAnalysis;
}

/** How many distinct selections are kept per loaded input. */
const RESULTS_PER_INPUT = 16;

/**
 * The one way into a study's analysis, for the analysis and dashboard routes, the factsheet
 * composer and the CLI: loads the input once (server/analysis/load-input.ts) and keeps it,
 * and keeps the results of the selections asked for on it.
 *
 * The cache is keyed by study, data version and selection. Inputs are kept by
 * AnalysisInputCache while the database has not changed at all (SQLite's `total_changes()` and
 * `PRAGMA data_version`: any write anywhere invalidates — coarse, but never stale); results
 * are kept per loaded input object, so a new input (after any write) starts with no results.
 */
export class AnalysisService {
  private readonly inputs: AnalysisInputCache;
  private readonly results = new WeakMap<AnalysisInput, Map<string, StudyAnalysis>>();
  private analyze: Promise<typeof import('../../analysis/study/analyze.js').analyzeStudy> | null = null;
  private splitter: Promise<typeof import('../../analysis/study/split.js').splitAnalysis> | null = null;
  /** attrs: split results, kept beside the analysis results of the same loaded input. */
  private readonly splits = new WeakMap<Map<string, StudyAnalysis>, Map<string, SplitResult>>();

  constructor(sqlite: SQLite.Database, capacity = 4) {
    this.inputs = new AnalysisInputCache(sqlite, capacity);
  }

  /** The study's loaded input (null: no such study). */
  input(slug: string): Promise<AnalysisInput | null> {
    return this.inputs.get(slug);
  }

  /**
   * The analysis of a study for a selection and audience; null when there is no such study.
   * Throws UnknownRoundError when a filter names a round the study does not have.
   */
  async analyse(slug: string, request: AnalysisRequest): Promise<Analysed | null> {
    // Loaded on first use: the routes and the CLI start without the analysis modules.
    this.analyze ??= import('../../analysis/study/analyze.js').then((m) => m.analyzeStudy);
    const [analyzeStudy, input] = await Promise.all([this.analyze, this.inputs.get(slug)]);
    if (!input) return null;
    const unknown = request.rounds?.filter((k) => !input.rounds.some((r) => r.key === k)) ?? [];
    if (unknown.length)
      throw new UnknownRoundError(
        unknown,
        input.rounds.map((r) => r.key),
      );
    const groupKeys = input.groups.list.map((g) => g.key);
    const unknownGroups = request.groups?.filter((k) => !groupKeys.includes(k)) ?? [];
    if (unknownGroups.length) throw new UnknownGroupError(unknownGroups, groupKeys);
    this.checkAttributes(input, request);
    const options: AnalysisOptions = {
      rounds: request.rounds,
      organisations: request.organisations,
      roles: request.roles,
      groups: request.groups,
      ...(request.attributes ? { attributes: request.attributes } : {}),
      matched: request.matched,
      audience: request.audience,
    };
    const key = JSON.stringify(options);
    let memo = this.results.get(input);
    if (!memo) this.results.set(input, (memo = new Map()));
    let analysis = memo.get(key);
    if (analysis) {
      // Most recently used last.
      memo.delete(key);
    } else {
      analysis = analyzeStudy(input, options);
    }
    memo.set(key, analysis);
    if (memo.size > RESULTS_PER_INPUT) memo.delete(memo.keys().next().value!);
    return { input, analysis };
  }

  /**
   * attrs: the selection's results per value of a cohort attribute (analysis/study/split.ts),
   * with subgroup suppression; `order` is the attribute's list of values, when it has one.
   */
  async split(slug: string, request: AnalysisRequest, key: string, order?: readonly string[]): Promise<SplitResult | null> {
    this.splitter ??= import('../../analysis/study/split.js').then((m) => m.splitAnalysis);
    const [splitAnalysis, input] = await Promise.all([this.splitter, this.inputs.get(slug)]);
    if (!input) return null;
    this.checkAttributes(input, { ...request, split: key });
    const memoKey = JSON.stringify([
      'split',
      key,
      request.rounds,
      request.organisations,
      request.roles,
      request.attributes,
      request.matched,
    ]);
    let memo = this.results.get(input);
    if (!memo) this.results.set(input, (memo = new Map()));
    const hit = this.splits.get(memo)?.get(memoKey);
    if (hit) return hit;
    const result = splitAnalysis(
      input,
      {
        rounds: request.rounds,
        organisations: request.organisations,
        roles: request.roles,
        attributes: request.attributes,
        matched: request.matched,
      },
      key,
      order,
    );
    let splits = this.splits.get(memo);
    if (!splits) this.splits.set(memo, (splits = new Map()));
    splits.set(memoKey, result);
    if (splits.size > RESULTS_PER_INPUT) splits.delete(splits.keys().next().value!);
    return result;
  }

  /** Throws UnknownAttributeError when a filter or the split names an attribute the study's input does not have. */
  private checkAttributes(input: AnalysisInput, request: AnalysisFilters): void {
    const known = input.units.attributes.map((a) => a.key);
    const asked = [...Object.keys(request.attributes ?? {}), ...(request.split ? [request.split] : [])];
    const unknown = asked.filter((k) => !known.includes(k));
    const empty = Object.entries(request.attributes ?? {}).filter(([, v]) => v.length === 0);
    if (unknown.length) throw new UnknownAttributeError(unknown, known);
    if (empty.length)
      throw new UnknownAttributeError(
        empty.map(([k]) => `${k}:`),
        known,
      );
  }

  clear(): void {
    this.inputs.clear();
  }

  /** Drops the cache and stops the loader's workers (app shutdown, end of a CLI command). */
  async close(): Promise<void> {
    this.inputs.clear();
    await closeAnalysisWorkers();
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The study analysis with its cache (server/analysis/service.ts). */
    analysis: AnalysisService;
  }
}

/** Decorates the app with its one AnalysisService and closes it with the app. */
export const analysisServicePlugin = fp(
  async (app) => {
    const service = new AnalysisService(app.rondo.store.sqlite);
    app.decorate('analysis', service);
    app.addHook('onClose', async () => service.close());
  },
  { name: 'analysis-service' },
);
