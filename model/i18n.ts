import { Type, type Static } from '@sinclair/typebox';

import { LANGUAGES, type Lang } from './values.js';

export { LANGUAGES, type Lang } from './values.js';

export const LangSchema = Type.Union(LANGUAGES.map((l) => Type.Literal(l)));

/** A text in one or more languages; which languages are required is decided by the study. */
export const LocalTextSchema = Type.Object(
  {
    nl: Type.Optional(Type.String({ maxLength: 4000 })),
    en: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type LocalText = Static<typeof LocalTextSchema>;

/** The text in the wanted language, falling back to the other one rather than showing nothing. */
export function pick(text: LocalText | undefined, lang: Lang): string {
  if (!text) return '';
  return text[lang] ?? text.nl ?? text.en ?? '';
}
