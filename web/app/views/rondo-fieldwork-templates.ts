import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { get, post, put } from '../api.js';
import { dateTime, fill, m, tx } from '../i18n.js';
import type { OverviewResponse, PreviewResponse, Template, TemplatesResponse } from '../../../model/api/fieldwork.js';
import type { Lang, MailKind } from '../../../model/values.js';
import { fieldworkBase } from './fieldwork-api.js';
import { fieldworkError } from './fieldwork-text.js';

const MESSAGES = {
  nl: {
    lead: 'De teksten van uitnodigingen en herinneringen, per taal. Gebruik de invulvelden hieronder; bij het versturen komen daar de gegevens van {elke participant}.',
    invitation: 'Uitnodiging',
    reminder: 'Herinnering',
    nl: 'Nederlands',
    en: 'Engels',
    which: 'Welke e-mail',
    custom: 'eigen tekst, gewijzigd {when}',
    standard: 'standaardtekst',
    subject: 'Onderwerp',
    body: 'Tekst',
    insert: 'Invoegen:',
    save: 'Opslaan',
    reset: 'Terug naar de standaardtekst',
    saved: 'Opgeslagen.',
    resetDone: 'De standaardtekst wordt weer gebruikt.',
    confirmReset: 'Uw eigen tekst vervangen door de standaardtekst?',
    preview: 'Voorbeeld',
    previewRound: 'Voorbeeld voor {roundWord}',
    previewFor: 'Zo ziet {name} het bericht. De persoonlijke link wordt bij het versturen ingevuld.',
    previewNobody: 'Nog niemand uitgenodigd; het voorbeeld gebruikt een voorbeeldnaam.',
    names: {
      '{name}': 'naam',
      '{link}': 'persoonlijke link',
      '{closingDate}': 'sluitingsdatum',
      '{studyTitle}': 'titel van het onderzoek',
    } as Record<string, string>,
  },
  en: {
    lead: 'The texts of invitations and reminders, per language. Use the fields below; when sending, each {participant}’s details fill them in.',
    invitation: 'Invitation',
    reminder: 'Reminder',
    nl: 'Dutch',
    en: 'English',
    which: 'Which e-mail',
    custom: 'own text, changed {when}',
    standard: 'standard text',
    subject: 'Subject',
    body: 'Text',
    insert: 'Insert:',
    save: 'Save',
    reset: 'Back to the standard text',
    saved: 'Saved.',
    resetDone: 'The standard text is used again.',
    confirmReset: 'Replace your own text with the standard text?',
    preview: 'Preview',
    previewRound: 'Preview for {roundWord}',
    previewFor: 'This is how {name} sees the message. The personal link is filled in when sending.',
    previewNobody: 'Nobody invited yet; the preview uses a stand-in name.',
    names: { '{name}': 'name', '{link}': 'personal link', '{closingDate}': 'closing date', '{studyTitle}': 'study title' } as Record<
      string,
      string
    >,
  },
};

/**
 * <rondo-fieldwork-templates>: edit the invitation and reminder texts per language, insert
 * placeholders, and see a live preview (from the server, which refuses unknown placeholders
 * and names them). Names and text appear as text, never as markup.
 *
 * @property slug - the study
 */
export class RondoFieldworkTemplates extends StaffView {
  static override properties = {
    slug: {},
    templates: { state: true },
    overview: { state: true },
    kind: { state: true },
    language: { state: true },
    round: { state: true },
    subject: { state: true },
    body: { state: true },
    preview: { state: true },
    problem: { state: true },
    message: { state: true },
  };
  slug = '';
  templates: Template[] = [];
  placeholders: string[] = [];
  overview: OverviewResponse | null = null;
  kind: MailKind = 'invitation';
  language: Lang = 'nl';
  round = '';
  subject = '';
  body = '';
  preview: PreviewResponse | null = null;
  problem = '';
  message = '';
  private timer: ReturnType<typeof setTimeout> | null = null;

