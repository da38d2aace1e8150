import { Type, type Static } from '@sinclair/typebox';
import { LocalTextSchema, pick, type Lang, type LocalText } from './i18n.js';
import type { Questionnaire } from './questionnaire.js';
import { term, type Vocabulary } from './vocabulary.js';

/**
 * Respondent groups (issue 16, deliverable 5): the kinds of people who answer one study — for
 * example professionals by a personal link and parents by an anonymous link — each with its own
 * introduction and the questionnaire sections it sees. A study without groups has one implicit
 * group that sees everything and is reached both ways, so studies from before groups behave as
 * they always did.
 *
 * Which group a respondent belongs to: a cohort participant has a group (participant.group_key;
 * none or an unknown key: the study's first group reached by personal link), an anonymous link
 * belongs to a group (the round's own link: the first group reached by anonymous link).
 */

/** How a group is reached: personal links from the cohort, an anonymous link, or both. */
export const GROUP_REACH = ['personal', 'anonymous'] as const;
export type GroupReach = (typeof GROUP_REACH)[number];

export const GROUP_KEY_PATTERN = '^[a-z][a-z0-9_]{0,29}$';

export const RespondentGroupSchema = Type.Object(
  {
    /** Stable key, used in links, filters (`?group=parents`) and exports. */
    key: Type.String({ pattern: GROUP_KEY_PATTERN }),
    name: LocalTextSchema,
    /** Shown on the respondent's first page instead of the study's description. */
    intro: Type.Optional(LocalTextSchema),
    /** Keys of the questionnaire sections this group sees, at least one. */
    sections: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }), { minItems: 1, maxItems: 50, uniqueItems: true }),
    reach: Type.Array(Type.Union(GROUP_REACH.map((r) => Type.Literal(r))), { minItems: 1, maxItems: 2, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type RespondentGroup = Static<typeof RespondentGroupSchema>;

export const RespondentGroupsSchema = Type.Array(RespondentGroupSchema, { minItems: 1, maxItems: 20 });

/** The one group of a study that defines none: everyone, every section, both ways. */
export const IMPLICIT_GROUP_KEY = 'all';

/** The groups a study works with: its own, or the implicit one (sections: null = all). */
export interface EffectiveGroup {
  key: string;
  name: LocalText;
  intro: LocalText | undefined;
  /** Section keys this group sees; null: every section. */
  sections: string[] | null;
  reach: readonly GroupReach[];
  implicit: boolean;
}

const IMPLICIT: EffectiveGroup = Object.freeze({
  key: IMPLICIT_GROUP_KEY,
  name: { nl: 'Alle deelnemers', en: 'All respondents' },
  intro: undefined,
  sections: null,
  reach: GROUP_REACH,
  implicit: true,
});

/**
 * The one group of a study without groups, named in the study's words for who answers ("Alle
 * respondenten") in each language where it names them (words area); rondo's name otherwise.
 */
function implicitGroup(vocabulary: Vocabulary | undefined): EffectiveGroup {
  const own = (lang: Lang) => vocabulary?.participant?.[lang]?.many?.trim();
  if (!vocabulary || (!own('nl') && !own('en'))) return IMPLICIT;
  // groupOf() asks once per respondent: one group per vocabulary.
  let group = NAMED_IMPLICIT.get(vocabulary);
  if (!group) {
    const name = {
      nl: own('nl') ? `Alle ${term(vocabulary, 'participant', 'nl', 'many')}` : IMPLICIT.name.nl!,
      en: own('en') ? `All ${term(vocabulary, 'participant', 'en', 'many')}` : IMPLICIT.name.en!,
    };
    NAMED_IMPLICIT.set(vocabulary, (group = Object.freeze({ ...IMPLICIT, name })));
  }
  return group;
}
const NAMED_IMPLICIT = new WeakMap<Vocabulary, EffectiveGroup>();

export function effectiveGroups(study: { groups?: RespondentGroup[]; vocabulary?: Vocabulary }): EffectiveGroup[] {
  if (!study.groups?.length) return [implicitGroup(study.vocabulary)];
  return study.groups.map((g) => ({ key: g.key, name: g.name, intro: g.intro, sections: g.sections, reach: g.reach, implicit: false }));
}

/**
 * The group of a respondent: the stored key when the study has that group, otherwise the first
 * group reached the way this respondent came (then the first group at all).
 */
export function groupOf(
  study: { groups?: RespondentGroup[]; vocabulary?: Vocabulary },
  stored: string | null | undefined,
  via: GroupReach,
): EffectiveGroup {
  const groups = effectiveGroups(study);
  return groups.find((g) => g.key === stored) ?? groups.find((g) => g.reach.includes(via)) ?? groups[0];
}

/** The questionnaire as one group sees it: only its sections (all of them for the implicit group). */
export function questionnaireForGroup(q: Questionnaire, group: Pick<EffectiveGroup, 'sections'>): Questionnaire {
  if (!group.sections) return q;
  const keep = new Set(group.sections);
  return { ...q, sections: q.sections.filter((s) => keep.has(s.key)) };
}

/** The group's name for a sentence: "onder ouders" / "among parents". */
export function groupPopulation(group: Pick<EffectiveGroup, 'name'>, lang: Lang): string {
  const text = pick(group.name, lang);
  // "Ouders" → "ouders", but "JGZ-teams" stays as written.
  const name = /^.\p{Ll}/u.test(text) ? text[0].toLocaleLowerCase(lang) + text.slice(1) : text;
  return lang === 'nl' ? `onder ${name}` : `among ${name}`;
}

export const GROUP_ISSUE_CODES = ['duplicate-key', 'no-sections', 'unknown-section', 'no-name', 'no-reach', 'markup', 'too-long'] as const;
export type GroupIssueCode = (typeof GROUP_ISSUE_CODES)[number];

export interface GroupIssue {
  /** Index of the group in the list. */
  group: number;
  code: GroupIssueCode;
  message: LocalText;
}

/**
 * Problems of a list of groups against the study's languages and questionnaire (PapaParse
 * style: never throws, returns every issue with the group it is about). An empty result means
 * the groups can be saved.
 */
export function checkGroups(groups: readonly RespondentGroup[], languages: readonly Lang[], q: Questionnaire | null): GroupIssue[] {
  const issues: GroupIssue[] = [];
  const sectionKeys = new Set(q?.sections.map((s) => s.key) ?? []);
  const seen = new Set<string>();
  groups.forEach((g, i) => {
    const add = (code: GroupIssueCode, nl: string, en: string) => issues.push({ group: i, code, message: { nl, en } });
    if (seen.has(g.key))
      add('duplicate-key', `Groep "${g.key}": de sleutel komt twee keer voor.`, `Group "${g.key}": the key is used twice.`);
    seen.add(g.key);
    for (const lang of languages)
      if (!g.name[lang]?.trim())
        add('no-name', `Groep "${g.key}" heeft geen naam in het ${LANG_NL[lang]}.`, `Group "${g.key}" has no name in ${LANG_EN[lang]}.`);
    for (const text of [g.name.nl, g.name.en, g.intro?.nl, g.intro?.en]) {
      if (text && /[<>]/.test(text)) {
        add('markup', `Groep "${g.key}": tekst zonder < of > (geen opmaakcode).`, `Group "${g.key}": text without < or > (no markup).`);
        break;
      }
    }
    if ((g.name.nl?.length ?? 0) > 80 || (g.name.en?.length ?? 0) > 80)
      add('too-long', `Groep "${g.key}": de naam is langer dan 80 tekens.`, `Group "${g.key}": the name is longer than 80 characters.`);
    if (!g.reach.length) add('no-reach', `Groep "${g.key}" wordt op geen enkele manier bereikt.`, `Group "${g.key}" is reached in no way.`);
    if (!g.sections.length)
      add('no-sections', `Groep "${g.key}" ziet geen enkel onderdeel.`, `Group "${g.key}" sees no section of the questionnaire.`);
    const unknown = q ? g.sections.filter((s) => !sectionKeys.has(s)) : [];
    if (unknown.length)
      add(
        'unknown-section',
        `Groep "${g.key}": onbekend onderdeel ${unknown.join(', ')}.`,
        `Group "${g.key}": unknown section ${unknown.join(', ')}.`,
      );
  });
  return issues;
}

const LANG_NL: Record<Lang, string> = { nl: 'Nederlands', en: 'Engels' };
const LANG_EN: Record<Lang, string> = { nl: 'Dutch', en: 'English' };
