import type { AnswerCell } from './answer.js';
import { optionSub, parseSub, partnerSub, toolSub } from './answer-sub.js';
import type { Lang, LocalText } from './i18n.js';
import type { Item, MultiItem, Questionnaire, Scale } from './questionnaire.js';
import { cellsByItem, isAnswered, shownItems } from './show-if.js';

// Type-only imports from the schema files on purpose: the respondent bundle imports this
// file, and TypeBox must stay out of the browser (20 KiB budget).

/**
 * Answer validation: checks the cells of one response against the questionnaire, for the
 * server (every draft save and submission) and for the respondent form (messages next to
 * each item). One function, so both sides agree on what is valid.
 *
 * Two modes:
 * - `draft`: each cell on its own — known item, asked in this round, well-formed sub-address,
 *   a code on the scale, a number in range, text within its length. Nothing is required.
 * - `submit`: also the response as a whole — required items answered, grids complete when
 *   required, and no answers to items hidden by their show-if.
 *
 * Never throws; every problem is an issue with the item, the sub-cell, a stable code and the
 * numbers needed to explain it. Issues are data: each interface phrases them in its own
 * language (server/respondent/issue-text.ts for the API, web/respondent/issue-messages.ts for
 * the form), and the browser bundle carries no English it never shows. Cost: linear in items
 * and cells.
 *
 * @example
 * validateAnswers(q, [{ item: 'comp_signal', sub: '', code: 6 }], ctx, 'draft').issues[0].code // 'not-on-scale'
 */
export function validateAnswers(
  q: Questionnaire,
  cells: readonly AnswerCell[],
  ctx: AnswerContext,
  mode: 'draft' | 'submit',
): AnswerValidation {
  const issues: AnswerIssue[] = [];
  const add = (issue: AnswerIssue) => {
    if (issues.length < MAX_ISSUES) issues.push(issue);
  };
  const all = new Map<string, Item>();
  for (const s of q.sections) for (const i of s.items) all.set(i.id, i);
  const grouped = cellsByItem(cells);
  const seen = new Set<string>();
  for (const cell of cells) {
    // Only an item with more than one cell can have a duplicate: the others need no key.
    if (grouped.get(cell.item)!.length > 1) {
      const key = `${cell.item}\u0000${cell.sub}`;
      if (seen.has(key)) {
        add(issue(cell, 'duplicate'));
        continue;
      }
      seen.add(key);
    }
    const item = all.get(cell.item);
    if (!item) add(issue(cell, 'unknown-item'));
    else if (!item.rounds.includes(ctx.roundKey)) add(issue(cell, 'not-in-round'));
    else checkCell(item, cell, ctx, add);
  }
  for (const [id, given] of grouped) {
    const item = all.get(id);
    if (item?.type === 'multi' && item.rounds.includes(ctx.roundKey)) checkMulti(item, given, add);
  }
  if (mode === 'submit') {
    const inRound = [...all.values()].filter((i) => i.rounds.includes(ctx.roundKey));
    const shown = new Set(shownItems(inRound, grouped).map((i) => i.id));
    for (const item of inRound) {
      const given = grouped.get(item.id) ?? [];
      if (!shown.has(item.id)) {
        if (given.length) add({ item: item.id, code: 'hidden' });
        continue;
      }
      if (item.required) checkRequired(item, given, ctx, add);
    }
  }
  return { ok: issues.length === 0, issues };
}

/** The round and the study's partner and tool ids a response is checked against. */
export interface AnswerContext {
  roundKey: string;
  partnerIds: readonly number[];
  toolIds: readonly number[];
}

export const ANSWER_ISSUE_CODES = [
  'unknown-item',
  'not-in-round',
  'hidden',
  'duplicate',
  'bad-sub',
  'wrong-kind',
  'not-on-scale',
  'not-a-number',
  'out-of-range',
  'not-integer',
  'missing-not-offered',
  'too-long',
  'control-chars',
  'too-many',
  'incomplete',
  'required',
] as const;
export type AnswerIssueCode = (typeof ANSWER_ISSUE_CODES)[number];

