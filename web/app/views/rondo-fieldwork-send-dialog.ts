import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { ApiFailure, get, post } from '../api.js';
import { fill, m, num } from '../i18n.js';
import type { OverviewResponse, PreviewResponse, SendBody, SendResponse } from '../../../model/api/fieldwork.js';
import type { Lang, MailKind, SendSelection } from '../../../model/values.js';
import { fieldworkBase } from './fieldwork-api.js';
import { FIELDWORK_WORDS, fieldworkError } from './fieldwork-text.js';

const MESSAGES = {
  nl: {
    title: 'E-mail versturen',
    kind: 'Wat wilt u versturen?',
    invitation: 'Uitnodiging',
    reminder: 'Herinnering',
    to: 'Aan wie?',
    selection: 'De {n} geselecteerde {participants}',
    'not-sent': 'Iedereen die nog geen uitnodiging kreeg',
    all: 'Iedereen in {deze round} (ook wie al een uitnodiging kreeg)',
    nonresponders: 'Iedereen die nog niet heeft ingevuld',
    language: 'Taal van de e-mail',
    nl: 'Nederlands',
    en: 'Engels',
    count: 'Gaat naar {n} {participants}.',
    countOne: 'Gaat naar 1 {participant}.',
    none: 'Niemand voldoet aan deze keuze; er wordt niets verstuurd.',
    skipped: '{n} {participants} worden overgeslagen',
    skippedOne: '1 {participant} wordt overgeslagen',
    preview: 'Voorbeeld',
    previewFor: 'Voorbeeld voor {name}. De persoonlijke link staat er bij het versturen in.',
    send: 'Versturen',
    sending: 'Bezig…',
    cancel: 'Annuleren',
    close: 'Sluiten',
    done: '{n} e-mails staan klaar en worden nu verstuurd. De voortgang staat onder "Verzendingen" bij {RoundWords} en verzenden.',
    noSmtp: 'Er is geen e-mailserver ingesteld. Verstuur de uitnodigingen zelf met de export voor samenvoegen (Outlook).',
    reasons: {
      UNKNOWN_PARTICIPANT: 'onbekend',
      SUBMITTED: 'heeft al ingevuld',
      PENDING: 'er staat al een e-mail klaar',
      NO_ADDRESS: 'geen e-mailadres',
      INVALID_ADDRESS: 'e-mailadres onbruikbaar',
      MAYBE_SENT: 'vorige uitnodiging is mogelijk aangekomen',
    } as Record<string, string>,
    templateError: 'De e-mailtekst klopt niet: {message}',
  },
  en: {
    title: 'Send e-mail',
    kind: 'What do you want to send?',
    invitation: 'Invitation',
    reminder: 'Reminder',
    to: 'To whom?',
    selection: 'The {n} selected {participants}',
    'not-sent': 'Everyone who has not had an invitation',
    all: 'Everyone in this {roundWord} (also those who had an invitation)',
    nonresponders: 'Everyone who has not submitted',
    language: 'Language of the e-mail',
    nl: 'Dutch',
    en: 'English',
    count: 'Goes to {n} {participants}.',
    countOne: 'Goes to 1 {participant}.',
    none: 'Nobody matches this choice; nothing will be sent.',
    skipped: '{n} {participants} are skipped',
    skippedOne: '1 {participant} is skipped',
    preview: 'Preview',
    previewFor: 'Preview for {name}. The personal link is added when sending.',
    send: 'Send',
    sending: 'Sending…',
    cancel: 'Cancel',
    close: 'Close',
    done: '{n} e-mails are ready and being sent now. Progress is under "Mailings" in {RoundWords} and sending.',
    noSmtp: 'No e-mail server is configured. Send the invitations yourself with the mail-merge export (Outlook).',
    reasons: {
      UNKNOWN_PARTICIPANT: 'unknown',
      SUBMITTED: 'has submitted',
      PENDING: 'an e-mail is already waiting',
      NO_ADDRESS: 'no e-mail address',
      INVALID_ADDRESS: 'unusable e-mail address',
      MAYBE_SENT: 'previous invitation may have arrived',
    } as Record<string, string>,
    templateError: 'The e-mail text is not right: {message}',
  },
};

