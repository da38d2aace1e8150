import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { get, post, put } from '../api.js';
import { dateTime, fill, lang, m, num, tx } from '../i18n.js';
import type {
  Batch,
  BatchDetailResponse,
  BatchListResponse,
  OverviewResponse,
  RoundSummary,
  ScheduleBody,
} from '../../../model/api/fieldwork.js';
import type { Lang } from '../../../model/values.js';
import { fieldworkBase } from './fieldwork-api.js';
import { FIELDWORK_WORDS, MAIL_BADGE, STATE_BADGE, fieldworkError, selectionLabel } from './fieldwork-text.js';
import './rondo-fieldwork-anonymous-link.js';
import './rondo-fieldwork-group-links.js';
import type { GroupsResponse } from '../../../model/api/groups.js';
import './rondo-fieldwork-send-dialog.js';
import type { RondoFieldworkSendDialog } from './rondo-fieldwork-send-dialog.js';

const MESSAGES = {
  nl: {
    mailTitle: 'E-mail',
    smtpOn: 'E-mail gaat via {host}:{port}{tls}, afzender {from}.',
    tls: ' (TLS)',
    smtpOff:
      'Er is geen e-mailserver ingesteld (RONDO_SMTP_HOST). Verstuur de uitnodigingen zelf: de export voor samenvoegen bevat per {participant} naam, e-mailadres en persoonlijke link, voor Outlook of een ander mailprogramma.',
    testTo: 'Testbericht naar',
    testSend: 'Testbericht sturen',
    testOk: 'Gelukt: {message}',
    testFailed: 'Niet gelukt: {message}',
    testing: 'Bezig…',
    rounds: '{RoundWords}',
    opens: 'Opent',
    closes: 'Sluit',
    notSet: 'niet ingesteld',
    invited: 'In {de round}',
    sent: 'Uitnodiging verstuurd',
    submitted: 'Ingevuld',
    reminders: 'Herinneringen',
    remindersAt: 'na {days} dagen',
    noReminders: 'geen automatische',
    auto: 'Uitnodigen bij opening',
    yes: 'automatisch per e-mail',
    no: 'nee, zelf versturen',
    withoutInvitation: '{n} {participants} hebben nog geen uitnodiging; die komt binnen een minuut.',
    schedule: 'Planning wijzigen',
    openNow: 'Nu openen',
    closeNow: 'Nu sluiten',
    send: 'Versturen…',
    monitor: 'Monitor',
    export: 'Export voor samenvoegen (CSV)',
    exportNon: 'alleen niet-responders',
    confirmOpen: '{round} nu openen? Iedereen in de lijst met {participants} krijgt een uitnodiging (met persoonlijke link).',
    confirmClose: '{round} nu sluiten? Daarna kan niemand meer beginnen; wachtende e-mails worden geannuleerd.',
    opened: '{round} is geopend.',
    closed: '{round} is gesloten.',
    saved: 'Planning van {round} opgeslagen.',
    scheduleTitle: 'Planning van {round}',
    opensLabel: 'Opent op',
    closesLabel: 'Sluit op',
    timeHint: 'Tijden in uw eigen tijdzone.',
    openedHint: '{Deze round} is al geopend; de openingstijd ligt vast.',
    autoLabel: 'Uitnodigingen automatisch per e-mail versturen bij opening (en aan {participants} die later worden toegevoegd)',
    daysLabel: 'Herinneringen, in dagen na de uitnodiging',
    daysHint: 'Bijvoorbeeld 7, 14. Alleen aan wie nog niet heeft ingevuld; leeg laten voor geen.',
    langLabel: 'Taal van automatische e-mails',
    langDefault: 'standaardtaal van het onderzoek',
    nl: 'Nederlands',
    en: 'Engels',
    save: 'Opslaan',
    cancel: 'Annuleren',
    badDays: 'Vul hele dagen in, gescheiden door komma’s, bijvoorbeeld 7, 14.',
    batches: 'Verzendingen',
    noBatches: 'Nog niets verstuurd.',
    when: 'Gemaakt',
    kind: 'Wat',
    status: 'Status',
    sentCount: 'Verstuurd',
    failedCount: 'Mislukt',
    unknownN: '{n} onbekend',
    waiting: 'Wacht',
    actions: 'Acties',
    resume: 'Hervatten',
    cancelBatch: 'Stoppen',
    details: 'Details',
    paused: 'Gepauzeerd: {reason}. Wordt {time} opnieuw geprobeerd.',
    pausedSlower:
      'Gepauzeerd: de mailserver neemt even geen mail aan, omdat er te veel berichten te snel kwamen. ' +
      'Het versturen gaat verder vanaf {time}; niemand krijgt een bericht twee keer. Gebeurt dit vaak, vraag de beheerder dan ' +
      'het aantal berichten per minuut te beperken (RONDO_SMTP_RATE).',
    resumed: 'Verzending hervat.',
    cancelled: 'Verzending gestopt; wat al verstuurd is blijft verstuurd.',
    confirmCancel: 'De rest van deze verzending stoppen?',
    detailTitle: 'Verzending {id}: {kind}',
    recipient: '{Participant}',
    error: 'Reden',
    close: 'Sluiten',
    unknownHelp:
      '"Onbekend" betekent: de verbinding viel weg nadat het bericht was overgedragen. Het is mogelijk aangekomen en wordt daarom niet vanzelf opnieuw verstuurd.',
    by: { system: 'automatisch' } as Record<string, string>,
  },
  en: {
    mailTitle: 'E-mail',
    smtpOn: 'E-mail goes through {host}:{port}{tls}, sender {from}.',
    tls: ' (TLS)',
    smtpOff:
      'No e-mail server is configured (RONDO_SMTP_HOST). Send the invitations yourself: the mail-merge export holds each {participant}’s name, e-mail address and personal link, for Outlook or another mail program.',
    testTo: 'Test message to',
    testSend: 'Send test message',
    testOk: 'Done: {message}',
    testFailed: 'Did not work: {message}',
    testing: 'Working…',
    rounds: '{RoundWords}',
    opens: 'Opens',
    closes: 'Closes',
    notSet: 'not set',
    invited: 'In {de round}',
    sent: 'Invitation sent',
    submitted: 'Submitted',
    reminders: 'Reminders',
    remindersAt: 'after {days} days',
    noReminders: 'none automatic',
    auto: 'Invite on opening',
    yes: 'automatically by e-mail',
    no: 'no, send yourself',
    withoutInvitation: '{n} {participants} have no invitation yet; it follows within a minute.',
    schedule: 'Change schedule',
    openNow: 'Open now',
    closeNow: 'Close now',
    send: 'Send…',
    monitor: 'Monitor',
    export: 'Mail-merge export (CSV)',
    exportNon: 'non-responders only',
    confirmOpen: 'Open {round} now? Everyone in the {participant} list gets an invitation (with a personal link).',
    confirmClose: 'Close {round} now? Nobody can start after that; waiting e-mails are cancelled.',
    opened: '{round} is open.',
    closed: '{round} is closed.',
    saved: 'Schedule of {round} saved.',
    scheduleTitle: 'Schedule of {round}',
    opensLabel: 'Opens on',
    closesLabel: 'Closes on',
    timeHint: 'Times in your own time zone.',
    openedHint: 'This {roundWord} has opened; its opening time is fixed.',
    autoLabel: 'Send invitations by e-mail automatically on opening (and to {participants} added later)',
    daysLabel: 'Reminders, in days after the invitation',
    daysHint: 'For example 7, 14. Only to those who have not submitted; leave empty for none.',
    langLabel: 'Language of automatic e-mails',
    langDefault: 'the study’s default language',
    nl: 'Dutch',
    en: 'English',
    save: 'Save',
    cancel: 'Cancel',
    badDays: 'Enter whole days separated by commas, for example 7, 14.',
    batches: 'Mailings',
    noBatches: 'Nothing sent yet.',
    when: 'Made',
    kind: 'What',
    status: 'Status',
    sentCount: 'Sent',
    failedCount: 'Failed',
    unknownN: '{n} unknown',
    waiting: 'Waiting',
    actions: 'Actions',
    resume: 'Resume',
    cancelBatch: 'Stop',
    details: 'Details',
    paused: 'Paused: {reason}. Tried again {time}.',
    pausedSlower:
      'Paused: the mail server accepts no mail for a moment, because too many messages came too fast. ' +
      'Sending goes on from {time}; nobody gets a message twice. If this happens often, ask the administrator ' +
      'to limit the number of messages a minute (RONDO_SMTP_RATE).',
    resumed: 'Sending resumed.',
    cancelled: 'Mailing stopped; what was sent stays sent.',
    confirmCancel: 'Stop the rest of this mailing?',
    detailTitle: 'Mailing {id}: {kind}',
    recipient: '{Participant}',
    error: 'Reason',
    close: 'Close',
    unknownHelp:
      '"Unknown" means: the connection broke after the message was handed over. It may have arrived, so it is not sent again by itself.',
    by: { system: 'automatic' } as Record<string, string>,
  },
};

