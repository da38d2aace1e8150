import type { Indicator, Item, Questionnaire, StudySettings } from '../../model/index.js';
import { InputBuilder } from './builder.js';
import type { AnalysisInput } from './input.js';

/**
 * Small studies for tests, described in a few lines: rounds, items, a cohort and answers by
 * variable id. Partners and tools get ids 1, 2, … so their variables are `item.p1.frequency`,
 * `item.t2`; options are `item.o<code>`. Not used by the application.
 */
export interface TestStudy {
  rounds?: string[];
  items: Item[];
  /** Further questionnaire versions (oldest first); `items` is the newest. */
  olderVersions?: Item[][];
  partners?: string[];
  tools?: string[];
  settings?: Partial<StudySettings>;
  /** The newest version's indicators (model/indicators.ts). */
  indicators?: Indicator[];
  /** attributes: cohort attribute values by key (quickscan: domain coverage tests). */
  participants: { organisation?: string; role?: string; leftFrom?: number; invited?: boolean[]; attributes?: Record<string, string> }[];
  responses: TestResponse[];
}

export type TestAnswer = number | 'dk' | 'na' | { text: string };

export interface TestResponse {
  /** Participant index, or null for an anonymous response. */
  p: number | null;
  round: string;
  /** Questionnaire version index (0 = oldest); default the newest. */
  version?: number;
  draft?: boolean;
  submittedAt?: string;
  answers: Record<string, TestAnswer>;
}

export const questionnaire = (items: Item[], indicators?: Indicator[]): Questionnaire => ({
  format: 'rondo.questionnaire/1',
  title: { nl: 'Test', en: 'Test' },
  sections: [{ key: 'main', title: { nl: 'Vragen', en: 'Questions' }, items }],
  ...(indicators ? { indicators } : {}),
});

export function makeInput(spec: TestStudy): AnalysisInput {
  const roundKeys = spec.rounds ?? ['pre', 'mid', 'post'];
  const all = [...(spec.olderVersions ?? []), spec.items];
  const versions = all.map((items, i) => ({
    version: i + 1,
    questionnaire: questionnaire(items, i === all.length - 1 ? spec.indicators : undefined),
  }));
  const anonymous = spec.responses.filter((r) => r.p === null && !r.draft).length;
  const b = new InputBuilder({
    study: { slug: 'test', title: { nl: 'Test', en: 'Test' }, organisation: 'GGD', settings: spec.settings },
    rounds: roundKeys.map((key) => ({ key, label: { nl: key, en: key }, opensAt: null, closesAt: null })),
    partners: (spec.partners ?? []).map((name, i) => ({ id: i + 1, name, domain: '' })),
    tools: (spec.tools ?? []).map((name, i) => ({ id: i + 1, name })),
    versions,
    participants: spec.participants.length,
    anonymous,
  });
  spec.participants.forEach((p, u) => {
    b.setParticipant(u, p.organisation ?? 'Org', p.role ?? 'role', p.leftFrom ?? -1);
    for (const [key, value] of Object.entries(p.attributes ?? {})) b.setAttribute(u, key, value);
    roundKeys.forEach((_, r) => {
      if (p.invited?.[r] !== false) b.invite(r, u, { sentAt: Date.parse('2022-01-01T08:00:00Z') });
    });
  });
  let anon = spec.participants.length;
  for (const resp of spec.responses) {
    const r = roundKeys.indexOf(resp.round);
    if (r < 0) throw new Error(`unknown round ${resp.round}`);
    const at = Date.parse(resp.submittedAt ?? '2022-01-10T10:00:00Z');
    if (resp.draft) {
      if (resp.p !== null) b.draft(r, resp.p, at);
      continue;
    }
    const u = resp.p ?? anon++;
    if (!b.submit(r, u, resp.version ?? versions.length - 1, at)) continue;
    for (const [id, answer] of Object.entries(resp.answers)) {
      const v = b.input.variables.findIndex((x) => x.id === id);
      if (v < 0) throw new Error(`unknown variable ${id}`);
      if (answer === 'dk') b.answer(r, u, v, null, 1, false);
      else if (answer === 'na') b.answer(r, u, v, null, 2, false);
      else if (typeof answer === 'object') b.answer(r, u, v, null, 0, answer.text.trim() !== '');
      else b.answer(r, u, v, answer, 0, false);
    }
  }
  return b.finish();
}

const AGREE = {
  points: [1, 2, 3, 4, 5].map((code) => ({ code, label: { nl: String(code), en: String(code) } })),
  topBox: [4, 5],
};

/** A 1–5 agreement item (top box 4–5) with measure 'competence'. */
export const likert = (id: string, rounds = ['pre', 'mid', 'post']): Item => ({
  id,
  type: 'likert',
  measure: 'competence',
  required: true,
  rounds,
  scale: AGREE,
  text: { nl: id, en: id },
});

export const yesno = (id: string, rounds = ['pre', 'mid', 'post'], extra: Partial<Item> = {}): Item =>
  ({ id, type: 'yesno', measure: 'competence', required: true, rounds, dontKnow: true, text: { nl: id, en: id }, ...extra }) as Item;

export const partnerGrid = (id = 'collab', rounds = ['pre', 'mid', 'post']): Item => ({
  id,
  type: 'partnerGrid',
  measure: 'collaboration-frequency',
  required: true,
  rounds,
  text: { nl: id, en: id },
  facets: [
    { key: 'frequency', measure: 'collaboration-frequency', label: { nl: 'Hoe vaak', en: 'How often' }, scale: AGREE },
    {
      key: 'quality',
      measure: 'collaboration-quality',
      label: { nl: 'Hoe goed', en: 'How well' },
      scale: { ...AGREE, notApplicable: true },
    },
  ],
});

export const toolGrid = (id = 'tools_use', rounds = ['mid', 'post']): Item => ({
  id,
  type: 'toolGrid',
  measure: 'tool-use',
  required: true,
  rounds,
  text: { nl: id, en: id },
  scale: {
    points: [
      { code: 0, label: { nl: 'Nee', en: 'No' } },
      { code: 1, label: { nl: 'Ja', en: 'Yes' } },
    ],
    topBox: [1],
  },
});

/** Participants 0..n−1 in one organisation and role. */
export const cohort = (n: number, extra: Partial<TestStudy['participants'][number]> = {}) =>
  Array.from({ length: n }, () => ({ ...extra }));