export interface AnswerIssue {
  item: string;
  sub?: string;
  code: AnswerIssueCode;
  /** Numbers an interface needs to phrase the message: min, max, limit, length, open. */
  params?: Record<string, number>;
}

export interface AnswerValidation {
  ok: boolean;
  issues: AnswerIssue[];
}

/** Bounds the size of an error response to a hostile body. */
const MAX_ISSUES = 100;

// C0 controls other than tab, line feed and carriage return, DEL, and lone surrogates: none
// of them belongs in an answer, and NUL in particular breaks exports downstream.
const BAD_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Length in Unicode code points, as a person counts characters (and as JSON Schema does). */
export function textLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function issue(cell: AnswerCell, code: AnswerIssueCode, params?: Record<string, number>): AnswerIssue {
  const out: AnswerIssue = { item: cell.item, code };
  if (cell.sub) out.sub = cell.sub;
  if (params) out.params = params;
  return out;
}

type Add = (issue: AnswerIssue) => void;

function checkCell(item: Item, cell: AnswerCell, ctx: AnswerContext, add: Add): void {
  const kinds = Number(cell.code !== undefined) + Number(cell.missing !== undefined) + Number(cell.text !== undefined);
  const wantsText = item.type === 'text';
  if (kinds !== 1 || (cell.text !== undefined) !== wantsText) {
    add(issue(cell, 'wrong-kind'));
    return;
  }
  if (cell.code !== undefined && !Number.isFinite(cell.code)) {
    add(issue(cell, 'not-a-number'));
    return;
  }
  switch (item.type) {
    case 'likert':
    case 'frequency':
      if (plainSub(cell, add)) onScale(cell, item.scale, add);
      return;
    case 'rating':
      if (!plainSub(cell, add)) return;
      if (cell.missing !== undefined) missingOffered(cell, item, add);
      else if (!Number.isInteger(cell.code) || cell.code! < item.min || cell.code! > item.max) {
        add(issue(cell, 'not-on-scale', { min: item.min, max: item.max }));
      }
      return;
    case 'yesno':
      if (!plainSub(cell, add)) return;
      if (cell.missing !== undefined) missingOffered(cell, item, add);
      else if (cell.code !== 0 && cell.code !== 1) add(issue(cell, 'not-on-scale'));
      return;
    case 'single':
      if (!plainSub(cell, add)) return;
      if (cell.missing !== undefined) add(issue(cell, 'missing-not-offered'));
      else if (!item.options.some((o) => o.code === cell.code)) add(issue(cell, 'not-on-scale'));
      return;
    case 'multi': {
      const sub = parseSub(cell.sub);
      if (sub?.kind !== 'option' || !item.options.some((o) => o.code === sub.code)) {
        add(issue(cell, 'bad-sub'));
      } else if (cell.missing !== undefined) {
        add(issue(cell, 'missing-not-offered'));
      } else if (cell.code !== 0 && cell.code !== 1) {
        add(issue(cell, 'not-on-scale'));
      }
      return;
    }
    case 'number':
      if (!plainSub(cell, add)) return;
      if (cell.missing !== undefined) add(issue(cell, 'missing-not-offered'));
      else if (cell.code! < item.min || cell.code! > item.max) {
        add(issue(cell, 'out-of-range', { min: item.min, max: item.max }));
      } else if (item.integer && !Number.isInteger(cell.code)) {
        add(issue(cell, 'not-integer'));
      }
      return;
    case 'text': {
      if (!plainSub(cell, add)) return;
      const text = cell.text!;
      if (BAD_CHARS.test(text)) add(issue(cell, 'control-chars'));
      else if (textLength(text) > item.maxLength) {
        add(issue(cell, 'too-long', { limit: item.maxLength, length: textLength(text) }));
      }
      return;
    }
    case 'partnerGrid': {
      const sub = parseSub(cell.sub);
      const facet = sub?.kind === 'partner' ? item.facets.find((f) => f.key === sub.facet) : undefined;
      if (sub?.kind !== 'partner' || !facet || !ctx.partnerIds.includes(sub.partnerId)) {
        add(issue(cell, 'bad-sub'));
      } else onScale(cell, facet.scale, add);
      return;
    }
    case 'toolGrid': {
      const sub = parseSub(cell.sub);
      if (sub?.kind !== 'tool' || !ctx.toolIds.includes(sub.toolId)) add(issue(cell, 'bad-sub'));
      else onScale(cell, item.scale, add);
      return;
    }
  }
}

