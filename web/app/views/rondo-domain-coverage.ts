import { html, nothing, type PropertyValues } from 'lit';
import { StaffView } from '../staff-view.js';
import { type ApiFailure, errorText, get, patch } from '../api.js';
import { fill, lang, m, num, tx } from '../i18n.js';
import type { DomainsResponse } from '../../../model/api/domains.js';
import type { DomainCoverageSetting } from '../../../model/domains.js';
import { domainCoverageSentence } from '../../../model/domain-coverage-text.js';

const MESSAGES = {
  nl: {
    title: 'Netwerkprofiel',
    lead: 'Welke domeinen de leden van het netwerkteam en het steunnetwerk vertegenwoordigen, volgens deze lijst.',
    off:
      'Domeindekking staat uit. Kies hieronder het kenmerk dat de domeinen bevat; dan tonen dit scherm, het dashboard ' +
      'en de factsheet welke domeinen vertegenwoordigd zijn en welke ontbreken.',
    members: '{n} leden',
    member: '1 lid',
    none: 'geen leden',
    missing: 'ontbreekt',
    settingTitle: 'Instelling domeindekking',
    change: 'Instelling domeindekking wijzigen',
    attribute: 'Kenmerk met de domeinen',
    attributeHint: 'Alleen kenmerken met een lijst toegestane waarden: die waarden zijn de domeinen.',
    noAttributes: 'Leg eerst hierboven een kenmerk met toegestane waarden vast, bijvoorbeeld domein met de vijf domeinen.',
    choose: 'Kies een kenmerk',
    role: 'Kenmerk met de rol in het netwerk (optioneel)',
    roleHint: 'Bijvoorbeeld netwerkteam of steunnetwerk; het profiel telt de leden dan per rol.',
    item: 'Vraag "welke domeinen zijn vertegenwoordigd?" (optioneel)',
    itemHint: 'Alleen meerkeuzevragen waarvan de antwoorden precies de domeinen van het gekozen kenmerk zijn.',
    noItems: 'De vragenlijst heeft geen meerkeuzevraag met precies deze domeinen als antwoorden.',
    noneChosen: 'Geen',
    save: 'Opslaan',
    switchOff: 'Domeindekking uitzetten',
    saved: 'Domeindekking opgeslagen.',
    switchedOff: 'Domeindekking staat uit.',
  },
  en: {
    title: 'Network profile',
    lead: 'Which domains the members of the network team and the support network represent, according to this list.',
    off:
      'Domain coverage is off. Choose the attribute that holds the domains below; this screen, the dashboard and the ' +
      'factsheet then show which domains are represented and which are missing.',
    members: '{n} members',
    member: '1 member',
    none: 'no members',
    missing: 'missing',
    settingTitle: 'Domain coverage setting',
    change: 'Change the domain coverage setting',
    attribute: 'Attribute holding the domains',
    attributeHint: 'Only attributes with a list of allowed values: those values are the domains.',
    noAttributes: 'First define an attribute with allowed values above, for example domain with the five domains.',
    choose: 'Choose an attribute',
    role: 'Attribute holding the role in the network (optional)',
    roleHint: 'For example network team or support network; the profile then counts the members per role.',
    item: 'Question "which domains are represented?" (optional)',
    itemHint: 'Only multiple-choice questions whose options are exactly the domains of the chosen attribute.',
    noItems: 'The questionnaire has no multiple-choice question with exactly these domains as options.',
    noneChosen: 'None',
    save: 'Save',
    switchOff: 'Switch domain coverage off',
    saved: 'Domain coverage saved.',
    switchedOff: 'Domain coverage is off.',
  },
};

type Field = 'attribute' | 'roleAttribute' | 'item';
type Draft = { attribute: string; roleAttribute: string; item: string };

/**
 * <rondo-domain-coverage>: on the cohort screen (issue 17), a network study's profile — the
 * members per domain and network role and the domains that are missing, as the study analysis
 * computes them (GET …/cohort/domains) — and its domain coverage setting: the attribute holding
 * the domains (only attributes with allowed values are offered), optionally the role attribute and
 * the multiple-choice question whose options are the domains (only fitting questions are offered),
 * or off. Saved with PATCH /api/studies/:slug; a refusal is shown next to its field and saves nothing.
 * Shown only while the setting is on or some attribute has allowed values; otherwise the element is empty.
 *
 * @property slug - the study
 * @property participants - the cohort list the screen shows; a new list (after any edit) reloads the profile
 */
