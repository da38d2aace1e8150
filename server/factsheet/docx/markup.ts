import { ExternalHyperlink, Paragraph, TextRun, type ParagraphChild } from 'docx';

/**
 * The free-text format of html/markup.ts (blank line = paragraph, "- " = bullet, **bold**,
 * *italic*, [text](https://… or mailto:…)) as Word paragraphs, with the same rules: any other
 * link scheme stays plain text.
 */
export function markupParagraphs(source: string, font: { size: number }): Paragraph[] {
  const out: Paragraph[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(new Paragraph({ children: inlineRuns(para.join(' '), font), spacing: { after: 120 } }));
    para = [];
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const item = /^(?:[-•*])\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (item) {
      flush();
      out.push(new Paragraph({ children: inlineRuns(item[1], font), bullet: { level: 0 }, spacing: { after: 60 } }));
    } else para.push(line);
  }
  flush();
  return out;
}

/** **bold**, *italic* and links in one line of text, as runs. */
export function inlineRuns(text: string, font: { size: number }, base: { italics?: boolean; bold?: boolean } = {}): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  const pattern = /\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^)\s]+)\)|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*/g;
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > at) runs.push(new TextRun({ text: text.slice(at, m.index), size: font.size, ...base }));
    if (m[1] !== undefined)
      runs.push(
        new ExternalHyperlink({ link: m[2], children: [new TextRun({ text: m[1], style: 'Hyperlink', size: font.size, ...base })] }),
      );
    else if (m[3] !== undefined) runs.push(new TextRun({ text: m[3], bold: true, size: font.size, italics: base.italics }));
    else runs.push(new TextRun({ text: m[4], italics: true, size: font.size, bold: base.bold }));
    at = m.index + m[0].length;
  }
  if (at < text.length) runs.push(new TextRun({ text: text.slice(at), size: font.size, ...base }));
  return runs;
}
