import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { type ApiFailure, failureMessage, get, post, put } from '../api.js';
import { fill, lang, m, tx } from '../i18n.js';
import type { ImprovementResponse, PlanView, PointView } from '../../../model/api/improvement.js';
import { ACTION_STATUSES, ACTION_STATUS_NAMES, POINT_SOURCES, type ActionStatus } from '../../../model/improvement.js';

const MESSAGES = {
  nl: {
    title: 'Verbeteren',
    lead:
      'De verbetercyclus van het netwerk: verbeterpunten uit de resultaten, een jaarplan per gekozen punt met acties, ' +
      'en elk kwartaal een evaluatie (plan – do – check – act) naast de indicatoren per {round}.',
    points: 'Verbeterpunten',
    noPoints: 'Er zijn nog geen verbeterpunten.',
    point: 'Verbeterpunt',
    source: 'Bron',
    sources: { item: 'Vraag', indicator: 'Indicator', theme: 'Thema uit open antwoorden', free: 'Vrije tekst' },
    ref: 'Vraag-id, indicator of thema',
    votes: 'Stemmen',
    status: 'Status',
    statuses: { proposed: 'Voorgesteld', selected: 'Gekozen', 'set-aside': 'Opzijgelegd' },
    byVote: 'door de stemming',
    byConnector: 'door de netwerkverbinder',
    vote: 'Stem',
    voted: 'U heeft gestemd',
    noOpenRound: 'Stemmen kan zolang een {round} open is; nu is er geen open.',
    selectByVote: 'Kiezen (meeste stemmen)',
    choose: 'Kiezen als verbinder',
    setAside: 'Opzijleggen',
    propose: 'Verbeterpunt voorstellen',
    titleField: 'Omschrijving',
    note: 'Toelichting (niet verplicht)',
    proposeButton: 'Voorstellen',
    plans: 'Jaarplannen',
    planFor: 'Jaarplan {year}: {point}',
    newPlan: 'Jaarplan maken voor “{point}”',
    year: 'Jaar',
    goal: 'Concreet doel',
    indicator: 'Indicator',
    target: 'Streefwaarde',
    noIndicator: '(geen indicator)',
    makePlan: 'Plan maken',
    editGoal: 'Doel wijzigen',
    saveGoal: 'Doel opslaan',
    indicators: 'Indicatoren die het plan moet bewegen',
    perRound: 'Waarde per {round}',
    answers: '{n} antwoorden',
    noValue: 'geen waarde',
    tooFew: 'te weinig antwoorden om te tonen',
    noAnswers: 'nog geen antwoorden',
    valuesHidden: 'De waarden van de indicatoren ziet u in de resultaten van het onderzoek.',
    change: {
      'not-tested': 'te weinig antwoorden om een verandering te toetsen',
      'not-demonstrated': 'geen aantoonbare verandering',
      demonstrated: 'aantoonbare verandering',
      descriptive: 'alleen beschrijvend',
    } as Record<string, string>,
    actions: 'Acties',
    noActions: 'Nog geen acties.',
    action: 'Actie',
    owner: 'Eigenaar',
    due: 'Klaar op',
    statusOf: 'Status van “{action}”',
    addAction: 'Actie toevoegen',
    pdca: 'Kwartaalevaluaties',
    quarter: 'Kwartaal',
    quarterN: 'Kwartaal {q}',
    done: 'Gedaan',
    measured: 'Gemeten',
    adjusted: 'Bijgesteld',
    noPdca: 'Nog geen kwartaalevaluaties.',
    savePdca: 'Evaluatie opslaan',
    saved: 'Opgeslagen.',
    readOnly: 'U ziet het plan; de netwerkverbinder (onderzoeker) houdt het bij. U kunt de status van uw eigen acties wijzigen.',
  },
  en: {
    title: 'Improve',
    lead:
      "The network's improvement cycle: improvement points from the results, a yearly plan per selected point with actions, " +
      'and each quarter an evaluation (plan – do – check – act) beside the indicators per {round}.',
    points: 'Improvement points',
    noPoints: 'There are no improvement points yet.',
    point: 'Improvement point',
    source: 'Source',
    sources: { item: 'Question', indicator: 'Indicator', theme: 'Theme from open answers', free: 'Free text' },
    ref: 'Question id, indicator or theme',
    votes: 'Votes',
    status: 'Status',
    statuses: { proposed: 'Proposed', selected: 'Selected', 'set-aside': 'Set aside' },
    byVote: "by the team's vote",
    byConnector: 'by the network connector',
    vote: 'Vote',
    voted: 'You voted',
    noOpenRound: 'Voting is possible while a {round} is open; none is open now.',
    selectByVote: 'Select (most votes)',
    choose: 'Choose as connector',
    setAside: 'Set aside',
    propose: 'Propose an improvement point',
    titleField: 'Description',
    note: 'Explanation (optional)',
    proposeButton: 'Propose',
    plans: 'Yearly plans',
    planFor: 'Plan {year}: {point}',
    newPlan: 'Make a yearly plan for “{point}”',
    year: 'Year',
    goal: 'Concrete goal',
    indicator: 'Indicator',
    target: 'Target value',
    noIndicator: '(no indicator)',
    makePlan: 'Make the plan',
    editGoal: 'Change the goal',
    saveGoal: 'Save the goal',
    indicators: 'Indicators the plan should move',
    perRound: 'Value per {round}',
    answers: '{n} answers',
    noValue: 'no value',
    tooFew: 'too few answers to show',
    noAnswers: 'no answers yet',
    valuesHidden: "You see the indicators' values in the study's results.",
    change: {
      'not-tested': 'too few answers to test a change',
      'not-demonstrated': 'no demonstrable change',
      demonstrated: 'demonstrable change',
      descriptive: 'descriptive only',
    } as Record<string, string>,
    actions: 'Actions',
    noActions: 'No actions yet.',
    action: 'Action',
    owner: 'Owner',
    due: 'Due',
    statusOf: 'Status of “{action}”',
    addAction: 'Add an action',
    pdca: 'Quarterly evaluations',
    quarter: 'Quarter',
    quarterN: 'Quarter {q}',
    done: 'Done',
    measured: 'Measured',
    adjusted: 'Adjusted',
    noPdca: 'No quarterly evaluations yet.',
    savePdca: 'Save the evaluation',
    saved: 'Saved.',
    readOnly: 'You see the plan; the network connector (researcher) keeps it. You can change the status of your own actions.',
  },
};