  private get base() {
    return fieldworkBase(this.slug);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.timer) clearTimeout(this.timer);
  }

  protected override async load(): Promise<void> {
    const [t, o] = await Promise.all([get<TemplatesResponse>(`${this.base}/templates`), get<OverviewResponse>(this.base)]);
    this.templates = t.templates;
    this.placeholders = t.placeholders;
    this.overview = o;
    this.language = o.defaultLanguage;
    this.round = (o.rounds.find((r) => r.state === 'open') ?? o.rounds[0])?.key ?? '';
    this.pick(this.kind, this.language);
  }

  private current(): Template | undefined {
    return this.templates.find((x) => x.kind === this.kind && x.language === this.language);
  }

  private pick(kind: MailKind, language: Lang): void {
    this.kind = kind;
    this.language = language;
    const tpl = this.current();
    this.subject = tpl?.subject ?? '';
    this.body = tpl?.body ?? '';
    this.message = '';
    void this.refreshPreview();
  }

  private changed(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refreshPreview(), 300);
  }

  private async refreshPreview(): Promise<void> {
    if (!this.round) return;
    try {
      this.preview = await post<PreviewResponse>(`${this.base}/preview`, {
        kind: this.kind,
        language: this.language,
        round: this.round,
        subject: this.subject,
        body: this.body,
      });
      this.problem = '';
    } catch (err) {
      this.problem = fieldworkError(err, this.slug);
    }
  }

  private insert(placeholder: string): void {
    const area = this.querySelector<HTMLTextAreaElement>('#fw-tpl-body');
    if (!area) return;
    const start = area.selectionStart ?? this.body.length;
    const end = area.selectionEnd ?? start;
    this.body = this.body.slice(0, start) + placeholder + this.body.slice(end);
    void this.updateComplete.then(() => {
      area.focus();
      area.setSelectionRange(start + placeholder.length, start + placeholder.length);
    });
    this.changed();
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    try {
      const r = await put<TemplatesResponse>(`${this.base}/templates/${this.kind}/${this.language}`, {
        subject: this.subject,
        body: this.body,
      });
      this.templates = r.templates;
      this.message = withWords(this.slug, m(MESSAGES)).saved;
      this.problem = '';
    } catch (err) {
      this.problem = fieldworkError(err, this.slug);
      this.message = '';
    }
  }

  private async reset(): Promise<void> {
    const t = withWords(this.slug, m(MESSAGES));
    if (!confirm(t.confirmReset)) return;
    const r = await put<TemplatesResponse>(`${this.base}/templates/${this.kind}/${this.language}`, { reset: true });
    this.templates = r.templates;
    this.pick(this.kind, this.language);
    this.message = t.resetDone;
  }

  override render() {
    const t = withWords(this.slug, m(MESSAGES));
    const o = this.overview;
    if (!o) return html`<p class="a-loading" role="status">…</p>`;
    const tpl = this.current();
    const choices = (['invitation', 'reminder'] as const).flatMap((kind) => o.languages.map((language) => ({ kind, language })));
    return html`<p class="a-muted">${t.lead}</p>
      <nav class="fw-tabs" aria-label=${t.which}>
        ${choices.map(
          (c) => html`<a href="#" aria-current=${c.kind === this.kind && c.language === this.language ? 'page' : nothing}
            @click=${(e: Event) => {
              e.preventDefault();
              this.pick(c.kind, c.language);
            }}>${t[c.kind]}${o.languages.length > 1 ? html` <span class="a-lang-tag">${c.language}</span>` : nothing}</a>`,
        )}
      </nav>
      <div class="fw-template">
        <form @submit=${this.save}>
          <p>${tpl?.custom ? html`<span class="a-badge">${fill(t.custom, { when: tpl.updatedAt ? dateTime(tpl.updatedAt) : '' })}</span>` : html`<span class="a-badge a-badge--muted">${t.standard}</span>`} <span class="a-lang-tag">${t[this.language]}</span></p>
          <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
          ${this.problem ? html`<p class="a-alert a-alert--error" role="alert" id="fw-tpl-problem">${this.problem}</p>` : nothing}
          <div class="a-field"><label for="fw-tpl-subject">${t.subject}</label>
            <input id="fw-tpl-subject" maxlength="200" .value=${this.subject} aria-invalid=${this.problem ? 'true' : 'false'}
              @input=${(e: Event) => {
                this.subject = (e.target as HTMLInputElement).value;
                this.changed();
              }}></div>
          <div class="a-field"><label for="fw-tpl-body">${t.body}</label>
            <textarea id="fw-tpl-body" maxlength="10000" .value=${this.body} aria-describedby="fw-tpl-chips" aria-invalid=${this.problem ? 'true' : 'false'}
              @input=${(e: Event) => {
                this.body = (e.target as HTMLTextAreaElement).value;
                this.changed();
              }}></textarea>
            <div class="fw-chips" id="fw-tpl-chips"><span class="a-hint">${t.insert}</span>
              ${this.placeholders.map((p) => html`<button type="button" class="a-icon" title=${t.names[p] ?? ''} @click=${() => this.insert(p)}>${p}<span class="a-sr"> (${t.names[p] ?? ''})</span></button>`)}
            </div></div>
          <div class="a-row">
            <button type="submit" class="a-primary">${t.save}</button>
            ${tpl?.custom ? html`<button type="button" class="a-secondary" @click=${this.reset}>${t.reset}</button>` : nothing}
          </div>
        </form>
        <section aria-labelledby="fw-tpl-preview-h">
          <h2 id="fw-tpl-preview-h" class="a-small">${t.preview}</h2>
          ${
            o.rounds.length > 1
              ? html`<div class="a-field"><label for="fw-tpl-round">${t.previewRound}</label><select id="fw-tpl-round" @change=${(
                  e: Event,
                ) => {
                  this.round = (e.target as HTMLSelectElement).value;
                  void this.refreshPreview();
                }}>
                ${o.rounds.map((r) => html`<option value=${r.key} ?selected=${r.key === this.round}>${tx(r.label)}</option>`)}</select></div>`
              : nothing
          }
          ${
            this.preview
              ? html`<p class="a-hint">${this.preview.recipient ? fill(t.previewFor, { name: this.preview.recipient.name || this.preview.recipient.participantKey }) : t.previewNobody}</p>
                <div class="fw-mail" aria-live="polite" tabindex="0" role="region" aria-label=${t.preview}><p class="fw-mail-subject">${this.preview.subject}</p>${this.preview.text}</div>`
              : nothing
          }
        </section>
      </div>`;
  }
}
customElements.define('rondo-fieldwork-templates', RondoFieldworkTemplates);
