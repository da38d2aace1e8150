import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { failureMessage, get } from '../api.js';
import { fill, lang, m, num, tx } from '../i18n.js';
import { ACTION_STATUSES, ACTION_STATUS_NAMES } from '../../../model/improvement.js';
import { SUMMARY_NAMES } from '../../../model/indicators.js';
import { hiddenValueText } from '../../../model/hidden-value-reasons.js';
import type { LocalText } from '../../../model/i18n.js';
import type { ProgrammeIndicatorRow, ProgrammeIndicatorValue, ProgrammeNetwork, ProgrammeOverview } from '../../../model/api/programme.js';
import type { ProgrammesResponse } from '../../../model/api/programmes.js';
import './rondo-programme-manage.js';

const MESSAGES = {
  nl: {
    title: 'Programma',
    loading: 'Overzicht laden…',
    lead:
      'De netwerken van dit programma naast elkaar: hun indicatoren per halfjaar, de vertegenwoordiging van de domeinen en ' +
      'de verbeterplannen. Elk netwerk past zijn eigen regels voor kleine aantallen toe; antwoorden van personen, ' +
      'open antwoorden en contactgegevens staan hier nooit.',
    csv: 'Indicatoren downloaden (CSV)',
    report: 'Jaarrapport bekijken',
    reportPdf: 'Jaarrapport downloaden (PDF)',
    indicators: 'Indicatoren per netwerk',
    network: 'Netwerk',
    change: 'Verandering',
    tooFew: 'te weinig antwoorden',
    tooFewCount: '{count} van {n}; te weinig antwoorden voor een percentage',
    nOf: 'n = {n}',
    evidence: {
      demonstrated: 'aantoonbare verandering',
      'not-demonstrated': 'geen aantoonbare verandering',
      'not-tested': 'niet getoetst: te weinig antwoorden',
      descriptive: 'alleen beschrijvend',
    } as Record<string, string>,
    up: 'hoger',
    down: 'lager',
    response: 'Respons',
    responseCell: '{submitted} van {invited}',
    domains: 'Domeinen',
    coverage: '{represented} van {total} domeinen vertegenwoordigd',
    missing: 'Ontbreekt: {list}',
    noDomains: 'Het netwerk houdt geen domeinen bij.',
    plans: 'Verbeterplannen',
    noPlans: 'Nog geen verbeterplan.',
    goal: 'Doel',
    year: 'Jaar {year}',
    target: 'Streefwaarde',
    actions: 'Acties',
    quarters: 'Kwartaalevaluaties',
    noQuarters: 'nog geen',
    quarter: 'K{q}',
    noNetworks: 'Dit programma heeft nog geen netwerken.',
  },
  en: {
    title: 'Programme',
    loading: 'Loading the overview…',
    lead:
      "The programme's networks side by side: their indicators per half-year, how the domains are represented and " +
      "the improvement plans. Each network applies its own rules for small numbers; individuals' answers, " +
      'open answers and contact details are never shown here.',
    csv: 'Download the indicators (CSV)',
    report: 'View the yearly report',
    reportPdf: 'Download the yearly report (PDF)',
    indicators: 'Indicators per network',
    network: 'Network',
    change: 'Change',
    tooFew: 'too few answers',
    tooFewCount: '{count} of {n}; too few answers for a percentage',
    nOf: 'n = {n}',
    evidence: {
      demonstrated: 'demonstrable change',
      'not-demonstrated': 'no demonstrable change',
      'not-tested': 'not tested: too few answers',
      descriptive: 'descriptive only',
    } as Record<string, string>,
    up: 'higher',
    down: 'lower',
    response: 'Response',
    responseCell: '{submitted} of {invited}',
    domains: 'Domains',
    coverage: '{represented} of {total} domains represented',
    missing: 'Missing: {list}',
    noDomains: 'The network does not record domains.',
    plans: 'Improvement plans',
    noPlans: 'No improvement plan yet.',
    goal: 'Goal',
    year: 'Year {year}',
    target: 'Target',
    actions: 'Actions',
    quarters: 'Quarterly evaluations',
    noQuarters: 'none yet',
    quarter: 'Q{q}',
    noNetworks: 'This programme has no networks yet.',
  },
};

type T = (typeof MESSAGES)['nl'];
type Column = { key: string; label: LocalText };

/**
 * <rondo-programme-view>: the regional representative's screen (issue 17, regional view). The
 * programme's networks side by side per indicator and half-year (a value with its n, or "te
 * weinig antwoorden"), domain coverage per network, and the improvement plans with their
 * progress — all from `GET /api/programmes/:programme/overview`, the same overview the CSV and
 * the regional report are made from. Tables stack on a phone, each cell keeping its label.
 */
