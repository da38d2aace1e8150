import { html, nothing } from 'lit';
import { withWords } from '../../study-words.js';
import { StaffView } from '../../staff-view.js';
import { failureMessage, post } from '../../api.js';
import { dateTime, fill, m } from '../../i18n.js';
import { loadSession } from '../../session.js';

const MESSAGES = {
  nl: {
    title: 'Archiveren',
    lead:
      'Een afgerond onderzoek kunt u archiveren. Het blijft leesbaar en exporteerbaar, maar kan niet meer worden gewijzigd ' +
      'of verstuurd; links van {participants} tonen dat het onderzoek is gesloten. Het staat niet meer in de lijst van onderzoeken, ' +
      'behalve als u gearchiveerde onderzoeken laat tonen. Sluit eerst alle {roundWords} en haal geplande openingsdata weg.',
    archive: 'Onderzoek archiveren',
    unarchive: 'Uit het archief halen',
    archivedSince: 'Gearchiveerd sinds {at}. Alleen lezen.',
    archived: 'Het onderzoek is gearchiveerd.',
    unarchived: 'Het onderzoek is weer actief.',
  },
  en: {
    title: 'Archive',
    lead:
      'You can archive a finished study. It stays readable and can be exported, but can no longer be changed or sent; ' +
      '{participants}’ links say that the study is closed. It leaves the list of studies unless you show archived studies. ' +
      'Close every {roundWord} and remove planned opening dates first.',
    archive: 'Archive the study',
    unarchive: 'Unarchive',
    archivedSince: 'Archived since {at}. Read-only.',
    archived: 'The study has been archived.',
    unarchived: 'The study is active again.',
  },
};

/**
 * <rondo-study-archive>: archives a study or takes it out of the archive (POST …/archive, …/unarchive).
 * The server refuses while a round is open or planned, with a message in the interface language.
 *
 * @fires rondo-study-changed - after archiving or unarchiving (bubbles, composed)
 */
export class RondoStudyArchive extends StaffView {
  static override properties = {
    slug: { type: String },
    archivedAt: { type: String },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  slug = '';
  /** When the study was archived; empty while it is active. */
  archivedAt = '';
  message = '';
  error = '';
  busy = false;

  private async toggle(): Promise<void> {
    const t = withWords(this.slug, m(MESSAGES));
    const archiving = !this.archivedAt;
    this.message = '';
    this.error = '';
    this.busy = true;
    try {
      await post(`/api/studies/${encodeURIComponent(this.slug)}/${archiving ? 'archive' : 'unarchive'}`);
      this.message = archiving ? t.archived : t.unarchived;
      await loadSession();
      this.dispatchEvent(new CustomEvent('rondo-study-changed', { bubbles: true, composed: true }));
    } catch (err) {
      this.error = failureMessage(err);
    }
    this.busy = false;
  }

  override render() {
    const t = withWords(this.slug, m(MESSAGES));
    return html`<section class="a-card" aria-labelledby="setup-archive">
      <h2 id="setup-archive">${t.title}</h2>
      <p class="a-muted a-small">${t.lead}</p>
      ${
        this.archivedAt
          ? html`<p><span class="a-badge a-badge--muted">${fill(t.archivedSince, { at: dateTime(this.archivedAt) })}</span></p>`
          : nothing
      }
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      <button type="button" class="a-secondary" ?disabled=${this.busy} @click=${() => this.toggle()}>
        ${this.archivedAt ? t.unarchive : t.archive}</button>
    </section>`;
  }
}
customElements.define('rondo-study-archive', RondoStudyArchive);
