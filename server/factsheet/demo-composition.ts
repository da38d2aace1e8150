import { DEMO_FACTSHEET } from '../../content/demo/factsheet.js';
import type { Lang, LocalText } from '../../model/index.js';
import { defaultComposition, type Composition, type QuoteChoice, type SectionKey } from './composition.js';

export { DEMO_SLUG } from '../../content/demo/generate.js';

/**
 * The composition a researcher of the 1000 Kansen demo would have made: the model
 * factsheet's texts, words and short labels, and the approved quotes in the sections where the
 * model shows them (`quoteIds` maps each demo quote, in order, to its excerpt id).
 */
export function demoComposition(lang: Lang, quoteIds: (number | null)[] = []): Composition {
  const f = DEMO_FACTSHEET;
  const c = defaultComposition(lang, {
    project: { ...f.texts.project },
    training: { ...f.texts.training },
    recommendations: { ...f.texts.recommendations },
    colophon: { ...f.texts.colophon },
  });
  c.title = { ...f.title };
  c.terms = { participants: { ...f.terms.participants }, intervention: { ...f.terms.intervention }, goal: { ...f.terms.goal } };
  c.labels = f.labels.map((l) => ({ id: l.id, label: { ...l.label } as LocalText }));
  c.sections = c.sections.map((s) => (f.sectionTitles[s.key] ? { ...s, title: { ...f.sectionTitles[s.key] } } : s));
  c.quotes = f.quotes
    .map((q, i): QuoteChoice | null =>
      quoteIds[i] ? { id: quoteIds[i]!, section: q.section as SectionKey, translation: { ...q.translation } } : null,
    )
    .filter((q): q is QuoteChoice => q !== null);
  return c;
}
