import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { get, errorText } from '../api.js';
import { dateTime, lang, m, num, tx } from '../i18n.js';
import type { AuditPageResponse } from '../../../model/api/audit.js';
import type { AccessLogResponse } from '../../../model/api/privacy.js';
import type { QuestionnaireResponse } from '../../../model/api/setup-questionnaire.js';
import { itemsOf } from '../../../model/questionnaire-shape.js';
import { ACCESS_WORDS, accessDataText, accessPurposeText, type AccessNames } from '../../../model/access-log-text.js';
import { auditActionText } from './audit-action-text.js';
import { AUDIT_DETAIL_WORDS, auditDetailsText, auditTargetText, type DetailNames } from './audit-detail-text.js';
import { FIELDWORK_WORDS, selectionLabel } from './fieldwork-text.js';

const MESSAGES = {
  nl: {
    title: 'Logboeken',
    lead: 'Wie wat deed in dit onderzoek, en wie persoonsgegevens van {participants} bekeek of exporteerde. Beide logboeken kunnen niet worden gewijzigd.',
    audit: 'Auditlogboek',
    access: 'Inzage in persoonsgegevens',
    when: 'Wanneer (UTC)',
    who: 'Wie',
    what: 'Wat',
    target: 'Betreft',
    details: 'Details',
    filter: 'Alleen handelingen die beginnen met',
    filterHint: 'bijvoorbeeld privacy. of export.',
    apply: 'Filteren',
    more: 'Meer laden',
    download: 'Downloaden als CSV',
    data: 'Gegevens',
    participants: '{Participants}',
    all: 'alle ({n})',
    purpose: 'Doel',
    participantFilter: 'Alleen {deze participant} (sleutel)',
    empty: 'Nog niets vastgelegd.',
    system: 'rondo (automatisch)',
  },
  en: {
    title: 'Logs',
    lead: "Who did what in this study, and who looked at or exported {participants}' personal data. Neither log can be changed.",
    audit: 'Audit log',
    access: 'Access to personal data',
    when: 'When (UTC)',
    who: 'Who',
    what: 'What',
    target: 'Concerns',
    details: 'Details',
    filter: 'Only actions starting with',
    filterHint: 'for example privacy. or export.',
    apply: 'Filter',
    more: 'Load more',
    download: 'Download as CSV',
    data: 'Data',
    participants: '{Participants}',
    all: 'all ({n})',
    purpose: 'Purpose',
    participantFilter: 'Only this {participant} (key)',
    empty: 'Nothing recorded yet.',
    system: 'rondo (automatic)',
  },
};

/** <rondo-audit-view>: the study's audit log and its access log for personal data, with CSV downloads. */
export class RondoAuditView extends StaffView {
  static override properties = { audit: { state: true }, access: { state: true }, error: { state: true }, names: { state: true } };
  params: Record<string, string> = {};
  audit: AuditPageResponse = { entries: [], next: null };
  access: AccessLogResponse = { entries: [], next: null };
  error = '';
  /** The study's rounds and questions, to name what the access log stores by key; keys until they are read. */
  names: Pick<QuestionnaireResponse, 'rounds' | 'definition'> | null = null;
  private action = '';
  private participant = '';