export class RondoProgrammeView extends StaffView {
  static override properties = { overview: { state: true }, failure: { state: true }, coordinator: { state: true } };
  params: Record<string, string> = {};
  overview: ProgrammeOverview | null = null;
  failure: string | null = null;
  /** The caller coordinates this programme: the management card is shown below the overview. */
  coordinator = false;

  protected override async load(): Promise<void> {
    try {
      const [overview, mine] = await Promise.all([
        get<ProgrammeOverview>(`/api/programmes/${encodeURIComponent(this.params.programme)}/overview`),
        get<ProgrammesResponse>('/api/programmes'),
      ]);
      this.overview = overview;
      this.coordinator = mine.programmes.some((p) => p.slug === this.params.programme && p.role === 'coordinator');
    } catch (err) {
      this.failure = failureMessage(err);
    }
  }

  override render() {
    const t = m(MESSAGES);
    const o = this.overview;
    if (!o)
      return html`<h1>${t.title}</h1>
        ${
          this.failure
            ? html`<p class="a-alert a-alert--error" role="alert">${this.failure}</p>`
            : html`<p role="status" class="a-muted">${t.loading}</p>`
        }`;
    const columns = roundColumns(o.networks);
    return html`<h1>${tx(o.programme.title)}</h1>
      ${o.programme.description && tx(o.programme.description) ? html`<p class="a-lead">${tx(o.programme.description)}</p>` : nothing}
      <p class="a-lead">${t.lead}</p>
      <p class="a-row">
        <a class="button" href=${csvUrl(o.programme.slug)} download>${t.csv}</a>
        <a class="button a-secondary" href=${reportUrl(o.programme.slug, 'html')} target="_blank" rel="noopener">${t.report}</a>
        <a class="button a-secondary" href=${reportUrl(o.programme.slug, 'pdf')} download>${t.reportPdf}</a>
      </p>
      ${o.networks.length === 0 ? html`<p class="a-alert a-alert--info">${t.noNetworks}</p>` : nothing}
      ${o.networks.length ? this.renderResponse(t, o, columns) : nothing}
      <h2>${t.indicators}</h2>
      ${o.indicators.map((ind) => this.renderIndicator(t, o, ind, columns))}
      <h2>${t.domains}</h2>
      ${this.renderDomains(t, o)}
      <h2>${t.plans}</h2>
      ${o.networks.map((net) => this.renderPlans(t, o, net))}
      ${
        this.coordinator
          ? html`<rondo-programme-manage .programme=${o.programme.slug} @programme-changed=${() => this.load()}></rondo-programme-manage>`
          : nothing
      }`;
  }

