import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { ApiFailure, ERROR_TEXT, get, post, patch, put, del } from '../api.js';
import { fill, m, tx, type LocalText } from '../i18n.js';
import { dashStyles } from '../../dash/styles.js';
import type {
  AnswersResponse,
  CheckTextResponse,
  OpenAnswer,
  OpenQuestion,
  OpenQuestionsResponse,
  ThemeSummary,
} from '../../../model/api/open-answers.js';
import type { IdentifyingHit, IdentifyingKind } from '../../../analysis/open/identifying.js';

await dashStyles();

type Question = OpenQuestion;
type Theme = ThemeSummary;
type Answer = OpenAnswer;

interface Draft {
  text: string;
  roleLabel: string;
  warnings: IdentifyingHit[];
}

const MESSAGES = {
  nl: {
    title: 'Open antwoorden',
    lead: 'Lees de antwoorden per vraag en {roundWord}, codeer ze met thema’s en kies citaten. Een citaat verschijnt pas in een factsheet als u een ingekorte, geanonimiseerde versie goedkeurt; het oorspronkelijke antwoord blijft alleen voor onderzoekers zichtbaar.',
    questions: 'Vragen',
    answers: '{n} antwoorden',
    round: '{RoundWord}',
    allRounds: 'Alle {roundWords}',
    search: 'Zoeken in antwoorden',
    searchBtn: 'Zoek',
    clear: 'Wis',
    none: 'Geen antwoorden gevonden.',
    noQuestions: 'Deze vragenlijst heeft geen open vragen.',
    shown: '{n} antwoorden getoond',
    themes: 'Thema’s',
    themesLead: 'Aantal gecodeerde antwoorden per {roundWord}.',
    newTheme: 'Nieuw thema',
    add: 'Toevoegen',
    rename: 'Hernoemen',
    save: 'Opslaan',
    cancel: 'Annuleren',
    merge: 'Samenvoegen met…',
    mergeInto: 'Voeg “{name}” samen met',
    mergeBtn: 'Samenvoegen',
    noThemes: 'Nog geen thema’s. Maak er een aan en vink het aan bij de antwoorden.',
    codeWith: 'Thema’s bij dit antwoord',
    quote: 'Kies als citaat',
    excerpt: 'Citaat (ingekort en geanonimiseerd)',
    roleLabel: 'Toegeschreven aan (alleen een rol)',
    saveDraft: 'Bewaar als concept',
    approve: 'Keur goed',
    withdraw: 'Trek goedkeuring in',
    remove: 'Verwijder citaat',
    approved: 'Goedgekeurd citaat',
    draft: 'Concept-citaat',
    anonymous: 'anoniem',
    savedCode: 'Thema’s opgeslagen.',
    savedExcerpt: 'Citaat opgeslagen.',
    approvedDone: 'Citaat goedgekeurd.',
    removedExcerpt: 'Citaat verwijderd.',
    created: 'Thema “{name}” toegevoegd.',
    renamed: 'Thema hernoemd.',
    merged: 'Thema’s samengevoegd.',
    pii: 'Mogelijk herleidbaar: {what}. Haal dit weg voordat u het citaat goedkeurt.',
    piiAnswer: 'Dit antwoord bevat mogelijk herleidbare gegevens: {what}.',
    kinds: { email: 'e-mailadres', phone: 'telefoonnummer', postcode: 'postcode', organisation: 'organisatienaam', name: 'naam' } as Record<
      IdentifyingKind,
      string
    >,
    conflict: 'Er bestaat al een thema met deze naam.',
    edit: 'Bewerken',
    themeName: 'Naam van het thema',
    original: 'Oorspronkelijk antwoord',
  },
  en: {
    title: 'Open answers',
    lead: 'Read the answers per question and {roundWord}, code them with themes and choose quotes. A quote appears in a factsheet only once you approve a shortened, anonymised version; the original answer stays visible to researchers only.',
    questions: 'Questions',
    answers: '{n} answers',
    round: '{RoundWord}',
    allRounds: 'All {roundWords}',
    search: 'Search the answers',
    searchBtn: 'Search',
    clear: 'Clear',
    none: 'No answers found.',
    noQuestions: 'This questionnaire has no open questions.',
    shown: '{n} answers shown',
    themes: 'Themes',
    themesLead: 'Coded answers per {roundWord}.',
    newTheme: 'New theme',
    add: 'Add',
    rename: 'Rename',
    save: 'Save',
    cancel: 'Cancel',
    merge: 'Merge into…',
    mergeInto: 'Merge “{name}” into',
    mergeBtn: 'Merge',
    noThemes: 'No themes yet. Create one and tick it at the answers.',
    codeWith: 'Themes of this answer',
    quote: 'Choose as quote',
    excerpt: 'Quote (shortened and anonymised)',
    roleLabel: 'Attributed to (a role only)',
    saveDraft: 'Save as draft',
    approve: 'Approve',
    withdraw: 'Withdraw approval',
    remove: 'Remove quote',
    approved: 'Approved quote',
    draft: 'Draft quote',
    anonymous: 'anonymous',
    savedCode: 'Themes saved.',
    savedExcerpt: 'Quote saved.',
    approvedDone: 'Quote approved.',
    removedExcerpt: 'Quote removed.',
    created: 'Theme “{name}” added.',
    renamed: 'Theme renamed.',
    merged: 'Themes merged.',
    pii: 'Possibly identifying: {what}. Remove it before approving the quote.',
    piiAnswer: 'This answer may contain identifying information: {what}.',
    kinds: {
      email: 'e-mail address',
      phone: 'phone number',
      postcode: 'postcode',
      organisation: 'organisation name',
      name: 'name',
    } as Record<IdentifyingKind, string>,
    conflict: 'A theme with this name exists already.',
    edit: 'Edit',
    themeName: 'Theme name',
    original: 'Original answer',
  },
};

