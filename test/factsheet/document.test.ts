import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkComposition, type Composition } from '../../server/factsheet/composition.js';
import type { FactsheetData } from '../../analysis/findings/data.js';
import { demoComposition } from '../../server/factsheet/demo-composition.js';
import { buildDocument, type Block, type QuoteExcerpt } from '../../server/factsheet/document.js';
import { deriveStatements } from '../../analysis/findings/statements.js';
import { renderFactsheetHtml } from '../../server/factsheet/html/render.js';
import { renderMarkup } from '../../server/factsheet/html/markup.js';
import { basisOf } from '../../analysis/findings/sentences.js';

const data = JSON.parse(fs.readFileSync(new URL('./fixtures/demo-data.json', import.meta.url), 'utf8')) as FactsheetData;
const quote = (id: number, text: string, groupSize = 12): QuoteExcerpt => ({
  id,
  text,
  attribution: { nl: 'professional over de IMH-training', en: 'professional about the IMH training' },
  groupSize,
});
const at = '2026-11-23T10:00:00.000Z';
const build = (c: Composition, quotes: QuoteExcerpt[] = [], lang: 'nl' | 'en' = 'nl') =>
  buildDocument({ data, composition: c, quotes, lang, at });
const sentence = (doc: ReturnType<typeof build>, key: string) =>
  doc.sections
    .flatMap((s) => s.blocks)
    .flatMap((b) => (b.kind === 'paragraph' ? b.sentences : []))
    .find((s) => s.key === key);

