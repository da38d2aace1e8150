import type { Lang } from './i18n.js';
import type { DomainCoverage } from './domains.js';

/** A domain's label in a language (its Dutch label when it has no English one, the value when it has none). */
export function domainLabel(coverage: Pick<DomainCoverage, 'domains'>, value: string, lang: Lang): string {
  const d = coverage.domains.find((x) => x.value === value);
  return (lang === 'en' ? (d?.label.en ?? d?.label.nl) : d?.label.nl) ?? value;
}

/**
 * The one-line summary of domain coverage from the cohort (issue 17): "4 van 5 domeinen
 * vertegenwoordigd; ontbreekt: (Ouder- en kind-)GGZ" / "4 of 5 domains represented; missing: …".
 * Used by the dashboard, `rondo analyze` and whoever reports coverage, so they say it alike.
 */
export function domainCoverageSentence(coverage: Pick<DomainCoverage, 'domains' | 'cohort'>, lang: Lang): string {
  const total = coverage.domains.length;
  const have = coverage.cohort.represented.length;
  const missing = coverage.cohort.missing.map((v) => domainLabel(coverage, v, lang));
  const list = (xs: string[]) =>
    xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} ${lang === 'nl' ? 'en' : 'and'} ${xs.at(-1)}`;
  if (lang === 'nl') {
    const head = `${have} van ${total} ${total === 1 ? 'domein' : 'domeinen'} vertegenwoordigd`;
    return missing.length ? `${head}; ontbreekt: ${list(missing)}` : `${head}; geen domein ontbreekt`;
  }
  const head = `${have} of ${total} ${total === 1 ? 'domain' : 'domains'} represented`;
  return missing.length ? `${head}; missing: ${list(missing)}` : `${head}; no domain is missing`;
}
