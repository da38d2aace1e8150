import type { Kysely } from 'kysely';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  checkGroups,
  checkQuestionnaire,
  type Partner,
  type Questionnaire,
  type Round,
  type Study,
  type Tool,
  type LocalText,
} from '../../model/index.js';
import {
  STUDY_FILE_FORMAT,
  STUDY_FILE_VERSION,
  StudyFileSchema,
  type StudyFile,
  type StudyFileIssue,
  type StudyFileIssueCode,
} from '../../model/study-file.js';
import { SLUG_PATTERN } from '../../model/values.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { checkTemplate } from '../fieldwork/placeholders.js';
import type {} from '../fieldwork/schema.js';
import { exchangeVariables, VariableNameError } from '../exchange/variables.js';
import type { ExchangeStudy } from '../exchange/study-data.js';
import { checkDomainCoverage } from '../../model/domain-coverage-check.js';
import { insertStudy, type NewStudy, type StudySource } from './create-study.js';
import { findStudyId, getStudy, parseQuestionnaireDefinition } from './repository.js';

/**
 * The study as a file (model/study-file.ts, docs/study-format.md): written from the store by
 * `exportStudyFile`, checked completely by `checkStudyFile` before anything is written, and
 * created by `createStudyFromFile` in one transaction. `rondo study export|create` and the
 * set-up screens both use these.
 */

/** A file's slug override, or the study's own: the short name the new study will get. */
export interface StudyFileOptions {
  slug?: string;
}

/** What a checked file becomes: the one study creator's input and what it leaves to this module. */
export interface StudyFilePlan {
  slug: string;
  input: NewStudy;
  schedules: { round: string; autoInvite: boolean; reminderDays: number[]; language: 'nl' | 'en' | null }[];
  mailTemplates: NonNullable<StudyFile['mailTemplates']>;
  counts: { rounds: number; partners: number; tools: number; sections: number; items: number };
}

export type StudyFileCheck = { ok: true; plan: StudyFilePlan } | { ok: false; issues: StudyFileIssue[] };

/** `/questionnaire/sections/1/items/3/options/2` → `questionnaire.sections[1].items[3].options[2]`. */
export function filePath(pointer: string): string {
  let out = '';
  for (const part of pointer.split('/').filter(Boolean)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(key)) out += `[${key}]`;
    else out += (out ? '.' : '') + (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));
  }
  return out || '(the file)';
}

const issue = (code: StudyFileIssueCode, pointer: string, message: string): StudyFileIssue => {
  const path = filePath(pointer);
  return { code, path, message: `${path}: ${message}` };
};

// The envelope is checked apart from the questionnaire, whose checker names the item of every
// problem (model/check-questionnaire.ts); checking both with one schema would say everything twice.
const EnvelopeSchema = Type.Object({ ...StudyFileSchema.properties, questionnaire: Type.Unknown() }, { additionalProperties: false });

/** Checks a study file completely, reading only whether the short name is free; never throws on bad input. */
export async function checkStudyFile(db: Kysely<Database>, input: unknown, options: StudyFileOptions = {}): Promise<StudyFileCheck> {
  const issues = checkShape(input, options);
  if (issues.some((i) => i.code === 'format' || i.code === 'version')) return { ok: false, issues };
  // The short name is checked also when the file has other problems, so one report says everything.
  const named = (input as { study?: { slug?: unknown } }).study?.slug;
  const slug = options.slug ?? (typeof named === 'string' ? named : undefined);
  if (slug !== undefined && new RegExp(SLUG_PATTERN).test(slug) && (await findStudyId(db, slug)) !== null) {
    const where = options.slug !== undefined ? '--slug' : 'study.slug';
    issues.unshift({ code: 'slug-taken', path: where, message: `${where}: the short name "${slug}" is already used by another study` });
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, plan: planOf(input as StudyFile, slug!) };
}

