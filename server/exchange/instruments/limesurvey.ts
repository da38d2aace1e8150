import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { InstrumentReport } from '../../../model/api/instrument.js';
import { MAX_INSTRUMENT_BYTES } from '../../../model/api/instrument.js';
import { InstrumentBuilder, codedOptions, reportOf, type QuestionReport, type StudyContext, type Texts } from './build.js';

/**
 * A LimeSurvey survey structure (.lss, XML) read as a rondo questionnaire. Both layouts are read:
 * LimeSurvey 3 (a row per language in questions, answers and groups) and 4+ (texts in
 * question_l10ns, answer_l10ns and group_l10ns). The XML is parsed with entity processing off and
 * a DOCTYPE refused, so no entity, internal or external, is ever expanded or fetched.
 *
 * Types: L ! O (list) → single, M P (multiple choice) → multi, F H (array) → a likert item per
 * subquestion, A B (5 and 10 point array) → a rating per subquestion, 5 → rating 1–5, N → number,
 * S T U → text, Y → yes/no, G → single (female, male), X → section introduction. Anything else
 * is reported as not imported, as are relevance, conditions, validation, "other" and comments.
 */

type Row = Record<string, string>;

const MEANS = {
  L: 'list',
  '!': 'list (dropdown)',
  O: 'list with comment',
  M: 'multiple choice',
  P: 'multiple choice with comments',
  F: 'array',
  H: 'array by column',
  A: 'array (5 point choice)',
  B: 'array (10 point choice)',
  '5': '5 point choice',
  N: 'numerical input',
  S: 'short free text',
  T: 'long free text',
  U: 'huge free text',
  Y: 'yes/no',
  G: 'gender',
  X: 'text display',
  // Known to LimeSurvey, without a rondo counterpart (reported as not imported):
  R: 'ranking',
  D: 'date',
  K: 'multiple numerical input',
  Q: 'multiple short text',
  ';': 'array of texts',
  ':': 'array of numbers',
  '1': 'array dual scale',
  E: 'array increase/same/decrease',
  C: 'array yes/uncertain/no',
  '|': 'file upload',
  '*': 'equation',
  I: 'language switch',
} as Record<string, string>;

