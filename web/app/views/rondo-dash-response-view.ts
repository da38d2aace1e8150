import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { m } from '../i18n.js';
import { DashView } from '../../dash/dash-view.js';
import type { DashData } from '../../dash/data.js';
import type { Fmt } from '../../dash/format.js';
import {
  anonymousOnly,
  anyTooFewForPercent,
  groupResponseSpec,
  responseRateSpec,
  responseTimelineSpec,
} from '../../dash/chart-configs/response.js';
import '../../dash/rondo-chart.js';
import '../../dash/rondo-group-response.js';
import type { LocalText } from '../../../model/i18n.js';

/** Group codes (roles, organisations) to their labels in the screen's language. */
const labelsIn = (labels: Record<string, LocalText> | undefined, f: Fmt) =>
  Object.fromEntries(Object.entries(labels ?? {}).map(([k, v]) => [k, f.t(v)]));

const MESSAGES = {
  nl: {
    title: 'Respons',
    lead: 'Hoeveel {participants} per {roundWord} invulden, met het 95%-betrouwbaarheidsinterval (Wilson), per organisatie en functie, en wie welke {roundWords} invulde.',
    perRound: 'Respons per {roundWord}',
    round: '{RoundWord}',
    invited: 'Uitgenodigd',
    submitted: 'Ingevuld',
    rate: 'Respons',
    ci: '95%-BI',
    left: 'Uitgestroomd',
    anonymous: 'Anoniem',
    chart: 'Respons per {roundWord} (ingevuld van uitgenodigd)',
    anonymousChart: 'Ingevuld per {roundWord} via de anonieme link',
    anonymousColumn: 'Via anonieme link',
    byOrg: 'Respons per organisatie',
    byRole: 'Respons per functie',
    subgroupsHidden: 'Respons per organisatie en functie is alleen zichtbaar voor onderzoekers.',
    fewInvited:
      'Een groep met minder dan {min} uitgenodigde {participants} krijgt geen percentage en geen balk, ' +
      'alleen het aantal (bijvoorbeeld ‘3 van 8’): zo’n percentage zegt te weinig.',
    patterns: 'Responspatroon',
    patternsLead: 'Wie welke {roundWords} invulde (✓ ingevuld, – niet), onder {participants} die minstens één keer uitgenodigd waren.',
    count: 'Aantal',
    complete: 'Vulden alle gekozen {roundWords} in: {n}.',
    flow: 'Doorstroom',
    returning: 'Terugkerend',
    fresh: 'Nieuw',
    alsoPrevious: 'Ook {de round} ervoor',
    hidden: 'verborgen',
    hiddenNote:
      '× = verborgen: minder dan {min} {participants}, of verborgen zodat zo’n klein aantal niet uit de andere aantallen en de totalen per {roundWord} te berekenen is.',
    smallNote:
      'Onderstreept met stippen: minder dan {min} {participants}. Trainers zien deze aantallen niet (en soms een ander aantal niet, zodat ze niet terug te rekenen zijn).',
    small: 'klein aantal',
    time: 'Respons in de tijd',
    timeChart: 'Respons in de tijd: cumulatief aantal ingevulde vragenlijsten per dag sinds de start van {de round}',
    yes: 'ingevuld',
    no: 'niet ingevuld',
  },
  en: {
    title: 'Response',
    lead: 'How many {participants} answered each {roundWord}, with the 95% confidence interval (Wilson), per organisation and role, and who answered which {roundWords}.',
    perRound: 'Response per {roundWord}',
    round: '{RoundWord}',
    invited: 'Invited',
    submitted: 'Submitted',
    rate: 'Response',
    ci: '95% CI',
    left: 'Left',
    anonymous: 'Anonymous',
    chart: 'Response per {roundWord} (submitted of invited)',
    anonymousChart: 'Submitted per {roundWord} through the anonymous link',
    anonymousColumn: 'By anonymous link',
    byOrg: 'Response per organisation',
    byRole: 'Response per role',
    subgroupsHidden: 'Response per organisation and role is visible to researchers only.',
    fewInvited:
      'A group with fewer than {min} invited {participants} gets no percentage and no bar, ' +
      'only the count (for example ‘3 of 8’): such a percentage says too little.',
    patterns: 'Response pattern',
    patternsLead: 'Who answered which {roundWords} (✓ submitted, – not), among {participants} invited at least once.',
    count: 'Count',
    complete: 'Answered every chosen {roundWord}: {n}.',
    flow: 'Flow',
    returning: 'Returning',
    fresh: 'New',
    alsoPrevious: 'Also previous {roundWord}',
    hidden: 'hidden',
    hiddenNote:
      '× = hidden: fewer than {min} {participants}, or hidden so that such a small number cannot be worked out from the other counts and the totals per {roundWord}.',
    smallNote:
      'Dotted underline: fewer than {min} {participants}. Trainers do not see these counts (and sometimes another one, so that they cannot be worked out).',
    small: 'small number',
    time: 'Response over time',
    timeChart: 'Response over time: cumulative submissions per day since the {roundWord} started',
    yes: 'submitted',
    no: 'not submitted',
  },
};