const value = (v: number | null, kind: 'mean' | 'share') =>
  v === null
    ? null
    : new Intl.NumberFormat(
        lang() === 'nl' ? 'nl-NL' : 'en-GB',
        kind === 'share' ? { style: 'percent' } : { maximumFractionDigits: 1 },
      ).format(v);

/**
 * A plan's target as the indicator's values read: a share's target (typed as a percentage or a fraction, as
 * the network factsheet reads it: server/factsheet/network/rules.ts shownTarget) as a percentage, never "0,9" for 0.85.
 */
const targetText = (i: PlanView['indicators'][number]) =>
  i.rounds.some((r) => r.kind === 'share') ? value(i.target > 1 ? i.target / 100 : i.target, 'share') : value(i.target, 'mean');

/**
 * <rondo-improve-view>: "Verbeteren / Improve", the study's improvement cycle (issue 17). The network
 * connector proposes and selects points, writes the yearly plan, its actions and the quarterly PDCA
 * entries; members vote while a round is open and change the status of their own actions. Every
 * change answers with the new state; a refusal (a stale version among them) is shown in words.
 */
export class RondoImproveView extends StaffView {
  static override properties = { data: { state: true }, message: { state: true }, error: { state: true } };
  params: Record<string, string> = {};
  data: ImprovementResponse | null = null;
  message = '';
  error = '';