export function readLimeSurvey(bytes: Buffer, fileName: string, study: StudyContext): InstrumentReport {
  const b = new InstrumentBuilder('limesurvey', study);
  const file = { name: fileName, bytes: bytes.length };
  const stop = (code: 'TOO_LARGE' | 'NOT_XML' | 'DOCTYPE' | 'NOT_LIMESURVEY', message: string) => {
    b.note(null, code, 'error', message);
    return reportOf(b, file, null);
  };
  if (bytes.length > MAX_INSTRUMENT_BYTES)
    return stop(
      'TOO_LARGE',
      `The file is ${(bytes.length / 1048576).toFixed(1)} MB; an instrument may be at most ${MAX_INSTRUMENT_BYTES / 1048576} MB.`,
    );
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  // A survey structure never has a DOCTYPE; one here can only declare entities, which are never expanded.
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return stop('DOCTYPE', 'The file declares a DOCTYPE or entities; rondo does not read those. Export the survey structure (.lss) again.');
  const valid = XMLValidator.validate(text);
  if (valid !== true) return stop('NOT_XML', `The file is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`);
  const parser = new XMLParser({
    processEntities: false,
    htmlEntities: false,
    ignoreAttributes: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (_name, jpath) => /\.rows\.row$|\.languages\.language$/.test(String(jpath)),
  });
  const doc = (parser.parse(text) as { document?: Record<string, unknown> }).document;
  if (!doc || typeof doc !== 'object' || !('questions' in doc))
    return stop('NOT_LIMESURVEY', 'This is XML but not a LimeSurvey survey structure (.lss): it has no <document> with <questions>.');

  const rows = (section: string): Row[] => {
    const s = doc[section] as { rows?: { row?: Record<string, unknown>[] } } | undefined;
    return (s?.rows?.row ?? []).map((r) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(r)) out[k] = typeof v === 'string' || typeof v === 'number' ? decode(String(v)) : '';
      return out;
    });
  };
  const questionRows = [...rows('questions'), ...rows('subquestions')];
  const questionTexts = new Map<string, Texts>();
  const helpTexts = new Map<string, Texts>();
  const put = (map: Map<string, Texts>, id: string, lang: string, value: string | undefined) => {
    if (!lang || value === undefined) return;
    b.fileLanguages.add(lang.slice(0, 2));
    const t = map.get(id) ?? {};
    if (!(lang in t)) t[lang] = value;
    map.set(id, t);
  };
  for (const r of [...questionRows, ...rows('question_l10ns')]) {
    put(questionTexts, r.qid, r.language, r.question);
    put(helpTexts, r.qid, r.language, r.help);
  }
  const byQid = new Map<string, Row>();
  for (const r of questionRows) if (!byQid.has(r.qid)) byQid.set(r.qid, r);
  const subquestions = new Map<string, Row[]>();
  for (const r of byQid.values())
    if (r.parent_qid && r.parent_qid !== '0') subquestions.set(r.parent_qid, [...(subquestions.get(r.parent_qid) ?? []), r]);
  for (const list of subquestions.values()) list.sort((x, y) => Number(x.question_order) - Number(y.question_order));

  const answerTexts = new Map<string, Texts>();
  const answerRows = rows('answers');
  for (const r of answerRows) put(answerTexts, r.aid || `${r.qid}|${r.scale_id}|${r.code}`, r.language, r.answer);
  for (const r of rows('answer_l10ns')) put(answerTexts, r.aid, r.language, r.answer);
  const answers = new Map<string, Row[]>();
  const seenAnswer = new Set<string>();
  for (const r of answerRows) {
    const key = `${r.qid}|${r.scale_id || '0'}|${r.code}`;
    if (seenAnswer.has(key)) continue;
    seenAnswer.add(key);
    answers.set(r.qid, [...(answers.get(r.qid) ?? []), r]);
  }
  for (const list of answers.values()) list.sort((x, y) => Number(x.sortorder) - Number(y.sortorder));
  const optionsOf = (qid: string) =>
    (answers.get(qid) ?? [])
      .filter((a) => (a.scale_id || '0') === '0')
      .map((a) => ({
        code: a.assessment_value && a.assessment_value !== '0' ? a.assessment_value : a.code,
        label: answerTexts.get(a.aid || `${a.qid}|${a.scale_id}|${a.code}`) ?? { en: a.code },
      }));

  const groupTexts = new Map<string, { title: Texts; intro: Texts }>();
  const groupRows = rows('groups');
  for (const r of [...groupRows, ...rows('group_l10ns')]) {
    const g = groupTexts.get(r.gid) ?? { title: {}, intro: {} };
    if (r.language && r.group_name !== undefined) g.title[r.language] ??= r.group_name;
    if (r.language && r.description) g.intro[r.language] ??= r.description;
    groupTexts.set(r.gid, g);
  }
  const groupOrder = new Map<string, number>();
  for (const r of groupRows) if (!groupOrder.has(r.gid)) groupOrder.set(r.gid, Number(r.group_order) || 0);
  const conditions = new Map<string, number>();
  for (const r of rows('conditions')) conditions.set(r.qid, (conditions.get(r.qid) ?? 0) + 1);
  const attributes = new Map<string, Row>();
  for (const r of rows('question_attributes')) {
    const a = attributes.get(r.qid) ?? {};
    a[r.attribute] ??= r.value;
    attributes.set(r.qid, a);
  }

  const top = [...byQid.values()]
    .filter((r) => !r.parent_qid || r.parent_qid === '0')
    .sort(
      (x, y) =>
        (groupOrder.get(x.gid) ?? 0) - (groupOrder.get(y.gid) ?? 0) ||
        Number(x.gid) - Number(y.gid) ||
        Number(x.question_order) - Number(y.question_order),
    );
  let group: string | null = null;
  for (const r of top) {
    if (r.gid !== group) {
      group = r.gid;
      const g = groupTexts.get(r.gid);
      b.section(`g_${Object.values(g?.title ?? {})[0] ?? r.gid}`, g?.title ?? { en: `Group ${r.gid}` }, g?.intro);
    }
    question(b, r, {
      text: questionTexts.get(r.qid) ?? {},
      help: helpTexts.get(r.qid) ?? {},
      subquestions: (subquestions.get(r.qid) ?? []).map((s) => ({ title: s.title, text: questionTexts.get(s.qid) ?? {} })),
      options: optionsOf(r.qid),
      conditions: conditions.get(r.qid) ?? 0,
      attributes: attributes.get(r.qid) ?? {},
    });
  }
  const titles: Texts = {};
  for (const r of rows('surveys_languagesettings')) if (r.surveyls_language) titles[r.surveyls_language] ??= r.surveyls_title ?? '';
  if (b.fileLanguages.size === 1)
    b.note(
      null,
      'ONE_LANGUAGE',
      'info',
      `The survey has one language (${[...b.fileLanguages][0]}); its texts are used for every language of the study.`,
    );
  return reportOf(b, file, b.finish(titles));
}

