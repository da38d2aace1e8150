import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { del, get, post } from '../api.js';
import { fill, m, num, tx } from '../i18n.js';
import { copyField } from '../clipboard.js';
import type { RoundSummary } from '../../../model/api/fieldwork.js';
import type { GroupLinkResponse, GroupsResponse } from '../../../model/api/groups.js';
import { fieldworkBase } from './fieldwork-api.js';
import { fieldworkError } from './fieldwork-text.js';
import './rondo-qr-code.js';

const MESSAGES = {
  nl: {
    title: 'Anonieme link per respondentgroep',
    lead:
      'Elke groep die via een anonieme link antwoordt, heeft per {roundWord} een eigen link: wie hem opent, krijgt de introductie ' +
      'en de onderdelen van die groep, en wat binnenkomt telt voor die groep (niet in het responspercentage).',
    on: 'Aan',
    off: 'Uit',
    none: 'Geen anonieme link voor deze groep: hij wordt alleen via persoonlijke links bereikt.',
    counts: '{submitted} ingevuld, {drafts} begonnen via de link van deze groep.',
    enable: 'Link aanzetten',
    show: 'Link tonen',
    hide: 'Verbergen',
    regenerate: 'Nieuwe link maken…',
    disable: 'Uitzetten…',
    label: 'Anonieme link voor {group}, {round}',
    qr: 'QR-code van de anonieme link voor {group}, {round}',
    copy: 'Kopiëren',
    copied: 'Gekopieerd.',
    lost: 'De link kan niet opnieuw worden getoond (het geheim van deze server is vervangen). Maak een nieuwe link.',
    enabled: 'De anonieme link voor {group} in {round} staat aan. Kopieer hem of toon de QR-code.',
    regenerated: 'Nieuwe anonieme link gemaakt voor {group} in {round}. De oude link werkt niet meer.',
    disabled: 'De anonieme link voor {group} in {round} staat uit; wat al is ingevuld, blijft bewaard.',
    confirmRegenerate:
      'Een nieuwe anonieme link maken voor {group} in {round}? De huidige link (en de QR-code) werkt daarna niet meer. ' +
      'Antwoorden die al gegeven zijn blijven bewaard.',
    confirmDisable:
      'De anonieme link voor {group} in {round} uitzetten? Wie hem daarna opent, krijgt de melding dat de link niet werkt. ' +
      'Antwoorden die al gegeven zijn blijven bewaard.',
  },
  en: {
    title: 'Anonymous link per respondent group',
    lead:
      'Each group that answers through an anonymous link has a link of its own per {roundWord}: whoever opens it gets that ' +
      'group’s introduction and sections, and what comes in counts for that group (not in the response rate).',
    on: 'On',
    off: 'Off',
    none: 'No anonymous link for this group: it is reached by personal links only.',
    counts: '{submitted} submitted, {drafts} started through this group’s link.',
    enable: 'Turn the link on',
    show: 'Show link',
    hide: 'Hide',
    regenerate: 'Make a new link…',
    disable: 'Turn off…',
    label: 'Anonymous link for {group}, {round}',
    qr: 'QR code of the anonymous link for {group}, {round}',
    copy: 'Copy',
    copied: 'Copied.',
    lost: 'The link cannot be shown again (this server’s secret was replaced). Make a new link.',
    enabled: 'The anonymous link for {group} in {round} is on. Copy it or show the QR code.',
    regenerated: 'New anonymous link made for {group} in {round}. The old link no longer works.',
    disabled: 'The anonymous link for {group} in {round} is off; what was already answered is kept.',
    confirmRegenerate:
      'Make a new anonymous link for {group} in {round}? The current link (and its QR code) will stop working. ' +
      'Answers already given are kept.',
    confirmDisable:
      'Turn off the anonymous link for {group} in {round}? Whoever opens it afterwards is told the link does not work. ' +
      'Answers already given are kept.',
  },
};

type Group = GroupsResponse['groups'][number];

/**
 * <rondo-fieldwork-group-links>: on the links screen (fieldwork, rounds and sending), each
 * respondent group's own anonymous link for one round, beside the round's link: on or off with
 * what came in through it, or "no anonymous link" for a group reached by personal links only.
 * A link is fetched only when asked for (showing it is an audited act), then shown with a copy
 * button and its QR code; it can be replaced (the old one stops working) and turned off, after a
 * confirmation. The same links as on the groups screen (GET/POST/DELETE
 * /api/studies/:slug/fieldwork/rounds/:key/groups/:group/anonymous-link). Nothing for a study
 * without groups of its own.
 *
 * @property slug - the study
 * @property round - the round; its `groupLinks` say which links are on and the counts
 * @property groups - the study's own respondent groups (GET /api/studies/:slug/groups, explicit only)
 * @fires fieldwork-anonymous-changed - a link was turned on, replaced or turned off
 */
export class RondoFieldworkGroupLinks extends StaffView {
  static override properties = {
    slug: {},
    round: { attribute: false },
    groups: { attribute: false },
    shown: { state: true },
    lost: { state: true },
    message: { state: true },
    error: { state: true },
    copied: { state: true },
    busy: { state: true },
  };
  slug = '';
  round!: RoundSummary;
  groups: Group[] = [];
  /** The links on screen, by group, once fetched. */
  shown: Record<string, string> = {};
  lost: Record<string, boolean> = {};
  message = '';
  error = '';
  copied = '';
  busy = false;

