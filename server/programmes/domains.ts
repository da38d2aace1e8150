import type { LocalText } from '../../model/i18n.js';
import type { ProgrammeNetwork } from '../../model/api/programme.js';
import type { StudyAnalysis } from '../../analysis/study/result.js';

/**
 * A network's domain coverage from its cohort, as the programme overview prints it ("4 van 5
 * domeinen vertegenwoordigd; ontbreekt: …"), and the domains' labels: read from the network's own
 * analysis (`StudyAnalysis.domains`, analysis/study/domains.ts), so the region sees the numbers the
 * network's dashboard and factsheet show. Null when the study names no domain attribute.
 */
export function networkDomains(analysis: StudyAnalysis): { coverage: ProgrammeNetwork['domains']; labels: Record<string, LocalText> } {
  const d = analysis.domains;
  if (!d) return { coverage: null, labels: {} };
  const labels: Record<string, LocalText> = {};
  for (const domain of d.domains) labels[domain.value] = domain.label;
  return { coverage: { total: d.domains.length, represented: d.cohort.represented, missing: d.cohort.missing }, labels };
}
