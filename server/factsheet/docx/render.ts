import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { TYPEFACE_FONTS } from '../html/fonts.js';
import { longDate } from '../../../analysis/findings/format.js';
import { NEUTRAL_STYLE } from '../house-style/house-style.js';
import type { Block, DocChart, FactsheetDocument } from '../document.js';
import { inlineRuns, markupParagraphs } from './markup.js';

/** Turns SVGs into PNGs (pdf.ts FactsheetRenderer.pngs: the Chromium that draws the PDFs). */
export type SvgToPng = (svgs: string[]) => Promise<Buffer[]>;

/** Font sizes in half-points, as Word counts them. */
const BODY = 19;
const SMALL = 16;
/** A4 content width in px at 96 dpi (178 mm): charts are drawn for it (document.ts CONTENT_WIDTH). */
const CONTENT_PX = 672;

/**
 * The factsheet as an editable Word document (.docx) for communications departments that set
 * reports in their own template: the same cover facts, key figures, sections, sentences, quotes,
 * charts and colophon as the PDF, with Word's own heading styles (so a template restyles them)
 * and no layout tricks. Charts are embedded as SVG with a PNG fallback for Word versions that
 * cannot show SVG, each with its title as alt text and its description as the alt text's long
 * form. Everything is text runs: nothing from the data is interpreted as markup.
 */
