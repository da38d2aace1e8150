import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { type ApiFailure, get, post, put, errorText } from '../api.js';
import { dateTime, fill, lang, m, num, tx, type Lang } from '../i18n.js';
import type {
  DelinkBody,
  DelinkConfirmationResponse,
  DelinkResponse,
  EraseBody,
  EraseResponse,
  FoundParticipant,
  FoundParticipantsResponse,
  PrivacyOverviewResponse,
  RetentionBody,
  StatementResponse,
  StatementSavedResponse,
} from '../../../model/api/privacy.js';

/** A calendar date (retention dates are whole days, in UTC). */
const day = (iso: string) =>
  new Intl.DateTimeFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

const MESSAGES = {
  nl: {
    title: 'Privacy',
    lead: 'Wat dit onderzoek van {participants} bewaart, hoe lang, en wat u op verzoek wist. Elke stap hier komt in het auditlogboek.',
    retention: 'Bewaartermijn',
    retentionLead:
      'Op deze datum worden alle gegevens van {participants} van dit onderzoek verwijderd: contactgegevens, links en antwoorden. De opzet, de vragenlijst en gepubliceerde factsheets blijven. U krijgt dertig dagen vooraf een waarschuwing.',
    retentionDate: 'Verwijderen op',
    save: 'Opslaan',
    clear: 'Geen bewaartermijn',
    none: 'Er is geen bewaartermijn ingesteld.',
    retentionSet: 'De gegevens worden verwijderd op {date}.',
    warning: 'Let op: op {date} worden de persoonsgegevens van dit onderzoek verwijderd. Verschuif de datum als dat te vroeg is.',
    deleted: 'De persoonsgegevens van dit onderzoek zijn verwijderd op {date}.',
    saved: 'Opgeslagen.',
    statement: 'Privacyverklaring voor {participants}',
    statementLead:
      '{Participants} lezen deze tekst vóór de eerste vraag: wat u vraagt en waarom, wie wat ziet, ' +
      'hoe lang u het bewaart en bij wie zij terechtkunnen.',
    statementIn: { nl: 'Nederlands', en: 'Engels' },
    erase: 'Inzage en wissen op verzoek van een {participant}',
    eraseLead:
      'Op verzoek van een {participant} (AVG art. 17): naam, e-mailadres, links en concepten worden direct verwijderd. Kies wat er met de ingestuurde antwoorden gebeurt.',
    find: 'Zoek op naam, e-mailadres of sleutel',
    findHint: 'Wat u hier vindt, komt in het inzagelogboek.',
    typeToFind: 'Typ eerst een zoekterm.',
    noMatch: 'Geen {participant} gevonden.',
    choose: '{Participant}',
    answers: 'Ingestuurde antwoorden',
    deleteAnswers: 'Ook verwijderen (de responscijfers van eerdere {roundWords} veranderen mee)',
    keepAnswers: 'Bewaren onder het pseudoniem, met een wettelijke grondslag',
    legalBasis: 'Wettelijke grondslag',
    legalHint: 'bijvoorbeeld: AVG art. 17 lid 3 sub d — wetenschappelijk onderzoek',
    subjectAccess:
      'Inzageverzoek (AVG art. 15 en 20): download alles wat rondo over {deze participant} bewaart. De download wordt vastgelegd in het inzagelogboek.',
    subjectPdf: 'Inzage als PDF',
    subjectHtml: 'als HTML',
    subjectJson: 'als JSON (machineleesbaar)',
    eraseButton: 'Wissen',
    confirmErase: '{who} wissen? Dit kan niet ongedaan worden gemaakt.',
    erased: '{who} is gewist.',
    erasedKeep: ' {n} ingestuurde antwoorden zijn bewaard onder {key}.',
    erasedDelete: ' {n} ingestuurde antwoorden zijn verwijderd.',
    kept: 'Gewist, antwoorden bewaard',
    keyCol: 'Sleutel',
    when: 'Gewist op',
    basis: 'Grondslag',
    delink: 'Ontkoppelen na alle {roundWords}',
    delinkLead:
      'Verwijdert alle contactgegevens, links en concepten en geeft {elke participant} een nieuwe willekeurige sleutel: daarna is geen antwoord meer tot een persoon te herleiden, ook niet via eerdere exports. Antwoorden blijven per {participant} gekoppeld over de {roundWords} heen. Dit kan niet ongedaan worden gemaakt.',
    delinkBlocked: 'Nu niet mogelijk:',
    roundsOpen: 'Nog niet alle {roundWords} zijn gesloten (respijttijd meegerekend): {rounds}.',
    dataDeleted: 'De persoonsgegevens zijn al verwijderd.',
    delinkStart: 'Ontkoppelen…',
    delinkWill:
      'Dit verwijdert {contacts} contactgegevens, {invitations} links en {drafts} concepten, en geeft {count} {participants} een nieuwe sleutel.',
    typeSlug: 'Typ de korte naam van het onderzoek ({slug}) om te bevestigen',
    delinkButton: 'Definitief ontkoppelen',
    cancel: 'Annuleren',
    delinked: 'Het onderzoek is ontkoppeld op {date}.',
    slugWrong: 'De korte naam klopt niet.',
    ticketExpired: 'De bevestiging is verlopen; begin opnieuw.',
    needBasis: 'Vul de grondslag in om de antwoorden te bewaren.',
    dateInFuture: 'Kies een datum na vandaag.',
    alreadyErased: '{Deze participant} is al gewist; de antwoorden zijn bewaard.',
  },
  en: {
    title: 'Privacy',
    lead: 'What this study keeps of its {participants}, for how long, and what you erase on request. Every step here goes into the audit log.',
    retention: 'Retention',
    retentionLead:
      'On this date all {participant} data of this study are deleted: contact details, links and answers. The set-up, the questionnaire and published factsheets stay. You are warned thirty days ahead.',
    retentionDate: 'Delete on',
    save: 'Save',
    clear: 'No retention date',
    none: 'No retention date is set.',
    retentionSet: 'The data will be deleted on {date}.',
    warning: 'Note: the personal data of this study will be deleted on {date}. Move the date if that is too early.',
    deleted: 'The personal data of this study were deleted on {date}.',
    saved: 'Saved.',
    statement: 'Privacy statement for {participants}',
    statementLead:
      '{Participants} read this before the first question: what you ask and why, who sees what, how long you keep it and whom they can ask.',
    statementIn: { nl: 'Dutch', en: 'English' },
    erase: 'Access and erasure at a {participant}’s request',
    eraseLead:
      "At a {participant}'s request (GDPR art. 17): name, e-mail address, links and drafts are deleted at once. Choose what happens to the submitted answers.",
    find: 'Search by name, e-mail address or key',
    findHint: 'What you find here is recorded in the access log.',
    typeToFind: 'Type something to search for first.',
    noMatch: 'No {participant} found.',
    choose: '{Participant}',
    answers: 'Submitted answers',
    deleteAnswers: 'Delete them too (response rates of earlier {roundWords} change with it)',
    keepAnswers: 'Keep them under the pseudonym, with a legal basis',
    legalBasis: 'Legal basis',
    legalHint: 'for example: GDPR art. 17(3)(d) — scientific research',
    subjectAccess:
      'Subject-access request (GDPR art. 15 and 20): download everything rondo holds about this {participant}. The download is recorded in the access log.',
    subjectPdf: 'Their data as PDF',
    subjectHtml: 'as HTML',
    subjectJson: 'as JSON (machine-readable)',
    eraseButton: 'Erase',
    confirmErase: 'Erase {who}? This cannot be undone.',
    erased: '{who} was erased.',
    erasedKeep: ' {n} submitted responses were kept under {key}.',
    erasedDelete: ' {n} submitted responses were deleted.',
    kept: 'Erased, answers kept',
    keyCol: 'Key',
    when: 'Erased on',
    basis: 'Legal basis',
    delink: 'De-link after the last {roundWord}',
    delinkLead:
      'Deletes all contact details, links and drafts and gives every {participant} a new random key: afterwards no answer leads back to a person, not even through earlier exports. Answers stay linked per {participant} across {roundWords}. This cannot be undone.',
    delinkBlocked: 'Not possible now:',
    roundsOpen: 'Not every {roundWord} has closed yet (grace period included): {rounds}.',
    dataDeleted: 'The personal data were deleted already.',
    delinkStart: 'De-link…',
    delinkWill:
      'This deletes {contacts} contact details, {invitations} links and {drafts} drafts, and gives {count} {participants} a new key.',
    typeSlug: "Type the study's short name ({slug}) to confirm",
    delinkButton: 'De-link for good',
    cancel: 'Cancel',
    delinked: 'The study was de-linked on {date}.',
    slugWrong: 'The short name does not match.',
    ticketExpired: 'The confirmation expired; start again.',
    needBasis: 'Fill in the legal basis to keep the answers.',
    dateInFuture: 'Choose a date after today.',
    alreadyErased: 'This {participant} was erased already; the answers were kept.',
  },
};

