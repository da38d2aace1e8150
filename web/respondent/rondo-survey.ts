import { html, nothing, type TemplateResult } from 'lit';
import type { AnswerCell } from '../../model/answer.js';
import type { ErrorBody } from '../../model/api/errors.js';
import type { SubmitBody } from '../../model/api/respondent.js';
import type { Item } from '../../model/questionnaire.js';
import { cellsByItem, shownItems } from '../../model/show-if.js';
import {
  validateAnswers,
  type AnswerContext,
  type AnswerIssue,
  type RespondentDraft,
  type RespondentForm,
} from '../../model/validate-answers.js';
import type { AnswerEvent } from './answer-event.js';
import { Autosave, type SaveState } from './autosave.js';
import { issueMessage } from './issue-messages.js';
import { LightElement } from '../light-element.js';
import { fill, num, t, type Lang } from './text.js';
import './rondo-choice-item.js';
import './rondo-grid-item.js';
import './rondo-multi-item.js';
import './rondo-number-item.js';
import './rondo-text-item.js';

const MESSAGES = {
  nl: {
    switchTo: 'English',
    start: 'Beginnen',
    resume: 'Verder waar u gebleven was',
    minutes: 'Invullen duurt ongeveer {n} minuten.',
    parts: 'De vragenlijst heeft {n} onderdelen.',
    stop: 'U kunt tussendoor stoppen: uw antwoorden worden steeds bewaard. Met dezelfde link gaat u later verder, ook op een ander apparaat.',
    privacy: 'Privacy',
    grace: 'De vragenlijst is gesloten, maar u was al begonnen: u kunt uw antwoorden nog versturen tot {time}.',
    step: 'Onderdeel {n} van {total}',
    previous: 'Vorige',
    next: 'Volgende',
    toSend: 'Naar versturen',
    summary: 'Controleer uw antwoorden',
    summaryText: 'Nog niet alle vragen zijn goed ingevuld:',
    confirmTitle: 'Klaar om te versturen?',
    confirmText: 'U heeft alle onderdelen doorlopen. Na het versturen kunt u uw antwoorden niet meer wijzigen.',
    answered: 'U heeft {n} van de {total} vragen beantwoord.',
    send: 'Verstuur mijn antwoorden',
    sending: 'Bezig met versturen…',
    sendFailed: 'Versturen is niet gelukt. Controleer uw internetverbinding en probeer het opnieuw; uw antwoorden blijven bewaard.',
    doneTitle: 'Hartelijk dank!',
    doneText: 'Uw antwoorden zijn verstuurd. U kunt dit venster nu sluiten.',
    idle: '',
    saved: 'Uw antwoorden zijn opgeslagen.',
    saving: 'Bezig met opslaan…',
    offline: 'Geen verbinding. Uw antwoorden staan veilig op dit apparaat en worden opgeslagen zodra er weer verbinding is.',
    failed: 'Niet alle antwoorden konden worden opgeslagen. Controleer de gemarkeerde vragen.',
    contact: 'Vragen? Mail {email}',
    privacyStatement: 'Privacyverklaring',
    privacyLink: 'Lees in de privacyverklaring wat er met uw antwoorden gebeurt',
    accessibility: 'Toegankelijkheid',
  },
  en: {
    switchTo: 'Nederlands',
    start: 'Start',
    resume: 'Continue where you left off',
    minutes: 'It takes about {n} minutes.',
    parts: 'The questionnaire has {n} parts.',
    stop: 'You can stop at any time: your answers are saved as you go. The same link lets you continue later, on another device too.',
    privacy: 'Privacy',
    grace: 'The questionnaire has closed, but you had already started: you can still submit your answers until {time}.',
    step: 'Part {n} of {total}',
    previous: 'Previous',
    next: 'Next',
    toSend: 'Go to submit',
    summary: 'Please check your answers',
    summaryText: 'Not all questions are answered correctly yet:',
    confirmTitle: 'Ready to submit?',
    confirmText: 'You have been through all parts. Once submitted, your answers can no longer be changed.',
    answered: 'You answered {n} of the {total} questions.',
    send: 'Submit my answers',
    sending: 'Submitting…',
    sendFailed: 'Submitting did not work. Check your internet connection and try again; your answers are kept.',
    doneTitle: 'Thank you!',
    doneText: 'Your answers have been submitted. You can close this window now.',
    idle: '',
    saved: 'Your answers have been saved.',
    saving: 'Saving…',
    offline: 'No connection. Your answers are safe on this device and will be saved as soon as the connection is back.',
    failed: 'Not all answers could be saved. Please check the marked questions.',
    contact: 'Questions? E-mail {email}',
    privacyStatement: 'Privacy statement',
    privacyLink: 'Read in the privacy statement what happens to your answers',
    accessibility: 'Accessibility',
  },
};

