/**
 * Placeholders in invitation and reminder texts. A template is parsed into literal text and
 * placeholders once; rendering to plain text and to HTML then treats the two differently
 * (values are escaped for HTML, literal text too), so a participant's name can never become
 * markup. Parsing never throws: problems come back as issues naming the placeholder.
 */

export const PLACEHOLDERS = ['name', 'link', 'closingDate', 'studyTitle'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export type Segment = { text: string } | { placeholder: Placeholder };

export interface TemplateIssue {
  code: 'UNKNOWN_PLACEHOLDER' | 'LINK_MISSING' | 'LINK_IN_SUBJECT' | 'EMPTY';
  field: 'subject' | 'body';
  /** The placeholder as written, e.g. "{naam}", for UNKNOWN_PLACEHOLDER and LINK_IN_SUBJECT. */
  placeholder?: string;
  message: string;
}

const isPlaceholder = (name: string): name is Placeholder => (PLACEHOLDERS as readonly string[]).includes(name);

/** Anything between braces is meant as a placeholder; a lone brace is literal text. */
const BRACES = /\{([^{}\r\n]{0,60})\}/g;

export function parseTemplate(text: string, field: TemplateIssue['field']): { segments: Segment[]; issues: TemplateIssue[] } {
  const segments: Segment[] = [];
  const issues: TemplateIssue[] = [];
  let last = 0;
  for (const m of text.matchAll(BRACES)) {
    const at = m.index ?? 0;
    if (at > last) segments.push({ text: text.slice(last, at) });
    const name = m[1];
    if (isPlaceholder(name)) {
      segments.push({ placeholder: name });
    } else {
      issues.push({
        code: 'UNKNOWN_PLACEHOLDER',
        field,
        placeholder: m[0],
        message: `unknown placeholder ${m[0]} in the ${field}; known placeholders are ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
      });
      segments.push({ text: m[0] });
    }
    last = at + m[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return { segments, issues };
}

export interface ParsedTemplate {
  subject: Segment[];
  body: Segment[];
}

/**
 * Checks a subject and body: known placeholders only, the personal link in the body (a mail
 * without it is useless) and never in the subject (subject lines end up in logs and lists).
 */
export function checkTemplate(subject: string, body: string): { template: ParsedTemplate; issues: TemplateIssue[] } {
  const s = parseTemplate(subject, 'subject');
  const b = parseTemplate(body, 'body');
  const issues = [...s.issues, ...b.issues];
  if (!subject.trim()) issues.push({ code: 'EMPTY', field: 'subject', message: 'the subject is empty' });
  if (!body.trim()) issues.push({ code: 'EMPTY', field: 'body', message: 'the text is empty' });
  if (s.segments.some((x) => 'placeholder' in x && x.placeholder === 'link')) {
    issues.push({
      code: 'LINK_IN_SUBJECT',
      field: 'subject',
      placeholder: '{link}',
      message: 'the personal link {link} cannot be in the subject',
    });
  }
  if (body.trim() && !b.segments.some((x) => 'placeholder' in x && x.placeholder === 'link')) {
    issues.push({ code: 'LINK_MISSING', field: 'body', placeholder: '{link}', message: 'the text must contain the personal link {link}' });
  }
  return { template: { subject: s.segments, body: b.segments }, issues };
}