  private renderResponse(t: T, o: ProgrammeOverview, columns: Column[]) {
    return html`<h2>${t.response}</h2>
      <div class="a-table-wrap a-programme-wrap" tabindex="0" role="region" aria-label=${t.response}>
        <table class="a-table a-stack">
          <thead>
            <tr>
              <th scope="col">${t.network}</th>
              ${columns.map((c) => html`<th scope="col" class="a-num">${tx(c.label)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${o.networks.map(
              (net) => html`<tr>
                <th scope="row">${tx(net.title)}</th>
                ${columns.map((c) => {
                  const r = net.rounds.find((x) => x.key === c.key);
                  return html`<td class="a-num" data-label=${tx(c.label)}>
                    ${r ? fill(t.responseCell, { submitted: num(r.submitted), invited: num(r.invited) }) : '—'}
                  </td>`;
                })}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private renderIndicator(t: T, o: ProgrammeOverview, ind: ProgrammeOverview['indicators'][number], columns: Column[]) {
    const name = tx(ind.name);
    return html`<h3>${name} <span class="a-badge a-badge--muted">${m(SUMMARY_NAMES[ind.summary])}</span></h3>
      <div class="a-table-wrap a-programme-wrap" tabindex="0" role="region" aria-label=${name}>
        <table class="a-table a-stack">
          <thead>
            <tr>
              <th scope="col">${t.network}</th>
              ${columns.map((c) => html`<th scope="col" class="a-num">${tx(c.label)}</th>`)}
              <th scope="col">${t.change}</th>
            </tr>
          </thead>
          <tbody>
            ${o.networks.map((net) => {
              const row = net.indicators.find((r) => r.key === ind.key);
              return html`<tr>
                <th scope="row">${tx(net.title)}</th>
                ${columns.map((c) => {
                  const v = row?.values.find((x) => x.round === c.key);
                  return html`<td class="a-num" data-label=${tx(c.label)}>${v ? valueText(t, v, ind.summary) : '—'}</td>`;
                })}
                <td data-label=${t.change}>${row ? changeText(t, row) : '—'}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>`;
  }

  private renderDomains(t: T, o: ProgrammeOverview) {
    const label = (v: string) => tx(o.domainLabels[v]) || v;
    return html`<div class="a-table-wrap a-programme-wrap" tabindex="0" role="region" aria-label=${t.domains}>
      <table class="a-table a-stack">
        <thead><tr><th scope="col">${t.network}</th><th scope="col">${t.domains}</th></tr></thead>
        <tbody>
          ${o.networks.map(
            (net) => html`<tr>
              <th scope="row">${tx(net.title)}</th>
              <td data-label=${t.domains}>
                ${
                  net.domains
                    ? html`${fill(t.coverage, { represented: net.domains.represented.length, total: net.domains.total })}.
                    ${net.domains.missing.length ? fill(t.missing, { list: net.domains.missing.map(label).join(', ') }) : nothing}`
                    : html`<span class="a-muted">${t.noDomains}</span>`
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderPlans(t: T, o: ProgrammeOverview, net: ProgrammeNetwork) {
    const indicatorName = (key: string) => tx(o.indicators.find((i) => i.key === key)?.name) || key;
    return html`<section class="a-card" aria-label=${tx(net.title)}>
      <h3>${tx(net.title)}</h3>
      ${net.plans.length === 0 ? html`<p class="a-muted">${t.noPlans}</p>` : nothing}
      ${net.plans.map(
        (p) => html`<h4>${p.pointTitle} <span class="a-badge">${fill(t.year, { year: p.year })}</span></h4>
          <dl class="a-programme-plan">
            <dt>${t.goal}</dt><dd>${p.goal}</dd>
            ${
              p.indicators.length
                ? html`<dt>${t.target}</dt>
                  <dd>${p.indicators.map((i) => `${indicatorName(i.key)}: ${targetText(i.target, o, i.key)}`).join('; ')}</dd>`
                : nothing
            }
            <dt>${t.actions}</dt>
            <dd>
              ${
                ACTION_STATUSES.filter((s) => (p.actions[s] ?? 0) > 0)
                  .map((s) => `${num(p.actions[s])} ${m(ACTION_STATUS_NAMES[s]).toLocaleLowerCase(lang())}`)
                  .join(', ') || '—'
              }
            </dd>
            <dt>${t.quarters}</dt>
            <dd>${p.quartersEvaluated.length ? p.quartersEvaluated.map((q) => fill(t.quarter, { q })).join(', ') : t.noQuarters}</dd>
          </dl>`,
      )}
    </section>`;
  }
}

/** The half-years of all networks, in the order they first appear, labelled as the first network names them. */
function roundColumns(networks: ProgrammeNetwork[]): Column[] {
  const out: Column[] = [];
  for (const net of networks) for (const r of net.rounds) if (!out.some((c) => c.key === r.key)) out.push({ key: r.key, label: r.label });
  return out;
}

const isShare = (summary: string) => summary === 'share-agreeing' || summary === 'share-yes';

function format(value: number, summary: string): string {
  const locale = lang() === 'nl' ? 'nl-NL' : 'en-GB';
  if (isShare(summary)) return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

const reportUrl = (slug: string, format: 'html' | 'pdf') =>
  `/api/programmes/${encodeURIComponent(slug)}/report?format=${format}&lang=${lang()}`;
const csvUrl = (slug: string) => `/api/programmes/${encodeURIComponent(slug)}/indicators.csv?lang=${lang()}`;

function targetText(target: number | null, o: ProgrammeOverview, key: string): string {
  if (target === null) return '—';
  const summary = o.indicators.find((i) => i.key === key)?.summary ?? 'mean-score';
  // A share's target may be typed as a fraction (0.8) or a percentage (80), as the regional report reads it.
  return isShare(summary) ? format(target > 1 ? target / 100 : target, summary) : format(target, 'mean-score');
}

function valueText(t: T, v: ProgrammeIndicatorValue, summary: string) {
  if (v.value !== null)
    return html`<strong>${format(v.value, summary)}</strong> <span class="a-muted">${fill(t.nOf, { n: num(v.n) })}</span>`;
  if (v.reason === 'too-few-for-percent')
    return v.count !== null
      ? html`<span class="a-muted">${fill(t.tooFewCount, { count: num(v.count), n: num(v.n) })}</span>`
      : html`<span class="a-muted">${t.tooFew} (${fill(t.nOf, { n: num(v.n) })})</span>`;
  // The same words as the regional yearly report (model/hidden-value-reasons.ts).
  return html`<span class="a-muted">${hiddenValueText(v.reason, lang())}</span>`;
}

function changeText(t: T, row: ProgrammeIndicatorRow): string {
  const c = row.change;
  if (!c) return '—';
  const words = t.evidence[c.evidence] ?? c.evidence;
  if (c.evidence === 'demonstrated' && (c.direction === 'increase' || c.direction === 'decrease'))
    return `${words} (${c.direction === 'increase' ? t.up : t.down})`;
  return words;
}

customElements.define('rondo-programme-view', RondoProgrammeView);