  private get base() {
    return `/api/studies/${encodeURIComponent(this.params.slug)}/improvement`;
  }
  protected override async load(): Promise<void> {
    try {
      this.data = await get<ImprovementResponse>(this.base);
    } catch (err) {
      this.error = failureMessage(err);
    }
  }

  /** Sends one change; the answer is the new state. A refusal is shown and the state reloaded. */
  private async send(method: 'POST' | 'PUT', url: string, body: unknown, form?: HTMLFormElement): Promise<void> {
    try {
      this.data = await (method === 'POST' ? post<ImprovementResponse> : put<ImprovementResponse>)(`${this.base}${url}`, body);
      this.error = '';
      this.message = m(MESSAGES).saved;
      form?.reset();
    } catch (err) {
      this.message = '';
      this.error = failureMessage(err as ApiFailure);
      await this.load();
    }
  }

  private fields(e: SubmitEvent): { form: HTMLFormElement; v: (name: string) => string } {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    return { form, v: (name) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim() };
  }

  override render() {
    const t = m(MESSAGES);
    const d = this.data;
    const round = d ? d.roundWord[lang()] : '';
    return html`<h1>${t.title}</h1>
      <p class="a-lead">${fill(t.lead, { round })}</p>
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${d ? html`${d.canManage ? nothing : html`<p>${t.readOnly}</p>`} ${this.pointsSection(d)} ${this.plansSection(d)}` : nothing}`;
  }

  private pointsSection(d: ImprovementResponse) {
    const t = m(MESSAGES);
    const open = d.rounds.find((r) => r.state === 'open');
    return html`<section class="a-card" aria-labelledby="imp-points">
      <h2 id="imp-points">${t.points}</h2>
      ${open ? nothing : html`<p class="a-muted">${fill(t.noOpenRound, { round: d.roundWord[lang()] })}</p>`}
      ${
        d.points.length
          ? html`<div class="a-table-wrap" tabindex="0" role="region" aria-label=${t.points}><table class="a-table a-stack">
            <thead><tr><th scope="col">${t.point}</th><th scope="col">${t.source}</th><th scope="col">${t.votes}</th>
              <th scope="col">${t.status}</th><th scope="col" class="a-actions"><span class="a-sr">${t.vote}</span></th></tr>
              </thead>
            <tbody>${d.points.map((p) => this.pointRow(d, p, open?.key))}</tbody>
          </table></div>`
          : html`<p>${t.noPoints}</p>`
      }
      ${d.canManage ? this.proposeForm() : nothing}
    </section>`;
  }

  private pointRow(d: ImprovementResponse, p: PointView, openRound: string | undefined) {
    const t = m(MESSAGES);
    const decide = (by: 'vote' | 'connector', status: 'selected' | 'set-aside') =>
      this.send('PUT', `/points/${p.id}/decision`, { by, status, version: p.version });
    return html`<tr>
      <td data-label=${t.point}><strong>${p.title}</strong>${p.note ? html`<br><span class="a-small">${p.note}</span>` : nothing}</td>
      <td data-label=${t.source}>${t.sources[p.source]}${p.ref ? html`: ${p.ref}` : nothing}</td>
      <td data-label=${t.votes}>${p.votes}</td>
      <td data-label=${t.status}>${t.statuses[p.status]}${
        p.selectedBy ? html` <span class="a-small a-muted">(${p.selectedBy === 'vote' ? t.byVote : t.byConnector})</span>` : nothing
      }</td>
      <td class="a-actions"><div class="a-row">
        ${
          p.status === 'proposed' && openRound && !p.myVote
            ? html`<button type="button" @click=${() => this.send('POST', `/points/${p.id}/vote`, { round: openRound })}>
                ${t.vote}<span class="a-sr"> ${p.title}</span></button>`
            : nothing
        }
        ${p.myVote ? html`<span class="a-badge">${t.voted}</span>` : nothing}
        ${
          d.canManage && p.status === 'proposed'
            ? html`<button type="button" @click=${() => decide('vote', 'selected')}>
                ${t.selectByVote}<span class="a-sr"> ${p.title}</span></button>
              <button type="button" @click=${() => decide('connector', 'selected')}>
                ${t.choose}<span class="a-sr"> ${p.title}</span></button>
              <button type="button" class="a-quiet" @click=${() => decide('connector', 'set-aside')}>
                ${t.setAside}<span class="a-sr"> ${p.title}</span></button>`
            : nothing
        }
      </div></td>
    </tr>`;
  }

