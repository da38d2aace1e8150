import { html, nothing } from 'lit';
import { fill, m } from '../i18n.js';
import { roleIn } from '../session.js';
import { studyMeasures, studyTitleWord, studyVocabulary, studyWord, withWords } from '../study-words.js';
import { DashView } from '../../dash/dash-view.js';
import { caveatText } from '../../dash/caveats.js';
import type { DashData } from '../../dash/data.js';
import type { Fmt } from '../../dash/format.js';
import { anonymousOnly } from '../../dash/chart-configs/response.js';
import { panelSoFar } from '../../dash/panel.js';
import '../../dash/rondo-group-response.js';
import '../../dash/rondo-network-profile.js';

const MESSAGES = {
  nl: {
    title: 'Resultaten in één oogopslag',
    lead: 'Respons per {roundWord}, de belangrijkste bevindingen en waar u op moet letten. Kies een onderdeel om verder te kijken.',
    rounds: '{RoundWords}',
    invited: 'uitgenodigd',
    submitted: 'ingevuld',
    of: '{x} van {n} ingevuld',
    nobodyYet: 'nog niemand uitgenodigd',
    plusAnonymous: '{x} van {n} ingevuld, en {a} via een anonieme link',
    onlyAnonymous: 'ingevuld via een anonieme link (niemand uitgenodigd, dus geen respons)',
    planned: 'gepland',
    running: 'loopt',
    closed: 'gesloten',
    noDates: 'geen datums gepland',
    from: 'vanaf {date}',
    findings: 'Belangrijkste bevindingen',
    noFindings: 'Er zijn nog te weinig antwoorden voor bevindingen.',
    warnings: 'Let op',
    noWarnings: 'Geen waarschuwingen voor deze selectie.',
    views: 'Verder kijken',
    panel: 'Vast panel',
    panelSub: 'vulden alle {roundWords} in',
    panelSoFar: 'vulden tot nu toe {elke round} in',
    cohort: '{Participants}',
    cohortSub: 'in deze selectie',
    cohortAnonymous: 'in deze selectie, waarvan {n} via een anonieme link',
    response: ['Respons', 'Per {roundWord}, organisatie en functie; wie wanneer invulde'],
    partners: ['Samenwerking', '{Partners} per {roundWord}: heatmap, toename en toets'],
    tools: ['{Tools} in gebruik', 'Gebruik per {tool} per {roundWord}, en de andere vragen daarover'],
    competence: ['Kennis en competenties', 'Aandeel eens, verdeling, gepaarde verandering en trend'],
    open: ['Open antwoorden', 'Lezen, coderen met thema’s en citaten goedkeuren'],
  },
  en: {
    title: 'Results at a glance',
    lead: 'Response per {roundWord}, the key findings and what to watch out for. Choose a part to look further.',
    rounds: '{RoundWords}',
    invited: 'invited',
    submitted: 'submitted',
    of: '{x} of {n} submitted',
    nobodyYet: 'nobody invited yet',
    plusAnonymous: '{x} of {n} submitted, and {a} through an anonymous link',
    onlyAnonymous: 'submitted through an anonymous link (nobody invited, so no response rate)',
    planned: 'planned',
    running: 'open',
    closed: 'closed',
    noDates: 'no dates planned',
    from: 'from {date}',
    findings: 'Key findings',
    noFindings: 'There are not enough answers for findings yet.',
    warnings: 'Watch out',
    noWarnings: 'No warnings for this selection.',
    views: 'Look further',
    panel: 'Matched panel',
    panelSub: 'answered every {roundWord}',
    panelSoFar: 'answered every {roundWord} so far',
    cohort: '{Participants}',
    cohortSub: 'in this selection',
    cohortAnonymous: 'in this selection, {n} of them by anonymous link',
    response: ['Response', 'Per {roundWord}, organisation and role; who answered when'],
    partners: ['Collaboration', '{Partners} per {roundWord}: heatmap, increase and test'],
    tools: ['{Tool} use', 'Use per {tool} per {roundWord}, and the other questions about it'],
    competence: ['Knowledge and competence', 'Share agreeing, distribution, paired change and trend'],
    open: ['Open answers', 'Read, code with themes and approve quotes'],
  },
};

