import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { ApiFailure, failureMessage, put } from '../api.js';
import { fill, lang, m } from '../i18n.js';
import { loadSession } from '../session.js';
import {
  DEFAULT_VOCABULARY,
  DUTCH_ARTICLES,
  type DutchArticle,
  guessDutchArticle,
  VOCABULARY_TERMS,
  VOCABULARY_WORD_MAX,
  type Vocabulary,
  type VocabularyIssue,
  type VocabularyTerm,
} from '../../../model/vocabulary.js';
import type { Lang } from '../../../model/i18n.js';

const MESSAGES = {
  nl: {
    title: 'Woorden van deze studie',
    lead:
      'Hoe dit onderzoek de dingen noemt die rondo telt. Deze woorden staan op de schermen, in grafiektitels, in de ' +
      'gegenereerde zinnen van de factsheet en in de exports. Laat beide vormen leeg voor het neutrale woord dat grijs staat.',
    one: 'Enkelvoud',
    many: 'Meervoud',
    article: 'Lidwoord',
    articleHint: 'Het lidwoord (de of het) bepaalt de woorden ervoor: "deze meting", maar "dit meetmoment".',
    langs: { nl: 'Nederlands', en: 'Engels' },
    save: 'Woorden opslaan',
    saved: 'De woorden zijn opgeslagen.',
    problems: 'Niet opgeslagen: {n} woorden kloppen niet. Er is niets veranderd.',
    problem: 'Niet opgeslagen: één woord klopt niet. Er is niets veranderd.',
    terms: {
      intervention: ['Wat wordt geëvalueerd', 'Bijvoorbeeld training, aanpak, werkwijze.'],
      tool: ['Instrumenten', 'Wat gebruikt wordt en waarvan u het gebruik meet: tool, instrument, interventie.'],
      partner: ['Partners', 'Met wie wordt samengewerkt: ketenpartner, organisatie, werkveld.'],
      round: ['Metingen', 'Een moment waarop de vragenlijst wordt ingevuld: meting, peiling, ronde.'],
      participant: ['Deelnemers', 'Wie de vragenlijst invult: deelnemer, professional, teamlid.'],
    },
  },
  en: {
    title: 'This study’s words',
    lead:
      'What this study calls the things rondo counts. These words appear on the screens, in chart titles, in the ' +
      'factsheet’s generated sentences and in the exports. Leave both forms empty for the neutral word shown in grey.',
    one: 'Singular',
    many: 'Plural',
    article: 'Dutch article',
    articleHint: 'The Dutch article (de or het) decides the words before the word: "deze meting" but "dit meetmoment".',
    langs: { nl: 'Dutch', en: 'English' },
    save: 'Save the words',
    saved: 'The words have been saved.',
    problems: 'Not saved: {n} words are not right. Nothing was changed.',
    problem: 'Not saved: one word is not right. Nothing was changed.',
    terms: {
      intervention: ['What is evaluated', 'For example training, approach, way of working.'],
      tool: ['Instruments', 'What is used and whose use you measure: tool, instrument, intervention.'],
      partner: ['Partners', 'Who people work with: chain partner, organisation, field.'],
      round: ['Rounds', 'A time the questionnaire is answered: round, survey, wave.'],
      participant: ['Participants', 'Who answers the questionnaire: participant, professional, team member.'],
    },
  },
};

/**
 * <rondo-vocabulary-form>: the set-up screen's form for the study's own words (issue 16): per
 * term and per study language a singular and a plural, the neutral default as placeholder, and
 * for Dutch the singular's article (de/het: "deze meting", "dit meetmoment"). Until the researcher
 * picks one, the article follows the word as it is typed (guessDutchArticle), so a word saved
 * before articles existed shows the article its texts use.
 * Saves the whole set with PUT /api/studies/:slug/vocabulary; a refused word is marked at its
 * field with the server's message in the interface language, and nothing is saved. After a
 * save the session is reloaded, so the navigation speaks the new words at once.
 *
 * Events: `rondo-vocabulary-saved` (bubbles, composed) after a successful save.
 */
