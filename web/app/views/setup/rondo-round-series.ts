import { html, nothing } from 'lit';
import { withWords } from '../../study-words.js';
import { StaffView } from '../../staff-view.js';
import { failureMessage, post } from '../../api.js';
import { dateTime, fill, m, tx } from '../../i18n.js';
import type { PlannedRounds } from '../../../../model/api/study-lifecycle.js';

const MESSAGES = {
  nl: {
    title: 'Herhalend schema',
    lead:
      'Voor een monitor die steeds terugkomt: maak in één keer een reeks {roundWords} met naam, sleutel en data. ' +
      'Vragen die in alle bestaande {roundWords} worden gesteld, worden ook in de nieuwe gesteld.',
    every: 'Om de hoeveel maanden',
    count: 'Aantal {roundWords}',
    start: 'Eerste {roundWord} opent op',
    openDays: 'Dagen open per {roundWord}',
    preview: 'Voorbeeld bekijken',
    add: '{n} {roundWords} toevoegen',
    name: 'Naam',
    key: 'Sleutel',
    opens: 'Opent',
    closes: 'Sluit',
    previewCaption: 'Deze {roundWords} worden toegevoegd',
    added: '{n} {roundWords} toegevoegd; {k} vragen worden er ook in gesteld.',
    addedNoItems: '{n} {roundWords} toegevoegd. Kies in de vragenlijst welke vragen erin worden gesteld.',
    archived: 'Gearchiveerd: er kunnen geen {roundWords} worden toegevoegd.',
  },
  en: {
    title: 'Repeating schedule',
    lead:
      'For a monitor that keeps coming back: make a series of {roundWords} with names, keys and dates at once. ' +
      'Items asked in every existing {roundWord} are asked in the new ones too.',
    every: 'Every how many months',
    count: 'Number of {roundWords}',
    start: 'First {roundWord} opens on',
    openDays: 'Days open per {roundWord}',
    preview: 'Preview',
    add: 'Add {n} {roundWords}',
    name: 'Name',
    key: 'Key',
    opens: 'Opens',
    closes: 'Closes',
    previewCaption: 'These {roundWords} will be added',
    added: '{n} {roundWords} added; {k} items are asked in them too.',
    addedNoItems: '{n} {roundWords} added. Choose in the questionnaire which items are asked in them.',
    archived: 'Archived: no {roundWords} can be added.',
  },
};

/**
 * <rondo-round-series>: a repeating schedule ("every N months, K rounds, starting …"), previewed before it is
 * saved (POST /api/studies/:slug/rounds/series). Refusals (keys that exist, a start in the past) are shown in
 * the interface language and add nothing.
 *
 * @fires rondo-study-changed - after the rounds were added (bubbles, composed)
 */
export class RondoRoundSeries extends StaffView {
  static override properties = {
    slug: { type: String },
    archived: { type: Boolean },
    planned: { state: true },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  slug = '';
  archived = false;
  planned: PlannedRounds['rounds'] | null = null;
  message = '';
  error = '';
  busy = false;

  private values() {
    const f = this.querySelector('form')!.elements;
    const n = (name: string) => Number((f.namedItem(name) as HTMLInputElement).value);
    return {
      everyMonths: n('everyMonths'),
      count: n('count'),
      start: (f.namedItem('start') as HTMLInputElement).value,
      openDays: n('openDays'),
    };
  }

  private async send(preview: boolean): Promise<void> {
    this.message = '';
    this.error = '';
    this.busy = true;
    try {
      const r = await post<PlannedRounds>(`/api/studies/${encodeURIComponent(this.slug)}/rounds/series`, { ...this.values(), preview });
      if (preview) this.planned = r.rounds;
      else {
        this.planned = null;
        const t = withWords(this.slug, m(MESSAGES));
        this.message = fill(r.itemsAsked ? t.added : t.addedNoItems, { n: r.rounds.length, k: r.itemsAsked ?? 0 });
        this.dispatchEvent(new CustomEvent('rondo-study-changed', { bubbles: true, composed: true }));
      }
    } catch (err) {
      this.planned = null;
      this.error = failureMessage(err);
    }
    this.busy = false;
  }

  /** A changed field makes the preview stale: it is shown again on request. */
  private changed = (): void => {
    this.planned = null;
    this.message = '';
  };

  override render() {
    const t = withWords(this.slug, m(MESSAGES));
    const field = (name: string, label: string, attrs: { min: number; max: number; value: number }) =>
      html`<div class="a-field"><label for="rs-${name}">${label}</label>
        <input id="rs-${name}" name=${name} type="number" inputmode="numeric" required min=${attrs.min} max=${attrs.max}
          .value=${String(attrs.value)}
          ?disabled=${this.archived}></div>`;
    return html`<section class="a-card" aria-labelledby="setup-series">
      <h2 id="setup-series">${t.title}</h2>
      <p class="a-muted a-small">${t.lead}</p>
      <form @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        void this.send(true);
      }} @input=${this.changed}>
        <div class="a-pair">
          ${field('everyMonths', t.every, { min: 1, max: 24, value: 6 })}
          ${field('count', t.count, { min: 1, max: 20, value: 2 })}
        </div>
        <div class="a-pair">
          <div class="a-field"><label for="rs-start">${t.start}</label>
            <input id="rs-start" name="start" type="date" required ?disabled=${this.archived}></div>
          ${field('openDays', t.openDays, { min: 1, max: 180, value: 28 })}
        </div>
        ${this.archived ? html`<p class="a-muted a-small">${t.archived}</p>` : nothing}
        <button type="submit" class="a-secondary" ?disabled=${this.archived || this.busy}>${t.preview}</button>
      </form>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${
        this.planned
          ? html`<div class="a-table-wrap"><table class="a-table">
              <caption class="a-sr">${t.previewCaption}</caption>
              <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.key}</th>
                <th scope="col">${t.opens}</th><th scope="col">${t.closes}</th></tr></thead>
              <tbody>${this.planned.map(
                (r) => html`<tr><td>${tx(r.label)}</td><td><code class="b-var">${r.key}</code></td>
                  <td>${dateTime(r.opensAt)}</td><td>${dateTime(r.closesAt)}</td></tr>`,
              )}</tbody>
            </table></div>
            <button type="button" class="a-primary" ?disabled=${this.busy} @click=${() => this.send(false)}>
              ${fill(t.add, { n: this.planned.length })}</button>`
          : nothing
      }
    </section>`;
  }
}
customElements.define('rondo-round-series', RondoRoundSeries);
