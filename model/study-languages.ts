import { LANGUAGES, type Lang } from './values.js';

/** One text that exists only in a language the study is about to drop: where it is, as a JSON pointer. */
export interface OnlyInText {
  /** What holds the text: `study`, `questionnaire`, `tools`. */
  source: string;
  path: string;
  /** The questionnaire item the text belongs to, when there is one. */
  item?: string;
}

const isLangKey = (k: string): k is Lang => (LANGUAGES as readonly string[]).includes(k);

function filled(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() !== '';
  return typeof v === 'object' && v !== null && Object.values(v).some(filled);
}

/**
 * The texts under `value` that exist in `dropped` but not in `kept`: every object whose keys are only
 * language codes (a LocalText `{ nl, en }`, a vocabulary entry `{ nl: { one, many } }`) counts once.
 * Pure and total: any JSON value can be walked.
 */
export function textsOnlyIn(value: unknown, dropped: Lang, kept: Lang, source: string, path = ''): OnlyInText[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => textsOnlyIn(v, dropped, kept, source, `${path}/${i}`));
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length && keys.every(isLangKey)) {
    return filled(record[dropped]) && !filled(record[kept]) ? [{ source, path }] : [];
  }
  return keys.flatMap((k) => textsOnlyIn(record[k], dropped, kept, source, `${path}/${k}`));
}

/** The item id a questionnaire pointer (`/sections/0/items/3/…`) belongs to, read from the questionnaire. */
export function itemAt(questionnaire: unknown, path: string): string | undefined {
  const m = /^\/sections\/(\d+)\/items\/(\d+)(?:\/|$)/.exec(path);
  if (!m) return undefined;
  const sections = (questionnaire as { sections?: { items?: { id?: unknown }[] }[] }).sections;
  const id = sections?.[Number(m[1])]?.items?.[Number(m[2])]?.id;
  return typeof id === 'string' ? id : undefined;
}

const LANGUAGE_NAMES: Record<Lang, { nl: string; en: string }> = {
  nl: { nl: 'het Nederlands', en: 'Dutch' },
  en: { nl: 'het Engels', en: 'English' },
};

/**
 * Why a study cannot drop a language yet, in both interface languages: how many texts exist only in it and
 * where the first few are (`12 teksten bestaan alleen in het Engels: q3, q5, de titel van het onderzoek …`).
 */
export function onlyInMessage(texts: readonly OnlyInText[], dropped: Lang, kept: Lang): { nl: string; en: string } {
  const places: { nl: string; en: string }[] = [];
  const add = (p: { nl: string; en: string }) => {
    if (!places.some((x) => x.nl === p.nl)) places.push(p);
  };
  for (const t of texts) {
    if (t.item) add({ nl: `vraag ${t.item}`, en: `item ${t.item}` });
    else if (t.source === 'questionnaire') add({ nl: 'titels van de vragenlijst', en: 'questionnaire titles' });
    else if (t.source === 'tools') add({ nl: 'beschrijvingen van instrumenten', en: 'instrument descriptions' });
    else if (t.source === 'mail') add({ nl: 'eigen uitnodigingsmails', en: 'own invitation mails' });
    else if (t.path.startsWith('/vocabulary')) add({ nl: 'de woorden van het onderzoek', en: 'the study’s words' });
    else add({ nl: 'de gegevens van het onderzoek', en: 'the study’s details' });
  }
  const shown = places.slice(0, 6);
  const more = places.length > shown.length ? { nl: ' en meer', en: ' and more' } : { nl: '', en: '' };
  const n = texts.length;
  return {
    nl:
      `${n} ${n === 1 ? 'tekst bestaat' : 'teksten bestaan'} alleen in ${LANGUAGE_NAMES[dropped].nl} ` +
      `(${shown.map((p) => p.nl).join(', ')}${more.nl}). Vul ze ook in ${LANGUAGE_NAMES[kept].nl} in ` +
      `voordat u ${LANGUAGE_NAMES[dropped].nl} weghaalt. Er is niets gewijzigd.`,
    en:
      `${n} ${n === 1 ? 'text exists' : 'texts exist'} only in ${LANGUAGE_NAMES[dropped].en} ` +
      `(${shown.map((p) => p.en).join(', ')}${more.en}). Fill them in in ${LANGUAGE_NAMES[kept].en} too ` +
      `before removing ${LANGUAGE_NAMES[dropped].en}. Nothing was changed.`,
  };
}
