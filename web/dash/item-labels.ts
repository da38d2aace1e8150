import type { StudyAnalysis } from '../../analysis/study/result.js';
import type { Fmt } from './format.js';

/** Longer texts than this are shortened in a sentence that lists items; headings and tables keep them whole. */
export const ITEM_LABEL_MAX = 60;

/**
 * An item's text as a reader knows it, for a sentence that names items ("Gemeten met 2 vragen:
 * ‘Ik signaleer opvoedvragen van ouders op tijd’ en …"): the questionnaire's own text, never the
 * item id, which is a variable name for exports. A text longer than `max` characters is cut at
 * the last space before it, with "…"; a trailing full stop or colon goes, as the text sits
 * inside quotes in a sentence. An id the analysis does not know is returned as it is.
 */
export function itemLabel(a: Pick<StudyAnalysis, 'questions' | 'items'>, id: string, f: Fmt, max = ITEM_LABEL_MAX): string {
  const text = a.questions?.find((q) => q.item === id)?.text ?? a.items.find((i) => i.item === id)?.text;
  const full = text ? f.t(text).trim().replace(/[.:]$/, '') : '';
  if (!full) return id;
  if ([...full].length <= max) return full;
  const cut = full.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

/**
 * Items' texts in quotes as a list in the reader's language: "‘A’, ‘B’ en ‘C’". Joined here, not with
 * analysis/findings/format.ts `listOf`, whose module loads model/'s schemas into the staff app.
 */
export function itemList(a: Pick<StudyAnalysis, 'questions' | 'items'>, ids: readonly string[], f: Fmt): string {
  const parts = ids.map((id) => `‘${itemLabel(a, id, f)}’`);
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${f.lang === 'nl' ? 'en' : 'and'} ${parts[parts.length - 1]}`;
}