/** Every check that needs no database: format and version first, then everything at once. */
function checkShape(input: unknown, options: StudyFileOptions): StudyFileIssue[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [issue('format', '', 'a study file is a JSON object')];
  const raw = input as Record<string, unknown>;
  if (raw.format !== STUDY_FILE_FORMAT)
    return [issue('format', '/format', `this is not a rondo study file (format must be "${STUDY_FILE_FORMAT}")`)];
  if (raw.version !== STUDY_FILE_VERSION) {
    return [
      issue(
        'version',
        '/version',
        `format version ${JSON.stringify(raw.version ?? null)} is not known to this rondo, which reads version ${STUDY_FILE_VERSION}`,
      ),
    ];
  }
  const issues: StudyFileIssue[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(EnvelopeSchema, input)) {
    // A union reports every branch that failed; one line per place is enough.
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    issues.push(issue('schema', e.path, e.message.toLowerCase()));
  }
  if (options.slug !== undefined && !new RegExp(SLUG_PATTERN).test(options.slug))
    issues.push({
      code: 'schema',
      path: '--slug',
      message: `--slug: "${options.slug}" is not a valid short name (a-z, 0-9 and inner hyphens)`,
    });
  if (issues.length) return issues;

  const file = input as StudyFile;
  if (options.slug === undefined && file.study.slug === undefined)
    issues.push(issue('slug-missing', '/study/slug', 'the file names no short name; give one with --slug (or in study.slug)'));
  if (!file.study.languages.includes(file.study.defaultLanguage))
    issues.push(issue('schema', '/study/defaultLanguage', `"${file.study.defaultLanguage}" is not one of the study's languages`));
  twice(
    issues,
    'duplicate-round',
    file.rounds.map((r) => r.key),
    (i) => `/rounds/${i}/key`,
    'round key',
  );
  twice(
    issues,
    'duplicate-partner',
    file.partners.map((p) => p.name.replace(/\s+/g, ' ').trim().toLowerCase()),
    (i) => `/partners/${i}/name`,
    'partner',
  );
  twice(
    issues,
    'duplicate-tool',
    file.tools.map((t) => t.name.replace(/\s+/g, ' ').trim().toLowerCase()),
    (i) => `/tools/${i}/name`,
    'tool',
  );
  file.partners.forEach((p, i) => !p.name.trim() && issues.push(issue('schema', `/partners/${i}/name`, 'a partner needs a name')));
  file.tools.forEach((t, i) => !t.name.trim() && issues.push(issue('schema', `/tools/${i}/name`, 'a tool needs a name')));
  file.rounds.forEach((r, i) => {
    if (r.opensAt && r.closesAt && Date.parse(r.closesAt) <= Date.parse(r.opensAt))
      issues.push(issue('schema', `/rounds/${i}/closesAt`, 'a round closes after it opens'));
    if (!r.label.nl?.trim() && !r.label.en?.trim()) issues.push(issue('schema', `/rounds/${i}/label`, 'a round needs a name'));
  });
  twice(
    issues,
    'duplicate-template',
    (file.mailTemplates ?? []).map((t) => `${t.kind} ${t.language}`),
    (i) => `/mailTemplates/${i}`,
    'mail text for',
  );
  (file.mailTemplates ?? []).forEach((t, i) => {
    for (const problem of checkTemplate(t.subject, t.body).issues)
      issues.push(issue('mail-template', `/mailTemplates/${i}/${problem.field}`, problem.message));
  });

  const { questionnaire, unresolved } = resolveScales(file, issues);
  const roundKeys = file.rounds.map((r) => r.key);
  const checked = checkQuestionnaire(questionnaire, {
    languages: file.study.languages,
    roundKeys,
    partnerCount: file.partners.length,
    toolCount: file.tools.length,
  });
  if (checked.ok) {
    exportNames(file, checked.questionnaire, issues);
    // Respondent groups see sections of this questionnaire (model/respondent-groups.ts).
    for (const g of checkGroups(file.study.groups ?? [], file.study.languages, checked.questionnaire))
      issues.push(issue('schema', `/study/groups/${g.group}`, `${filePath(`/study/groups/${g.group}`)}: ${g.message.en}`));
    // Issue 17: the domain coverage setting names a listed attribute and a multiple-choice item of its domains.
    if (file.study.domainCoverage)
      for (const d of checkDomainCoverage(
        file.study.domainCoverage,
        file.study.cohortAttributes,
        checked.questionnaire,
        file.study.vocabulary,
      ))
        issues.push({ ...issue('schema', `/study/domainCoverage/${d.field}`, d.message.en), text: d.message });
  } else {
    for (const q of checked.issues) {
      const pointer = `/questionnaire${q.path === '/' ? '' : q.path}`;
      // An unknown scale name is reported once, as that, not again as a shape problem.
      if (unresolved.some((u) => pointer.startsWith(u))) continue;
      issues.push({
        code: q.code,
        path: filePath(pointer),
        message: `${filePath(pointer)}: ${q.message}`,
        ...(q.text ? { text: q.text } : {}),
      });
    }
  }
  return issues;
}

/**
 * The export names of the items' variables (server/exchange/variables.ts) must differ too: an item
 * `collab_p1_freq` and a partner grid `collab` would both give `collab_p1_freq`.
 */
