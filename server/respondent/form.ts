import type SQLite from 'better-sqlite3';
import {
  questionnaireForGroup,
  type AnswerCell,
  type AnswerContext,
  type LocalText,
  type MissingCode,
  type Questionnaire,
  type RespondentForm,
} from '../../model/index.js';
import { changeEpoch } from '../db/change-epoch.js';
import type { Subject } from './subject.js';
import { parseQuestionnaireDefinition } from '../studies/repository.js';

/** A questionnaire version made ready for one round: what the page embeds and what validation needs. */
export interface PreparedForm {
  versionId: number;
  /**
   * The questionnaire version as the respondent's group sees it: only its sections, so required
   * items are required only there (validation names items of other rounds as such).
   */
  questionnaire: Questionnaire;
  ctx: AnswerContext;
  /** The RespondentForm as JSON, safe to place inside a <script type="application/json">. */
  json: string;
}

interface Statements {
  latest: SQLite.Statement;
  version: SQLite.Statement;
  catalogues: SQLite.Statement;
}

const prepared = new WeakMap<SQLite.Database, Statements>();
function statements(sqlite: SQLite.Database): Statements {
  let s = prepared.get(sqlite);
  if (!s) {
    s = {
      // The id only: the definition (tens of kilobytes) is read when the form is not cached.
      latest: sqlite.prepare('select id from questionnaire_version where study_id = ? order by version desc limit 1').pluck(),
      version: sqlite.prepare('select id, definition from questionnaire_version where id = ?'),
      // The catalogues as JSON built by SQLite: one cheap query, and the text doubles as the
      // cache key, so renaming a partner shows on the next page load.
      catalogues: sqlite.prepare(
        `select
           (select json_group_array(json_array(id, name)) from (select id, name from partner where study_id = @s order by position)) as partners,
           (select json_group_array(json_array(id, name, description)) from (select id, name, description from tool where study_id = @s order by position)) as tools`,
      ),
    };
    prepared.set(sqlite, s);
  }
  return s;
}

// Built forms by everything they are made of; a change to any part is a new key. Bounded, so a
// server running many studies for a long time does not grow without limit.
const forms = new Map<string, PreparedForm>();

/**
 * The form for a subject: the questionnaire version its response is pinned to (the latest one
 * when it has no response yet), only the items of its round, and the study's partners and
 * tools. Null when the study has no questionnaire.
 */
export function prepareForm(sqlite: SQLite.Database, subject: Subject): PreparedForm | null {
  // While nothing of the study's setup changed (server/db/change-epoch.ts), the same subject's
  // form is the one built before: no catalogue query, no long cache key.
  const epoch = changeEpoch(sqlite);
  if (epoch === null) return formFromDatabase(sqlite, subject);
  let known = recent.get(sqlite);
  if (!known || known.epoch !== epoch) {
    known = { epoch, forms: new Map() };
    recent.set(sqlite, known);
  }
  // Everything a form is made of that is not in the watched tables: the pinned version (or the
  // latest, which is watched), the round, the kind of link and the respondent group.
  const version = subject.response ? subject.response.questionnaireVersionId : 'latest';
  const key = `${version}\u0001${subject.studyId}\u0001${subject.round.id}\u0001${subject.kind}\u0001${subject.group.key}`;
  let form = known.forms.get(key);
  if (!form) {
    form = formFromDatabase(sqlite, subject) ?? undefined;
    if (!form) return null;
    if (known.forms.size > 500) known.forms.clear();
    known.forms.set(key, form);
  }
  return form;
}

/** Forms by subject while the change epoch stays the same. */
const recent = new WeakMap<SQLite.Database, { epoch: number; forms: Map<string, PreparedForm> }>();

