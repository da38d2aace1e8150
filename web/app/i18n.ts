import type { Lang, LocalText } from '../../model/i18n.js';

export type { Lang, LocalText };

/**
 * The interface language of the staff app: Dutch first, English second. Elements keep their
 * own `{ nl, en }` messages and re-render on the `rondo-lang` event of `window`.
 */
let current: Lang = document.documentElement.lang === 'en' ? 'en' : 'nl';

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem('rondo-lang', next);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  window.dispatchEvent(new CustomEvent('rondo-lang', { detail: next }));
}

/** The language chosen on this device before logging in, if any. */
export function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem('rondo-lang');
    return v === 'en' || v === 'nl' ? v : null;
  } catch {
    return null;
  }
}

/** A message set in both languages; `m(MESSAGES)` picks the current one. */
export function m<T>(messages: { nl: T; en: T }): T {
  return messages[current];
}

/** Content text in the wanted language, falling back to the other one. */
export function tx(text: LocalText | undefined, l: Lang = current): string {
  return text?.[l] || text?.nl || text?.en || '';
}

/** Fills {name} placeholders. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export function num(n: number): string {
  return new Intl.NumberFormat(current === 'nl' ? 'nl-NL' : 'en-GB').format(n);
}

export function dateTime(iso: string): string {
  return new Intl.DateTimeFormat(current === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Mixin-free helper: re-render an element when the language changes. */
export function onLangChange(el: { requestUpdate(): void }): () => void {
  const handler = () => el.requestUpdate();
  window.addEventListener('rondo-lang', handler);
  return () => window.removeEventListener('rondo-lang', handler);
}