/** The resolved document and its HTML: order, choices, edits, quotes and escaping. */
describe('factsheet document', () => {
  it('follows the composition: section order, switched-off sections and charts', () => {
    const c = demoComposition('nl', [1, 2, 3, 4]);
    c.sections = [c.sections[4], ...c.sections.filter((_, i) => i !== 4)];
    c.sections.find((s) => s.key === 'training')!.enabled = false;
    c.sections.find((s) => s.key === 'tools')!.chart = 'none';
    c.sections.find((s) => s.key === 'partners')!.chart = 'heatmap';
    const doc = build(c);
    // The quotes section has nothing to show (no approved excerpts given), so it is left out.
    expect(doc.sections.map((s) => s.key)).toEqual([
      'partners',
      'project',
      'research',
      'findings',
      'competence',
      'tools',
      'recommendations',
      'colophon',
    ]);
    expect(doc.charts.map((x) => `${x.id}:${x.kind}`)).toEqual([
      'chart-partners:heatmap',
      'chart-response:response',
      'chart-competence:bars',
    ]);
    expect(doc.title).toBe('Evaluatie 1000 Kansen');
    expect(doc.subtitle).toBe('Draagt een gezamenlijke IMH-training bij aan de zorg voor het jonge kind?');
    expect(doc.date).toBe('november 2026');
  });

  it('carries the caveats of the headline figure on its tile, as the text beside it does (METHODS §3.6)', () => {
    const c = demoComposition('nl', []);
    const nl = build(c);
    const tile = nl.keyFigures!.at(-1)!;
    expect([tile.value, tile.note, tile.caveat]).toEqual(['82%', 'nameting, 9 van 11', 'lage respons']);
    expect(sentence(nl, 'findings.indicator.help_questions')?.text).toContain('de respons in de nameting was laag (35%)');
    expect(renderFactsheetHtml(nl)).toContain('<span class="kf-caveat">lage respons</span>');
    // A response tile carries none.
    expect(nl.keyFigures!.slice(0, -1).every((k) => k.caveat === undefined)).toBe(true);
    // The attrition flag on this question as well, in both languages; and neither when neither applies.
    const of = (d: FactsheetData, lang: 'nl' | 'en') =>
      buildDocument({ data: d, composition: c, quotes: [], lang, at }).keyFigures!.at(-1)!;
    const dropout = { ...data, attrition: { from: 0, to: 2, variables: ['help_questions'] } };
    expect(of(dropout, 'nl').caveat).toBe('lage respons, uitval');
    expect(of(dropout, 'en').caveat).toBe('low response, dropout');
    expect(of({ ...data, settings: { ...data.settings, cautionResponseBelow: 0.3 } }, 'nl').caveat).toBeUndefined();
  });

  it('prints an edit instead of the generated sentence, flags it when the numbers changed, and hides an empty one', () => {
    const c = demoComposition('nl');
    const findings = deriveStatements(data);
    const basis = (key: string) => basisOf(findings.find((f) => f.key === key)!.finding);
    c.edits = [
      { key: 'partners.context', lang: 'nl', text: 'Eigen tekst.', basis: basis('partners.context') },
      { key: 'research.response', lang: 'nl', text: 'Oude cijfers.', basis: 'a-different-basis' },
      { key: 'tools.least', lang: 'nl', text: '' },
      { key: 'no.such.sentence', lang: 'nl', text: 'Weg.' },
      { key: 'partners.context', lang: 'en', text: 'Own text.' },
    ];
    const doc = build(c);
    expect(sentence(doc, 'partners.context')).toMatchObject({ text: 'Eigen tekst.', edited: true, stale: false });
    expect(sentence(doc, 'research.response')).toMatchObject({ text: 'Oude cijfers.', edited: true, stale: true });
    expect(sentence(doc, 'research.response')!.generated).toContain('(12 van 34)');
    expect(sentence(doc, 'tools.least')).toBeUndefined();
    expect(doc.warnings.map((w) => w.code).sort()).toEqual(['edit-orphaned', 'edit-stale']);
    expect(sentence(build(c, [], 'en'), 'partners.context')!.text).toBe('Own text.');
  });

  it('prints chosen quotes where they were placed, and never one from a group below the threshold', () => {
    const c = demoComposition('nl');
    c.quotes = [{ id: 1, section: 'partners' }, { id: 2 }, { id: 3 }, { id: 4, section: 'training' }, { id: 5 }];
    c.sections.find((s) => s.key === 'training')!.enabled = false;
    const doc = build(c, [
      quote(1, 'Bij partners.'),
      quote(2, 'Bij citaten.'),
      quote(3, 'Kleine groep.', 9),
      quote(4, 'Uit een uitgezet onderdeel.'),
    ]);
    const quotesIn = (key: string) =>
      doc.sections
        .find((s) => s.key === key)!
        .blocks.filter((b): b is Extract<Block, { kind: 'quote' }> => b.kind === 'quote')
        .map((b) => b.text);
    expect(quotesIn('partners')).toEqual(['Bij partners.']);
    expect(quotesIn('quotes')).toEqual(['Bij citaten.', 'Uit een uitgezet onderdeel.']);
    expect(JSON.stringify(doc)).not.toContain('Kleine groep.');
    expect(doc.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'quote-group-too-small', ref: '3' }),
        expect.objectContaining({ code: 'quote-missing', ref: '5' }),
      ]),
    );
  });

  it('renders one self-contained HTML document without scripts, with everything escaped', () => {
    const c = demoComposition('en');
    c.texts.project = {
      en: 'Hello <img src=x onerror="alert(1)"> and [a link](javascript:alert(1)) and [ok](https://example.nl/x)\n\n- **bold** point',
    };
    c.title = { en: '</style></title><script>alert(1)</script>' };
    const html = renderFactsheetHtml(build(c, [quote(1, '"><svg onload=alert(1)>')], 'en'));
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<title>&lt;/style&gt;&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    // The title is also in the running footer, a CSS string inside <style>: it cannot end it.
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script|<img|<[^>]*\son\w+=|href="javascript:/i);
    expect(html).toContain('Hello &lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('<a href="https://example.nl/x">ok</a>');
    expect(html).toContain('<ul><li><strong>bold</strong> point</li></ul>');
    expect(html).not.toMatch(/\s(?:src|href)="(?:https?:)?\/\/(?!example\.nl)/);
    // Nothing to fetch: the only url() are the embedded fonts (html/fonts.ts), as data.
    expect(html).not.toMatch(/<link|@import|url\((?!data:font\/woff2;base64,)/);
    expect(html.match(/@font-face \{ font-family: Arimo;/g)).toHaveLength(4);
  });

  it('turns the free-text format into safe HTML', () => {
    expect(renderMarkup('Eerste alinea\nloopt door.\n\n- een\n- **twee**\n\nSlot *schuin*.')).toBe(
      '<p>Eerste alinea loopt door.</p>\n<ul><li>een</li><li><strong>twee</strong></li></ul>\n<p>Slot <em>schuin</em>.</p>',
    );
    expect(renderMarkup('[mail](mailto:a@b.nl) [x](data:text/html,hi)')).toBe(
      '<p><a href="mailto:a@b.nl">mail</a> [x](data:text/html,hi)</p>',
    );
  });

  it('checks what a schema cannot: sections once, charts a section offers, quotes and edits once', () => {
    const c = demoComposition('nl');
    const at = c.sections.length; // the demo lists every section; the duplicate goes after them
    c.sections.push({ key: 'project', enabled: true });
    c.sections[1] = { ...c.sections[1], chart: 'heatmap' };
    c.quotes = [{ id: 1 }, { id: 1 }];
    c.edits = [
      { key: 'a', lang: 'nl', text: 'x' },
      { key: 'a', lang: 'nl', text: 'y' },
    ];
    const issues = checkComposition(c);
    expect(issues.map((i) => i.path)).toEqual(['/sections/1/chart', `/sections/${at}/key`, '/quotes/1/id', '/edits/1']);
    expect(issues.map((i) => i.reason)).toEqual(['chart', 'section-twice', 'quote-twice', 'edit-twice']);
    // Each in Dutch and English for the composer, naming the section by its title.
    expect(issues[1].nl).toBe('De sectie "Over het project" staat twee keer in de factsheet; haal er één weg.');
    expect(issues[1].en).toBe('The section "About the project" is in the factsheet twice; remove one.');
    expect(issues[0].nl).toMatch(/^De sectie "Over het onderzoek" heeft geen grafiek "heatmap"; kies .+ of .+\.$/);
    for (const i of issues) expect(i.nl && i.en && i.nl !== i.en).toBeTruthy();
    expect(checkComposition(demoComposition('nl'))).toEqual([]);
  });
});