/**
 * <rondo-fieldwork-send-dialog>: choose what to send to whom in a round, see how many it reaches and
 * who is skipped and why, preview the mail, and send. `open(round, kind)` shows it.
 *
 * @fires fieldwork-sent - after mail was queued; detail `{ batchId, queued }`
 */
export class RondoFieldworkSendDialog extends StaffView {
  static override properties = {
    slug: {},
    round: { state: true },
    kind: { state: true },
    selection: { state: true },
    language: { state: true },
    overview: { state: true },
    preview: { state: true },
    dry: { state: true },
    error: { state: true },
    busy: { state: true },
    done: { state: true },
  };
  slug = '';
  round = '';
  kind: MailKind = 'invitation';
  selection: SendSelection = 'not-sent';
  language: Lang = 'nl';
  overview: OverviewResponse | null = null;
  preview: PreviewResponse | null = null;
  dry: SendResponse | null = null;
  error = '';
  busy = false;
  done: SendResponse | null = null;
  /** Participant keys when sending to a selection (from the monitor's list). */
  keys: string[] = [];

  async open(round: string, kind: MailKind, keys: string[] = []): Promise<void> {
    this.round = round;
    this.kind = kind;
    this.keys = keys;
    this.selection = keys.length ? 'selection' : kind === 'invitation' ? 'not-sent' : 'nonresponders';
    this.done = null;
    this.error = '';
    this.preview = null;
    this.dry = null;
    this.overview = await get<OverviewResponse>(fieldworkBase(this.slug));
    const schedule = this.overview.rounds.find((r) => r.key === round)?.schedule;
    this.language = schedule?.language ?? this.overview.defaultLanguage;
    await this.updateComplete;
    this.querySelector<HTMLDialogElement>('dialog')?.showModal();
    await this.reload();
  }

  private async reload(): Promise<void> {
    const base = fieldworkBase(this.slug);
    try {
      const [preview, dry] = await Promise.all([
        post<PreviewResponse>(`${base}/preview`, { kind: this.kind, language: this.language, round: this.round }),
        this.overview?.smtp.configured
          ? post<SendResponse>(`${base}/rounds/${encodeURIComponent(this.round)}/send`, { ...this.request(), dryRun: true })
          : Promise.resolve(null),
      ]);
      this.preview = preview;
      this.dry = dry;
      this.error = '';
    } catch (err) {
      this.error = this.messageOf(err);
    }
  }

  private request(): SendBody {
    return {
      kind: this.kind,
      selection: this.selection,
      language: this.language,
      ...(this.selection === 'selection' ? { participantKeys: this.keys } : {}),
    };
  }

  private messageOf(err: unknown): string {
    const text = fieldworkError(err, this.slug);
    const reason = err instanceof ApiFailure ? err.details?.reason : undefined;
    return reason === 'UNKNOWN_PLACEHOLDER' || reason === 'LINK_MISSING'
      ? fill(withWords(this.slug, m(MESSAGES)).templateError, { message: text })
      : text;
  }

  private set(change: Partial<Pick<RondoFieldworkSendDialog, 'kind' | 'selection' | 'language'>>): void {
    Object.assign(this, change);
    if (change.kind && !this.keys.length) this.selection = change.kind === 'invitation' ? 'not-sent' : 'nonresponders';
    void this.reload();
  }

