import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { del, get, post } from '../api.js';
import { fill, m, num, tx } from '../i18n.js';
import type { AnonymousLinkResponse, RoundSummary } from '../../../model/api/fieldwork.js';
import { fieldworkBase } from './fieldwork-api.js';
import { fieldworkError } from './fieldwork-text.js';
import { copyField } from '../clipboard.js';
import './rondo-qr-code.js';

const MESSAGES = {
  nl: {
    title: 'Anonieme link',
    lead: 'Eén open link voor wie niet in de lijst met {participants} staat. Iedereen met de link kan de vragenlijst invullen, eenmaal per browser. Deze antwoorden tellen apart en niet mee in het responspercentage.',
    on: 'Aan',
    off: 'Uit',
    counts: '{submitted} ingevuld, {drafts} begonnen via de anonieme link.',
    enable: 'Anonieme link aanzetten',
    show: 'Link tonen',
    regenerate: 'Nieuwe link maken…',
    disable: 'Uitzetten…',
    label: 'Anonieme link van {round}',
    qr: 'QR-code van de anonieme link van {round}',
    copy: 'Kopiëren',
    copied: 'Gekopieerd.',
    hide: 'Verbergen',
    lost: 'De link kan niet opnieuw worden getoond (het geheim van deze server is vervangen). Maak een nieuwe link.',
    enabled: 'De anonieme link van {round} staat aan. Kopieer hem en deel hem met wie mag meedoen.',
    regenerated: 'Nieuwe anonieme link gemaakt voor {round}. De oude link werkt niet meer.',
    disabled: 'De anonieme link van {round} staat uit.',
    confirmRegenerate:
      'Een nieuwe anonieme link maken voor {round}? De huidige link werkt daarna niet meer: wie hem opent, krijgt de melding dat de link niet werkt. Antwoorden die al gegeven zijn blijven bewaard.',
    confirmDisable:
      'De anonieme link van {round} uitzetten? Wie hem daarna opent, krijgt de melding dat de link niet werkt. Antwoorden die al gegeven zijn blijven bewaard.',
  },
  en: {
    title: 'Anonymous link',
    lead: 'One open link for people who are not on the list of {participants}. Anyone with the link can fill in the questionnaire, once per browser. These answers are counted apart and not in the response rate.',
    on: 'On',
    off: 'Off',
    counts: '{submitted} submitted, {drafts} started through the anonymous link.',
    enable: 'Turn on the anonymous link',
    show: 'Show link',
    regenerate: 'Make a new link…',
    disable: 'Turn off…',
    label: 'Anonymous link of {round}',
    qr: 'QR code of the anonymous link of {round}',
    copy: 'Copy',
    copied: 'Copied.',
    hide: 'Hide',
    lost: 'The link cannot be shown again (this server’s secret was replaced). Make a new link.',
    enabled: 'The anonymous link of {round} is on. Copy it and share it with those who may take part.',
    regenerated: 'New anonymous link made for {round}. The old link no longer works.',
    disabled: 'The anonymous link of {round} is off.',
    confirmRegenerate:
      'Make a new anonymous link for {round}? The current link will stop working: whoever opens it is told the link does not work. Answers already given are kept.',
    confirmDisable:
      'Turn off the anonymous link of {round}? Whoever opens it afterwards is told the link does not work. Answers already given are kept.',
  },
};

/**
 * <rondo-fieldwork-anonymous-link>: a round's anonymous link on the rounds screen — turn it on (the
 * link is shown with a copy button and its QR code), show it again, replace it (after a confirmation; the old
 * link then stops working) and turn it off. The link is fetched only when asked for, so
 * showing it is an act in the audit trail, not a side effect of opening the screen.
 *
 * @property slug - the study
 * @property round - the round (its summary carries whether the link is on, and the counts)
 * @fires fieldwork-anonymous-changed - the link was turned on, replaced or turned off
 */
export class RondoFieldworkAnonymousLink extends StaffView {
  static override properties = {
    slug: {},
    round: { attribute: false },
    shown: { state: true },
    lost: { state: true },
    message: { state: true },
    error: { state: true },
    copied: { state: true },
    busy: { state: true },
  };
  slug = '';
  round!: RoundSummary;
  /** The link on screen, once fetched. */
  shown: string | null = null;
  lost = false;
  message = '';
  error = '';
  copied = false;
  busy = false;

  private get url(): string {
    return `${fieldworkBase(this.slug)}/rounds/${encodeURIComponent(this.round.key)}/anonymous-link`;
  }