/** <rondo-dash-overview-view>: the study overview — rounds and response, key findings as sentences, warnings, links into each view. */
export class RondoDashOverviewView extends DashView {
  protected heading() {
    const t = withWords(this.params.slug, m(MESSAGES));
    return { title: t.title, lead: t.lead };
  }

  protected body(d: DashData, f: Fmt) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const a = d.analysis;
    const now = Date.now();
    const status = (o: string | null, c: string | null) =>
      !o ? t.noDates : now < Date.parse(o) ? t.planned : c && now > Date.parse(c) ? t.closed : t.running;
    const caution = a.settings.cautionResponseBelow;
    const date = (iso: string | null) =>
      iso
        ? new Intl.DateTimeFormat(f.lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(
            new Date(iso),
          )
        : '';
    // The factsheet's lead sentence of each part and the body of its findings; the
    // description of the research and the notes on method stay in the factsheet.
    const sentences = d.summary.sentences.filter(
      (s) => s.section !== 'research' && (s.paragraph === 'lead' || (s.section === 'findings' && s.paragraph === 'body')),
    );
    const sentenceCaveats = d.summary.sentences.filter((s) => s.paragraph === 'caveat').map((s) => f.t(s.text));
    // The factsheet's caveat sentences already say these (the attrition flag as 'research.attrition').
    const covered = new Set(
      sentenceCaveats.length
        ? [
            'low-response',
            'very-low-response',
            'response-gap',
            ...(d.summary.sentences.some((s) => s.key === 'research.attrition') ? ['baseline-difference'] : []),
          ]
        : [],
    );
    const warnings = [
      ...sentenceCaveats,
      ...a.caveats
        .filter((c) => !covered.has(c.code))
        .map((c) => caveatText(c, a, f, studyVocabulary(this.params.slug)))
        .filter((x): x is string => !!x),
    ];
    const role = roleIn(this.params.slug);
    const slug = this.params.slug;
    const measured = (measures: string[]) => studyMeasures(slug, measures);
    // The study's own words in the link texts: "Instrumenten in gebruik", "Partners per meting".
    const words = (text: string) =>
      text
        .replace('{Partners}', studyTitleWord(slug, 'partner'))
        .replace('{Tools}', studyTitleWord(slug, 'tool'))
        .replace('{Tool}', studyTitleWord(slug, 'tool', 'one'))
        .replace('{tool}', studyWord(slug, 'tool', 'one'));
    const anonymousUnits = a.rounds.reduce((n, r) => n + r.anonymous, 0);
    const anonymousView = anonymousOnly(a.rounds);
    const panel = panelSoFar(a.rounds, a.response);
    // "8 van 10 ingevuld"; a round nobody was invited to yet (not planned) says so, not "0 van 0".
    const submittedOf = (r: { invited: number; submitted: number; anonymous: number }) =>
      r.invited === 0 && !r.submitted
        ? t.nobodyYet
        : fill(r.anonymous ? t.plusAnonymous : t.of, { x: r.submitted, n: r.invited, a: r.anonymous });
    const links = (
      [
        ['response', '/dashboard/response', true],
        // Measure views only when the questionnaire measures it (issue 16).
        ['partners', '/dashboard/partners', role === 'researcher' && measured(['collaboration-frequency', 'collaboration-quality'])],
        ['tools', '/dashboard/tools', measured(['tool-use'])],
        ['competence', '/dashboard/competence', measured(['competence'])],
        ['open', '/dashboard/open', role === 'researcher'],
      ] as const
    ).filter((l) => l[2]);
    return html`
      <ul class="d-kpis" aria-label=${t.rounds}>
        <li class="d-kpi"><span class="d-kpi-label">${t.cohort}</span><span class="d-kpi-value">${f.int(a.selection.units)}</span><span class="d-kpi-sub">${
          // Anonymous respondents are units too: say so, or "13" would sit beside "5 of 6" unexplained.
          anonymousUnits ? fill(t.cohortAnonymous, { n: f.int(anonymousUnits) }) : t.cohortSub
        }</span></li>
        ${a.rounds.map((r) =>
          // Only anonymous answers in the selection (e.g. filtered to the parents): their count, as the groups' table gives it.
          anonymousView || (r.invited === 0 && r.anonymous > 0)
            ? html`<li class="d-kpi">
              <span class="d-kpi-label">${f.t(r.label)}</span>
              <span class="d-kpi-value" data-test="anonymous">${f.int(r.anonymous)}</span>
              <span class="d-kpi-sub">${t.onlyAnonymous}</span>
            </li>`
            : html`<li class="d-kpi ${r.responseRate !== null && r.responseRate < caution ? 'd-kpi--warn' : ''}">
              <span class="d-kpi-label">${f.t(r.label)}</span>
              <span class="d-kpi-value">${r.responseRate === null ? '—' : f.pct(r.responseRate)}</span>
              <span class="d-kpi-sub">${submittedOf(r)}</span>
            </li>`,
        )}
        ${panel ? html`<li class="d-kpi"><span class="d-kpi-label">${t.panel}</span><span class="d-kpi-value" data-test="panel">${panel.count === null ? '—' : f.int(panel.count)}</span><span class="d-kpi-sub">${panel.everyRound ? t.panelSub : t.panelSoFar}</span></li>` : nothing}
      </ul>
      <rondo-group-response .analysis=${a} .f=${f}></rondo-group-response>
      <rondo-network-profile .analysis=${a} .f=${f} .vocabulary=${studyVocabulary(this.params.slug)}></rondo-network-profile>
      <div class="d-grid d-grid--2">
        <section class="a-card" aria-labelledby="d-ov-findings">
          <h2 id="d-ov-findings">${t.findings}</h2>
          ${
            sentences.length
              ? html`<ul class="d-findings">${sentences.map((s) => html`<li class=${s.paragraph === 'lead' ? 'd-lead' : ''}>${f.t(s.text)}</li>`)}</ul>`
              : html`<p class="a-muted">${t.noFindings}</p>`
          }
        </section>
        <div>
          <section class="a-card" aria-labelledby="d-ov-warn">
            <h2 id="d-ov-warn">${t.warnings}</h2>
            ${
              warnings.length
                ? html`<ul class="d-warnings">${warnings.map((w) => html`<li class="a-alert a-alert--warn">${w}</li>`)}</ul>`
                : html`<p class="a-muted">${t.noWarnings}</p>`
            }
          </section>
          <section class="a-card" aria-labelledby="d-ov-rounds">
            <h2 id="d-ov-rounds">${t.rounds}</h2>
            <ul class="d-rounds">
              ${a.rounds.map(
                (r) => html`<li class="d-round">
                  <h3>${f.t(r.label)} <span class="a-badge a-badge--muted">${status(r.opensAt, r.closesAt)}</span></h3>
                  ${
                    // Without dates the badge says so once ("geen datums gepland"; "data" would read as "no data").
                    r.opensAt
                      ? html`<p>${r.closesAt ? `${date(r.opensAt)} – ${date(r.closesAt)}` : fill(t.from, { date: date(r.opensAt) })}</p>`
                      : nothing
                  }
                  <div class="d-bar" role="presentation"><span data-w=${String(Math.round((r.responseRate ?? 0) * 100))}></span></div>
                  <p><strong>${r.responseRate === null ? '—' : f.pct(r.responseRate)}</strong> · ${submittedOf({ ...r, anonymous: 0 })}</p>
                </li>`,
              )}
            </ul>
          </section>
        </div>
      </div>
      <section class="d-section" aria-labelledby="d-ov-views">
        <h2 id="d-ov-views">${t.views}</h2>
        <ul class="d-links">
          ${links.map(
            ([k, path]) => html`<li><a href=${this.link(path)}><strong>${words(t[k][0])}</strong><span>${words(t[k][1])}</span></a></li>`,
          )}
        </ul>
      </section>
      `;
  }

  protected override updated(): void {
    // Bar widths through the CSSOM: the CSP allows no inline style attributes.
    for (const el of this.querySelectorAll<HTMLElement>('.d-bar > span[data-w]')) el.style.width = `${el.dataset.w}%`;
  }
}
customElements.define('rondo-dash-overview-view', RondoDashOverviewView);