  private proposeForm() {
    const t = m(MESSAGES);
    const submit = (e: SubmitEvent) => {
      const { form, v } = this.fields(e);
      const body = {
        source: v('source'),
        title: v('title'),
        ...(v('ref') ? { ref: v('ref') } : {}),
        ...(v('note') ? { note: v('note') } : {}),
      };
      return this.send('POST', '/points', body, form);
    };
    return html`<h3>${t.propose}</h3>
      <form @submit=${submit}>
        <div class="a-field"><label for="imp-title">${t.titleField}</label>
          <input id="imp-title" name="title" required maxlength="200"></div>
        <div class="a-field"><label for="imp-source">${t.source}</label><select id="imp-source" name="source">
          ${POINT_SOURCES.map((s) => html`<option value=${s}>${t.sources[s]}</option>`)}</select></div>
        <div class="a-field"><label for="imp-ref">${t.ref}</label><input id="imp-ref" name="ref" maxlength="200" spellcheck="false"></div>
        <div class="a-field"><label for="imp-note">${t.note}</label><textarea id="imp-note" name="note" maxlength="2000"></textarea></div>
        <button type="submit" class="a-primary">${t.proposeButton}</button>
      </form>`;
  }

  private plansSection(d: ImprovementResponse) {
    const t = m(MESSAGES);
    const waiting = d.points.filter((p) => p.status === 'selected' && !d.plans.some((pl) => pl.point === p.id));
    if (!d.plans.length && !(d.canManage && waiting.length)) return nothing;
    return html`<h2>${t.plans}</h2>
      ${d.plans.map((plan) => this.plan(d, plan))} ${d.canManage ? waiting.map((p) => this.newPlanForm(d, p)) : nothing}`;
  }

  private newPlanForm(d: ImprovementResponse, p: PointView) {
    const t = m(MESSAGES);
    const id = `np-${p.id}`;
    const submit = (e: SubmitEvent) => {
      const { form, v } = this.fields(e);
      const indicators = v('indicator') ? [{ key: v('indicator'), target: Number(v('target').replace(',', '.')) }] : [];
      return this.send('POST', '/plans', { point: p.id, year: Number(v('year')), goal: v('goal'), indicators }, form);
    };
    return html`<section class="a-card" aria-labelledby=${id}>
      <h3 id=${id}>${fill(t.newPlan, { point: p.title })}</h3>
      <form @submit=${submit}>
        <div class="a-field"><label for="${id}-year">${t.year}</label>
          <input id="${id}-year" name="year" type="number" min="2000" max="2100" required value=${new Date().getFullYear()}></div>
        <div class="a-field"><label for="${id}-goal">${t.goal}</label>
          <textarea id="${id}-goal" name="goal" required maxlength="2000"></textarea></div>
        <div class="a-row">
          <div class="a-field"><label for="${id}-ind">${t.indicator}</label><select id="${id}-ind" name="indicator">
            <option value="">${t.noIndicator}</option>
            ${d.indicators.map(
              (i) => html`<option value=${i.key} ?selected=${p.source === 'indicator' && p.ref === i.key}>${tx(i.name)}</option>`,
            )}</select></div>
          <div class="a-field"><label for="${id}-target">${t.target}</label>
            <input id="${id}-target" name="target" inputmode="decimal" pattern="[0-9]+([.,][0-9]+)?"></div>
        </div>
        <button type="submit" class="a-primary">${t.makePlan}</button>
      </form>
    </section>`;
  }