function exportNames(file: StudyFile, questionnaire: Questionnaire, issues: StudyFileIssue[]): void {
  const catalogue = (names: { name: string }[]) => names.map((p, i) => ({ id: i + 1, number: i + 1, name: p.name }));
  const study: ExchangeStudy = {
    id: 0,
    slug: file.study.slug ?? '',
    definition: { ...file.study, slug: file.study.slug ?? '' },
    questionnaire,
    questionnaireVersion: 1,
    questionnaireVersionId: 0,
    rounds: file.rounds.map((r, position) => ({ id: position + 1, key: r.key, position, label: r.label })),
    partners: catalogue(file.partners),
    tools: catalogue(file.tools),
  };
  try {
    exchangeVariables(study);
  } catch (err) {
    if (!(err instanceof VariableNameError)) throw err;
    const names = new Set(err.names);
    const variables = new Map<string, string>();
    questionnaire.sections.forEach((s, si) =>
      s.items.forEach((item, ii) => {
        const pointer = `/questionnaire/sections/${si}/items/${ii}/id`;
        for (const name of variableNames(study, item)) {
          if (!names.has(name)) continue;
          const first = variables.get(name);
          if (first === undefined) variables.set(name, pointer);
          else
            issues.push(
              issue('duplicate-variable', pointer, `the export variable "${name}" of item "${item.id}" is also made by ${filePath(first)}`),
            );
        }
      }),
    );
  }
}

function variableNames(study: ExchangeStudy, item: Questionnaire['sections'][number]['items'][number]): string[] {
  return exchangeVariables({ ...study, questionnaire: { ...study.questionnaire, sections: [{ key: 's', title: {}, items: [item] }] } }).map(
    (v) => v.name,
  );
}

function twice(issues: StudyFileIssue[], code: StudyFileIssueCode, values: string[], at: (i: number) => string, what: string): void {
  const first = new Map<string, number>();
  values.forEach((v, i) => {
    const earlier = first.get(v);
    if (earlier === undefined) first.set(v, i);
    else issues.push(issue(code, at(i), `${what} "${v}" appears twice (first at ${filePath(at(earlier))})`));
  });
}

/** The questionnaire with every scale named by the file's `scales` copied in; unknown names are issues. */
function resolveScales(file: StudyFile, issues: StudyFileIssue[]): { questionnaire: Questionnaire; unresolved: string[] } {
  const scales = file.scales ?? {};
  const unresolved: string[] = [];
  const resolve = (value: unknown, pointer: string) => {
    if (typeof value !== 'string') return value;
    if (Object.hasOwn(scales, value)) return structuredClone(scales[value]);
    const known = Object.keys(scales);
    issues.push(
      issue(
        'unknown-scale',
        pointer,
        `the scale "${value}" is not in the file's scales (${known.length ? `known: ${known.join(', ')}` : 'the file has none'})`,
      ),
    );
    unresolved.push(pointer);
    return value;
  };
  const questionnaire = structuredClone(file.questionnaire) as unknown as Questionnaire;
  // The questionnaire's shape is not checked yet (checkQuestionnaire does that next): walk only what is there.
  const list = (v: unknown): Record<string, unknown>[] =>
    Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
  list((questionnaire as unknown as { sections?: unknown } | null)?.sections).forEach((s, si) =>
    list(s.items).forEach((item) => {
      const at = `/questionnaire/sections/${si}/items/${(s.items as unknown[]).indexOf(item)}`;
      if ('scale' in item) item.scale = resolve(item.scale, `${at}/scale`);
      if (item.type === 'partnerGrid') list(item.facets).forEach((f, fi) => (f.scale = resolve(f.scale, `${at}/facets/${fi}/scale`)));
    }),
  );
  return { questionnaire, unresolved };
}

function planOf(file: StudyFile, slug: string): StudyFilePlan {
  const { $schema: _schema, ...rest } = file;
  void _schema;
  const study: Study = { ...rest.study, slug };
  const rounds: Round[] = file.rounds.map((r) => ({
    key: r.key,
    label: r.label,
    opensAt: r.opensAt ?? null,
    closesAt: r.closesAt ?? null,
  }));
  const questionnaire = resolveScales(file, []).questionnaire;
  const items = questionnaire.sections.reduce((n, s) => n + s.items.length, 0);
  return {
    slug,
    input: { study, rounds, partners: file.partners as Partner[], tools: file.tools as Tool[], questionnaire },
    schedules: file.rounds.flatMap((r) => (r.schedule ? [{ round: r.key, ...r.schedule }] : [])),
    mailTemplates: file.mailTemplates ?? [],
    counts: {
      rounds: rounds.length,
      partners: file.partners.length,
      tools: file.tools.length,
      sections: questionnaire.sections.length,
      items,
    },
  };
}

/**
 * Creates the study a file describes, in one transaction: checked first, and checked again
 * inside the transaction for the short name, so a study made at the same moment is not
 * overwritten. With a creator (the set-up screens) they become its researcher.
 */
