import { html, nothing } from 'lit';
import { StaffView } from '../app/staff-view.js';
import { currentSlug } from '../app/current-study.js';
import { withWords } from '../app/study-words.js';
import { m, tx } from '../app/i18n.js';
import type { DashFilters, DashSummary } from './data.js';

const MESSAGES = {
  nl: {
    label: 'Filters',
    active: '{n} actief',
    rounds: '{RoundWords} vergeleken',
    org: 'Organisatie',
    role: 'Functie',
    group: 'Respondentgroep',
    all: 'Alle',
    who: 'Respondenten',
    everyone: 'Alle respondenten',
    matched: 'Alleen vast panel',
    reset: 'Wis filters',
    trainerNote: 'Uitsplitsing naar organisatie of functie is alleen voor onderzoekers; kleine aantallen zijn verborgen.',
    matchedHint: 'Vast panel: alleen wie alle gekozen {roundWords} invulde.',
    split: 'Uitsplitsen naar',
    noSplit: 'Niet uitsplitsen',
  },
  en: {
    label: 'Filters',
    active: '{n} active',
    rounds: '{RoundWords} compared',
    org: 'Organisation',
    role: 'Role',
    group: 'Respondent group',
    all: 'All',
    who: 'Respondents',
    everyone: 'All respondents',
    matched: 'Matched panel only',
    reset: 'Clear filters',
    trainerNote: 'Results per organisation or role are for researchers only; small numbers are hidden.',
    matchedHint: 'Matched panel: only those who answered every chosen {roundWord}.',
    split: 'Split by',
    noSplit: 'No split',
  },
};

/**
 * <rondo-dash-filters>: the filter bar of every dashboard view — rounds compared,
 * organisation, role (researchers only) and all respondents vs the matched panel.
 *
 * @property options - what can be chosen (from the dashboard summary)
 * @property value - the current filters (from the address)
 * @property audience - 'full' shows the subgroup filters, 'aggregate' explains their absence
 * @fires rondo-filters-change - detail: DashFilters; on every user change (the view puts them in the address)
 */
export class RondoDashFilters extends StaffView {
  static override properties = { options: { attribute: false }, value: { attribute: false }, audience: {} };

  options: DashSummary['filters'] | null = null;
  value: DashFilters = { rounds: [], organisations: [], roles: [], matched: false };
  audience: 'full' | 'aggregate' = 'aggregate';

  /** attrs: the filter of one cohort attribute set to a value ('' clears it). */
  private setTrait(key: string, value: string): void {
    const rest = (this.value.attributes ?? []).filter((a) => !a.startsWith(`${key}:`));
    this.emit({ ...this.value, attributes: value ? [...rest, `${key}:${value}`] : rest });
  }

