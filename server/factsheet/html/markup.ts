import { escapeHtml } from '../../html.js';

/**
 * The small text format of the free-text blocks (project, training, recommendations,
 * colophon), rendered to HTML that can never carry markup of its own: the text is escaped
 * first, then these few patterns are turned into tags:
 *
 * - a blank line starts a new paragraph;
 * - lines starting with "- " or "• " form a bulleted list;
 * - **bold** and *italic*;
 * - [text](https://…) or [text](mailto:…) is a link; any other scheme stays plain text.
 */
export function renderMarkup(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let para: string[] = [];
  let list: string[] = [];
  const flushPara = () => {
    if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
  };
  const flushList = () => {
    if (list.length) out.push(`<ul>${list.map((l) => `<li>${inline(l)}</li>`).join('')}</ul>`);
    list = [];
  };
  for (const raw of lines) {
    const line = raw.trim();
    const item = /^(?:[-•*])\s+(.*)$/.exec(line);
    if (!line) {
      flushPara();
      flushList();
    } else if (item) {
      flushPara();
      list.push(item[1]);
    } else if (list.length && /^\s{2,}/.test(raw)) {
      list[list.length - 1] += ` ${line}`;
    } else {
      flushList();
      para.push(line);
    }
  }
  flushPara();
  flushList();
  return out.join('\n');
}

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^)\s]+)\)/g, (_m, label: string, href: string) => `<a href="${href}">${label}</a>`)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
}

/** Text without the markup, e.g. for a length estimate. */
export function plainText(source: string): string {
  return source.replace(/\*\*|\*|\[([^\]]+)\]\([^)]+\)/g, (m, label?: string) => label ?? '').replace(/^\s*[-•]\s+/gm, '');
}
