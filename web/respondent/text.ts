import type { Lang, LocalText } from '../../model/i18n.js';

export type { Lang };

/** The text in the wanted language, falling back to the other one rather than showing nothing. */
export const t = (text: LocalText | undefined, lang: Lang): string => text?.[lang] ?? text?.nl ?? text?.en ?? '';

/** Fills {name} placeholders. */
export const fill = (template: string, params: Record<string, string | number> = {}): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

/** Numbers as the interface language writes them (3,5 in Dutch). */
export const num = (n: number, lang: Lang): string =>
  new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 6 }).format(n);
