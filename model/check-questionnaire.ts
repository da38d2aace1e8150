import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Lang } from './i18n.js';
import { checkIndicators } from './indicators.js';
import {
  ItemSchema,
  QuestionnaireSchema,
  itemsOf,
  type Item,
  type Questionnaire,
  type QuestionnaireIssueCode,
  type Scale,
} from './questionnaire.js';

/**
 * One problem found in a questionnaire definition; `item` names the item when there is one. `message` is
 * English (the CLI, logs); `text` says the same in both interface languages for the screens.
 */
export interface QuestionnaireIssue {
  code: QuestionnaireIssueCode;
  item?: string;
  path: string;
  message: string;
  text?: { nl: string; en: string };
}

/** An issue with its message in both languages; the Dutch text names the item as "vraag", the English as "item". */
function issueOf(code: QuestionnaireIssueCode, path: string, item: string | undefined, nl: string, en: string): QuestionnaireIssue {
  const text = { nl: item ? `Vraag "${item}": ${nl}` : cap(nl), en: item ? `item "${item}": ${en}` : en };
  return { code, ...(item === undefined ? {} : { item }), path, message: text.en, text: { nl: text.nl, en: cap(text.en) } };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface QuestionnaireContext {
  /** Languages the study declares: every text must exist in each. */
  languages: readonly Lang[];
  /** Keys of the study's rounds. */
  roundKeys: readonly string[];
  partnerCount: number;
  toolCount: number;
}

export type CheckResult = { ok: true; questionnaire: Questionnaire; issues: [] } | { ok: false; issues: QuestionnaireIssue[] };

/**
 * Checks a questionnaire definition: its shape (the runtime schema) and the rules a schema
 * cannot express (unique variable names, show-if pointing backwards, scales, languages,
 * rounds, grids with something to rate). Never throws; every problem names its item.
 */
export function checkQuestionnaire(input: unknown, ctx: QuestionnaireContext): CheckResult {
  const issues: QuestionnaireIssue[] = [];
  if (!Value.Check(QuestionnaireSchema, input)) {
    return { ok: false, issues: schemaIssues(input) };
  }
  const q = input as Questionnaire;
  const seen = new Map<string, number>();
  const sectionKeys = new Set<string>();
  q.sections.forEach((s, si) => {
    if (sectionKeys.has(s.key))
      issues.push(
        issueOf(
          'duplicate-section',
          `/sections/${si}/key`,
          undefined,
          `de sleutel van onderdeel "${s.key}" komt twee keer voor`,
          `section key "${s.key}" is used twice`,
        ),
      );
    sectionKeys.add(s.key);
    langs(issues, s.title, ctx.languages, `/sections/${si}/title`, undefined, {
      nl: `de titel van onderdeel "${s.key}"`,
      en: `section "${s.key}" title`,
    });
  });
  langs(issues, q.title, ctx.languages, '/title', undefined, { nl: 'de titel van de vragenlijst', en: 'questionnaire title' });

  const all = itemsOf(q);
  all.forEach((item, index) => {
    const path = pathOf(q, item);
    if (seen.has(item.id)) {
      issues.push(
        issueOf('duplicate-variable', `${path}/id`, item.id, 'de variabelenaam komt twee keer voor', 'variable name is used twice'),
      );
    }
    seen.set(item.id, seen.has(item.id) ? seen.get(item.id)! : index);
    langs(issues, item.text, ctx.languages, `${path}/text`, item.id, { nl: 'de vraagtekst', en: 'text' });
    for (const r of item.rounds) {
      if (!ctx.roundKeys.includes(r))
        issues.push(
          issueOf(
            'unknown-round',
            `${path}/rounds`,
            item.id,
            `meting "${r}" bestaat niet in dit onderzoek`,
            `round "${r}" does not exist in this study`,
          ),
        );
    }
    checkShowIf(issues, all, item, index, path);
    checkType(issues, item, path, ctx);
  });
  for (const i of checkIndicators(q.indicators ?? [], all, ctx.languages)) {
    issues.push({ code: 'indicator', path: i.path, message: i.message.en, text: i.message });
  }
  return issues.length ? { ok: false, issues } : { ok: true, questionnaire: q, issues: [] };
}

function checkShowIf(issues: QuestionnaireIssue[], all: Item[], item: Item, index: number, path: string): void {
  const cond = item.showIf;
  if (!cond) return;
  const at = all.findIndex((i) => i.id === cond.item);
  if (cond.item === item.id) {
    issues.push(
      issueOf('show-if-self', `${path}/showIf`, item.id, 'de voorwaarde verwijst naar de vraag zelf', 'show-if refers to the item itself'),
    );
  } else if (at < 0) {
    issues.push(
      issueOf(
        'show-if-missing-item',
        `${path}/showIf`,
        item.id,
        `de voorwaarde noemt vraag "${cond.item}", die niet bestaat`,
        `show-if names item "${cond.item}", which does not exist`,
      ),
    );
  } else if (at > index) {
    issues.push(
      issueOf(
        'show-if-later-item',
        `${path}/showIf`,
        item.id,
        `de voorwaarde noemt vraag "${cond.item}", die later in de vragenlijst komt`,
        `show-if names item "${cond.item}", which comes later in the questionnaire`,
      ),
    );
  } else if (cond.op !== 'answered') {
    const target = all[at];
    const ok = target.type !== 'partnerGrid' && target.type !== 'toolGrid' && target.type !== 'text' && target.type !== 'multi';
    const hasValue = cond.value !== undefined && (cond.op === 'anyOf' ? Array.isArray(cond.value) : typeof cond.value === 'number');
    if (!ok || !hasValue) {
      const list = cond.op === 'anyOf';
      issues.push(
        issueOf(
          'show-if-value',
          `${path}/showIf`,
          item.id,
          `de voorwaarde "${cond.op}" heeft ${list ? 'een lijst codes' : 'één code'} van een vraag met één antwoord nodig`,
          `show-if "${cond.op}" needs ${list ? 'a list of codes' : 'one code'} of a single-answer item`,
        ),
      );
    }
  }
}

function checkType(issues: QuestionnaireIssue[], item: Item, path: string, ctx: QuestionnaireContext): void {
  switch (item.type) {
    case 'likert':
    case 'frequency':
    case 'toolGrid':
      checkScale(issues, item.scale, item.id, `${path}/scale`, ctx.languages);
      if (item.type === 'toolGrid' && ctx.toolCount === 0) {
        issues.push(
          issueOf(
            'no-tools',
            path,
            item.id,
            'een tabel met instrumenten, maar het onderzoek heeft geen instrumenten',
            'tool grid, but the study has no tools',
          ),
        );
      }
      break;
    case 'partnerGrid':
      if (ctx.partnerCount === 0) {
        issues.push(
          issueOf(
            'no-partners',
            path,
            item.id,
            'een tabel met partners, maar het onderzoek heeft geen partners',
            'partner grid, but the study has no chain partners',
          ),
        );
      }
      item.facets.forEach((f, fi) => {
        checkScale(issues, f.scale, item.id, `${path}/facets/${fi}/scale`, ctx.languages);
        langs(issues, f.label, ctx.languages, `${path}/facets/${fi}/label`, item.id, {
          nl: `het label van "${f.key}"`,
          en: `facet "${f.key}" label`,
        });
      });
      if (new Set(item.facets.map((f) => f.key)).size !== item.facets.length) {
        issues.push(
          issueOf('scale-codes', `${path}/facets`, item.id, 'een onderdeel van de tabel komt twee keer voor', 'a facet appears twice'),
        );
      }
      break;
    case 'rating':
      if (item.max - item.min < 1) {
        issues.push(
          issueOf(
            'scale-too-small',
            path,
            item.id,
            `een cijfervraag heeft minstens twee punten nodig (min ${item.min}, max ${item.max})`,
            `a rating needs at least two points (min ${item.min}, max ${item.max})`,
          ),
        );
      }
      if (item.topBoxFrom !== undefined && (item.topBoxFrom < item.min || item.topBoxFrom > item.max)) {
        issues.push(
          issueOf(
            'top-box',
            `${path}/topBoxFrom`,
            item.id,
            'de bovengrens (top box) ligt buiten de cijfers',
            'top box starts outside the rating',
          ),
        );
      }
      break;
    case 'single':
    case 'multi':
      if (item.options.length < 2) {
        issues.push(
          issueOf('scale-too-small', `${path}/options`, item.id, 'heeft minstens twee opties nodig', 'needs at least two options'),
        );
      }
      uniqueCodes(
        issues,
        item.options.map((o) => o.code),
        item.id,
        `${path}/options`,
      );
      item.options.forEach((o, oi) =>
        langs(issues, o.label, ctx.languages, `${path}/options/${oi}/label`, item.id, {
          nl: `het label van optie ${o.code}`,
          en: `option ${o.code} label`,
        }),
      );
      break;
    case 'number':
      if (!(item.min < item.max)) {
        issues.push(issueOf('bounds', path, item.id, 'het minimum moet lager zijn dan het maximum', 'minimum must be below maximum'));
      }
      break;
    default:
      break;
  }
}

function checkScale(issues: QuestionnaireIssue[], scale: Scale, id: string, path: string, languages: readonly Lang[]): void {
  if (scale.points.length < 2) {
    issues.push(
      issueOf(
        'scale-too-small',
        `${path}/points`,
        id,
        `een schaal heeft minstens twee punten nodig, deze heeft er ${scale.points.length}`,
        `a scale needs at least two points, it has ${scale.points.length}`,
      ),
    );
    return;
  }
  uniqueCodes(
    issues,
    scale.points.map((p) => p.code),
    id,
    `${path}/points`,
  );
  for (let i = 1; i < scale.points.length; i++) {
    if (scale.points[i].code <= scale.points[i - 1].code) {
      issues.push(
        issueOf(
          'scale-codes',
          `${path}/points`,
          id,
          'de codes van de schaal moeten oplopen in de volgorde van de punten',
          'scale codes must increase with the order of the points',
        ),
      );
      break;
    }
  }
  scale.points.forEach((p, pi) =>
    langs(issues, p.label, languages, `${path}/points/${pi}/label`, id, {
      nl: `het label van schaalpunt ${p.code}`,
      en: `scale point ${p.code} label`,
    }),
  );
  const codes = new Set(scale.points.map((p) => p.code));
  if (scale.topBox?.some((c) => !codes.has(c))) {
    issues.push(
      issueOf(
        'top-box',
        `${path}/topBox`,
        id,
        'de top box noemt een code die niet op de schaal staat',
        'top box names a code that is not on the scale',
      ),
    );
  }
}

function uniqueCodes(issues: QuestionnaireIssue[], codes: number[], id: string, path: string): void {
  if (new Set(codes).size !== codes.length) {
    issues.push(issueOf('scale-codes', path, id, 'elke code mag maar één keer voorkomen', 'codes must be unique'));
  }
}

function langs(
  issues: QuestionnaireIssue[],
  text: Partial<Record<Lang, string>> | undefined,
  languages: readonly Lang[],
  path: string,
  item: string | undefined,
  what: { nl: string; en: string },
): void {
  // Only the study's own languages are required: a Dutch-only study never needs an English text.
  for (const lang of languages) {
    if (!text?.[lang]?.trim()) {
      issues.push(
        issueOf(
          'missing-language',
          `${path}/${lang}`,
          item,
          `${what.nl} ontbreekt in het ${lang === 'nl' ? 'Nederlands' : 'Engels'}`,
          `${what.en} is missing in ${lang === 'nl' ? 'Dutch (nl)' : 'English (en)'}`,
        ),
      );
    }
  }
}

function pathOf(q: Questionnaire, item: Item): string {
  for (let s = 0; s < q.sections.length; s++) {
    const i = q.sections[s].items.indexOf(item);
    if (i >= 0) return `/sections/${s}/items/${i}`;
  }
  return '/';
}

const ITEM_SCHEMAS: Record<string, TSchema> = Object.fromEntries(
  ItemSchema.anyOf.map((schema) => [(schema.properties.type as { const: string }).const, schema]),
);

/**
 * Schema problems, item by item: a union's own error ("expected union value") says nothing,
 * so each item is checked against the schema of the type it claims.
 */
function schemaIssues(input: unknown): QuestionnaireIssue[] {
  const issues: QuestionnaireIssue[] = [];
  // TypeBox words its errors in English only: the Dutch text says where and quotes them.
  const add = (path: string, message: string, item?: string) => {
    if (issues.length < 50 && !issues.some((i) => i.path === path && i.message === message)) {
      const nl = `${item ? `Vraag "${item}": ` : ''}ongeldige waarde bij ${path || '/'} (${message})`;
      issues.push({ code: 'schema', item, path: path || '/', message, text: { nl, en: message } });
    }
  };
  for (const e of Value.Errors(QuestionnaireSchema, input)) {
    if (!/^\/sections\/\d+\/items\/\d+/.test(e.path)) add(e.path, `${e.path || '/'}: ${e.message}`);
  }
  const sections = (input as { sections?: unknown })?.sections;
  if (!Array.isArray(sections)) return issues;
  sections.forEach((section, si) => {
    const items = (section as { items?: unknown })?.items;
    if (!Array.isArray(items)) return;
    items.forEach((raw, ii) => {
      const path = `/sections/${si}/items/${ii}`;
      const item = raw as { id?: unknown; type?: unknown };
      const id = typeof item?.id === 'string' ? item.id : `#${ii + 1} of section ${si + 1}`;
      const schema = typeof item?.type === 'string' ? ITEM_SCHEMAS[item.type] : undefined;
      if (!schema) {
        add(`${path}/type`, `item "${id}": unknown item type ${JSON.stringify(item?.type ?? null)}`, id);
        return;
      }
      // No measure yet: the builder leaves it to the researcher (issue 16), so say what to do.
      const noMeasure = (raw as { measure?: unknown }).measure === undefined;
      if (noMeasure && issues.length < 50) {
        issues.push({
          code: 'schema',
          item: id,
          path: `${path}/measure`,
          message: `item "${id}": choose what this question measures`,
          text: { nl: `Vraag "${id}": kies wat deze vraag meet`, en: `Item "${id}": choose what this question measures` },
        });
      }
      for (const e of Value.Errors(schema, raw)) {
        if (noMeasure && e.path === '/measure') continue;
        add(`${path}${e.path}`, `item "${id}": ${e.path.slice(1) || 'item'} ${e.message.toLowerCase()}`, id);
      }
    });
  });
  return issues;
}
