import type { GridFacet } from './questionnaire-shape.js';

/**
 * A variable's name in the exports (codebook, wide and long files, SPSS, R) and in the analysis
 * JSON (`exportName`), from its item and, for a grid or multiple-choice item, its cell: the one
 * rule, so a variable has one name wherever a researcher meets it.
 *
 * | item type   | name                                                      | example          |
 * |-------------|-----------------------------------------------------------|------------------|
 * | plain       | the item id                                               | `know_signal`    |
 * | partnerGrid | `<item>_p<n>_freq`, `<item>_p<n>_qual`, n = partner's place | `collab_p1_freq` |
 * | toolGrid    | `<item>_t<n>`, n = the tool's place                       | `tools_use_t2`   |
 * | multi       | `<item>_o<code>`                                          | `train_parts_o3` |
 *
 * n is the 1-based place in the study's catalogue (ordered by position), never a database id.
 * The wide file adds `_<round key>`.
 */
export function variableName(
  item: string,
  cell: { partner?: { number: number; facet: GridFacet }; tool?: number; option?: number } = {},
): string {
  if (cell.partner) return `${item}_p${cell.partner.number}_${FACET_SUFFIX[cell.partner.facet]}`;
  if (cell.tool !== undefined) return `${item}_t${cell.tool}`;
  if (cell.option !== undefined) return `${item}_o${cell.option}`;
  return item;
}

const FACET_SUFFIX: Record<GridFacet, string> = { frequency: 'freq', quality: 'qual' };
