import { html, nothing } from 'lit';
import { withWords } from '../../study-words.js';
import { StaffView } from '../../staff-view.js';
import { failureMessage, put } from '../../api.js';
import { fill, m, num } from '../../i18n.js';
import type { Lang } from '../../../../model/values.js';
import type { LanguagesChanged } from '../../../../model/api/study-lifecycle.js';

const MESSAGES = {
  nl: {
    title: 'Talen',
    lead:
      'De talen waarin {participants} de vragenlijst kunnen invullen. U kunt een taal toevoegen, ' +
      'of er één weghalen zolang er geen teksten alleen in die taal bestaan.',
    which: 'Talen van het onderzoek',
    nl: 'Alleen Nederlands',
    both: 'Nederlands en Engels',
    en: 'Alleen Engels',
    defaultLanguage: 'Standaardtaal',
    dutch: 'Nederlands',
    english: 'Engels',
    save: 'Talen opslaan',
    saved: 'De talen zijn opgeslagen.',
    untranslated: 'De talen zijn opgeslagen. Nog {n} teksten te vertalen: vul ze in de vragenlijst en de gegevens in.',
    archived: 'Gearchiveerd: de talen kunnen niet worden gewijzigd.',
  },
  en: {
    title: 'Languages',
    lead:
      'The languages in which {participants} can answer the questionnaire. You can add a language, ' +
      'or remove one as long as no texts exist only in it.',
    which: 'Languages of the study',
    nl: 'Dutch only',
    both: 'Dutch and English',
    en: 'English only',
    defaultLanguage: 'Default language',
    dutch: 'Dutch',
    english: 'English',
    save: 'Save languages',
    saved: 'The languages have been saved.',
    untranslated: 'The languages have been saved. {n} texts still to translate: fill them in in the questionnaire and the details.',
    archived: 'Archived: the languages cannot be changed.',
  },
};

type Choice = 'nl' | 'both' | 'en';

/**
 * <rondo-study-languages>: changes a study's languages after creation (PUT /api/studies/:slug/languages).
 * A refusal (texts that exist only in the language being removed) is shown in the interface language.
 *
 * @fires rondo-study-changed - after the languages were saved (bubbles, composed)
 */
export class RondoStudyLanguages extends StaffView {
  static override properties = {
    slug: { type: String },
    languages: { attribute: false },
    defaultLanguage: { attribute: false },
    archived: { type: Boolean },
    choice: { state: true },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  slug = '';
  languages: Lang[] = ['nl'];
  defaultLanguage: Lang = 'nl';
  archived = false;
  choice: Choice | null = null;
  message = '';
  error = '';
  busy = false;

  private get current(): Choice {
    if (this.languages.length === 2) return 'both';
    return this.languages[0] === 'en' ? 'en' : 'nl';
  }

  private save = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const t = withWords(this.slug, m(MESSAGES));
    const form = e.target as HTMLFormElement;
    const choice = this.choice ?? this.current;
    const languages: Lang[] = choice === 'both' ? ['nl', 'en'] : [choice];
    const chosenDefault = (form.elements.namedItem('defaultLanguage') as HTMLSelectElement | null)?.value as Lang | undefined;
    this.message = '';
    this.error = '';
    this.busy = true;
    try {
      const r = await put<LanguagesChanged>(`/api/studies/${encodeURIComponent(this.slug)}/languages`, {
        languages,
        ...(choice === 'both' && chosenDefault ? { defaultLanguage: chosenDefault } : {}),
      });
      this.message = r.untranslated ? fill(t.untranslated, { n: num(r.untranslated) }) : t.saved;
      this.choice = null;
      this.dispatchEvent(new CustomEvent('rondo-study-changed', { bubbles: true, composed: true }));
    } catch (err) {
      this.error = failureMessage(err);
    }
    this.busy = false;
  };

  override render() {
    const t = withWords(this.slug, m(MESSAGES));
    const choice = this.choice ?? this.current;
    const option = (value: Choice) =>
      html`<label class="a-check"><input type="radio" name="languages" value=${value} .checked=${choice === value}
        ?disabled=${this.archived} @change=${() => (this.choice = value)}> ${t[value]}</label>`;
    return html`<section class="a-card" aria-labelledby="setup-languages">
      <h2 id="setup-languages">${t.title}</h2>
      <p class="a-muted a-small">${t.lead}</p>
      <form @submit=${this.save}>
        <fieldset class="a-fieldset">
          <legend>${t.which}</legend>
          ${option('nl')} ${option('both')} ${option('en')}
        </fieldset>
        ${
          choice === 'both'
            ? html`<div class="a-field"><label for="sl-default">${t.defaultLanguage}</label>
              <select id="sl-default" name="defaultLanguage" ?disabled=${this.archived}>
                <option value="nl" ?selected=${this.defaultLanguage === 'nl'}>${t.dutch}</option>
                <option value="en" ?selected=${this.defaultLanguage === 'en'}>${t.english}</option>
              </select></div>`
            : nothing
        }
        <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
        ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
        ${this.archived ? html`<p class="a-muted a-small">${t.archived}</p>` : nothing}
        <button type="submit" class="a-secondary" ?disabled=${this.archived || this.busy}>${t.save}</button>
      </form>
    </section>`;
  }
}
customElements.define('rondo-study-languages', RondoStudyLanguages);