interface QuestionParts {
  text: Texts;
  help: Texts;
  subquestions: { title: string; text: Texts }[];
  options: { code: string; label: Texts }[];
  conditions: number;
  attributes: Row;
}

function question(b: InstrumentBuilder, r: Row, parts: QuestionParts) {
  const type = r.type;
  const q = b.question(r.title, `${type} (${MEANS[type] ?? 'unknown type'})`);
  const required = r.mandatory === 'Y';
  const text = b.text(parts.text, q, r.title);
  const help = Object.values(parts.help).some((h) => h.trim()) ? b.text(parts.help, q, r.title) : undefined;
  const base = (id: string, t = text) => ({ id, text: t, required, ...(help ? { help } : {}) });
  if (r.relevance && r.relevance.trim() !== '1')
    b.note(
      q,
      'CONDITION',
      'warning',
      `Relevance equation "${r.relevance.slice(0, 120)}" is not imported: the question is always asked. Set a condition in the builder.`,
    );
  if (parts.conditions)
    b.note(
      q,
      'CONDITION',
      'warning',
      `${parts.conditions} condition${parts.conditions === 1 ? '' : 's'} not imported: the question is always asked.`,
    );
  const a = parts.attributes;
  if (r.preg || a.em_validation_q || a.em_validation_sq)
    b.note(
      q,
      'VALIDATION',
      'warning',
      `Validation (${[r.preg, a.em_validation_q, a.em_validation_sq].filter(Boolean).join('; ').slice(0, 120)}) is not imported.`,
    );
  if (r.other === 'Y') b.note(q, 'OTHER_OPTION', 'warning', 'The "other" option with its text field is not imported.');

  const perSub = (make: (id: string, t: ReturnType<typeof b.text>) => void) => {
    if (!parts.subquestions.length)
      return void b.note(q, 'UNSUPPORTED_TYPE', 'warning', 'The array has no subquestions; nothing to import.');
    b.note(
      q,
      'ARRAY_SPLIT',
      'info',
      `The array becomes ${parts.subquestions.length} item${parts.subquestions.length === 1 ? '' : 's'}, one per subquestion.`,
    );
    for (const s of parts.subquestions) {
      const sub = b.text(s.text, q, s.title);
      const t = Object.fromEntries(Object.entries(text).map(([lang, v]) => [lang, `${v} — ${sub[lang as 'nl' | 'en']}`]));
      make(b.id(`${r.title}_${s.title}`, q), t);
    }
  };
  switch (type) {
    case 'L':
    case '!':
    case 'O': {
      if (type === 'O') b.note(q, 'COMMENT', 'warning', 'The comment field of the list is not imported.');
      const options = codedOptions(b, q, parts.options);
      if (options.length > 50)
        return void b.note(
          q,
          'TOO_MANY_OPTIONS',
          'warning',
          `${options.length} options; rondo takes at most 50, so the question is not imported.`,
        );
      return b.item(q, { ...base(b.id(r.title, q)), type: 'single', options });
    }
    case 'M':
    case 'P': {
      if (type === 'P') b.note(q, 'COMMENT', 'warning', 'The comment field per option is not imported.');
      const options = codedOptions(
        b,
        q,
        parts.subquestions.map((s) => ({ code: s.title, label: s.text })),
      );
      if (options.length > 50)
        return void b.note(
          q,
          'TOO_MANY_OPTIONS',
          'warning',
          `${options.length} options; rondo takes at most 50, so the question is not imported.`,
        );
      return b.item(q, { ...base(b.id(r.title, q)), type: 'multi', options });
    }
    case 'F':
    case 'H': {
      const points = codedOptions(b, q, parts.options);
      if (points.length < 2 || points.length > 11)
        return void b.note(
          q,
          'TOO_MANY_OPTIONS',
          'warning',
          `The answer scale has ${points.length} points; a rondo scale has 2 to 11, so the array is not imported.`,
        );
      const ordered = [...points].sort((x, y) => x.code - y.code);
      return perSub((id, t) => b.item(q, { ...base(id, t), type: 'likert', scale: { points: ordered } }));
    }
    case 'A':
    case 'B':
      return perSub((id, t) => b.item(q, { ...base(id, t), type: 'rating', min: 1, max: type === 'A' ? 5 : 10 }));
    case '5':
      return b.item(q, { ...base(b.id(r.title, q)), type: 'rating', min: 1, max: 5 });
    case 'N': {
      const min = Number(a.min_num_value_n);
      const max = Number(a.max_num_value_n);
      const bounded = a.min_num_value_n !== undefined && a.max_num_value_n !== undefined && Number.isFinite(min) && Number.isFinite(max);
      if (!bounded)
        b.note(q, 'DEFAULT_BOUNDS', 'info', 'No minimum and maximum in the file: 0 to 1,000,000 is used; set them in the builder.');
      return b.item(q, {
        ...base(b.id(r.title, q)),
        type: 'number',
        min: bounded ? min : 0,
        max: bounded ? max : 1_000_000,
        integer: a.num_value_int_only === '1',
      });
    }
    case 'S':
    case 'T':
    case 'U':
      return b.item(q, {
        ...base(b.id(r.title, q)),
        type: 'text',
        maxLength: type === 'S' ? 255 : type === 'T' ? 2000 : 10000,
        multiline: type !== 'S',
      });
    case 'Y':
      return b.item(q, { ...base(b.id(r.title, q)), type: 'yesno' });
    case 'G':
      return b.item(q, {
        ...base(b.id(r.title, q)),
        type: 'single',
        options: [
          { code: 1, label: fill(b, { nl: 'Vrouw', en: 'Female' }) },
          { code: 2, label: fill(b, { nl: 'Man', en: 'Male' }) },
        ],
      });
    case 'X':
      return b.intro(q, text);
    default:
      b.note(
        q,
        'UNSUPPORTED_TYPE',
        'warning',
        MEANS[type]
          ? `Question type "${type}" (${MEANS[type]}) has no rondo counterpart; the question is not imported.`
          : `Question type "${type}" is unknown; the question is not imported.`,
      );
  }
}

const fill = (b: InstrumentBuilder, t: { nl: string; en: string }) => Object.fromEntries(b.study.languages.map((l) => [l, t[l]]));

/** The five predefined XML entities and character references: the only ones a parser without a DTD knows. */
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (m, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()] ?? m;
    const code = e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}
