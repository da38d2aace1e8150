import { html, nothing, type TemplateResult } from 'lit';
import type { Item } from '../../model/questionnaire.js';
import { t, type Lang } from './text.js';

/**
 * The pieces every question shares, as template functions: the question text (with
 * "optional" when it is), its help text and its error message, with the ids that tie them to
 * the controls. Errors come right after the question text, so they are read before the
 * answers and are next to them on screen.
 */

const MESSAGES = {
  nl: { optional: '(optioneel)', error: 'Fout:' },
  en: { optional: '(optional)', error: 'Error:' },
};

export const itemId = (item: Item): string => `q-${item.id}`;

export function questionText(item: Item, lang: Lang): TemplateResult {
  return html`<span class="r-q-text">${t(item.text, lang)}</span>${item.required ? nothing : html` <span class="r-optional">${MESSAGES[lang].optional}</span>`}`;
}

/** Help and error paragraphs, and the ids for aria-describedby (only of those present). */
export function notes(item: Item, lang: Lang, error: string, extraHint?: string): { ids: string; parts: TemplateResult } {
  const id = itemId(item);
  const help = [t(item.help, lang), extraHint ?? ''].filter(Boolean).join(' ');
  const ids = [help ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    ids,
    parts: html`${help ? html`<p class="r-hint" id="${id}-hint">${help}</p>` : nothing}${
      error ? html`<p class="r-error" id="${id}-error"><span class="r-sr">${MESSAGES[lang].error} </span>${error}</p>` : nothing
    }`,
  };
}