export async function createStudyFromFile(
  db: Kysely<Database>,
  input: unknown,
  options: StudyFileOptions & {
    actor: string;
    creator?: { userId: number; session?: string };
    fileName?: string;
    now?: Date;
  },
): Promise<({ ok: true; studyId: number } & { plan: StudyFilePlan }) | { ok: false; issues: StudyFileIssue[] }> {
  const now = options.now ?? new Date();
  return writeTx(db, async (trx) => {
    const checked = await checkStudyFile(trx, input, options);
    if (!checked.ok) return checked;
    const { plan } = checked;
    const source: StudySource = { kind: 'file', file: options.fileName ?? 'study.json' };
    const created = await insertStudy(trx, plan.input, {
      now,
      creator: options.creator ? { ...options.creator, source } : undefined,
    });
    for (const s of plan.schedules) {
      await trx
        .insertInto('round_schedule')
        .values({
          round_id: created.roundIds[s.round],
          auto_invite: s.autoInvite ? 1 : 0,
          reminder_days: JSON.stringify([...s.reminderDays].sort((a, b) => a - b)),
          language: s.language,
          updated_at: now.toISOString(),
          updated_by: options.actor,
        })
        .execute();
    }
    for (const t of plan.mailTemplates) {
      await trx
        .insertInto('mail_template')
        .values({
          study_id: created.studyId,
          kind: t.kind,
          language: t.language,
          subject: t.subject.trim(),
          body: t.body.replace(/\r\n?/g, '\n'),
          updated_at: now.toISOString(),
          updated_by: options.actor,
        })
        .execute();
    }
    // The screens' creator is audited by insertStudy; a command-line creation is audited here.
    if (!options.creator) {
      await audit(trx, {
        actor: options.actor,
        studyId: created.studyId,
        action: 'study.create',
        target: plan.slug,
        at: now,
        details: { source: `file:${source.file}` },
      });
    }
    return { ok: true as const, studyId: created.studyId, plan };
  });
}

/** A study's whole definition as a study file: never responses, participants or anything personal. */
export async function exportStudyFile(db: Kysely<Database>, studyId: number): Promise<StudyFile> {
  const stored = await getStudy(db, studyId);
  const rounds = await db
    .selectFrom('round')
    .leftJoin('round_schedule', 'round_schedule.round_id', 'round.id')
    .select([
      'round.key',
      'round.label_nl',
      'round.label_en',
      'round.opens_at',
      'round.closes_at',
      'round_schedule.auto_invite',
      'round_schedule.reminder_days',
      'round_schedule.language',
    ])
    .where('round.study_id', '=', studyId)
    .orderBy('round.position')
    .execute();
  const partners = await db.selectFrom('partner').select(['name', 'domain']).where('study_id', '=', studyId).orderBy('position').execute();
  const tools = await db.selectFrom('tool').select(['name', 'description']).where('study_id', '=', studyId).orderBy('position').execute();
  const version = await db
    .selectFrom('questionnaire_version')
    .select(['version', 'definition'])
    .where('study_id', '=', studyId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const templates = await db
    .selectFrom('mail_template')
    .select(['kind', 'language', 'subject', 'body'])
    .where('study_id', '=', studyId)
    .orderBy('kind')
    .orderBy('language')
    .execute();
  const file: StudyFile = {
    format: STUDY_FILE_FORMAT,
    version: STUDY_FILE_VERSION,
    study: stored.definition,
    rounds: rounds.map((r) => ({
      key: r.key,
      label: { nl: r.label_nl, en: r.label_en },
      opensAt: r.opens_at,
      closesAt: r.closes_at,
      ...(r.auto_invite === null
        ? {}
        : { schedule: { autoInvite: r.auto_invite === 1, reminderDays: days(r.reminder_days), language: r.language ?? null } }),
    })),
    partners: partners.map((p) => ({ name: p.name, domain: p.domain })),
    tools: tools.map((t) => {
      const description = text(t.description);
      return description ? { name: t.name, description } : { name: t.name };
    }),
    questionnaire: parseQuestionnaireDefinition(version.definition, `questionnaire version ${version.version} of study ${stored.slug}`),
  };
  if (templates.length) file.mailTemplates = templates;
  return file;
}

function days(json: string | null): number[] {
  try {
    const v = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((d): d is number => Number.isInteger(d) && d > 0).sort((a, b) => a - b) : [];
  } catch {
    return [];
  }
}

/** A tool's stored description; empty texts are left out of the file. */
function text(raw: string): LocalText | null {
  try {
    const v = JSON.parse(raw) as LocalText;
    if (!v || typeof v !== 'object') return null;
    const out: LocalText = {};
    if (v.nl) out.nl = v.nl;
    if (v.en) out.en = v.en;
    return out.nl || out.en ? out : null;
  } catch {
    return raw ? { nl: raw } : null;
  }
}
