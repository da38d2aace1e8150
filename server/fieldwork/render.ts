import { escapeHtml } from '../html.js';
import type { ParsedTemplate, Placeholder, Segment } from './placeholders.js';

export type PlaceholderValues = Record<Placeholder, string>;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Control characters (CR and LF above all) never reach a header: they become a space. */
export function headerSafe(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function plain(segments: Segment[], values: PlaceholderValues): string {
  return segments.map((s) => ('text' in s ? s.text : values[s.placeholder])).join('');
}

/**
 * The HTML alternative: literal text and values are both escaped, blank lines make paragraphs,
 * the personal link becomes a link. Nothing a participant or researcher typed becomes markup.
 */
function html(segments: Segment[], values: PlaceholderValues): string {
  const inner = segments
    .map((s) => {
      if ('text' in s) return escapeHtml(s.text);
      if (s.placeholder === 'link') return `<a href="${escapeHtml(values.link)}">${escapeHtml(values.link)}</a>`;
      return escapeHtml(values[s.placeholder]);
    })
    .join('')
    .replace(/\r\n?/g, '\n');
  const paragraphs = inner
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/\n/g, '<br>\n')}</p>`);
  return `<!doctype html>
<html><head><meta charset="utf-8"></head>
<body style="font-family: sans-serif; line-height: 1.5;">
${paragraphs.join('\n')}
</body></html>`;
}

export function renderMail(template: ParsedTemplate, values: PlaceholderValues): RenderedMail {
  return {
    subject: headerSafe(plain(template.subject, { ...values, name: headerSafe(values.name) })).slice(0, 250),
    text: plain(template.body, values).replace(/\r\n?/g, '\n'),
    html: html(template.body, values),
  };
}