  private url(group: string): string {
    return `${fieldworkBase(this.slug)}/rounds/${encodeURIComponent(this.round.key)}/groups/${encodeURIComponent(group)}/anonymous-link`;
  }

  private words(g: Group) {
    return { group: tx(g.name), round: tx(this.round.label) };
  }

  private async run(g: Group, what: 'enable' | 'show' | 'regenerate' | 'disable'): Promise<void> {
    const t = withWords(this.slug, m(MESSAGES));
    const words = this.words(g);
    if (what === 'regenerate' && !confirm(fill(t.confirmRegenerate, words))) return;
    if (what === 'disable' && !confirm(fill(t.confirmDisable, words))) return;
    this.busy = true;
    this.error = '';
    this.message = '';
    this.copied = '';
    try {
      // Turning a link on again makes a new generation: the server's POST both enables and renews.
      const r =
        what === 'show'
          ? await get<GroupLinkResponse>(this.url(g.key))
          : what === 'disable'
            ? await del<GroupLinkResponse>(this.url(g.key))
            : await post<GroupLinkResponse>(this.url(g.key));
      const { [g.key]: _, ...others } = this.shown;
      this.shown = r.link ? { ...others, [g.key]: r.link } : others;
      this.lost = { ...this.lost, [g.key]: r.linkOn && !r.link };
      if (what !== 'show') {
        this.message = fill(what === 'enable' ? t.enabled : what === 'regenerate' ? t.regenerated : t.disabled, words);
        this.dispatchEvent(new CustomEvent('fieldwork-anonymous-changed', { bubbles: true, composed: true }));
      }
      await this.updateComplete;
      this.querySelector<HTMLInputElement>(`#${this.fieldId(g)}`)?.focus();
    } catch (err) {
      this.error = fieldworkError(err, this.slug);
    } finally {
      this.busy = false;
    }
  }

  private fieldId(g: Group): string {
    return `fw-glink-${this.round.key}-${g.key}`;
  }

  private hide(g: Group): void {
    const { [g.key]: _, ...others } = this.shown;
    this.shown = others;
  }

  private async copy(g: Group): Promise<void> {
    if (await copyField(this.querySelector<HTMLInputElement>(`#${this.fieldId(g)}`))) this.copied = g.key;
  }

  private group(g: Group) {
    const t = withWords(this.slug, m(MESSAGES));
    const words = this.words(g);
    const what = fill(t.label, words);
    if (!g.reach.includes('anonymous'))
      return html`<li class="fw-glink" data-group=${g.key}>
        <h4>${tx(g.name)}</h4>
        <p class="a-muted">${t.none}</p>
      </li>`;
    const state = this.round.groupLinks?.find((l) => l.group === g.key) ?? { linkOn: false, submitted: 0, drafts: 0 };
    const link = this.shown[g.key];
    // Every button names the link it acts on, for screen readers: "Link tonen Anonieme link voor Ouders, …".
    const button = (label: string, kind: string, act: () => unknown) =>
      html`<button type="button" class=${kind} ?disabled=${this.busy} @click=${act}>${label}<span class="a-sr"> ${what}</span></button>`;
    return html`<li class="fw-glink" data-group=${g.key}>
      <h4>${tx(g.name)} <span class="a-badge ${state.linkOn ? 'fw-badge--ok' : 'a-badge--muted'}">${state.linkOn ? t.on : t.off}</span></h4>
      ${
        state.linkOn || state.submitted || state.drafts
          ? html`<p data-group-counts>${fill(t.counts, { submitted: num(state.submitted), drafts: num(state.drafts) })}</p>`
          : nothing
      }
      ${state.linkOn && this.lost[g.key] ? html`<p class="a-alert a-alert--warn">${t.lost}</p>` : nothing}
      ${
        state.linkOn && link
          ? html`<div class="fw-glink-shown">
            <div class="a-field fw-anon-link">
              <label for=${this.fieldId(g)}>${what}</label>
              <div class="fw-actions">
                <input id=${this.fieldId(g)} readonly .value=${link} @focus=${(e: Event) => (e.target as HTMLInputElement).select()}>
                <button type="button" class="a-primary" @click=${() => this.copy(g)}>${t.copy}<span class="a-sr"> ${what}</span></button>
                <span role="status">${this.copied === g.key ? t.copied : ''}</span>
              </div>
            </div>
            <rondo-qr-code .text=${link} .label=${fill(t.qr, words)}></rondo-qr-code>
          </div>`
          : nothing
      }
      <div class="fw-actions">
        ${
          state.linkOn
            ? html`${link ? button(t.hide, 'a-secondary', () => this.hide(g)) : button(t.show, 'a-secondary', () => this.run(g, 'show'))}
              ${button(t.regenerate, 'a-secondary', () => this.run(g, 'regenerate'))}
              ${button(t.disable, 'a-danger', () => this.run(g, 'disable'))}`
            : button(t.enable, 'a-secondary', () => this.run(g, 'enable'))
        }
      </div>
    </li>`;
  }

  override render() {
    if (!this.round || !this.groups.length) return nothing;
    const t = withWords(this.slug, m(MESSAGES));
    const id = `fw-glinks-${this.round.key}`;
    return html`<section class="fw-anon fw-glinks" aria-labelledby=${id}>
      <h3 id=${id}>${t.title}</h3>
      <p class="a-hint">${t.lead}</p>
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      <ul class="fw-glink-list">${this.groups.map((g) => this.group(g))}</ul>
    </section>`;
  }
}
customElements.define('rondo-fieldwork-group-links', RondoFieldworkGroupLinks);