export class RondoVocabularyForm extends StaffView {
  static override properties = {
    slug: {},
    vocabulary: { attribute: false },
    languages: { attribute: false },
    issues: { state: true },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
    typed: { state: true },
    chosen: { state: true },
  };
  slug = '';
  vocabulary: Vocabulary = {};
  languages: Lang[] = ['nl', 'en'];
  issues: VocabularyIssue[] = [];
  message = '';
  error = '';
  busy = false;
  /** The Dutch singulars as typed, and the articles the researcher picked, per term (until the next save). */
  typed: Partial<Record<VocabularyTerm, string>> = {};
  chosen: Partial<Record<VocabularyTerm, DutchArticle>> = {};

  /** The article shown for a term's Dutch word: picked, else saved with the word, else guessed from it, else the default's. */
  private article(which: VocabularyTerm): DutchArticle {
    const chosen = this.chosen[which];
    if (chosen) return chosen;
    const saved = this.vocabulary[which]?.nl;
    const word = (this.typed[which] ?? saved?.one ?? '').trim();
    if (saved?.article && word === saved.one) return saved.article;
    return word ? guessDutchArticle(word) : DEFAULT_VOCABULARY[which].nl.article;
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const vocabulary: Record<string, Record<string, { one: string; many: string; article?: DutchArticle }>> = {};
    for (const which of VOCABULARY_TERMS) {
      for (const l of this.languages) {
        const one = String(form.get(`${which}-${l}-one`) ?? '').trim();
        const many = String(form.get(`${which}-${l}-many`) ?? '').trim();
        if (one || many) (vocabulary[which] ??= {})[l] = l === 'nl' ? { one, many, article: this.article(which) } : { one, many };
      }
    }
    // Words of a language the study no longer has are kept, not silently dropped.
    for (const which of VOCABULARY_TERMS)
      for (const [l, forms] of Object.entries(this.vocabulary[which] ?? {}))
        if (!this.languages.includes(l as Lang) && forms) (vocabulary[which] ??= {})[l] = forms;
    this.issues = [];
    this.message = '';
    this.error = '';
    this.busy = true;
    try {
      const saved = await put<{ vocabulary: Vocabulary }>(`/api/studies/${encodeURIComponent(this.slug)}/vocabulary`, { vocabulary });
      this.vocabulary = saved.vocabulary;
      this.typed = {};
      this.chosen = {};
      this.message = m(MESSAGES).saved;
      await loadSession();
      this.dispatchEvent(new CustomEvent('rondo-vocabulary-saved', { bubbles: true, composed: true }));
    } catch (err) {
      const issues = err instanceof ApiFailure ? (err.details?.issues as VocabularyIssue[] | undefined) : undefined;
      if (issues?.length) {
        this.issues = issues;
        const t = m(MESSAGES);
        this.error = issues.length === 1 ? t.problem : fill(t.problems, { n: issues.length });
      } else this.error = failureMessage(err);
    }
    this.busy = false;
    await this.updateComplete;
    this.querySelector<HTMLElement>(this.error ? '#vf-status [role=alert]' : '#vf-status')?.focus();
  }

  private issueAt(which: VocabularyTerm, l: Lang, form: 'one' | 'many'): VocabularyIssue | undefined {
    const path = `/${which}/${l}/${form}`;
    return this.issues.find((i) => i.path === path);
  }

