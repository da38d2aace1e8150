/**
 * Where the fieldwork API of a study lives. Its shapes are the contract's own
 * (model/api/fieldwork.ts), imported as types only.
 */
export const fieldworkBase = (slug: string) => `/api/studies/${encodeURIComponent(slug)}/fieldwork`;