/** <rondo-dash-response-view>: response per round with counts and intervals, per organisation and role, the response-pattern table and response over time. */
export class RondoDashResponseView extends DashView {
  protected heading() {
    const t = withWords(this.params.slug, m(MESSAGES));
    return { title: t.title, lead: t.lead };
  }

  protected body(d: DashData, f: Fmt) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const a = d.analysis;
    const r = a.response;
    const min = a.settings.minSubgroup;
    // A suppressed count (aggregate audience) is null: shown as ×, explained below the tables.
    // For researchers, a count the aggregate audience would not see is marked as small.
    const cell = (n: number | null) =>
      n === null
        ? html`<span aria-hidden="true">×</span><span class="a-sr">${t.hidden}</span>`
        : n > 0 && n < min && a.audience === 'full'
          ? html`<span class="d-small-count" title=${t.small}>${f.int(n)}</span><span class="a-sr"> (${t.small})</span>`
          : f.int(n);
    const counts = [
      ...r.patterns.map((p) => p.count),
      ...r.pairs.map((p) => p.n),
      r.complete,
      ...r.flow.flatMap((x) => [x.alsoPrevious, x.returning, x.new]),
    ];
    // The study's minimum for a percentage, said in the page where a group falls under it (not only in a tooltip).
    const fewNote = (groups: Parameters<typeof anyTooFewForPercent>[1]) =>
      anyTooFewForPercent(a, groups)
        ? html`<p class="a-small a-muted" data-test="few-invited-note">
            ${t.fewInvited.replace('{min}', f.int(a.settings.minDenominatorForPercent))}
          </p>`
        : nothing;
    const anyHidden = counts.includes(null);
    const anySmall = a.audience === 'full' && counts.some((n) => n !== null && n > 0 && n < min);
    // Answers through an anonymous link are in no rate: a column of their own, so the table agrees with the groups' count.
    const anonymous = a.rounds.some((x) => x.anonymous > 0);
    return html`
      <section class="a-card" aria-labelledby="d-rs-table">
        <rondo-chart .spec=${responseRateSpec(a, f, anonymousOnly(a.rounds) ? t.anonymousChart : t.chart)}></rondo-chart>
        <div>
          <h2 id="d-rs-table" class="d-chart-title d-table-title">${t.perRound}</h2>
          <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="d-rs-table">
            <table class="a-table" data-test="response-table">
              <thead><tr><th scope="col">${t.round}</th><th scope="col" class="a-num">${t.invited}</th><th scope="col" class="a-num">${t.submitted}</th>${anonymous ? html`<th scope="col" class="a-num">${t.anonymousColumn}</th>` : nothing}<th scope="col" class="a-num">${t.rate}</th><th scope="col" class="a-num">${t.ci}</th></tr></thead>
              <tbody>
                ${a.rounds.map(
                  (x) => html`<tr data-round=${x.key}>
                    <th scope="row">${f.t(x.label)}</th>
                    <td class="a-num" data-test="invited">${f.int(x.invited)}</td>
                    <td class="a-num" data-test="submitted">${f.int(x.submitted)}</td>
                    ${anonymous ? html`<td class="a-num" data-test="anonymous">${f.int(x.anonymous)}</td>` : nothing}
                    <td class="a-num" data-test="rate">${x.responseRate === null ? '—' : f.pct(x.responseRate)}</td>
                    <td class="a-num">${x.responseRateCi ? f.pctRange(x.responseRateCi) : '—'}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
        </div>
      </section>
      <rondo-group-response .analysis=${a} .f=${f}></rondo-group-response>
      ${
        r.byOrganisation && r.byRole
          ? html`<section class="a-card" aria-label=${t.byOrg}><rondo-chart .spec=${groupResponseSpec(a, r.byOrganisation, f, t.byOrg, labelsIn(d.summary.filters.organisationLabels, f))}></rondo-chart>${fewNote(r.byOrganisation)}</section>
            <section class="a-card" aria-label=${t.byRole}><rondo-chart .spec=${groupResponseSpec(a, r.byRole, f, t.byRole, labelsIn(d.summary.filters.roleLabels, f))}></rondo-chart>${fewNote(r.byRole)}</section>`
          : html`<p class="a-alert a-alert--info">${t.subgroupsHidden}</p>`
      }
      <section class="a-card" aria-label=${t.time}>
        <rondo-chart .spec=${responseTimelineSpec(a, f, t.timeChart)}></rondo-chart>
      </section>
      <section class="a-card d-split d-split--even" aria-labelledby="d-rs-pattern">
        <div>
          <h2 id="d-rs-pattern">${t.patterns}</h2>
          <p class="a-muted a-small">${t.patternsLead}</p>
          <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="d-rs-pattern">
            <table class="a-table d-table-compact">
              <thead><tr><th scope="col" class="a-num">${t.count}</th>${a.rounds.map((x) => html`<th scope="col">${f.t(x.label)}</th>`)}</tr></thead>
              <tbody>
                ${r.patterns.map(
                  // The count first: on a phone the round columns may need scrolling, the count never.
                  (p) =>
                    html`<tr><td class="a-num" data-test="pattern-count">${cell(p.count)}</td>${[...p.pattern].map((c) => html`<td><span aria-hidden="true">${c === '1' ? '✓' : '–'}</span><span class="a-sr">${c === '1' ? t.yes : t.no}</span></td>`)}</tr>`,
                )}
              </tbody>
            </table>
          </div>
          <p class="a-small">${t.complete.replace('{n}', r.complete === null ? '×' : f.int(r.complete))}</p>
        </div>
        <div>
          ${
            r.flow.length > 1
              ? html`<h2 id="d-rs-flow">${t.flow}</h2>
                <div class="a-table-wrap" tabindex="0" role="region" aria-label=${t.flow}>
                  <table class="a-table d-table-compact">
                    <thead><tr><th scope="col">${t.round}</th><th scope="col" class="a-num">${t.submitted}</th><th scope="col" class="a-num">${t.alsoPrevious}</th><th scope="col" class="a-num">${t.returning}</th><th scope="col" class="a-num">${t.fresh}</th></tr></thead>
                    <tbody>${r.flow.map((x) => html`<tr><th scope="row">${f.t(a.rounds.find((y) => y.key === x.round)?.label)}</th><td class="a-num">${f.int(x.submitted)}</td><td class="a-num" data-test="flow-count">${cell(x.alsoPrevious)}</td><td class="a-num" data-test="flow-count">${cell(x.returning)}</td><td class="a-num" data-test="flow-count">${cell(x.new)}</td></tr>`)}</tbody>
                  </table>
                </div>`
              : nothing
          }
          ${anyHidden ? html`<p class="a-small a-muted" data-test="suppressed-note">${t.hiddenNote.replace('{min}', f.int(min))}</p>` : nothing}
          ${anySmall ? html`<p class="a-small a-muted" data-test="small-note">${t.smallNote.replace('{min}', f.int(min))}</p>` : nothing}
        </div>
      </section>`;
  }
}
customElements.define('rondo-dash-response-view', RondoDashResponseView);