/** "2026-05-10T15:00:00.000Z" → the value of an <input type="datetime-local"> in local time. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * <rondo-fieldwork-rounds>: the rounds of a study with their schedule (open and close on time or now,
 * extend, automatic invitations and reminders), the e-mail settings with a test message, the
 * mail-merge export, each round's anonymous link (rondo-fieldwork-anonymous-link) and each respondent group's
 * (rondo-fieldwork-group-links), and the mailings
 * with their progress, failures and reasons.
 *
 * @property slug - the study
 */
export class RondoFieldworkRounds extends StaffView {
  static override properties = {
    slug: {},
    overview: { state: true },
    batches: { state: true },
    editing: { state: true },
    detail: { state: true },
    message: { state: true },
    error: { state: true },
    formError: { state: true },
    test: { state: true },
    testing: { state: true },
    groups: { state: true },
  };
  slug = '';
  overview: OverviewResponse | null = null;
  batches: Batch[] = [];
  editing: RoundSummary | null = null;
  detail: BatchDetailResponse | null = null;
  message = '';
  error = '';
  formError = '';
  test: { ok: boolean; message: string } | null = null;
  testing = false;
  /** The study's own respondent groups (none when it has only the implicit one). */
  groups: GroupsResponse['groups'] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  private get base() {
    return fieldworkBase(this.slug);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.timer) clearTimeout(this.timer);
  }

  protected override async load(): Promise<void> {
    try {
      const [overview, batches, groups] = await Promise.all([
        get<OverviewResponse>(this.base),
        get<BatchListResponse>(`${this.base}/batches`),
        // The study's own groups, for each group's anonymous link; a study without them shows none.
        get<GroupsResponse>(`/api/studies/${encodeURIComponent(this.slug)}/groups`).catch(() => null),
      ]);
      this.overview = overview;
      this.batches = batches.batches;
      this.groups = groups?.explicit ? groups.groups : [];
      this.error = '';
    } catch (err) {
      this.fail(err);
    }
    // While a mailing is under way, follow its progress.
    if (this.timer) clearTimeout(this.timer);
    this.timer = this.batches.some((b) => b.status === 'sending') && this.isConnected ? setTimeout(() => void this.load(), 2000) : null;
  }

  private fail(err: unknown): void {
    this.error = fieldworkError(err, this.slug);
  }

  private label(r: { label: RoundSummary['label'] }): string {
    return tx(r.label);
  }

  private async act(r: RoundSummary, what: 'open' | 'close'): Promise<void> {
    const t = withWords(this.slug, m(MESSAGES));
    if (!confirm(fill(what === 'open' ? t.confirmOpen : t.confirmClose, { round: this.label(r) }))) return;
    try {
      await post(`${this.base}/rounds/${encodeURIComponent(r.key)}/${what}`);
      this.message = fill(what === 'open' ? t.opened : t.closed, { round: this.label(r) });
      await this.load();
    } catch (err) {
      this.fail(err);
    }
  }

  private async edit(r: RoundSummary): Promise<void> {
    this.editing = r;
    this.formError = '';
    await this.updateComplete;
    this.querySelector<HTMLDialogElement>('#fw-schedule')?.showModal();
  }

  private async saveSchedule(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = withWords(this.slug, m(MESSAGES));
    const r = this.editing!;
    const f = (e.target as HTMLFormElement).elements;
    const value = (n: string) => (f.namedItem(n) as HTMLInputElement | null)?.value ?? '';
    const daysText = value('days').trim();
    const days = daysText
      ? daysText
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map(Number)
      : [];
    if (days.some((d) => !Number.isInteger(d) || d < 1)) {
      this.formError = t.badDays;
      return;
    }
    const opens = value('opens');
    const closes = value('closes');
    const body: ScheduleBody = {
      opensAt: r.state === 'open' || r.state === 'closed' ? r.opensAt : opens ? new Date(opens).toISOString() : null,
      closesAt: closes ? new Date(closes).toISOString() : null,
      autoInvite: (f.namedItem('auto') as HTMLInputElement).checked,
      reminderDays: days,
      language: (value('language') || null) as Lang | null,
    };
    try {
      await put(`${this.base}/rounds/${encodeURIComponent(r.key)}/schedule`, body);
      this.querySelector<HTMLDialogElement>('#fw-schedule')?.close();
      this.message = fill(t.saved, { round: this.label(r) });
      await this.load();
    } catch (err) {
      this.formError = fieldworkError(err, this.slug);
    }
  }

  private async sendTest(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const to = ((e.target as HTMLFormElement).elements.namedItem('to') as HTMLInputElement).value;
    this.testing = true;
    this.test = null;
    try {
      this.test = await post<{ ok: boolean; message: string }>(`${this.base}/test-mail`, { to });
    } catch (err) {
      this.test = { ok: false, message: fieldworkError(err, this.slug) };
    } finally {
      this.testing = false;
    }
  }

  private async batchAction(b: Batch, what: 'resume' | 'cancel'): Promise<void> {
    const t = withWords(this.slug, m(MESSAGES));
    if (what === 'cancel' && !confirm(t.confirmCancel)) return;
    try {
      await post(`${this.base}/batches/${b.id}/${what}`);
      this.message = what === 'resume' ? t.resumed : t.cancelled;
      await this.load();
    } catch (err) {
      this.fail(err);
    }
  }

  private async showBatch(b: Batch): Promise<void> {
    try {
      this.detail = await get<BatchDetailResponse>(`${this.base}/batches/${b.id}`);
      await this.updateComplete;
      this.querySelector<HTMLDialogElement>('#fw-batch')?.showModal();
    } catch (err) {
      this.fail(err);
    }
  }

  private openSend(r: RoundSummary): void {
    void this.querySelector<RondoFieldworkSendDialog>('rondo-fieldwork-send-dialog')?.open(
      r.key,
      r.sent < r.invited ? 'invitation' : 'reminder',
    );
  }

  private roundCard(r: RoundSummary, o: OverviewResponse) {
    const t = withWords(this.slug, m(MESSAGES));
    const w = m(FIELDWORK_WORDS);
    const slug = encodeURIComponent(this.slug);
    const csv = `${this.base}/rounds/${encodeURIComponent(r.key)}/mail-merge.csv`;
    const begun = r.state === 'open' || r.state === 'closed';
    return html`<section class="a-card fw-round" aria-labelledby="fw-r-${r.key}">
      <h2 id="fw-r-${r.key}">${this.label(r)} <span class="a-badge ${STATE_BADGE[r.state]}">${w.state[r.state]}</span></h2>
      <dl class="fw-facts">
        <dt>${t.opens}</dt><dd>${r.opensAt ? dateTime(r.opensAt) : t.notSet}</dd>
        <dt>${t.closes}</dt><dd>${r.closesAt ? dateTime(r.closesAt) : t.notSet}</dd>
        <dt>${t.auto}</dt><dd>${r.schedule.autoInvite ? t.yes : t.no}</dd>
        <dt>${t.reminders}</dt><dd>${r.schedule.reminderDays.length ? fill(t.remindersAt, { days: r.schedule.reminderDays.join(lang() === 'nl' ? ' en ' : ' and ') }) : t.noReminders}</dd>
        ${begun ? html`<dt>${t.invited}</dt><dd>${num(r.invited)}</dd><dt>${t.sent}</dt><dd>${num(r.sent)}</dd><dt>${t.submitted}</dt><dd>${num(r.submitted)}</dd>` : nothing}
      </dl>
      ${r.state === 'open' && r.participantsWithoutInvitation ? html`<p class="a-hint">${fill(t.withoutInvitation, { n: num(r.participantsWithoutInvitation) })}</p>` : nothing}
      <div class="fw-actions">
        <button type="button" class="a-secondary" @click=${() => this.edit(r)}>${t.schedule}<span class="a-sr"> ${this.label(r)}</span></button>
        ${r.state === 'draft' || r.state === 'scheduled' ? html`<button type="button" class="a-secondary" @click=${() => this.act(r, 'open')}>${t.openNow}<span class="a-sr"> ${this.label(r)}</span></button>` : nothing}
        ${r.state === 'open' ? html`<button type="button" class="a-secondary" @click=${() => this.act(r, 'close')}>${t.closeNow}<span class="a-sr"> ${this.label(r)}</span></button>` : nothing}
        ${r.state === 'open' && o.smtp.configured ? html`<button type="button" class="a-primary" @click=${() => this.openSend(r)}>${t.send}<span class="a-sr"> ${this.label(r)}</span></button>` : nothing}
        ${begun ? html`<a href="/app/s/${slug}/fieldwork?round=${encodeURIComponent(r.key)}">${t.monitor}<span class="a-sr"> ${this.label(r)}</span></a>` : nothing}
      </div>
      <div class="fw-actions">
        <a href=${csv} download>${t.export}<span class="a-sr"> ${this.label(r)}</span></a>
        ${
          // Only while the round runs: a closed round's non-responders get no reminder (its links no longer open it).
          r.state === 'open'
            ? html`<a href="${csv}?only=nonresponders" download>${t.exportNon}<span class="a-sr"> ${this.label(r)}</span></a>`
            : nothing
        }
      </div>
      <rondo-fieldwork-anonymous-link .slug=${this.slug} .round=${r} @fieldwork-anonymous-changed=${() => this.load()}></rondo-fieldwork-anonymous-link>
      <rondo-fieldwork-group-links .slug=${this.slug} .round=${r} .groups=${this.groups}
        @fieldwork-anonymous-changed=${() => this.load()}></rondo-fieldwork-group-links>
    </section>`;
  }

  private batchTable() {
    const t = withWords(this.slug, m(MESSAGES));
    const w = m(FIELDWORK_WORDS);
    const o = this.overview!;
    const roundLabel = (key: string) => tx(o.rounds.find((r) => r.key === key)?.label) || key;
    return html`<section class="fw-section" aria-labelledby="fw-batches-h">
      <h2 id="fw-batches-h">${t.batches}</h2>
      ${
        this.batches.length
          ? html`<div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="fw-batches-h"><table class="a-table">
            <thead><tr><th scope="col">${t.when}</th><th scope="col">${t.kind}</th><th scope="col">${t.status}</th>
              <th scope="col" class="a-num">${t.sentCount}</th><th scope="col" class="a-num">${t.failedCount}</th><th scope="col" class="a-num">${t.waiting}</th><th scope="col" class="a-actions">${t.actions}</th></tr></thead>
            <tbody>${this.batches.map(
              (b) => html`<tr>
                <td class="a-nowrap">${dateTime(b.createdAt)}<div class="fw-reason">${t.by[b.createdBy] ?? ''}</div></td>
                <td>${w.kind[b.kind]} · ${roundLabel(b.round)}<div class="fw-reason">${selectionLabel(w, b.selection, lang())}</div></td>
                <td><span class="a-badge ${b.status === 'paused' ? 'a-badge--warn' : b.status === 'done' ? 'fw-badge--ok' : 'a-badge--muted'}">${w.batch[b.status]}</span>
                  ${b.counts.unknown ? html` <span class="a-badge a-badge--warn">${fill(t.unknownN, { n: num(b.counts.unknown) })}</span>` : nothing}
                  ${b.status === 'paused' && b.pausedReason ? html`<div class="fw-reason">${fill(b.pausedKind === 'slower' ? t.pausedSlower : t.paused, { reason: b.pausedReason, time: b.retryAt ? dateTime(b.retryAt) : '' })}</div>` : nothing}</td>
                <td class="a-num">${num(b.counts.sent)}</td>
                <td class="a-num">${num(b.counts.failed)}</td>
                <td class="a-num">${num(b.counts.queued + b.counts.sending)}</td>
                <td class="a-actions">
                  ${b.status === 'paused' ? html`<button type="button" class="a-quiet" @click=${() => this.batchAction(b, 'resume')}>${t.resume}</button>` : nothing}
                  ${b.status === 'paused' || b.status === 'sending' ? html`<button type="button" class="a-quiet" @click=${() => this.batchAction(b, 'cancel')}>${t.cancelBatch}</button>` : nothing}
                  <button type="button" class="a-quiet" @click=${() => this.showBatch(b)}>${t.details}<span class="a-sr"> ${b.id}</span></button>
                </td>
              </tr>`,
            )}</tbody>
          </table></div>`
          : html`<p class="a-muted">${t.noBatches}</p>`
      }
    </section>`;
  }

  override render() {
    const t = withWords(this.slug, m(MESSAGES));
    const w = m(FIELDWORK_WORDS);
    const o = this.overview;
    if (!o)
      return this.error
        ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>`
        : html`<p class="a-loading" role="status">…</p>`;
    const e = this.editing;
    const d = this.detail;
    const begun = e && (e.state === 'open' || e.state === 'closed');
    return html`
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      <section class="a-card" aria-labelledby="fw-mail-h">
        <h2 id="fw-mail-h">${t.mailTitle}</h2>
        ${
          o.smtp.configured
            ? html`<p>${fill(t.smtpOn, { host: o.smtp.host ?? '', port: o.smtp.port ?? '', tls: o.smtp.secure ? t.tls : '', from: o.smtp.from ?? '' })}</p>
              <form class="fw-actions fw-actions--end" @submit=${this.sendTest}>
                <div class="a-field"><label for="fw-test-to">${t.testTo}</label><input id="fw-test-to" name="to" type="email" required autocomplete="email" maxlength="254"></div>
                <button type="submit" class="a-secondary" ?disabled=${this.testing}>${this.testing ? t.testing : t.testSend}</button>
              </form>
              <div role="status">${this.test ? html`<p class="a-alert ${this.test.ok ? 'a-alert--ok' : 'a-alert--error'}">${fill(this.test.ok ? t.testOk : t.testFailed, { message: this.test.message })}</p>` : nothing}</div>`
            : html`<p class="a-alert a-alert--info">${t.smtpOff}</p>`
        }
      </section>
      <h2>${t.rounds}</h2>
      ${o.rounds.map((r) => this.roundCard(r, o))}
      ${this.batchTable()}
      <rondo-fieldwork-send-dialog .slug=${this.slug} @fieldwork-sent=${() => this.load()}></rondo-fieldwork-send-dialog>
      <dialog id="fw-schedule" class="a-dialog" aria-labelledby="fw-schedule-h" @close=${() => (this.editing = null)}>
        ${
          e
            ? html`<form @submit=${this.saveSchedule}>
              <h2 id="fw-schedule-h">${fill(t.scheduleTitle, { round: this.label(e) })}</h2>
              ${this.formError ? html`<p class="a-alert a-alert--error" role="alert">${this.formError}</p>` : nothing}
              <div class="a-pair">
                <div class="a-field"><label for="fw-opens">${t.opensLabel}</label><input id="fw-opens" name="opens" type="datetime-local" .value=${toLocalInput(e.opensAt)} ?disabled=${!!begun} aria-describedby="fw-time-hint"></div>
                <div class="a-field"><label for="fw-closes">${t.closesLabel}</label><input id="fw-closes" name="closes" type="datetime-local" .value=${toLocalInput(e.closesAt)} aria-describedby="fw-time-hint"></div>
              </div>
              <p class="a-hint" id="fw-time-hint">${begun ? t.openedHint : t.timeHint}</p>
              <label class="a-check"><input type="checkbox" name="auto" .checked=${e.schedule.autoInvite} ?disabled=${!o.smtp.configured}> ${t.autoLabel}</label>
              <div class="a-field"><label for="fw-days">${t.daysLabel}</label><input id="fw-days" name="days" inputmode="numeric" .value=${e.schedule.reminderDays.join(', ')} aria-describedby="fw-days-hint"><p class="a-hint" id="fw-days-hint">${t.daysHint}</p></div>
              ${
                o.languages.length > 1
                  ? html`<div class="a-field"><label for="fw-lang">${t.langLabel}</label><select id="fw-lang" name="language">
                    <option value="" ?selected=${!e.schedule.language}>${t.langDefault}</option>
                    ${o.languages.map((l) => html`<option value=${l} ?selected=${e.schedule.language === l}>${t[l]}</option>`)}
                  </select></div>`
                  : nothing
              }
              <div class="a-row a-row--end"><button type="button" class="a-secondary" @click=${() => this.querySelector<HTMLDialogElement>('#fw-schedule')?.close()}>${t.cancel}</button><button type="submit" class="a-primary">${t.save}</button></div>
            </form>`
            : nothing
        }
      </dialog>
      <dialog id="fw-batch" class="a-dialog fw-dialog-wide" aria-labelledby="fw-batch-h" @close=${() => (this.detail = null)}>
        ${
          d
            ? html`<h2 id="fw-batch-h">${fill(t.detailTitle, { id: d.batch.id, kind: w.kind[d.batch.kind] })}</h2>
              <p class="fw-mail-subject">${d.subject}</p>
              ${d.batch.counts.unknown ? html`<p class="a-alert a-alert--warn">${t.unknownHelp}</p>` : nothing}
              <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="fw-batch-h"><table class="a-table">
                <thead><tr><th scope="col">${t.recipient}</th><th scope="col">${t.status}</th><th scope="col">${t.error}</th></tr></thead>
                <tbody>${d.recipients.map(
                  (
                    x,
                  ) => html`<tr><td class="fw-wrap"><code>${x.participantKey}</code> ${x.name}<div class="fw-reason">${x.email ?? ''}</div></td>
                    <td><span class="a-badge ${MAIL_BADGE[x.status]}">${w.mail[x.status]}</span></td><td class="fw-reason">${x.status === 'sent' ? (x.sentAt ? dateTime(x.sentAt) : '') : (x.error ?? '')}</td></tr>`,
                )}</tbody>
              </table></div>
              <div class="a-row a-row--end"><button type="button" class="a-primary" @click=${() => this.querySelector<HTMLDialogElement>('#fw-batch')?.close()}>${t.close}</button></div>`
            : nothing
        }
      </dialog>`;
  }
}
customElements.define('rondo-fieldwork-rounds', RondoFieldworkRounds);