  private async run(what: 'enable' | 'show' | 'regenerate' | 'disable'): Promise<void> {
    const t = withWords(this.slug, m(MESSAGES));
    const round = tx(this.round.label);
    if (what === 'regenerate' && !confirm(fill(t.confirmRegenerate, { round }))) return;
    if (what === 'disable' && !confirm(fill(t.confirmDisable, { round }))) return;
    this.busy = true;
    this.error = '';
    this.message = '';
    this.copied = false;
    try {
      const r =
        what === 'show'
          ? await get<AnonymousLinkResponse>(this.url)
          : what === 'enable'
            ? await post<AnonymousLinkResponse>(this.url)
            : what === 'regenerate'
              ? await post<AnonymousLinkResponse>(`${this.url}/regenerate`)
              : await del<AnonymousLinkResponse>(this.url);
      this.shown = r.link;
      this.lost = r.linkOn && !r.link;
      if (what !== 'show') {
        this.message = fill(what === 'enable' ? t.enabled : what === 'regenerate' ? t.regenerated : t.disabled, { round });
        this.dispatchEvent(new CustomEvent('fieldwork-anonymous-changed', { bubbles: true, composed: true }));
      }
      await this.updateComplete;
      this.querySelector<HTMLInputElement>('input[readonly]')?.focus();
    } catch (err) {
      this.error = fieldworkError(err, this.slug);
    } finally {
      this.busy = false;
    }
  }

  private async copy(): Promise<void> {
    const input = this.querySelector<HTMLInputElement>('input[readonly]');
    if (input) this.copied = await copyField(input);
  }

  override render() {
    const t = withWords(this.slug, m(MESSAGES));
    const r = this.round;
    // The round's anonymous responses include those through the groups' own links (rondo-fieldwork-group-links
    // counts them there): this link's are the rest.
    const viaGroups = (k: 'submitted' | 'drafts') => (r.groupLinks ?? []).reduce((n, g) => n + g[k], 0);
    const a = {
      ...r.anonymous,
      submitted: r.anonymous.submitted - viaGroups('submitted'),
      drafts: r.anonymous.drafts - viaGroups('drafts'),
    };
    const id = `fw-anon-${r.key}`;
    const round = tx(r.label);
    return html`<section class="fw-anon" aria-labelledby="${id}-h">
      <h3 id="${id}-h">${t.title} <span class="a-badge ${a.linkOn ? 'fw-badge--ok' : 'a-badge--muted'}">${a.linkOn ? t.on : t.off}</span></h3>
      <p class="a-hint">${t.lead}</p>
      ${a.linkOn || a.submitted || a.drafts ? html`<p data-anonymous-counts>${fill(t.counts, { submitted: num(a.submitted), drafts: num(a.drafts) })}</p>` : nothing}
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${a.linkOn && this.lost ? html`<p class="a-alert a-alert--warn">${t.lost}</p>` : nothing}
      ${
        a.linkOn && this.shown
          ? html`<div class="a-field fw-anon-link">
            <label for="${id}-url">${fill(t.label, { round })}</label>
            <div class="fw-actions">
              <input id="${id}-url" readonly .value=${this.shown} @focus=${(e: Event) => (e.target as HTMLInputElement).select()}>
              <button type="button" class="a-primary" @click=${this.copy}>${t.copy}<span class="a-sr"> ${fill(t.label, { round })}</span></button>
              <span role="status">${this.copied ? t.copied : ''}</span>
            </div>
          </div>
          <rondo-qr-code .text=${this.shown} .label=${fill(t.qr, { round })}></rondo-qr-code>`
          : nothing
      }
      <div class="fw-actions">
        ${
          a.linkOn
            ? html`${
                this.shown
                  ? html`<button type="button" class="a-secondary" @click=${() => (this.shown = null)}>${t.hide}<span class="a-sr"> ${fill(t.label, { round })}</span></button>`
                  : html`<button type="button" class="a-secondary" ?disabled=${this.busy} @click=${() => this.run('show')}>${t.show}<span class="a-sr"> ${fill(t.label, { round })}</span></button>`
              }
              <button type="button" class="a-secondary" ?disabled=${this.busy} @click=${() => this.run('regenerate')}>${t.regenerate}<span class="a-sr"> ${fill(t.label, { round })}</span></button>
              <button type="button" class="a-danger" ?disabled=${this.busy} @click=${() => this.run('disable')}>${t.disable}<span class="a-sr"> ${fill(t.label, { round })}</span></button>`
            : html`<button type="button" class="a-secondary" ?disabled=${this.busy} @click=${() => this.run('enable')}>${t.enable}<span class="a-sr"> (${round})</span></button>`
        }
      </div>
    </section>`;
  }
}
customElements.define('rondo-fieldwork-anonymous-link', RondoFieldworkAnonymousLink);
