import { domainCoverageSentence, domainLabel } from '../../model/domain-coverage-text.js';
import type { StudyAnalysis } from '../../analysis/study/result.js';

/**
 * `rondo analyze`'s lines on domain coverage (issue 17): the summary in Dutch and English, the
 * active members per domain (and per network role), and per scan how many respondents named each
 * domain. Nothing when the study has no domain coverage setting.
 */
export function domainLines(a: StudyAnalysis): string[] {
  const c = a.domains;
  if (!c) return [];
  const out = ['', `Domain coverage (cohort attribute ${c.attribute})`];
  out.push(`  ${domainCoverageSentence(c, 'nl')}`, `  ${domainCoverageSentence(c, 'en')}`);
  for (const d of c.cohort.perDomain) {
    const roleLabel = (value: string) => {
      const r = c.roles?.find((x) => x.value === value);
      return r ? (r.label.en ?? r.label.nl) : value;
    };
    const roles = d.byRole ? Object.entries(d.byRole).map(([role, n]) => `${roleLabel(role)} ${n}`) : [];
    out.push(
      `  ${domainLabel(c, d.value, 'en').padEnd(40)} ${String(d.members).padStart(3)} member(s)` +
        (roles.length ? ` (${roles.join(', ')})` : ''),
    );
  }
  for (const r of c.answers) {
    const counts = r.suppressed
      ? 'hidden for this audience'
      : r.perDomain.map((d) => `${domainLabel(c, d.value, 'en')} ${d.count}`).join(', ');
    out.push(`  answers ${r.round} (n = ${r.n}): ${counts}`);
  }
  return out;
}
