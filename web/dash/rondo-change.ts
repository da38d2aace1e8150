import { html, nothing } from 'lit';
import { StaffView } from '../app/staff-view.js';
import { currentSlug } from '../app/current-study.js';
import { withWords } from '../app/study-words.js';
import { lang, m } from '../app/i18n.js';
import type { ChangeResult, StudyAnalysis } from '../../analysis/study/result.js';
import { fmt } from './format.js';
import { methodName } from '../../analysis/findings/method-name.js';
import { effectName } from './method-names.js';

const MESSAGES = {
  nl: {
    between: '{from} → {to}',
    improved: 'verbeterd',
    same: 'gelijk',
    worse: 'slechter',
    pairs: 'n = {n} paren (vulden beide {roundWords} in)',
    adjusted: 'gecorrigeerd',
    exact: 'exact',
    noTest: 'Niet getoetst',
    increase: 'Aantoonbare toename',
    decrease: 'Aantoonbare afname',
    none: 'Geen aantoonbare verandering',
    notTested: 'Niet getoetst: te weinig paren',
    tooFew: 'Niet getoetst: te weinig veranderingen voor een toets',
    primary: 'hoofdvergelijking',
    observedUp: 'waargenomen omhoog',
    observedDown: 'waargenomen omlaag',
    noPairs: 'Geen {participants} vulden beide {roundWords} in.',
    // items: a single-choice item's shift between options
    shift: 'Aantoonbare verschuiving',
    moved: 'kozen iets anders',
    kept: 'bleven bij hun keuze',
    shifted: 'Verschoven',
    ofAnswers: 'van de antwoorden',
  },
  en: {
    between: '{from} → {to}',
    improved: 'improved',
    same: 'same',
    worse: 'worse',
    pairs: 'n = {n} pairs (answered both {roundWords})',
    adjusted: 'adjusted',
    exact: 'exact',
    noTest: 'Not tested',
    increase: 'Demonstrable increase',
    decrease: 'Demonstrable decrease',
    none: 'No demonstrable change',
    notTested: 'Not tested: too few pairs',
    tooFew: 'Not tested: too few changes for a test',
    primary: 'primary contrast',
    observedUp: 'observed up',
    observedDown: 'observed down',
    noPairs: 'Nobody answered both {roundWords}.',
    shift: 'Demonstrable shift',
    moved: 'chose differently',
    kept: 'kept their choice',
    shifted: 'Shifted',
    ofAnswers: 'of answers',
  },
};

/**
 * <rondo-change>: the paired change of one variable between two rounds — improved / same /
 * worse as a bar and in words, the exact test with its raw and adjusted p, the effect with
 * its interval, and the conclusion in the evidence's own words ("no demonstrable change"
 * unless the evidence shows one).
 *
 * @property change - a ChangeResult from the analysis
 * @property rounds - the analysis's rounds, for labels
 */
export class RondoChange extends StaffView {
  static override properties = { change: { attribute: false }, rounds: { attribute: false } };

  change: ChangeResult | null = null;
  rounds: StudyAnalysis['rounds'] = [];

  protected override updated(): void {
    for (const el of this.querySelectorAll<HTMLElement>('.d-paired > span[data-w]')) el.style.width = `${el.dataset.w}%`;
  }