/**
 * <rondo-dash-open-view>: open answers, for researchers only (the API refuses everyone else):
 * per question and round, search, coding with themes (create, rename, merge; counts per
 * theme per round), and quote candidates with an approved excerpt in quote_excerpt. Answers
 * and excerpts that look identifying get a warning. The question, round and search are in
 * the address. Respondent text is rendered as text (Lit bindings), never as HTML.
 */
export class RondoDashOpenView extends StaffView {
  static override properties = {
    params: { attribute: false },
    questions: { state: true },
    rounds: { state: true },
    themes: { state: true },
    answers: { state: true },
    drafts: { state: true },
    renaming: { state: true },
    merging: { state: true },
    status: { state: true },
    error: { state: true },
  };
  params: Record<string, string> = {};
  questions: Question[] | null = null;
  rounds: { key: string; label: LocalText }[] = [];
  themes: Theme[] = [];
  answers: Answer[] | null = null;
  drafts = new Map<number, Draft>();
  renaming: number | null = null;
  merging: number | null = null;
  status = '';
  error = '';
  private checkTimer: ReturnType<typeof setTimeout> | undefined;

  private get base(): string {
    return `/api/studies/${encodeURIComponent(this.params.slug)}`;
  }
  private state(): { question: string; round: string; search: string } {
    const q = new URLSearchParams(location.search);
    return { question: q.get('question') ?? this.questions?.[0]?.item ?? '', round: q.get('round') ?? '', search: q.get('search') ?? '' };
  }
  private setState(next: Partial<{ question: string; round: string; search: string }>): void {
    const s = { ...this.state(), ...next };
    const q = new URLSearchParams();
    if (s.question) q.set('question', s.question);
    if (s.round) q.set('round', s.round);
    if (s.search) q.set('search', s.search);
    history.pushState(null, '', `${location.pathname}?${q}`);
    void this.loadAnswers();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPop);
    void this.start();
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPop);
  }
  private readonly onPop = () => void this.loadAnswers();

  private fail(err: unknown): void {
    const code = err instanceof ApiFailure ? err.code : 'INTERNAL';
    this.error = code === 'CONFLICT' ? withWords(this.params.slug, m(MESSAGES)).conflict : m(ERROR_TEXT[code] ?? ERROR_TEXT.INTERNAL);
    this.status = '';
  }
  private say(text: string): void {
    this.status = text;
    this.error = '';
  }

  private async start(): Promise<void> {
    try {
      const r = await get<OpenQuestionsResponse>(`${this.base}/open-answers`);
      this.rounds = r.rounds;
      this.questions = r.questions;
      await this.loadAnswers();
    } catch (err) {
      this.questions = [];
      this.fail(err);
    }
  }

  private async loadAnswers(): Promise<void> {
    const s = this.state();
    if (!s.question) return;
    const q = new URLSearchParams();
    if (s.round) q.set('round', s.round);
    if (s.search) q.set('q', s.search);
    try {
      const r = await get<AnswersResponse>(`${this.base}/open-answers/${encodeURIComponent(s.question)}?${q}`);
      this.themes = r.themes;
      this.answers = r.answers;
    } catch (err) {
      this.fail(err);
    }
  }

  private async refreshThemes(): Promise<void> {
    await this.loadAnswers();
  }

  private kinds(hits: IdentifyingHit[]): string {
    const t = withWords(this.params.slug, m(MESSAGES));
    return [...new Set(hits.map((h) => t.kinds[h.kind]))]
      .map((k, i, all) => (i === 0 ? k : i === all.length - 1 ? `${m({ nl: ' en ', en: ' and ' })}${k}` : `, ${k}`))
      .join('');
  }

  private async code(a: Answer, theme: number, on: boolean): Promise<void> {
    const themes = on ? [...new Set([...a.themes, theme])] : a.themes.filter((x) => x !== theme);
    try {
      await put(`${this.base}/open-answers/${encodeURIComponent(this.state().question)}/answers/${a.responseId}/themes`, { themes });
      this.say(withWords(this.params.slug, m(MESSAGES)).savedCode);
      await this.refreshThemes();
    } catch (err) {
      this.fail(err);
    }
  }

  private startQuote(a: Answer): void {
    const next = new Map(this.drafts);
    next.set(a.responseId, {
      text: a.excerpt?.text ?? a.text,
      roleLabel: a.excerpt?.roleLabel ?? 'professional',
      warnings: a.excerpt?.warnings ?? a.warnings,
    });
    this.drafts = next;
  }

  private editDraft(a: Answer, patchDraft: Partial<Draft>): void {
    const d = this.drafts.get(a.responseId);
    if (!d) return;
    const next = new Map(this.drafts);
    next.set(a.responseId, { ...d, ...patchDraft });
    this.drafts = next;
    if (patchDraft.text !== undefined) {
      clearTimeout(this.checkTimer);
      const text = patchDraft.text;
      this.checkTimer = setTimeout(async () => {
        try {
          const r = await post<CheckTextResponse>(`${this.base}/open-answers-check`, { text });
          const cur = this.drafts.get(a.responseId);
          if (cur && cur.text === text) {
            const again = new Map(this.drafts);
            again.set(a.responseId, { ...cur, warnings: r.warnings });
            this.drafts = again;
          }
        } catch {
          /* the check is advisory; saving checks again */
        }
      }, 300);
    }
  }

  private async saveExcerpt(a: Answer, approved: boolean): Promise<void> {
    const d = this.drafts.get(a.responseId) ?? (a.excerpt ? { text: a.excerpt.text, roleLabel: a.excerpt.roleLabel, warnings: [] } : null);
    if (!d || !d.text.trim()) return;
    try {
      await put(`${this.base}/open-answers/${encodeURIComponent(this.state().question)}/answers/${a.responseId}/excerpt`, {
        text: d.text,
        roleLabel: d.roleLabel || 'professional',
        approved,
      });
      const next = new Map(this.drafts);
      next.delete(a.responseId);
      this.drafts = next;
      this.say(approved ? withWords(this.params.slug, m(MESSAGES)).approvedDone : withWords(this.params.slug, m(MESSAGES)).savedExcerpt);
      await this.loadAnswers();
    } catch (err) {
      this.fail(err);
    }
  }

  private async removeExcerpt(a: Answer): Promise<void> {
    try {
      await del(`${this.base}/open-answers/${encodeURIComponent(this.state().question)}/answers/${a.responseId}/excerpt`);
      const next = new Map(this.drafts);
      next.delete(a.responseId);
      this.drafts = next;
      this.say(withWords(this.params.slug, m(MESSAGES)).removedExcerpt);
      await this.loadAnswers();
    } catch (err) {
      this.fail(err);
    }
  }

  private async createTheme(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const input = form.querySelector('input')!;
    const name = input.value.trim();
    if (!name) return;
    try {
      await post(`${this.base}/open-answers/${encodeURIComponent(this.state().question)}/themes`, { name });
      input.value = '';
      this.say(fill(withWords(this.params.slug, m(MESSAGES)).created, { name }));
      await this.refreshThemes();
    } catch (err) {
      this.fail(err);
    }
  }

  private async renameTheme(e: Event, theme: Theme): Promise<void> {
    e.preventDefault();
    const name = (e.target as HTMLFormElement).querySelector('input')!.value.trim();
    if (!name) return;
    try {
      await patch(`${this.base}/open-answers/${encodeURIComponent(this.state().question)}/themes/${theme.id}`, { name });
      this.renaming = null;
      this.say(withWords(this.params.slug, m(MESSAGES)).renamed);
      await this.refreshThemes();
    } catch (err) {
      this.fail(err);
    }
  }

  private async mergeTheme(e: Event, theme: Theme): Promise<void> {
    e.preventDefault();
    const into = Number((e.target as HTMLFormElement).querySelector('select')!.value);
    if (!into) return;
    try {
      await post(`${this.base}/open-answers/${encodeURIComponent(this.state().question)}/themes/${theme.id}/merge`, { into });
      this.merging = null;
      this.say(withWords(this.params.slug, m(MESSAGES)).merged);
      await this.refreshThemes();
    } catch (err) {
      this.fail(err);
    }
  }

  private roundLabel(key: string): string {
    return tx(this.rounds.find((r) => r.key === key)?.label) || key;
  }

  private renderThemes() {
    const t = withWords(this.params.slug, m(MESSAGES));
    return html`<aside class="a-card" aria-labelledby="d-op-themes">
      <h2 id="d-op-themes">${t.themes}</h2>
      ${this.themes.length ? html`<p class="a-muted a-small">${t.themesLead}</p>` : html`<p class="a-muted">${t.noThemes}</p>`}
      <ul class="d-theme-list">
        ${this.themes.map(
          (th) => html`<li>
            ${
              this.renaming === th.id
                ? html`<form class="d-inline-form" @submit=${(e: Event) => this.renameTheme(e, th)}>
                  <div class="a-field"><label for=${`d-rn-${th.id}`}>${t.themeName}</label><input id=${`d-rn-${th.id}`} .value=${th.name} maxlength="80" required /></div>
                  <button type="submit" class="a-primary">${t.save}</button><button type="button" class="a-quiet" @click=${() => (this.renaming = null)}>${t.cancel}</button>
                </form>`
                : html`<div class="d-theme-row">
                  <strong>${th.name}</strong>
                  <span>
                    <button type="button" class="a-quiet" aria-label=${`${t.rename}: ${th.name}`} @click=${() => ((this.renaming = th.id), (this.merging = null))}>${t.rename}</button>
                    ${this.themes.length > 1 ? html`<button type="button" class="a-quiet" aria-label=${`${t.merge} ${th.name}`} @click=${() => ((this.merging = th.id), (this.renaming = null))}>${t.merge}</button>` : nothing}
                  </span>
                </div>`
            }
            <div class="d-theme-counts">${th.counts
              .filter((c) => c.count > 0 || this.rounds.length <= 3)
              .map((c) => `${this.roundLabel(c.round)}: ${c.count}`)
              .join(' · ')} · Σ ${th.total}</div>
            ${
              this.merging === th.id
                ? html`<form class="d-inline-form" @submit=${(e: Event) => this.mergeTheme(e, th)}>
                  <div class="a-field"><label for=${`d-mg-${th.id}`}>${fill(t.mergeInto, { name: th.name })}</label>
                    <select id=${`d-mg-${th.id}`}>${this.themes.filter((x) => x.id !== th.id).map((x) => html`<option value=${x.id}>${x.name}</option>`)}</select></div>
                  <button type="submit" class="a-primary">${t.mergeBtn}</button><button type="button" class="a-quiet" @click=${() => (this.merging = null)}>${t.cancel}</button>
                </form>`
                : nothing
            }
          </li>`,
        )}
      </ul>
      <form class="d-inline-form" @submit=${(e: Event) => this.createTheme(e)}>
        <div class="a-field"><label for="d-op-new">${t.newTheme}</label><input id="d-op-new" maxlength="80" autocomplete="off" /></div>
        <button type="submit" class="a-secondary">${t.add}</button>
      </form>
    </aside>`;
  }

  private renderAnswer(a: Answer) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const d = this.drafts.get(a.responseId);
    const id = `d-ans-${a.responseId}`;
    return html`<li class="d-answer" aria-labelledby=${`${id}-meta`}>
      <p class="d-answer-meta" id=${`${id}-meta`}><span class="a-badge">${this.roundLabel(a.round)}</span><span>${a.role || t.anonymous}</span>
        ${a.excerpt ? html`<span class="a-badge ${a.excerpt.approved ? '' : 'a-badge--warn'}">${a.excerpt.approved ? t.approved : t.draft}</span>` : nothing}</p>
      <p class="d-answer-text">${a.text}</p>
      ${a.warnings.length ? html`<p class="a-alert a-alert--warn d-pii">${fill(t.piiAnswer, { what: this.kinds(a.warnings) })}</p>` : nothing}
      ${
        this.themes.length
          ? html`<fieldset class="d-themes-set"><legend class="a-sr">${t.codeWith}</legend><div class="d-themes">
            ${this.themes.map((th) => html`<label class="d-chip"><input type="checkbox" .checked=${a.themes.includes(th.id)} @change=${(e: Event) => this.code(a, th.id, (e.target as HTMLInputElement).checked)} />${th.name}</label>`)}
          </div></fieldset>`
          : nothing
      }
      ${
        d
          ? html`<div class="d-excerpt">
            <div class="a-field"><label for=${`${id}-x`}>${t.excerpt}</label>
              <textarea id=${`${id}-x`} .value=${d.text} maxlength="2000" aria-describedby=${`${id}-pii`} @input=${(e: Event) => this.editDraft(a, { text: (e.target as HTMLTextAreaElement).value })}></textarea></div>
            <div id=${`${id}-pii`} aria-live="polite">${d.warnings.length ? html`<p class="a-alert a-alert--warn d-pii">${fill(t.pii, { what: this.kinds(d.warnings) })}</p>` : nothing}</div>
            <div class="a-field"><label for=${`${id}-r`}>${t.roleLabel}</label><input id=${`${id}-r`} .value=${d.roleLabel} maxlength="80" @input=${(e: Event) => this.editDraft(a, { roleLabel: (e.target as HTMLInputElement).value })} /></div>
            <div class="a-row">
              <button type="button" class="a-primary" data-action="approve" @click=${() => this.saveExcerpt(a, true)}>${t.approve}</button>
              <button type="button" class="a-secondary" @click=${() => this.saveExcerpt(a, false)}>${t.saveDraft}</button>
              <button type="button" class="a-quiet" @click=${() => {
                const n = new Map(this.drafts);
                n.delete(a.responseId);
                this.drafts = n;
              }}>${t.cancel}</button>
            </div>
          </div>`
          : a.excerpt
            ? html`<div class="d-excerpt">
              <p class="a-small a-muted">${t.excerpt}</p>
              <blockquote class="d-quote" data-test="excerpt">${a.excerpt.text}</blockquote>
              ${a.excerpt.warnings.length ? html`<p class="a-alert a-alert--warn d-pii">${fill(t.pii, { what: this.kinds(a.excerpt.warnings) })}</p>` : nothing}
              <div class="a-row">
                <button type="button" class="a-quiet" @click=${() => this.startQuote(a)}>${t.edit}</button>
                ${a.excerpt.approved ? html`<button type="button" class="a-quiet" @click=${() => this.saveExcerpt(a, false)}>${t.withdraw}</button>` : html`<button type="button" class="a-quiet" @click=${() => this.saveExcerpt(a, true)}>${t.approve}</button>`}
                <button type="button" class="a-quiet" @click=${() => this.removeExcerpt(a)}>${t.remove}</button>
              </div>
            </div>`
            : html`<button type="button" class="a-quiet" data-action="quote" @click=${() => this.startQuote(a)}>${t.quote}</button>`
      }
    </li>`;
  }

  override render() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const s = this.state();
    const qs = this.questions;
    return html`<h1>${t.title}</h1>
      <p class="a-lead">${t.lead}</p>
      <p class="a-sr" role="status">${this.status}</p>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${this.status ? html`<p class="d-status" aria-hidden="true">${this.status}</p>` : nothing}
      ${
        !qs
          ? html`<p class="a-loading" role="status">${m({ nl: 'Laden…', en: 'Loading…' })}</p>`
          : !qs.length
            ? html`<p class="a-alert a-alert--info">${t.noQuestions}</p>`
            : html`<section aria-labelledby="d-op-q">
                <h2 id="d-op-q" class="a-sr">${t.questions}</h2>
                <ul class="d-questions">
                  ${qs.map(
                    (
                      q,
                    ) => html`<li><button type="button" aria-pressed=${q.item === s.question ? 'true' : 'false'} @click=${() => this.setState({ question: q.item, search: '' })}>
                      ${tx(q.text)} <span class="a-muted a-small">(${fill(t.answers, { n: q.answered.reduce((x, c) => x + c.count, 0) })})</span></button></li>`,
                  )}
                </ul>
              </section>
              <form class="d-toolbar" role="search" @submit=${(e: Event) => {
                e.preventDefault();
                this.setState({ search: ((e.target as HTMLFormElement).querySelector('#d-op-search') as HTMLInputElement).value.trim() });
              }}>
                <div class="a-field"><label for="d-op-round">${t.round}</label>
                  <select id="d-op-round" @change=${(e: Event) => this.setState({ round: (e.target as HTMLSelectElement).value })}>
                    <option value="" ?selected=${!s.round}>${t.allRounds}</option>
                    ${this.rounds.map((r) => html`<option value=${r.key} ?selected=${s.round === r.key}>${tx(r.label)} (${qs.find((q) => q.item === s.question)?.answered.find((c) => c.round === r.key)?.count ?? 0})</option>`)}
                  </select></div>
                <div class="a-field"><label for="d-op-search">${t.search}</label><input id="d-op-search" type="search" .value=${s.search} /></div>
                <button type="submit" class="a-secondary">${t.searchBtn}</button>
                ${s.search ? html`<button type="button" class="a-quiet" @click=${() => this.setState({ search: '' })}>${t.clear}</button>` : nothing}
              </form>
              <div class="d-open">
                ${this.renderThemes()}
                <section aria-labelledby="d-op-list">
                  <h2 id="d-op-list">${tx(qs.find((q) => q.item === s.question)?.text)}</h2>
                  ${
                    this.answers === null
                      ? nothing
                      : this.answers.length
                        ? html`<p class="a-muted a-small">${fill(t.shown, { n: this.answers.length })}</p><ul class="d-answers">${this.answers.map((a) => this.renderAnswer(a))}</ul>`
                        : html`<p class="a-muted">${t.none}</p>`
                  }
                </section>
              </div>`
      }`;
  }
}
customElements.define('rondo-dash-open-view', RondoDashOpenView);