/** A submission id: random, made in the browser; getRandomValues works without HTTPS too. */
function newSubmissionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * <rondo-survey>: the respondent's questionnaire. Reads the form and the draft from the page's
 * JSON script elements and leads through an introduction, one section at a time with a
 * progress indicator, a confirmation step and a thank-you. Answers are checked with the same
 * validation as the server (model/validate-answers.ts) when moving on; show-if decides which
 * items and sections appear (model/show-if.ts). Drafts save themselves (autosave.ts).
 *
 * Focus moves to each step's heading, or to the error summary when something needs fixing;
 * the document title names the step.
 */
export class RondoSurvey extends LightElement {
  static override properties = {
    done: { state: true },
    step: { state: true },
    language: { state: true },
    issues: { state: true },
    saveState: { state: true },
    submitting: { state: true },
    submitError: { state: true },
  };

  private form!: RespondentForm;
  private draft!: RespondentDraft;
  private items: Item[] = [];
  private ctx!: AnswerContext;
  private answers = new Map<string, AnswerCell[]>();
  /** Values an element could not turn into an answer (letters in a number field). */
  private invalid = new Map<string, 'not-a-number'>();
  private autosave!: Autosave;
  private done = false;
  /** -1 is the introduction, 0…n-1 the shown sections, n the confirmation. */
  private step = -1;
  private language: Lang = 'nl';
  /** Issues shown for the current step, once the respondent tried to move on. */
  private issues: AnswerIssue[] | null = null;
  private saveState: SaveState = 'idle';
  private submitting = false;
  private submitError = false;
  private submissionId = '';
  private focusAfterRender: string | null = null;

  override connectedCallback(): void {
    const read = <T>(id: string) => JSON.parse(document.getElementById(id)!.textContent!) as T;
    this.form = read<RespondentForm>('rondo-form');
    this.draft = read<RespondentDraft>('rondo-draft');
    this.language = this.draft.language;
    this.items = this.form.questionnaire.sections.flatMap((s) => s.items);
    this.ctx = {
      roundKey: this.form.round.key,
      partnerIds: this.form.partners.map((p) => p.id),
      toolIds: this.form.tools.map((p) => p.id),
    };
    this.answers = cellsByItem(this.draft.answers);
    this.autosave = new Autosave(
      this.form.api,
      this.draft.localKey,
      {
        collect: (items) => this.saveable(items),
        cells: (item) => this.answers.get(item) ?? [],
        language: () => this.language,
      },
      (state) => (this.saveState = state),
      () => this.reload(),
    );
    const pending = this.autosave.restore();
    if (pending) for (const [item, cells] of Object.entries(pending)) this.setCells(item, cells);
    this.replaceChildren(); // the server's "loading" text
    // A reload returns to the step the respondent was at.
    const at = (history.state as { step?: number } | null)?.step;
    if (typeof at === 'number' && at >= -1 && at <= this.sections().length) this.step = at;
    else history.replaceState({ step: -1 }, '');
    addEventListener('popstate', this.onHistory);
    super.connectedCallback();
  }

  private get m() {
    return MESSAGES[this.language];
  }

  private setCells(item: string, cells: AnswerCell[]): void {
    if (cells.length) this.answers.set(item, cells);
    else this.answers.delete(item);
  }

  /** The shown sections with their shown items; show-if can add or remove both as answers change. */
  private sections() {
    const shown = new Set(shownItems(this.items, this.answers).map((i) => i.id));
    return this.form.questionnaire.sections
      .map((section) => ({ section, items: section.items.filter((i) => shown.has(i.id)) }))
      .filter((s) => s.items.length > 0);
  }

  /** The answers to shown items: what a submission carries. */
  private shownCells(): AnswerCell[] {
    return shownItems(this.items, this.answers).flatMap((i) => this.answers.get(i.id) ?? []);
  }