export class RondoDomainCoverage extends StaffView {
  static override properties = {
    slug: {},
    participants: { attribute: false },
    data: { state: true },
    draft: { state: true },
    errors: { state: true },
    error: { state: true },
    message: { state: true },
  };
  slug = '';
  participants: unknown = null;
  data: DomainsResponse | null = null;
  draft: Draft = { attribute: '', roleAttribute: '', item: '' };
  errors: Partial<Record<Field, string>> = {};
  error = '';
  message = '';

  private get base() {
    return `/api/studies/${encodeURIComponent(this.slug)}`;
  }
  protected override async load(): Promise<void> {
    if (!this.slug) return;
    try {
      this.data = await get<DomainsResponse>(`${this.base}/cohort/domains`);
      const s = this.data.setting;
      this.draft = { attribute: s?.attribute ?? '', roleAttribute: s?.roleAttribute ?? '', item: s?.item ?? '' };
    } catch (err) {
      this.error = errorText(err as ApiFailure);
    }
  }
  protected override updated(changed: PropertyValues<this>): void {
    // The first list arrives with the profile's own first load; later lists follow an edit of the cohort.
    if (changed.has('participants') && changed.get('participants') && this.data) void this.load();
  }

  private pick(field: Field, value: string): void {
    const next = { ...this.draft, [field]: value };
    // A role or question that does not fit the new domain attribute is dropped, as the lists no longer offer it.
    if (field === 'attribute') {
      if (next.roleAttribute === value) next.roleAttribute = '';
      if (next.item && !this.data?.items.find((i) => i.id === next.item)?.domainsOf.includes(value)) next.item = '';
    }
    this.draft = next;
    this.errors = {};
  }

  private async send(body: { domainCoverage: DomainCoverageSetting | null }, done: string): Promise<void> {
    this.message = '';
    this.error = '';
    this.errors = {};
    try {
      await patch(this.base, body);
      await this.load();
      this.message = done;
    } catch (err) {
      const fail = err as ApiFailure;
      const details = fail.details as { field?: string; text?: { nl: string; en: string } } | undefined;
      const field = details?.field?.startsWith('domainCoverage.') ? (details.field.slice('domainCoverage.'.length) as Field) : null;
      const text = details?.text ? details.text[lang()] : errorText(fail);
      if (field && ['attribute', 'roleAttribute', 'item'].includes(field)) this.errors = { [field]: text };
      else this.error = text;
    }
  }

  private save(e: SubmitEvent): void {
    e.preventDefault();
    const d = this.draft;
    if (!d.attribute) return void this.send({ domainCoverage: null }, m(MESSAGES).switchedOff);
    const setting: DomainCoverageSetting = {
      attribute: d.attribute,
      ...(d.roleAttribute ? { roleAttribute: d.roleAttribute } : {}),
      ...(d.item ? { item: d.item } : {}),
    };
    void this.send({ domainCoverage: setting }, m(MESSAGES).saved);
  }

  override render() {
    const t = m(MESSAGES);
    if (!this.data) return this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing;
    const c = this.data.coverage;
    // Only a study that can have a profile shows the card (issue 16): one with the setting on, or with an attribute whose
    // allowed values could be the domains. Other studies (the demo training among them) are not network studies.
    if (!this.data.setting && !this.data.attributes.some((a) => a.hasValues)) return nothing;
    return html`<section class="a-card k-domains" aria-labelledby="dc-title" data-test="domain-coverage">
      <h2 id="dc-title">${t.title}</h2>
      ${c ? this.profile(t) : html`<p class="a-muted">${t.off}</p>`}
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${
        c
          ? html`<details class="a-options k-domains-setting" ?open=${Object.keys(this.errors).length > 0}>
              <summary>${t.change}</summary>${this.form(t)}</details>`
          : html`<h3>${t.settingTitle}</h3>${this.form(t)}`
      }
    </section>`;
  }