  private get base() {
    return `/api/studies/${encodeURIComponent(this.params.slug)}`;
  }
  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadAudit();
    void this.loadAccess();
    get<QuestionnaireResponse>(`${this.base}/questionnaire`).then(
      (q) => (this.names = q),
      () => undefined,
    );
  }

  /** Round labels and question texts for the keys in the access log's descriptions. */
  private accessNames(): AccessNames {
    const rounds = this.names?.rounds ?? [];
    const items = this.names ? itemsOf(this.names.definition) : [];
    return {
      round: (key) => {
        const r = rounds.find((x) => x.key === key);
        return (r && tx(r.label)) || key;
      },
      item: (id) => {
        const text = tx(items.find((i) => i.id === id)?.text).trim();
        return text ? (text.length > 70 ? `${text.slice(0, 69).trimEnd()}…` : text) : id;
      },
    };
  }
  private fail(err: unknown): void {
    this.error = errorText(err);
  }
  private async loadAudit(more = false): Promise<void> {
    const q = new URLSearchParams({ limit: '100' });
    if (this.action) q.set('action', this.action);
    if (more && this.audit.next) q.set('before', String(this.audit.next));
    try {
      const page = await get<AuditPageResponse>(`${this.base}/audit?${q}`);
      this.audit = more ? { entries: [...this.audit.entries, ...page.entries], next: page.next } : page;
      this.error = '';
    } catch (err) {
      this.fail(err);
    }
  }
  private async loadAccess(more = false): Promise<void> {
    const q = new URLSearchParams({ limit: '100' });
    if (this.participant) q.set('participant', this.participant);
    if (more && this.access.next) q.set('before', String(this.access.next));
    try {
      const page = await get<AccessLogResponse>(`${this.base}/privacy/access-log?${q}`);
      this.access = more ? { entries: [...this.access.entries, ...page.entries], next: page.next } : page;
      this.error = '';
    } catch (err) {
      this.fail(err);
    }
  }

  private who(actor: string, email: string | null): string {
    if (email) return email;
    return actor === 'system' ? withWords(this.params.slug, m(MESSAGES)).system : actor;
  }

  /** An action in words, with its code beneath (what the filter above matches); a code without words as it is. */
  private what(code: string) {
    const text = auditActionText(code, lang());
    const words = text && withWords(this.params.slug, { text }).text;
    return words ? html`${words}<br><code class="a-small">${code}</code>` : html`<code>${code}</code>`;
  }

  /** What the details and targets need to name things: the study's rounds and questions, formats and mail kinds. */
  private detailNames(names: AccessNames, words: (typeof ACCESS_WORDS)['nl']): DetailNames {
    const fieldwork = withWords(this.params.slug, m(FIELDWORK_WORDS));
    return {
      num,
      dateTime,
      round: names.round,
      item: names.item,
      formats: words.formats,
      kinds: words.kind,
      selection: (s) => selectionLabel(fieldwork, s, lang()),
    };
  }

  override render() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const words = withWords(this.params.slug, m(ACCESS_WORDS));
    const names = this.accessNames();
    const detailWords = withWords(this.params.slug, m(AUDIT_DETAIL_WORDS));
    const detailNames = this.detailNames(names, words);
    return html`<h1>${t.title}</h1>
      <p class="a-lead">${t.lead}</p>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}

      <section class="a-card" aria-labelledby="log-audit">
        <div class="a-row a-row--between"><h2 id="log-audit">${t.audit}</h2><a class="button a-secondary" href="${this.base}/audit.csv" download>${t.download}</a></div>
        <form class="a-row" @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          this.action = ((e.target as HTMLFormElement).elements.namedItem('action') as HTMLInputElement).value.trim();
          void this.loadAudit();
        }}>
          <div class="a-field"><label for="log-action">${t.filter}</label>
            <input id="log-action" name="action" pattern="[a-z0-9._\\-]{0,60}" aria-describedby="log-action-hint" spellcheck="false">
            <p class="a-hint" id="log-action-hint">${t.filterHint}</p></div>
          <button type="submit" class="a-secondary">${t.apply}</button>
        </form>
        ${
          this.audit.entries.length
            ? html`<div class="a-table-wrap" tabindex="0" role="region" aria-label=${t.audit}><table class="a-table a-stack">
              <thead><tr><th scope="col">${t.when}</th><th scope="col">${t.who}</th><th scope="col">${t.what}</th><th scope="col">${t.target}</th><th scope="col">${t.details}</th></tr></thead>
              <tbody>${this.audit.entries.map(
                (
                  e,
                ) => html`<tr><td data-label=${t.when} class="a-nowrap">${dateTime(e.at)}</td><td data-label=${t.who}>${this.who(e.actor, e.actorEmail)}</td>
                  <td data-label=${t.what}>${this.what(e.action)}</td><td data-label=${t.target}>${auditTargetText(e.target, detailWords, detailNames)}</td>
                  <td data-label=${t.details} class="a-small">${auditDetailsText(e.details, detailWords, detailNames)}</td></tr>`,
              )}</tbody>
            </table></div>
            ${this.audit.next ? html`<button type="button" class="a-quiet" @click=${() => this.loadAudit(true)}>${t.more}</button>` : nothing}`
            : html`<p class="a-muted">${t.empty}</p>`
        }
      </section>

      <section class="a-card" aria-labelledby="log-access">
        <div class="a-row a-row--between"><h2 id="log-access">${t.access}</h2><a class="button a-secondary" href="${this.base}/privacy/access-log.csv" download>${t.download}</a></div>
        <form class="a-row" @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          this.participant = ((e.target as HTMLFormElement).elements.namedItem('participant') as HTMLInputElement).value.trim();
          void this.loadAccess();
        }}>
          <div class="a-field"><label for="log-participant">${t.participantFilter}</label>
            <input id="log-participant" name="participant" pattern="[A-Za-z0-9_\\-]{0,40}" spellcheck="false"></div>
          <button type="submit" class="a-secondary">${t.apply}</button>
        </form>
        ${
          this.access.entries.length
            ? html`<div class="a-table-wrap" tabindex="0" role="region" aria-label=${t.access}><table class="a-table a-stack">
              <thead><tr><th scope="col">${t.when}</th><th scope="col">${t.who}</th><th scope="col">${t.what}</th><th scope="col">${t.data}</th><th scope="col">${t.participants}</th><th scope="col">${t.purpose}</th></tr></thead>
              <tbody>${this.access.entries.map(
                (
                  e,
                ) => html`<tr><td data-label=${t.when} class="a-nowrap">${dateTime(e.at)}</td><td data-label=${t.who}>${this.who(e.actor, e.actorEmail)}</td>
                  <td data-label=${t.what}>${words.access[e.kind] ?? e.kind}</td>
                  <td data-label=${t.data}>${accessDataText(e.data, words)}</td>
                  <td data-label=${t.participants}>${e.participants === '*' ? t.all.replace('{n}', num(e.count)) : e.participants.join(', ')}</td><td data-label=${t.purpose}>${accessPurposeText(e.purpose, words, names, num)}</td></tr>`,
              )}</tbody>
            </table></div>
            ${this.access.next ? html`<button type="button" class="a-quiet" @click=${() => this.loadAccess(true)}>${t.more}</button>` : nothing}`
            : html`<p class="a-muted">${t.empty}</p>`
        }
      </section>`;
  }
}
customElements.define('rondo-audit-view', RondoAuditView);