  override render() {
    const c = this.change;
    if (!c) return nothing;
    const t = withWords(currentSlug(), m(MESSAGES));
    const f = fmt(lang());
    const label = (k: string) => f.t(this.rounds.find((r) => r.key === k)?.label) || k;
    const p = c.paired;
    const test = p?.test ?? c.crossSectional?.test ?? null;
    const verdict =
      c.conclusion.direction === 'increase'
        ? t.increase
        : c.conclusion.direction === 'decrease'
          ? t.decrease
          : c.conclusion.evidence === 'not-tested'
            ? notTested(c, t)
            : c.conclusion.direction === 'shift'
              ? t.shift
              : t.none;
    const cls =
      c.conclusion.direction === 'increase' || c.conclusion.direction === 'shift'
        ? 'a-badge'
        : c.conclusion.direction === 'decrease'
          ? 'a-badge a-badge--danger'
          : 'a-badge a-badge--muted';
    const share = (x: number) => (p && p.n ? String(Math.round((x / p.n) * 1000) / 10) : '0');
    const eff = p?.effect ?? c.crossSectional?.effect ?? null;
    return html`<div class="d-change">
      <p class="a-row"><strong>${t.between.replace('{from}', label(c.from)).replace('{to}', label(c.to))}</strong> <span class=${cls}>${verdict}</span>${c.primary ? html` <span class="a-badge a-badge--muted">${t.primary}</span>` : nothing}</p>
      ${
        p && p.n && p.changed !== undefined
          ? moved(p.same, p.changed, p.n, t, share)
          : p && p.n
            ? html`<div class="d-paired" role="img" aria-label=${`${p.improved} ${t.improved}, ${p.same} ${t.same}, ${p.worse} ${t.worse}`}>
              <span class="d-improved" data-w=${share(p.improved)}></span><span class="d-same" data-w=${share(p.same)}></span><span class="d-worse" data-w=${share(p.worse)}></span>
            </div>
            <p class="a-small"><span class="d-swatch d-improved"></span>${p.improved} ${t.improved} · <span class="d-swatch d-same"></span>${p.same} ${t.same} · <span class="d-swatch d-worse"></span>${p.worse} ${t.worse} — ${t.pairs.replace('{n}', String(p.n))}</p>`
            : html`<p class="a-small a-muted">${t.noPairs}</p>`
      }
      <p class="a-small a-muted">
        ${
          test && test.p !== null
            ? html`${methodName(test.method, f.lang)}${test.exact ? ` (${t.exact})` : ''}: ${f.p(test.p)}${test.pAdjusted !== null ? html`, ${t.adjusted} ${f.p(test.pAdjusted)}` : nothing}`
            : t.noTest
        }
        ${
          eff && eff.estimate !== null && eff.measure === 'distribution-shift'
            ? html` · ${t.shifted}: ${f.pct(eff.estimate)} ${t.ofAnswers}`
            : eff && eff.estimate !== null
              ? html` · ${effectName(eff.measure, f.lang)} ${eff.measure === 'difference-in-proportions' ? `${f.dec(eff.estimate * 100, 0)} pp` : f.dec(eff.estimate, 2)}${eff.ci ? ` (95%: ${eff.measure === 'difference-in-proportions' ? `${f.dec(eff.ci[0] * 100, 0)} – ${f.dec(eff.ci[1] * 100, 0)} pp` : `${f.dec(eff.ci[0], 2)} – ${f.dec(eff.ci[1], 2)}`})` : ''}`
              : nothing
        }
      </p>
    </div>`;
  }
}
type Messages = (typeof MESSAGES)['nl'];

/** Why a change was not tested: no pairs at all, or pairs with too few changes for the exact test to reach alpha. */
function notTested(c: ChangeResult, t: Messages): string {
  return c.conclusion.reason === 'too-few-observations' && c.paired && c.paired.n > 0 ? t.tooFew : t.notTested;
}

/** A single-choice item's pairs: kept their option or moved to another (no better or worse). */
function moved(same: number, changed: number, n: number, t: Messages, share: (x: number) => string) {
  return html`<div class="d-paired" role="img" aria-label=${`${changed} ${t.moved}, ${same} ${t.kept}`}>
      <span class="d-same" data-w=${share(same)}></span><span class="d-improved" data-w=${share(changed)}></span>
    </div>
    <p class="a-small">
      <span class="d-swatch d-same"></span>${same} ${t.kept} · <span class="d-swatch d-improved"></span>${changed} ${t.moved}
      — ${t.pairs.replace('{n}', String(n))}
    </p>`;
}

customElements.define('rondo-change', RondoChange);