  private saveable(items: string[]): { items: string[]; answers: AnswerCell[] } {
    const ok: string[] = [];
    const answers: AnswerCell[] = [];
    for (const item of items) {
      const cells = this.answers.get(item) ?? [];
      if (this.invalid.has(item) || !validateAnswers(this.form.questionnaire, cells, this.ctx, 'draft').ok) continue;
      ok.push(item);
      answers.push(...cells);
    }
    return { items: ok, answers };
  }

  /** Issues of the given items, one per item, in questionnaire order. */
  private check(items: Item[]): AnswerIssue[] {
    const ids = new Set(items.map((i) => i.id));
    const found = new Map<string, AnswerIssue>();
    for (const [item, code] of this.invalid) if (ids.has(item)) found.set(item, { item, code });
    for (const issue of validateAnswers(this.form.questionnaire, this.shownCells(), this.ctx, 'submit').issues) {
      if (ids.has(issue.item) && !found.has(issue.item)) found.set(issue.item, issue);
    }
    return items.filter((i) => found.has(i.id)).map((i) => found.get(i.id)!);
  }

  private onAnswer(e: AnswerEvent): void {
    const { item, cells, invalid } = e.detail;
    this.setCells(item, cells);
    if (invalid) this.invalid.set(item, invalid);
    else this.invalid.delete(item);
    this.autosave.change(item);
    if (this.issues) this.issues = this.check(this.sections()[this.step]?.items ?? []);
    this.requestUpdate();
  }

  /**
   * Moves to a step. Each step is an entry in the browser's history, so the back button (on
   * Android, the phone's own) goes to the previous section instead of leaving the form.
   */
  private go(step: number, fromHistory = false): void {
    if (!fromHistory) history.pushState({ step }, '');
    this.step = step;
    this.issues = null;
    this.focusAfterRender = '.r-step-title';
    void this.autosave.flush();
  }

  private onHistory = (e: PopStateEvent) => {
    const step = (e.state as { step?: number } | null)?.step;
    if (typeof step === 'number' && !this.done) this.go(step, true);
  };

  private start(): void {
    const sections = this.sections();
    if (!this.answers.size) {
      this.go(0);
      return;
    }
    // Continue at the first section with an open required question, else the first with any
    // open question, else at the confirmation.
    const open = (required: boolean) =>
      sections.findIndex((s) => s.items.some((i) => (!required || i.required) && !this.answers.has(i.id)));
    const at = open(true);
    this.go(at >= 0 ? at : open(false) >= 0 ? open(false) : sections.length);
  }

  private next(e: Event): void {
    e.preventDefault();
    const current = this.sections()[this.step];
    const issues = this.check(current.items);
    if (issues.length) {
      this.issues = issues;
      this.focusAfterRender = '.r-summary';
      return;
    }
    this.go(this.step + 1);
  }

  private switchLanguage(): void {
    this.language = this.language === 'nl' ? 'en' : 'nl';
    this.autosave.languageChanged();
  }

  /**
   * When the server says the draft cannot go on — submitted elsewhere, round closed, link
   * withdrawn, questionnaire changed — the page is loaded again: the server then shows the page
   * for that state, in the same words as on first opening. Unsaved answers stay in the
   * browser's copy (autosave.ts) and come back if the form does.
   */
  private reload(): void {
    location.replace(`${location.pathname}?lang=${this.language}`);
  }

