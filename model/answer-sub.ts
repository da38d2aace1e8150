import type { GridFacet } from './questionnaire.js';

// No runtime import from the schema files on purpose: the respondent bundle builds addresses
// with this file, and TypeBox must stay out of the browser.

/**
 * The `sub` address of an answer cell (see AnswerCell), built and read here only:
 * - `''` for items with one answer;
 * - `p<partnerId>.<facet>` for a partner grid cell (facet `frequency` or `quality`);
 * - `t<toolId>` for a tool grid row;
 * - `o<code>` for one option of a multiple-choice item.
 */
export type SubRef =
  | { kind: 'plain' }
  | { kind: 'partner'; partnerId: number; facet: GridFacet }
  | { kind: 'tool'; toolId: number }
  | { kind: 'option'; code: number };

/** The address of one facet of a partner's row in a partner grid: `p12.quality`. */
export const partnerSub = (partnerId: number, facet: GridFacet): string => `p${partnerId}.${facet}`;
/** The address of a tool's row in a tool grid: `t7`. */
export const toolSub = (toolId: number): string => `t${toolId}`;
/** The address of one option of a multiple-choice item: `o3`. */
export const optionSub = (code: number): string => `o${code}`;

const PARTNER = /^p([0-9]{1,9})\.(frequency|quality)$/;
const TOOL = /^t([0-9]{1,9})$/;
const OPTION = /^o([0-9]{1,4})$/;

/** Parses the `sub` address of a cell; null when it is not well formed. */
export function parseSub(sub: string): SubRef | null {
  if (sub === '') return { kind: 'plain' };
  let m = PARTNER.exec(sub);
  if (m) return { kind: 'partner', partnerId: Number(m[1]), facet: m[2] as GridFacet };
  m = TOOL.exec(sub);
  if (m) return { kind: 'tool', toolId: Number(m[1]) };
  m = OPTION.exec(sub);
  if (m) return { kind: 'option', code: Number(m[1]) };
  return null;
}
