import type { Lang } from '../../model/index.js';
import { once } from '../../model/once.js';

/**
 * Dates in mails and on screens are shown in Dutch time: rondo's studies are Dutch and a study
 * has no time zone of its own. Stored values stay ISO-8601 UTC.
 */
export const DISPLAY_TIME_ZONE = 'Europe/Amsterdam';

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/** One formatter per language, made once (each holds ICU memory the garbage collector does not see). */
const formatters = (options: Intl.DateTimeFormatOptions) =>
  Object.fromEntries(
    (Object.keys(LOCALES) as Lang[]).map((lang) => [
      lang,
      new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: DISPLAY_TIME_ZONE }),
    ]),
  ) as Record<Lang, Intl.DateTimeFormat>;
const DATE_TIME = once(() => formatters({ dateStyle: 'full', timeStyle: 'short' }));
const DATE = once(() => formatters({ dateStyle: 'long' }));

/** "vrijdag 12 december 2026 om 17:00" / "Friday 12 December 2026 at 17:00" */
export function formatDateTime(iso: string, lang: Lang): string {
  return DATE_TIME()[lang].format(new Date(iso));
}

/** "12 december 2026" / "12 December 2026" */
export function formatDate(iso: string, lang: Lang): string {
  return DATE()[lang].format(new Date(iso));
}