export async function renderFactsheetDocx(doc: FactsheetDocument, toPng: SvgToPng): Promise<Buffer> {
  const L = (nl: string, en: string) => (doc.lang === 'nl' ? nl : en);
  const style = doc.style ?? NEUTRAL_STYLE;
  const brand = style.primary.replace('#', '');
  const highlight = style.accent.replace('#', '');
  const charts = new Map(doc.charts.map((c) => [c.id, c]));
  const drawn = await toPng(doc.charts.map((c) => c.svg));
  const pngs = new Map(doc.charts.map((c, i) => [c.id, drawn[i]]));
  const children: FileChild[] = [];

  // Cover: logo, title, question, the facts line.
  const logo = await logoRun(style.logo, toPng, L(`Logo ${doc.organisation}`, `${doc.organisation} logo`));
  if (logo) children.push(new Paragraph({ children: [logo], alignment: AlignmentType.RIGHT }));
  children.push(new Paragraph({ children: [new TextRun({ text: `Factsheet · ${doc.organisation}`, size: SMALL, color: brand })] }));
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: doc.title })] }));
  if (doc.subtitle) children.push(new Paragraph({ children: [new TextRun({ text: doc.subtitle, italics: true, size: 26 })] }));
  const facts = [
    doc.fieldwork ? `${L('Veldwerk', 'Fieldwork')}: ${doc.fieldwork}` : '',
    doc.version
      ? `${L('Gepubliceerd', 'Published')} ${longDate(doc.version.publishedAt, doc.lang)} · ${L('versie', 'version')} ${doc.version.number}`
      : `${L('Concept', 'Draft')}, ${doc.date}`,
  ].filter(Boolean);
  children.push(new Paragraph({ children: [new TextRun({ text: facts.join(' · '), size: SMALL })], spacing: { after: 120 } }));
  if (doc.synthetic)
    children.push(
      new Paragraph({
        children: [
          new TextRun({
            text: L('Demo met synthetische gegevens — geen echte antwoorden', 'Demo with synthetic data — no real answers'),
            bold: true,
            size: SMALL,
          }),
        ],
      }),
    );

  // Key figures: one row of cells.
  const tiles = doc.keyFigures ?? [];
  if (tiles.length) {
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            children: tiles.map(
              (k) =>
                new TableCell({
                  width: { size: Math.floor(100 / tiles.length), type: WidthType.PERCENTAGE },
                  shading: { type: ShadingType.CLEAR, fill: 'EEF4F9', color: 'auto' },
                  borders: { top: { style: BorderStyle.SINGLE, size: 18, color: brand }, bottom: none, left: none, right: none },
                  children: [
                    new Paragraph({ children: [new TextRun({ text: k.value, bold: true, size: 32, color: brand })] }),
                    new Paragraph({ children: [new TextRun({ text: k.label, size: SMALL })] }),
                    ...(k.note ? [new Paragraph({ children: [new TextRun({ text: k.note, size: 14, color: '5B6675' })] })] : []),
                    ...(k.caveat
                      ? [new Paragraph({ children: [new TextRun({ text: k.caveat, size: 14, bold: true, color: highlight })] })]
                      : []),
                  ],
                }),
            ),
          }),
        ],
      }),
    );
  }

  for (const section of doc.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: section.title })], keepNext: true }));
    for (const b of section.blocks) children.push(...(await block(b)));
  }

  async function block(b: Block): Promise<FileChild[]> {
    switch (b.kind) {
      case 'figures': {
        const cell = (text: string, head: boolean, right: boolean) =>
          new TableCell({
            borders: noBorders,
            children: [
              new Paragraph({
                alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT,
                children: [new TextRun({ text, size: SMALL, bold: head, color: head ? brand : undefined })],
              }),
            ],
          });
        return [
          new Paragraph({ children: [new TextRun({ text: b.caption, bold: true, size: BODY })], keepNext: true }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: b.head.map((h, i) => cell(h, true, b.numeric[i])) }),
              ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, b.numeric[i])) })),
            ],
          }),
          ...(b.note
            ? [new Paragraph({ children: [new TextRun({ text: b.note, size: SMALL, color: '5B6675' })], spacing: { after: 120 } })]
            : []),
        ];
      }
      case 'list':
        return [
          new Paragraph({ children: [new TextRun({ text: b.title, bold: true, size: BODY })], keepNext: true }),
          ...b.items.map((i) => new Paragraph({ children: [new TextRun({ text: `• ${i}`, size: BODY })], indent: { left: 284 } })),
        ];
      case 'paragraph': {
        const text = b.sentences.map((s) => s.text).join(' ');
        if (b.style === 'caveat')
          return [
            new Paragraph({
              children: [new TextRun({ text: `${L('Let op', 'Note')}: `, bold: true, size: BODY }), new TextRun({ text, size: BODY })],
              border: { left: { style: BorderStyle.SINGLE, size: 24, color: highlight, space: 6 } },
              spacing: { after: 120 },
            }),
          ];
        return [
          new Paragraph({
            children: [
              new TextRun({
                text,
                size: b.style === 'note' ? SMALL : BODY,
                bold: b.style === 'lead',
                color: b.style === 'note' ? '5B6675' : undefined,
              }),
            ],
            spacing: { after: 120 },
          }),
        ];
      }
      case 'text':
        return markupParagraphs(b.text, { size: BODY });
      case 'chart': {
        const c = charts.get(b.chart);
        return c ? chartParagraphs(c, pngs.get(c.id)!) : [];
      }
      case 'quote':
        return [
          new Paragraph({
            children: [new TextRun({ text: `“${b.text}”`, italics: true, size: 21, color: brand })],
            indent: { left: 567 },
            border: { left: { style: BorderStyle.SINGLE, size: 18, color: brand, space: 8 } },
          }),
          new Paragraph({
            children: [new TextRun({ text: `— ${b.attribution}`, size: SMALL, color: '5B6675' })],
            indent: { left: 567 },
            spacing: { after: 160 },
          }),
        ];
      case 'table':
        // A split per subgroup: a plain table, hidden cells in grey, the note below.
        return [
          ...(b.caption ? [new Paragraph({ children: [new TextRun({ text: b.caption, bold: true, size: BODY })], keepNext: true })] : []),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [b.head, ...b.rows.map((r) => r.cells)].map(
              (cells, i) =>
                new TableRow({
                  tableHeader: i === 0,
                  children: cells.map(
                    (text, k) =>
                      new TableCell({
                        columnSpan: i > 0 && b.rows[i - 1].heading ? b.head.length : undefined,
                        children: [
                          new Paragraph({
                            children: [
                              new TextRun({
                                text,
                                size: SMALL,
                                bold: i > 0 && b.rows[i - 1].heading,
                                color: i === 0 || (i > 0 && b.rows[i - 1].muted?.[k]) ? '5B6675' : undefined,
                              }),
                            ],
                          }),
                        ],
                      }),
                  ),
                }),
            ),
          }),
          new Paragraph({ children: [new TextRun({ text: b.note, size: SMALL, color: '5B6675' })], spacing: { after: b.note ? 160 : 60 } }),
        ];
      case 'colophon':
        return [
          ...(b.text ? markupParagraphs(b.text, { size: BODY }) : []),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: b.lines.map(
              (l) =>
                new TableRow({
                  children: [
                    new TableCell({
                      width: { size: 28, type: WidthType.PERCENTAGE },
                      borders: noBorders,
                      children: [new Paragraph({ children: [new TextRun({ text: l.label, size: BODY, color: '5B6675' })] })],
                    }),
                    new TableCell({
                      width: { size: 72, type: WidthType.PERCENTAGE },
                      borders: noBorders,
                      children: [new Paragraph({ children: inlineRuns(l.href ? `[${l.value}](${l.href})` : l.value, { size: BODY }) })],
                    }),
                  ],
                }),
            ),
          }),
        ];
    }
  }

  const document = new Document({
    title: doc.title,
    description: doc.subtitle,
    creator: 'rondo',
    styles: {
      default: { document: { run: { font: (TYPEFACE_FONTS[style.typeface] ?? TYPEFACE_FONTS.arimo).docx, size: BODY } } },
      paragraphStyles: [
        { id: 'Title', name: 'Title', basedOn: 'Normal', next: 'Normal', run: { size: 44, bold: true, color: brand, allCaps: true } },
        {
          id: 'Heading1',
          name: 'Heading 1',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: 24, bold: true, color: brand, allCaps: true },
          paragraph: { spacing: { before: 240, after: 100 } },
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 850, bottom: 964, left: 907, right: 907 } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none };

/** A chart: its title, the image (SVG with PNG fallback) at the width it was drawn for, and its note. */
function chartParagraphs(c: DocChart, png: Buffer): Paragraph[] {
  const size = /width="(\d+)" height="(\d+)"/.exec(c.svg);
  const [w, h] = size ? [Number(size[1]), Number(size[2])] : [CONTENT_PX, 300];
  const scale = Math.min(1, CONTENT_PX / w);
  const image = new ImageRun({
    type: 'svg',
    data: Buffer.from(c.svg, 'utf8'),
    fallback: { type: 'png', data: png },
    transformation: { width: Math.round(w * scale), height: Math.round(h * scale) },
    altText: { name: c.id, title: c.title, description: c.title },
  });
  return [
    new Paragraph({ children: [new TextRun({ text: c.title, bold: true, size: BODY })], keepNext: true }),
    new Paragraph({ children: [image], keepNext: !!c.note }),
    ...(c.note ? [new Paragraph({ children: [new TextRun({ text: c.note, size: 15, color: '5B6675' })], spacing: { after: 160 } })] : []),
  ];
}

/** The house-style logo as an image run (an SVG logo goes in as SVG with a PNG fallback), at most 45 × 18 mm. */
async function logoRun(logo: string | null, toPng: SvgToPng, alt: string): Promise<ImageRun | null> {
  const m = logo ? /^data:image\/(png|svg\+xml);base64,(.+)$/.exec(logo) : null;
  if (!m) return null;
  const bytes = Buffer.from(m[2], 'base64');
  const png = m[1] === 'png' ? bytes : (await toPng([bytes.toString('utf8')]))[0];
  const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const scale = Math.min(170 / w, 68 / h);
  const transformation = { width: Math.round(w * scale), height: Math.round(h * scale) };
  const altText = { name: 'logo', title: alt, description: alt };
  return m[1] === 'png'
    ? new ImageRun({ type: 'png', data: png, transformation, altText })
    : new ImageRun({ type: 'svg', data: bytes, fallback: { type: 'png', data: png }, transformation, altText });
}
