import { itemsOf, type Measure, type Questionnaire } from './questionnaire-shape.js';

/**
 * What a questionnaire measures: every measure at least one of its items (or a grid's facet)
 * has, in MEASURES order is not promised. Screens use it to offer only the views a study has
 * data for: no "tools in use" page for a study that asks about no tools (issue 16).
 */
export function measuresOf(q: Questionnaire): Measure[] {
  const found = new Set<Measure>();
  for (const item of itemsOf(q)) {
    found.add(item.measure);
    if (item.type === 'partnerGrid') for (const f of item.facets) found.add(f.measure);
    if (item.type === 'toolGrid') found.add('tool-use');
  }
  return [...found];
}