function plainSub(cell: AnswerCell, add: Add): boolean {
  if (cell.sub === '') return true;
  add(issue(cell, 'bad-sub'));
  return false;
}

function onScale(cell: AnswerCell, scale: Scale, add: Add): void {
  if (cell.missing !== undefined) {
    const offered = cell.missing === 'dont_know' ? scale.dontKnow : scale.notApplicable;
    if (!offered) add(issue(cell, 'missing-not-offered'));
  } else if (!scale.points.some((p) => p.code === cell.code)) {
    add(issue(cell, 'not-on-scale'));
  }
}

function missingOffered(cell: AnswerCell, item: { dontKnow?: boolean; notApplicable?: boolean }, add: Add): void {
  const offered = cell.missing === 'dont_know' ? item.dontKnow : item.notApplicable;
  if (!offered) add(issue(cell, 'missing-not-offered'));
}

/** The sub-addresses a complete answer to a grid has, in display order. */
export function gridSubs(item: Item, ctx: Pick<AnswerContext, 'partnerIds' | 'toolIds'>): string[] {
  if (item.type === 'partnerGrid') return ctx.partnerIds.flatMap((id) => item.facets.map((f) => partnerSub(id, f.key)));
  if (item.type === 'toolGrid') return ctx.toolIds.map(toolSub);
  return [];
}

function checkRequired(item: Item, given: readonly AnswerCell[], ctx: AnswerContext, add: Add): void {
  if (item.type === 'partnerGrid' || item.type === 'toolGrid') {
    const answered = new Set(given.filter(isAnswered).map((c) => c.sub));
    const open = gridSubs(item, ctx).filter((s) => !answered.has(s)).length;
    if (open && answered.size === 0) add({ item: item.id, code: 'required' });
    else if (open) add({ item: item.id, code: 'incomplete', params: { open } });
    return;
  }
  if (item.type === 'multi') {
    if (!given.some((c) => c.code === 1)) add({ item: item.id, code: 'required' });
    return;
  }
  if (!given.some(isAnswered)) add({ item: item.id, code: 'required' });
}

// A multiple-choice answer stores every option as 0 or 1, so "none chosen" and "not answered"
// differ; and its limit holds in drafts too, since a draft over the limit could never be sent.
function checkMulti(item: MultiItem, given: readonly AnswerCell[], add: Add): void {
  const subs = new Set(given.map((c) => c.sub));
  if (item.options.some((o) => !subs.has(optionSub(o.code)))) {
    add({ item: item.id, code: 'incomplete' });
  }
  const chosen = given.filter((c) => c.code === 1).length;
  if (item.maxSelect !== undefined && chosen > item.maxSelect) {
    add({ item: item.id, code: 'too-many', params: { limit: item.maxSelect } });
  }
}

/**
 * What the respondent page receives, embedded in the page as JSON: the study's texts, the
 * round, the questionnaire with only this round's items, and the study's partners and tools.
 * Lives here because the server builds it and the web form reads it, and model/ is what
 * they share.
 */
export interface RespondentForm {
  study: {
    title: LocalText;
    description: LocalText;
    privacy?: LocalText;
    organisation: string;
    contactEmail?: string;
    languages: Lang[];
  };
  round: { key: string; label: LocalText; closesAt: string | null };
  questionnaire: Questionnaire;
  partners: { id: number; name: string }[];
  tools: { id: number; name: string; description?: LocalText }[];
  /** Where the form's API lives: /r/api or /r/anon/api. */
  api: string;
  anonymous: boolean;
  /** The respondent group, when the study defines groups (model/respondent-groups.ts). */
  group?: { key: string; name: LocalText };
}

/** The per-respondent part of the page: the draft so far and where the respondent stands. */
export interface RespondentDraft {
  language: Lang;
  answers: AnswerCell[];
  /** A non-secret key for the browser's local copy of unsaved answers. */
  localKey: string;
  /** Set when the round has closed and submissions are accepted until this time (grace). */
  graceUntil: string | null;
}