  private plan(d: ImprovementResponse, plan: PlanView) {
    const t = m(MESSAGES);
    const point = d.points.find((p) => p.id === plan.point);
    const id = `plan-${plan.id}`;
    const round = d.roundWord[lang()];
    const roundName = (key: string) => tx(d.rounds.find((r) => r.key === key)?.label) || key;
    // Small teams: a value the analysis does not give is explained, never left blank.
    const whyNot = (reason: string | null) =>
      reason === 'no-respondents' || reason === 'no-answers'
        ? t.noAnswers
        : reason && /few|small|threshold/.test(reason)
          ? t.tooFew
          : t.noValue;
    const saveGoal = (e: SubmitEvent) => {
      const { v } = this.fields(e);
      const indicators = plan.indicators.map((i) => ({ key: i.key, target: i.target }));
      return this.send('PUT', `/plans/${plan.id}`, { version: plan.version, year: plan.year, goal: v('goal'), indicators });
    };
    return html`<section class="a-card" aria-labelledby=${id}>
      <h3 id=${id}>${fill(t.planFor, { year: plan.year, point: point?.title ?? '' })}</h3>
      <p><strong>${t.goal}:</strong> ${plan.goal}</p>
      ${
        d.canManage
          ? html`<details><summary>${t.editGoal}</summary><form @submit=${saveGoal}>
            <div class="a-field"><label for="${id}-goal">${t.goal}</label>
              <textarea id="${id}-goal" name="goal" required maxlength="2000" .value=${plan.goal}></textarea></div>
            <button type="submit">${t.saveGoal}</button></form></details>`
          : nothing
      }
      ${
        plan.indicators.length
          ? html`<h4>${t.indicators}</h4>
            <ul>${plan.indicators.map(
              (i) => html`<li><strong>${i.name ? tx(i.name) : i.key}</strong> — ${t.target}: ${targetText(i)}
                ${
                  d.valuesShown
                    ? html`<br><span>${fill(t.perRound, { round })}:</span>
                      ${i.rounds.map(
                        (r) =>
                          html`<span class="a-badge a-badge--muted">${roundName(r.round)}: ${value(r.value, r.kind) ?? whyNot(r.reason)}
                            (${fill(t.answers, { n: r.n })})</span> `,
                      )}
                      ${i.changes.map(
                        (c) =>
                          html`<br><span class="a-small"
                            >${roundName(c.from)} → ${roundName(c.to)}: ${t.change[c.evidence] ?? c.evidence}</span
                          >`,
                      )}`
                    : html`<br><span class="a-small a-muted">${t.valuesHidden}</span>`
                }
              </li>`,
            )}</ul>`
          : nothing
      }
      ${this.actions(d, plan)} ${this.pdca(d, plan)}
    </section>`;
  }