  /** attrs: a select per cohort attribute, and the split. */
  private attributeFields() {
    const t = withWords(currentSlug(), m(MESSAGES));
    const attributes = this.options?.attributes ?? [];
    if (!attributes.length) return nothing;
    const chosen = (key: string) => (this.value.attributes ?? []).find((a) => a.startsWith(`${key}:`))?.slice(key.length + 1) ?? '';
    return html`${attributes.map(
      (a) => html`<div class="a-field">
        <label class="d-flabel" for="d-f-attr-${a.key}">${tx(a.label)}</label>
        <select id="d-f-attr-${a.key}" @change=${(e: Event) => this.setTrait(a.key, (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!chosen(a.key)}>${t.all}</option>
          ${a.values.map((v) => html`<option value=${v.value} ?selected=${chosen(a.key) === v.value}>${tx(v.label) || v.value}</option>`)}
        </select>
      </div>`,
    )}
      <div class="a-field">
        <label class="d-flabel" for="d-f-split">${t.split}</label>
        <select id="d-f-split" @change=${(e: Event) => this.emit({ ...this.value, split: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!this.value.split}>${t.noSplit}</option>
          ${attributes.map((a) => html`<option value=${a.key} ?selected=${this.value.split === a.key}>${tx(a.label)}</option>`)}
        </select>
      </div>`;
  }

  private emit(next: DashFilters): void {
    this.dispatchEvent(new CustomEvent<DashFilters>('rondo-filters-change', { detail: next, bubbles: true, composed: true }));
  }

  private toggleRound(key: string, on: boolean): void {
    const all = this.options?.rounds.map((r) => r.key) ?? [];
    const current = this.value.rounds.length ? this.value.rounds : all;
    let next = on ? [...new Set([...current, key])] : current.filter((k) => k !== key);
    if (!next.length) next = current; // at least one round stays chosen
    next = all.filter((k) => next.includes(k));
    this.emit({ ...this.value, rounds: next.length === all.length ? [] : next });
  }

  override render() {
    const t = withWords(currentSlug(), m(MESSAGES));
    const o = this.options;
    if (!o) return nothing;
    const v = this.value;
    const chosen = (key: string) => !v.rounds.length || v.rounds.includes(key);
    const full = this.audience === 'full';
    const groups = o.groups ?? [];
    const active =
      [v.rounds.length > 0, v.organisations.length > 0, v.roles.length > 0, v.matched, (v.groups ?? []).length > 0].filter(Boolean).length +
      (v.attributes?.length ?? 0) +
      (v.split ? 1 : 0);
    const any = active > 0;
    // Open on wide screens; on phones folded to one line until asked for (or when a filter is set).
    const open = any || window.matchMedia('(min-width: 60em)').matches;
    return html`<section class="d-filters" aria-label=${t.label}><details ?open=${open}>
      <summary>${t.label}${any ? html`<span class="a-badge">${t.active.replace('{n}', String(active))}</span>` : nothing}</summary>
      <form @submit=${(e: Event) => e.preventDefault()}>
        <fieldset>
          <legend>${t.rounds}</legend>
          <div class="d-chips">
            ${o.rounds.map(
              (r) =>
                html`<label class="d-chip"><input type="checkbox" .checked=${chosen(r.key)} @change=${(e: Event) => this.toggleRound(r.key, (e.target as HTMLInputElement).checked)} />${tx(r.label)}</label>`,
            )}
          </div>
        </fieldset>
        ${
          full
            ? html`<div class="a-field">
                <label class="d-flabel" for="d-f-org">${t.org}</label>
                <select id="d-f-org" @change=${(e: Event) => this.emit({ ...v, organisations: (e.target as HTMLSelectElement).value ? [(e.target as HTMLSelectElement).value] : [] })}>
                  <option value="" ?selected=${!v.organisations.length}>${t.all}</option>
                  ${o.organisations.map(
                    (x) => html`<option value=${x} ?selected=${v.organisations[0] === x}>${tx(o.organisationLabels?.[x]) || x}</option>`,
                  )}
                </select>
              </div>
              <div class="a-field">
                <label class="d-flabel" for="d-f-role">${t.role}</label>
                <select id="d-f-role" @change=${(e: Event) => this.emit({ ...v, roles: (e.target as HTMLSelectElement).value ? [(e.target as HTMLSelectElement).value] : [] })}>
                  <option value="" ?selected=${!v.roles.length}>${t.all}</option>
                  ${o.roles.map((x) => html`<option value=${x} ?selected=${v.roles[0] === x}>${tx(o.roleLabels?.[x]) || x}</option>`)}
                </select>
              </div>
              ${this.attributeFields()}`
            : nothing
        }
        ${
          // Respondent groups, for every audience: a group is a subgroup, so small numbers stay hidden.
          groups.length
            ? html`<div class="a-field">
                <label class="d-flabel" for="d-f-group">${t.group}</label>
                <select id="d-f-group" @change=${(e: Event) => {
                  const key = (e.target as HTMLSelectElement).value;
                  this.emit({ ...v, groups: key ? [key] : [] });
                }}>
                  <option value="" ?selected=${!(v.groups ?? []).length}>${t.all}</option>
                  ${groups.map((g) => html`<option value=${g.key} ?selected=${v.groups?.[0] === g.key}>${tx(g.name)}</option>`)}
                </select>
              </div>`
            : nothing
        }
        <fieldset>
          <legend>${t.who}</legend>
          <div class="d-chips">
            <label class="d-chip"><input type="radio" name="d-f-panel" .checked=${!v.matched} @change=${() => this.emit({ ...v, matched: false })} />${t.everyone}</label>
            <label class="d-chip"><input type="radio" name="d-f-panel" .checked=${v.matched} @change=${() => this.emit({ ...v, matched: true })} />${t.matched}</label>
          </div>
        </fieldset>
        <button type="button" class="a-secondary d-reset" ?disabled=${!any} @click=${() => this.emit({ rounds: [], organisations: [], roles: [], matched: false, groups: [] })}>${t.reset}</button>
        ${v.matched || !full ? html`<p class="d-filter-note">${v.matched ? t.matchedHint : t.trainerNote}</p>` : nothing}
      </form>
    </details></section>`;
  }
}
customElements.define('rondo-dash-filters', RondoDashFilters);