  private async submit(): Promise<void> {
    if (this.submitting) return;
    this.submitting = true;
    this.submitError = false;
    // One id per submission: a retry after a lost answer, or a second click, sends the same.
    this.submissionId ||= newSubmissionId();
    try {
      const res = await fetch(`${this.form.api}/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ submissionId: this.submissionId, language: this.language, answers: this.shownCells() } satisfies SubmitBody),
      });
      const body = (await res.json().catch(() => ({}))) as Partial<ErrorBody> & { details?: { issues?: AnswerIssue[] } };
      if (res.ok) {
        this.autosave.finish();
        this.done = true;
        this.focusAfterRender = '.r-step-title';
      } else if (body.code === 'VALIDATION' && body.details?.issues?.length) {
        // The server found what the form did not (the questionnaire changed meanwhile): show
        // its issues in the first section they concern.
        const sections = this.sections();
        const at = Math.max(
          0,
          sections.findIndex((s) => s.items.some((i) => i.id === body.details!.issues![0].item)),
        );
        this.go(at);
        this.issues = body.details.issues.filter((i) => sections[at].items.some((x) => x.id === i.item));
        this.focusAfterRender = '.r-summary';
      } else if (res.status === 403 || res.status === 409) {
        this.reload();
      } else {
        this.submitError = true;
      }
    } catch {
      this.submitError = true;
    } finally {
      this.submitting = false;
    }
  }

  protected override updated(): void {
    const m = this.m;
    const sections = this.sections();
    const step = this.done
      ? m.doneTitle
      : this.step < 0
        ? ''
        : this.step < sections.length
          ? t(sections[this.step].section.title, this.language)
          : m.confirmTitle;
    document.documentElement.lang = this.language;
    document.title = [step, t(this.form.study.title, this.language)].filter(Boolean).join(' – ');
    if (this.focusAfterRender) {
      const target = this.querySelector<HTMLElement>(this.focusAfterRender);
      this.focusAfterRender = null;
      if (target) {
        target.focus();
        target.scrollIntoView({ block: 'start' });
      }
    }
  }

  protected override render() {
    const m = this.m;
    const study = this.form.study;
    const other: Lang = this.language === 'nl' ? 'en' : 'nl';
    return html`<header class="r-header">
        <div class="r-bar">
          <span class="r-brand">${t(study.title, this.language)}</span>
          ${
            study.languages.includes(other)
              ? html`<button type="button" class="r-lang" lang=${other} @click=${this.switchLanguage}>${this.m.switchTo}</button>`
              : nothing
          }
        </div>
      </header>
      <main class="r-main" id="main" @rondo-answer=${this.onAnswer}>${this.content()}</main>
      <footer class="r-footer">
        <p>${study.organisation}${
          study.contactEmail
            ? html` · ${m.contact.split('{email}')[0]}<a href="mailto:${study.contactEmail}">${study.contactEmail}</a>`
            : nothing
        } · <a href=${this.privacyHref()}>${m.privacyStatement}</a>
          · <a href=${this.language === 'en' ? '/accessibility' : '/toegankelijkheid'}>${m.accessibility}</a></p>
      </footer>`;
  }

  /** The privacy statement generated from the study's settings (server/statements/respondent-privacy.ts). */
  private privacyHref(): string {
    return `${this.form.anonymous ? '/r/anon/privacy' : '/r/privacy'}?lang=${this.language}`;
  }

  private content(): TemplateResult {
    const m = this.m;
    if (this.done) {
      return html`<section class="r-card r-state r-done">
        <h1 class="r-step-title" tabindex="-1">${m.doneTitle}</h1>
        <p>${m.doneText}</p>
      </section>`;
    }
    const sections = this.sections();
    if (this.step < 0) return this.intro(sections.length);
    if (this.step >= sections.length) return this.confirm(sections.length);
    return this.section(sections[this.step], sections.length);
  }

  private intro(parts: number): TemplateResult {
    const m = this.m;
    const { study, round, questionnaire } = this.form;
    const grace = this.draft.graceUntil;
    return html`<section class="r-card r-intro">
      <p class="r-eyebrow">${t(round.label, this.language)}</p>
      <h1 class="r-step-title" tabindex="-1">${t(questionnaire.title, this.language)}</h1>
      ${grace ? html`<p class="r-notice">${fill(m.grace, { time: new Date(grace).toLocaleString(this.language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }) })}</p>` : nothing}
      <p>${t(study.description, this.language)}</p>
      <ul class="r-facts">
        ${questionnaire.estimatedMinutes ? html`<li>${fill(m.minutes, { n: num(questionnaire.estimatedMinutes, this.language) })}</li>` : nothing}
        <li>${fill(m.parts, { n: num(parts, this.language) })}</li>
        <li>${m.stop}</li>
      </ul>
      ${study.privacy ? html`<h2>${m.privacy}</h2><p>${t(study.privacy, this.language)}</p>` : nothing}
      <p><a href=${this.privacyHref()}>${m.privacyLink}</a></p>
      <div class="r-nav"><button type="button" class="r-button" @click=${this.start}>${this.answers.size ? m.resume : m.start}</button></div>
    </section>`;
  }

  private progress(n: number, total: number): TemplateResult {
    return html`<div class="r-progress">
      <span id="r-progress-label">${fill(this.m.step, { n: num(n, this.language), total: num(total, this.language) })}</span>
      <progress max=${total} .value=${n} aria-labelledby="r-progress-label"></progress>
    </div>`;
  }

  private section(current: { section: RespondentForm['questionnaire']['sections'][number]; items: Item[] }, total: number): TemplateResult {
    const m = this.m;
    const last = this.step === total - 1;
    const issues = this.issues ?? [];
    const errors = new Map(issues.map((i) => [i.item, issueMessage(i, this.language)]));
    return html`${this.progress(this.step + 1, total)}
      <form class="r-card" novalidate @submit=${this.next}>
        <h1 class="r-step-title" tabindex="-1">${t(current.section.title, this.language)}</h1>
        ${current.section.intro ? html`<p class="r-intro-text">${t(current.section.intro, this.language)}</p>` : nothing}
        ${issues.length ? this.summary(issues, current.items) : nothing}
        ${current.items.map((item) => this.item(item, errors.get(item.id) ?? ''))}
        <div class="r-nav">
          <button type="button" class="r-button r-secondary" @click=${() => this.go(this.step - 1)}>${m.previous}</button>
          <button type="submit" class="r-button">${last ? m.toSend : m.next}</button>
        </div>
      </form>
      ${this.saveStatus()}`;
  }

  private summary(issues: AnswerIssue[], items: Item[]): TemplateResult {
    const focus = (e: Event, id: string) => {
      e.preventDefault();
      const box = this.querySelector(`#q-${id}`);
      box?.scrollIntoView({ block: 'center' });
      (box?.querySelector('input:checked, input, textarea') as HTMLElement | null)?.focus();
    };
    return html`<div class="r-summary" tabindex="-1" role="group" aria-labelledby="r-summary-title">
      <h2 id="r-summary-title">${this.m.summary}</h2>
      <p>${this.m.summaryText}</p>
      <ul>
        ${issues.map((issue) => {
          const item = items.find((i) => i.id === issue.item);
          return html`<li>
            <a href="#q-${issue.item}" @click=${(e: Event) => focus(e, issue.item)}>${item ? t(item.text, this.language) : issue.item}</a>
            <span>${issueMessage(issue, this.language)}</span>
          </li>`;
        })}
      </ul>
    </div>`;
  }

  private item(item: Item, error: string): TemplateResult {
    const cells = this.answers.get(item.id) ?? [];
    const lang = this.language;
    switch (item.type) {
      case 'multi':
        return html`<rondo-multi-item .item=${item} .cells=${cells} .language=${lang} .error=${error}></rondo-multi-item>`;
      case 'number':
        return html`<rondo-number-item .item=${item} .cells=${cells} .language=${lang} .error=${error}></rondo-number-item>`;
      case 'text':
        return html`<rondo-text-item .item=${item} .cells=${cells} .language=${lang} .error=${error}></rondo-text-item>`;
      case 'partnerGrid':
      case 'toolGrid':
        return html`<rondo-grid-item .item=${item} .cells=${cells} .language=${lang} .error=${error}
          .rows=${item.type === 'partnerGrid' ? this.form.partners : this.form.tools}></rondo-grid-item>`;
      default:
        return html`<rondo-choice-item .item=${item} .cells=${cells} .language=${lang} .error=${error}></rondo-choice-item>`;
    }
  }

  private confirm(total: number): TemplateResult {
    const m = this.m;
    const shown = shownItems(this.items, this.answers);
    const answered = shown.filter((i) => this.answers.has(i.id)).length;
    return html`${this.progress(total, total)}
      <section class="r-card r-confirm">
        <h1 class="r-step-title" tabindex="-1">${m.confirmTitle}</h1>
        <p>${m.confirmText}</p>
        <p>${fill(m.answered, { n: num(answered, this.language), total: num(shown.length, this.language) })}</p>
        ${this.submitError ? html`<p class="r-error" role="alert">${m.sendFailed}</p>` : nothing}
        <div class="r-nav">
          <button type="button" class="r-button r-secondary" @click=${() => this.go(this.step - 1)}>${m.previous}</button>
          <button type="button" class="r-button" ?disabled=${this.submitting} aria-disabled=${this.submitting ? 'true' : 'false'} @click=${this.submit}>
            ${this.submitting ? m.sending : m.send}
          </button>
        </div>
      </section>
      ${this.saveStatus()}`;
  }

  private saveStatus(): TemplateResult {
    const text = this.m[this.saveState];
    const alarming = this.saveState === 'offline' || this.saveState === 'failed';
    return html`<p class="r-save ${alarming ? 'r-save-problem' : ''}">${text}</p>
      <p class="r-sr" role="status">${alarming ? text : ''}</p>`;
  }
}

customElements.define('rondo-survey', RondoSurvey);