  private actions(d: ImprovementResponse, plan: PlanView) {
    const t = m(MESSAGES);
    const id = `plan-${plan.id}-act`;
    const add = (e: SubmitEvent) => {
      const { form, v } = this.fields(e);
      return this.send(
        'POST',
        `/plans/${plan.id}/actions`,
        { description: v('description'), owner: Number(v('owner')), due: v('due') },
        form,
      );
    };
    return html`<h4 id=${id}>${t.actions}</h4>
      ${
        plan.actions.length
          ? html`<div class="a-table-wrap" tabindex="0" role="region" aria-labelledby=${id}><table class="a-table a-stack">
            <thead><tr><th scope="col">${t.action}</th><th scope="col">${t.owner}</th><th scope="col">${t.due}</th>
              <th scope="col">${t.status}</th></tr></thead>
            <tbody>${plan.actions.map(
              (a) => html`<tr>
                <td data-label=${t.action}>${a.description}</td>
                <td data-label=${t.owner}>${a.ownerName}</td>
                <td data-label=${t.due}>${a.due}</td>
                <td data-label=${t.status}>${
                  d.canManage || a.owner === d.me
                    ? html`<label class="a-sr" for="act-${a.id}">${fill(t.statusOf, { action: a.description })}</label>
                        <select id="act-${a.id}" @change=${(e: Event) =>
                          this.send('PUT', `/actions/${a.id}/status`, {
                            version: a.version,
                            status: (e.target as HTMLSelectElement).value as ActionStatus,
                          })}>
                          ${ACTION_STATUSES.map(
                            (s) => html`<option value=${s} ?selected=${a.status === s}>${m(ACTION_STATUS_NAMES[s])}</option>`,
                          )}
                        </select>`
                    : m(ACTION_STATUS_NAMES[a.status])
                }</td>
              </tr>`,
            )}</tbody></table></div>`
          : html`<p>${t.noActions}</p>`
      }
      ${
        d.canManage
          ? html`<details><summary>${t.addAction}</summary><form @submit=${add}>
            <div class="a-field"><label for="${id}-desc">${t.action}</label>
              <input id="${id}-desc" name="description" required maxlength="1000"></div>
            <div class="a-row">
              <div class="a-field"><label for="${id}-owner">${t.owner}</label><select id="${id}-owner" name="owner">
                ${d.members.map((mem) => html`<option value=${mem.id}>${mem.name}</option>`)}</select></div>
              <div class="a-field"><label for="${id}-due">${t.due}</label>
                <input id="${id}-due" name="due" type="date" required min="${plan.year}-01-01" max="${plan.year}-12-31"></div>
            </div>
            <button type="submit" class="a-primary">${t.addAction}</button></form></details>`
          : nothing
      }`;
  }

  private pdca(d: ImprovementResponse, plan: PlanView) {
    const t = m(MESSAGES);
    const id = `plan-${plan.id}-pdca`;
    const save = (e: SubmitEvent) => {
      const { form, v } = this.fields(e);
      const quarter = Number(v('quarter'));
      const existing = plan.pdca.find((p) => p.quarter === quarter);
      return this.send(
        'PUT',
        `/plans/${plan.id}/pdca/${quarter}`,
        { version: existing?.version ?? null, done: v('done'), measured: v('measured'), adjusted: v('adjusted') },
        form,
      );
    };
    return html`<h4 id=${id}>${t.pdca}</h4>
      ${
        plan.pdca.length
          ? html`<dl>${plan.pdca.map(
              (p) => html`<dt><strong>${fill(t.quarterN, { q: p.quarter })} ${plan.year}</strong></dt>
              <dd>${t.done}: ${p.done || '—'}<br>${t.measured}: ${p.measured || '—'}<br>${t.adjusted}: ${p.adjusted || '—'}</dd>`,
            )}</dl>`
          : html`<p>${t.noPdca}</p>`
      }
      ${
        d.canManage
          ? html`<details><summary>${t.savePdca}</summary><form @submit=${save}>
            <div class="a-field"><label for="${id}-q">${t.quarter}</label><select id="${id}-q" name="quarter">
              ${[1, 2, 3, 4].map((q) => html`<option value=${q}>${fill(t.quarterN, { q })}</option>`)}</select></div>
            <div class="a-field"><label for="${id}-done">${t.done}</label><textarea id="${id}-done" name="done" maxlength="4000">
              </textarea></div>
            <div class="a-field"><label for="${id}-measured">${t.measured}</label>
              <textarea id="${id}-measured" name="measured" maxlength="4000"></textarea></div>
            <div class="a-field"><label for="${id}-adjusted">${t.adjusted}</label>
              <textarea id="${id}-adjusted" name="adjusted" maxlength="4000"></textarea></div>
            <button type="submit" class="a-primary">${t.savePdca}</button></form></details>`
          : nothing
      }`;
  }
}
customElements.define('rondo-improve-view', RondoImproveView);