/**
 * <rondo-privacy-view>: the study's privacy controls for researchers — retention date, the
 * privacy statement, erasing a participant, and de-linking after the last round (two steps:
 * a confirmation that says what will go, then the slug typed out).
 */
export class RondoPrivacyView extends StaffView {
  static override properties = {
    overview: { state: true },
    participants: { state: true },
    languages: { state: true },
    statement: { state: true },
    query: { state: true },
    message: { state: true },
    error: { state: true },
    ticket: { state: true },
    choice: { state: true },
    selected: { state: true },
  };
  params: Record<string, string> = {};
  overview: PrivacyOverviewResponse | null = null;
  participants: FoundParticipant[] = [];
  languages: Lang[] = [];
  statement: Partial<Record<Lang, string>> = {};
  query = '';
  message = '';
  error = '';
  ticket: DelinkConfirmationResponse | null = null;
  choice: 'delete' | 'keep' = 'keep';
  /** The participant chosen in the list: erased, or whose data are downloaded for a subject-access request. */
  selected = '';
  private searchTimer?: ReturnType<typeof setTimeout>;

  /** Downloads of everything held about the chosen participant, for their subject-access request. */
  private subjectAccess() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const key = this.participants.some((p) => p.key === this.selected) ? this.selected : this.participants[0]?.key;
    if (!key) return nothing;
    const href = (format: string) =>
      `${this.base}/privacy/participants/${encodeURIComponent(key)}/subject-access?format=${format}&lang=${lang()}`;
    return html`<div class="a-field" role="group" aria-labelledby="subject-access-label">
      <p id="subject-access-label" class="a-small">${t.subjectAccess}</p>
      <p class="a-actions"><a href=${href('pdf')} download>${t.subjectPdf}</a> <a href=${href('html')} download>${t.subjectHtml}</a> <a href=${href('json')} download>${t.subjectJson}</a></p>
    </div>`;
  }

  private get base() {
    return `/api/studies/${encodeURIComponent(this.params.slug)}`;
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }
  protected override async load(): Promise<void> {
    try {
      const [overview, statement] = await Promise.all([
        get<PrivacyOverviewResponse>(`${this.base}/privacy`),
        get<StatementResponse>(`${this.base}/privacy/statement`),
      ]);
      this.overview = overview;
      this.statement = statement.statement;
      this.languages = statement.languages;
    } catch (err) {
      this.fail(err);
    }
  }
  private fail(err: unknown): void {
    const f = err as ApiFailure;
    const t = withWords(this.params.slug, m(MESSAGES));
    const reason = f.details?.reason;
    const field = f.details?.field;
    this.error =
      field === 'confirmSlug'
        ? t.slugWrong
        : field === 'legalBasis'
          ? t.needBasis
          : field === 'retentionUntil'
            ? t.dateInFuture
            : reason === 'TICKET'
              ? t.ticketExpired
              : reason === 'ALREADY_ERASED'
                ? t.alreadyErased
                : reason === 'ALREADY_DELETED'
                  ? t.dataDeleted
                  : reason === 'DELINK_BLOCKED'
                    ? t.delinkBlocked
                    : errorText(f);
    this.message = '';
  }
  private ok(text: string): void {
    this.message = text;
    this.error = '';
  }

  private async saveRetention(e: SubmitEvent, clear = false): Promise<void> {
    e.preventDefault();
    const date = clear ? null : ((e.target as HTMLFormElement).elements.namedItem('retention') as HTMLInputElement).value || null;
    try {
      await put(`${this.base}/privacy/retention`, { retentionUntil: date } satisfies RetentionBody);
      this.ok(withWords(this.params.slug, m(MESSAGES)).saved);
      await this.load();
    } catch (err) {
      this.fail(err);
    }
  }

  private async saveStatement(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const body = Object.fromEntries(
      this.languages.map((l) => [l, (form.elements.namedItem(`statement-${l}`) as HTMLTextAreaElement).value]),
    );
    try {
      this.statement = (await put<StatementSavedResponse>(`${this.base}/privacy/statement`, body)).statement;
      this.ok(withWords(this.params.slug, m(MESSAGES)).saved);
    } catch (err) {
      this.fail(err);
    }
  }

  private async erase(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = withWords(this.params.slug, m(MESSAGES));
    const form = e.target as HTMLFormElement;
    const key = (form.elements.namedItem('participant') as HTMLSelectElement).value;
    const legalBasis = (form.elements.namedItem('legal-basis') as HTMLInputElement | null)?.value ?? '';
    const who = this.participants.find((p) => p.key === key);
    const label = who?.name || who?.email || key;
    if (!key || !confirm(fill(t.confirmErase, { who: label }))) return;
    try {
      const r = await post<EraseResponse>(
        `${this.base}/privacy/participants/${encodeURIComponent(key)}/erase`,
        (this.choice === 'keep' ? { answers: 'keep', legalBasis } : { answers: 'delete' }) satisfies EraseBody,
      );
      this.ok(
        fill(t.erased, { who: label }) +
          (this.choice === 'keep'
            ? fill(t.erasedKeep, { n: num(r.responsesKept), key })
            : fill(t.erasedDelete, { n: num(r.responsesDeleted) })),
      );
      const basis = form.elements.namedItem('legal-basis') as HTMLInputElement | null;
      if (basis) basis.value = '';
      this.query = '';
      this.participants = [];
      await this.load();
    } catch (err) {
      this.fail(err);
    }
  }

  private async startDelink(): Promise<void> {
    try {
      this.ticket = await post<DelinkConfirmationResponse>(`${this.base}/privacy/delink/confirmation`);
      this.error = '';
    } catch (err) {
      this.fail(err);
    }
  }

  private async delink(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const typed = ((e.target as HTMLFormElement).elements.namedItem('confirm-slug') as HTMLInputElement).value.trim();
    try {
      const r = await post<DelinkResponse>(`${this.base}/privacy/delink`, {
        ticket: this.ticket!.ticket,
        confirmSlug: typed,
      } satisfies DelinkBody);
      this.ticket = null;
      this.ok(fill(withWords(this.params.slug, m(MESSAGES)).delinked, { date: dateTime(r.delinkedAt) }));
      await this.load();
    } catch (err) {
      this.fail(err);
    }
  }

  /** Searches on the server (which logs what it shows), a moment after the last keystroke. */
  private search(query: string): void {
    this.query = query;
    clearTimeout(this.searchTimer);
    if (!query.trim()) {
      this.participants = [];
      return;
    }
    this.searchTimer = setTimeout(async () => {
      try {
        this.participants = (
          await get<FoundParticipantsResponse>(`${this.base}/privacy/participants?q=${encodeURIComponent(query.trim())}`)
        ).participants;
      } catch (err) {
        this.fail(err);
      }
    }, 250);
  }

  override render() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const o = this.overview;
    const r = o?.retention;
    return html`<h1>${t.title}</h1>
      <p class="a-lead">${t.lead}</p>
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${r?.warning && r.deletesAt ? html`<p class="a-alert a-alert--warn">${fill(t.warning, { date: day(r.deletesAt) })}</p>` : nothing}

      <section class="a-card" aria-labelledby="privacy-retention">
        <h2 id="privacy-retention">${t.retention}</h2>
        <p>${t.retentionLead}</p>
        ${
          r?.deletedAt
            ? html`<p>${fill(t.deleted, { date: dateTime(r.deletedAt) })}</p>`
            : html`<p>${r?.deletesAt ? fill(t.retentionSet, { date: day(r.deletesAt) }) : t.none}</p>
              <form class="a-row" @submit=${(e: SubmitEvent) => this.saveRetention(e)}>
                <div class="a-field"><label for="retention">${t.retentionDate}</label>
                  <input id="retention" name="retention" type="date" required .value=${r?.retentionUntil?.slice(0, 10) ?? ''}></div>
                <button type="submit" class="a-primary">${t.save}</button>
                ${r?.retentionUntil ? html`<button type="button" class="a-quiet" @click=${(e: Event) => this.saveRetention(e as SubmitEvent, true)}>${t.clear}</button>` : nothing}
              </form>`
        }
      </section>

      <section class="a-card" aria-labelledby="privacy-statement">
        <h2 id="privacy-statement">${t.statement}</h2>
        <p>${t.statementLead}</p>
        <form @submit=${this.saveStatement}>
          ${this.languages.map(
            (l) => html`<div class="a-field"><label for="statement-${l}">${t.statementIn[l]}</label>
              <textarea id="statement-${l}" name="statement-${l}" rows="5" maxlength="4000" required .value=${this.statement[l] ?? ''}></textarea></div>`,
          )}
          <button type="submit" class="a-primary">${t.save}</button>
        </form>
      </section>

      <section class="a-card" aria-labelledby="privacy-erase">
        <h2 id="privacy-erase">${t.erase}</h2>
        <p>${t.eraseLead}</p>
        <form @submit=${this.erase}>
          <div class="a-field"><label for="erase-find">${t.find}</label>
            <input id="erase-find" type="search" autocomplete="off" spellcheck="false" maxlength="100" aria-describedby="erase-find-hint" .value=${this.query} @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)}>
            <p class="a-hint" id="erase-find-hint">${t.findHint}</p></div>
          <div class="a-field"><label for="erase-participant">${t.choose}</label>
            <select id="erase-participant" name="participant" required @change=${(e: Event) => (this.selected = (e.target as HTMLSelectElement).value)}>
              ${
                this.participants.length
                  ? this.participants.map(
                      (p) =>
                        html`<option value=${p.key}>${p.name || p.email || '—'} (${p.key}${p.organisation ? `, ${p.organisation}` : ''})</option>`,
                    )
                  : html`<option value="">${this.query.trim() ? t.noMatch : t.typeToFind}</option>`
              }
            </select></div>
          ${this.subjectAccess()}
          <fieldset class="a-fieldset"><legend>${t.answers}</legend>
            <label class="a-choice"><input type="radio" name="answers" value="keep" .checked=${this.choice === 'keep'} @change=${() => (this.choice = 'keep')}> ${t.keepAnswers}</label>
            <label class="a-choice"><input type="radio" name="answers" value="delete" .checked=${this.choice === 'delete'} @change=${() => (this.choice = 'delete')}> ${t.deleteAnswers}</label>
          </fieldset>
          ${
            this.choice === 'keep'
              ? html`<div class="a-field"><label for="legal-basis">${t.legalBasis}</label>
                <input id="legal-basis" name="legal-basis" required minlength="3" maxlength="500" aria-describedby="legal-basis-hint">
                <p class="a-hint" id="legal-basis-hint">${t.legalHint}</p></div>`
              : nothing
          }
          <button type="submit" class="a-danger">${t.eraseButton}</button>
        </form>
        ${
          o?.erasedKept.length
            ? html`<h3>${t.kept}</h3>
              <div class="a-table-wrap" tabindex="0" role="region" aria-label=${t.kept}><table class="a-table">
                <thead><tr><th scope="col">${t.keyCol}</th><th scope="col">${t.when}</th><th scope="col">${t.basis}</th></tr></thead>
                <tbody>${o.erasedKept.map((e) => html`<tr><td>${e.key}</td><td>${dateTime(e.erasedAt)}</td><td>${e.legalBasis}</td></tr>`)}</tbody>
              </table></div>`
            : nothing
        }
      </section>

      <section class="a-card" aria-labelledby="privacy-delink">
        <h2 id="privacy-delink">${t.delink}</h2>
        <p>${t.delinkLead}</p>
        ${
          o?.delinkedAt
            ? html`<p>${fill(t.delinked, { date: dateTime(o.delinkedAt) })}</p>`
            : o?.delink.blockers.length
              ? html`<p>${t.delinkBlocked} ${o.retention.deletedAt ? t.dataDeleted : fill(t.roundsOpen, { rounds: o.delink.openRounds.map((r) => tx(r.label)).join(', ') })}</p>`
              : this.ticket
                ? html`<form @submit=${this.delink}>
                  <p class="a-alert a-alert--warn">${fill(t.delinkWill, { contacts: num(this.ticket.contacts), invitations: num(this.ticket.invitations), drafts: num(this.ticket.drafts), count: num(this.ticket.participants) })}</p>
                  <div class="a-field"><label for="confirm-slug">${fill(t.typeSlug, { slug: this.ticket.confirmSlug })}</label>
                    <input id="confirm-slug" name="confirm-slug" autocomplete="off" spellcheck="false" required></div>
                  <div class="a-row"><button type="submit" class="a-danger">${t.delinkButton}</button>
                    <button type="button" class="a-quiet" @click=${() => (this.ticket = null)}>${t.cancel}</button></div>
                </form>`
                : html`<button type="button" class="a-secondary" @click=${this.startDelink}>${t.delinkStart}</button>`
        }
      </section>`;
  }
}
customElements.define('rondo-privacy-view', RondoPrivacyView);
