import type { Study } from '../../../model/index.js';
import { SECTION_CHARTS, SECTION_KEYS, type ChartKind, type Composition, type SectionKey } from '../../../model/api/factsheet.js';
import { defaultComposition } from '../composition.js';

/**
 * The first factsheet of a network study (a Quick Scan): about the network, where we stand, the
 * change since the previous round, the improvement plan and the next steps, then about the
 * research, collaboration with partners, quotes and the colophon. Sections written for an
 * evaluated intervention (about the training, general findings, knowledge and competences, use of
 * instruments, recommendations) start switched off: the composer offers them, the default does not
 * print them. The sentences use the study's own words (termsFor), never "training" or "tools"
 * unless the study calls its work or instruments that.
 */
export const NETWORK_ORDER: readonly SectionKey[] = [
  'project',
  'network-standing',
  'network-change',
  'network-plan',
  'network-next',
  'research',
  'partners',
  'quotes',
  'colophon',
];

export function networkComposition(study: Study): Composition {
  const c = defaultComposition(study.defaultLanguage, { project: { ...study.description } }, study.vocabulary);
  const charts = SECTION_CHARTS as Record<string, readonly ChartKind[]>;
  const section = (key: SectionKey, enabled: boolean) => (charts[key] ? { key, enabled, chart: charts[key][0] } : { key, enabled });
  c.sections = [
    // The response per round is in the key figures on page 1; a chart of a team of five says no more.
    ...NETWORK_ORDER.map((key) =>
      key === 'research'
        ? { key, enabled: true, chart: 'none' as const }
        : key === 'project'
          ? { key, enabled: true, title: { nl: 'Over het netwerk', en: 'About the network' } }
          : section(key, true),
    ),
    ...SECTION_KEYS.filter((key) => !NETWORK_ORDER.includes(key)).map((key) => section(key, false)),
  ];
  c.texts.nextSteps = {};
  return c;
}