  private async send(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    this.busy = true;
    try {
      this.done = await post<SendResponse>(`${fieldworkBase(this.slug)}/rounds/${encodeURIComponent(this.round)}/send`, this.request());
      this.dispatchEvent(
        new CustomEvent('fieldwork-sent', {
          detail: { batchId: this.done.batchId, queued: this.done.queued },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (err) {
      this.error = this.messageOf(err);
    } finally {
      this.busy = false;
    }
  }

  private close(): void {
    this.querySelector<HTMLDialogElement>('dialog')?.close();
  }

  override render() {
    const t = withWords(this.slug, m(MESSAGES));
    const w = m(FIELDWORK_WORDS);
    const o = this.overview;
    const selections: SendSelection[] = this.keys.length
      ? ['selection']
      : this.kind === 'invitation'
        ? ['not-sent', 'all']
        : ['nonresponders'];
    return html`<dialog class="a-dialog fw-dialog-wide" aria-labelledby="fw-send-h">
      <form @submit=${this.send}>
        <h2 id="fw-send-h">${t.title}</h2>
        ${o && !o.smtp.configured ? html`<p class="a-alert a-alert--warn">${t.noSmtp}</p>` : nothing}
        ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
        ${
          this.done
            ? html`<p class="a-alert a-alert--ok" role="status">${fill(t.done, { n: num(this.done.queued) })}</p>
              <div class="a-row a-row--end"><button type="button" class="a-primary" @click=${this.close}>${t.close}</button></div>`
            : html`
            <fieldset class="a-fieldset"><legend>${t.kind}</legend>
              ${(['invitation', 'reminder'] as const).map((k) => html`<label class="a-check"><input type="radio" name="kind" value=${k} .checked=${this.kind === k} @change=${() => this.set({ kind: k })}> ${t[k]}</label>`)}
            </fieldset>
            <fieldset class="a-fieldset"><legend>${t.to}</legend>
              ${selections.map((s) => html`<label class="a-check"><input type="radio" name="selection" value=${s} .checked=${this.selection === s} @change=${() => this.set({ selection: s })}> ${fill(t[s], { n: num(this.keys.length) })}</label>`)}
            </fieldset>
            ${
              o && o.languages.length > 1
                ? html`<div class="a-field"><label for="fw-send-lang">${t.language}</label>
                  <select id="fw-send-lang" @change=${(e: Event) => this.set({ language: (e.target as HTMLSelectElement).value as Lang })}>
                    ${o.languages.map((l) => html`<option value=${l} ?selected=${l === this.language}>${t[l]}</option>`)}
                  </select></div>`
                : nothing
            }
            <div aria-live="polite">
              ${
                this.dry
                  ? html`<p><strong>${this.dry.queued === 1 ? t.countOne : this.dry.queued ? fill(t.count, { n: num(this.dry.queued) }) : t.none}</strong></p>
                    ${
                      this.dry.skipped.length
                        ? html`<details><summary>${this.dry.skipped.length === 1 ? t.skippedOne : fill(t.skipped, { n: num(this.dry.skipped.length) })}</summary>
                          <ul>${this.dry.skipped.map((s) => html`<li><code>${s.participantKey}</code>: ${t.reasons[s.reason] ?? s.reason}</li>`)}</ul></details>`
                        : nothing
                    }`
                  : nothing
              }
            </div>
            ${
              this.preview
                ? html`<h3 class="a-small">${t.preview} — ${w.kind[this.kind]}</h3>
                  ${this.preview.recipient ? html`<p class="a-hint">${fill(t.previewFor, { name: this.preview.recipient.name || this.preview.recipient.participantKey })}</p>` : nothing}
                  <div class="fw-mail" tabindex="0" role="region" aria-label=${t.preview}><p class="fw-mail-subject">${this.preview.subject}</p>${this.preview.text}</div>`
                : nothing
            }
            <div class="a-row a-row--end">
              <button type="button" class="a-secondary" @click=${this.close}>${t.cancel}</button>
              ${o?.smtp.configured ? html`<button type="submit" class="a-primary" ?disabled=${this.busy || !this.dry?.queued}>${this.busy ? t.sending : t.send}</button>` : nothing}
            </div>`
        }
      </form>
    </dialog>`;
  }
}
customElements.define('rondo-fieldwork-send-dialog', RondoFieldworkSendDialog);