  private field(which: VocabularyTerm, l: Lang, form: 'one' | 'many') {
    const t = m(MESSAGES);
    const id = `vf-${which}-${l}-${form}`;
    const issue = this.issueAt(which, l, form);
    return html`<div class="a-field">
      <label for=${id}>${t[form]}${this.languages.length > 1 ? html` <span class="a-muted">(${t.langs[l]})</span>` : nothing}</label>
      <input id=${id} name="${which}-${l}-${form}" lang=${l} maxlength=${VOCABULARY_WORD_MAX} autocomplete="off"
        .value=${this.vocabulary[which]?.[l]?.[form] ?? ''} placeholder=${DEFAULT_VOCABULARY[which][l][form]}
        @input=${l === 'nl' && form === 'one' ? (e: InputEvent) => this.typeDutch(which, e) : nothing}
        aria-describedby="vf-${which}-hint${issue ? ` ${id}-error` : ''}" aria-invalid=${issue ? 'true' : 'false'}>
      ${issue ? html`<p class="a-alert a-alert--error a-small" id="${id}-error">${issue[lang()]}</p>` : nothing}
    </div>`;
  }

  /** A language's fields of one term: for Dutch the article, then the singular and the plural. */
  private pair(which: VocabularyTerm, l: Lang) {
    if (l !== 'nl') return html`<div class="a-pair">${this.field(which, l, 'one')}${this.field(which, l, 'many')}</div>`;
    return html`<div class="a-pair vf-with-article">
      ${this.articleField(which)}${this.field(which, l, 'one')}${this.field(which, l, 'many')}
    </div>`;
  }

  private typeDutch(which: VocabularyTerm, e: InputEvent): void {
    this.typed = { ...this.typed, [which]: (e.target as HTMLInputElement).value };
  }

  /** The Dutch singular's article: a choice of two, shown with the Dutch fields only. */
  private articleField(which: VocabularyTerm) {
    const t = m(MESSAGES);
    const id = `vf-${which}-nl-article`;
    const issue = this.issues.find((i) => i.path === `/${which}/nl/article`);
    const current = this.article(which);
    return html`<div class="a-field vf-article">
      <label for=${id}>${t.article}</label>
      <select id=${id} name="${which}-nl-article" aria-describedby="vf-article-hint${issue ? ` ${id}-error` : ''}"
        @change=${(e: Event) => (this.chosen = { ...this.chosen, [which]: (e.target as HTMLSelectElement).value as DutchArticle })}>
        ${DUTCH_ARTICLES.map((a) => html`<option value=${a} lang="nl" ?selected=${a === current}>${a}</option>`)}
      </select>
      ${issue ? html`<p class="a-alert a-alert--error a-small" id="${id}-error">${issue[lang()]}</p>` : nothing}
    </div>`;
  }

  override render() {
    const t = m(MESSAGES);
    // Issues not at a field (an unknown term sent by a script) are listed above the form.
    const loose = this.issues.filter((i) => !/^\/[a-z]+\/(nl|en)\/(one|many)$|^\/[a-z]+\/nl\/article$/.test(i.path));
    return html`<section class="a-card" aria-labelledby="vf-title">
      <h2 id="vf-title">${t.title}</h2>
      <p class="a-muted a-small">${t.lead}</p>
      ${this.languages.includes('nl') ? html`<p class="a-muted a-small" id="vf-article-hint">${t.articleHint}</p>` : nothing}
      <div id="vf-status" tabindex="-1" role="status">
        ${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}
      </div>
      ${
        this.error
          ? html`<div class="a-alert a-alert--error" role="alert" tabindex="-1"><p>${this.error}</p>
            ${loose.length ? html`<ul>${loose.map((i) => html`<li>${i[lang()]}</li>`)}</ul>` : nothing}</div>`
          : nothing
      }
      <form @submit=${this.save} novalidate>
        ${VOCABULARY_TERMS.map(
          (which) => html`<fieldset class="a-fieldset vf-term">
            <legend>${t.terms[which][0]}</legend>
            <p class="a-hint" id="vf-${which}-hint">${t.terms[which][1]}</p>
            ${this.languages.map((l) => this.pair(which, l))}
          </fieldset>`,
        )}
        <button type="submit" class="a-primary" ?disabled=${this.busy}>${t.save}</button>
      </form>
    </section>`;
  }
}
customElements.define('rondo-vocabulary-form', RondoVocabularyForm);