  /** The members per domain and role, one domain a line (readable on a phone), missing domains marked. */
  private profile(t: (typeof MESSAGES)['nl']) {
    const c = this.data!.coverage!;
    const roles = [...(c.roles ?? [])];
    for (const d of c.cohort.perDomain)
      for (const value of Object.keys(d.byRole ?? {}))
        if (!roles.some((r) => r.value === value)) roles.push({ value, label: { nl: value } });
    const missing = new Set(c.cohort.missing);
    return html`<p class="a-muted a-small">${t.lead}</p>
      <p data-test="coverage"><strong>${domainCoverageSentence(c, lang())}</strong></p>
      <ul class="k-attr-list k-domain-list">
        ${c.cohort.perDomain.map((d) => {
          const count = d.members === 0 ? t.none : d.members === 1 ? t.member : fill(t.members, { n: num(d.members) });
          const byRole = roles.filter((r) => d.byRole?.[r.value]).map((r) => `${tx(r.label)} ${num(d.byRole![r.value])}`);
          return html`<li data-domain=${d.value}>
            <span><strong>${tx(d.label)}</strong>${
              missing.has(d.value) ? html` <span class="a-badge a-badge--warn">${t.missing}</span>` : nothing
            }</span>
            <span>${count}${byRole.length ? `: ${byRole.join(' · ')}` : ''}</span>
          </li>`;
        })}
      </ul>`;
  }

  private form(t: (typeof MESSAGES)['nl']) {
    const data = this.data!;
    const d = this.draft;
    const domainAttributes = data.attributes.filter((a) => a.hasValues);
    const roleAttributes = data.attributes.filter((a) => a.key !== d.attribute);
    const items = data.items.filter((i) => d.attribute && i.domainsOf.includes(d.attribute));
    const described = (field: Field, hint: string) => (this.errors[field] ? `${hint} dc-${field}-error` : hint);
    const problem = (field: Field) =>
      this.errors[field] ? html`<p class="a-alert a-alert--error" id=${`dc-${field}-error`}>${this.errors[field]}</p>` : nothing;
    const change = (field: Field) => (e: Event) => this.pick(field, (e.target as HTMLSelectElement).value);
    return html`<form @submit=${this.save} novalidate>
      <div class="a-field"><label for="dc-attribute">${t.attribute}</label>
        <select id="dc-attribute" name="attribute" aria-describedby=${described('attribute', 'dc-attribute-hint')}
          aria-invalid=${this.errors.attribute ? 'true' : 'false'} @change=${change('attribute')}>
          <option value="" ?selected=${!d.attribute}>${data.setting ? t.noneChosen : t.choose}</option>
          ${domainAttributes.map((a) => html`<option value=${a.key} ?selected=${a.key === d.attribute}>${tx(a.label)}</option>`)}
        </select>
        <p class="a-hint" id="dc-attribute-hint">${domainAttributes.length ? t.attributeHint : t.noAttributes}</p>
        ${problem('attribute')}</div>
      ${
        d.attribute
          ? html`<div class="a-field"><label for="dc-role">${t.role}</label>
        <select id="dc-role" name="roleAttribute" aria-describedby=${described('roleAttribute', 'dc-role-hint')}
          aria-invalid=${this.errors.roleAttribute ? 'true' : 'false'} @change=${change('roleAttribute')}>
          <option value="" ?selected=${!d.roleAttribute}>${t.noneChosen}</option>
          ${roleAttributes.map((a) => html`<option value=${a.key} ?selected=${a.key === d.roleAttribute}>${tx(a.label)}</option>`)}
        </select>
        <p class="a-hint" id="dc-role-hint">${t.roleHint}</p>
        ${problem('roleAttribute')}</div>
      <div class="a-field"><label for="dc-item">${t.item}</label>
        <select id="dc-item" name="item" aria-describedby=${described('item', 'dc-item-hint')}
          aria-invalid=${this.errors.item ? 'true' : 'false'} @change=${change('item')}>
          <option value="" ?selected=${!d.item}>${t.noneChosen}</option>
          ${items.map((i) => html`<option value=${i.id} ?selected=${i.id === d.item}>${tx(i.text)}</option>`)}
        </select>
        <p class="a-hint" id="dc-item-hint">${items.length ? t.itemHint : t.noItems}</p>
        ${problem('item')}</div>`
          : nothing
      }
      <div class="a-row">
        <button type="submit" class="a-primary" ?disabled=${!d.attribute && !data.setting}>${t.save}</button>
        ${
          data.setting
            ? html`<button type="button" class="a-secondary" @click=${() => this.send({ domainCoverage: null }, t.switchedOff)}>${
                t.switchOff
              }</button>`
            : nothing
        }
      </div>
    </form>`;
  }
}
customElements.define('rondo-domain-coverage', RondoDomainCoverage);