function formFromDatabase(sqlite: SQLite.Database, subject: Subject): PreparedForm | null {
  const st = statements(sqlite);
  const versionId = (subject.response ? subject.response.questionnaireVersionId : st.latest.get(subject.studyId)) as number | undefined;
  if (versionId === undefined) return null;
  const cat = st.catalogues.get({ s: subject.studyId }) as { partners: string; tools: string };
  const r = subject.round;
  const key = [
    versionId,
    r.id,
    r.key,
    r.labelNl,
    r.labelEn,
    r.closesAt,
    subject.kind,
    subject.group.key,
    cat.partners,
    cat.tools,
    subject.studyDefinition,
  ].join('\u0001');
  let form = forms.get(key);
  if (!form) {
    if (forms.size > 500) forms.clear();
    const version = st.version.get(versionId) as { id: number; definition: string } | undefined;
    if (!version) return null;
    form = build(version, subject, JSON.parse(cat.partners) as [number, string][], JSON.parse(cat.tools) as [number, string, string][]);
    forms.set(key, form);
  }
  return form;
}

function build(
  version: { id: number; definition: string },
  subject: Subject,
  partners: [number, string][],
  tools: [number, string, string][],
): PreparedForm {
  const whole = parseQuestionnaireDefinition(version.definition, `questionnaire version ${version.id} of study ${subject.studyId}`);
  const questionnaire = questionnaireForGroup(whole, subject.group);
  const roundKey = subject.round.key;
  const s = subject.study;
  const form: RespondentForm = {
    study: {
      title: s.title,
      // A respondent group's own introduction replaces the study's (parents are not told what professionals are).
      description: subject.group.intro ?? s.description,
      privacy: s.privacyStatement,
      organisation: s.organisation,
      contactEmail: s.colophon.contactEmail,
      languages: s.languages,
    },
    round: { key: roundKey, label: { nl: subject.round.labelNl, en: subject.round.labelEn }, closesAt: subject.round.closesAt },
    questionnaire: {
      ...questionnaire,
      sections: questionnaire.sections
        .map((sec) => ({ ...sec, items: sec.items.filter((i) => i.rounds.includes(roundKey)) }))
        .filter((sec) => sec.items.length > 0),
    },
    partners: partners.map(([id, name]) => ({ id, name })),
    tools: tools.map(([id, name, description]) => ({ id, name, description: parseText(description) })),
    api: subject.kind === 'invitation' ? '/r/api' : '/r/anon/api',
    anonymous: subject.kind === 'anonymous',
    group: subject.group.implicit ? undefined : { key: subject.group.key, name: subject.group.name },
  };
  return {
    versionId: version.id,
    questionnaire,
    ctx: { roundKey, partnerIds: partners.map(([id]) => id), toolIds: tools.map(([id]) => id) },
    json: scriptJson(form),
  };
}

function parseText(raw: string): LocalText | undefined {
  try {
    const v = JSON.parse(raw) as LocalText;
    return v && typeof v === 'object' && (v.nl || v.en) ? v : undefined;
  } catch {
    return raw ? { nl: raw, en: raw } : undefined;
  }
}

/**
 * JSON for a <script type="application/json">: `<` is escaped so no text in it (a partner
 * called "</script><script>…") can end the element, and every non-ASCII character is written
 * as a \\u escape, so the page stays ASCII (see asciiHtml); JSON.parse reads it back unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const answerStatements = new WeakMap<SQLite.Database, SQLite.Statement>();

/** A response's stored answers as cells, for restoring a draft in the form. */
export function loadAnswers(sqlite: SQLite.Database, responseId: number): AnswerCell[] {
  let st = answerStatements.get(sqlite);
  if (!st) {
    st = sqlite.prepare('select item, sub, code, missing, text from answer where response_id = ?');
    answerStatements.set(sqlite, st);
  }
  return (st.all(responseId) as { item: string; sub: string; code: number | null; missing: MissingCode | null; text: string | null }[]).map(
    (r) => {
      const cell: AnswerCell = { item: r.item, sub: r.sub };
      if (r.code !== null) cell.code = r.code;
      if (r.missing !== null) cell.missing = r.missing;
      if (r.text !== null) cell.text = r.text;
      return cell;
    },
  );
}
