import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { type ApiFailure, failureMessage, post } from '../api.js';
import { m } from '../i18n.js';
import { navigate } from '../router.js';
import type { ProgrammeDetail } from '../../../model/api/programmes.js';

const MESSAGES = {
  nl: {
    title: 'Nieuw programma',
    lead:
      'Een programma zet de netwerken van een regio naast elkaar. ' +
      'U wordt de coördinator: daarna voegt u netwerken en regiovertegenwoordigers toe.',
    slug: 'Korte naam (in het webadres)',
    slugHint: 'Kleine letters, cijfers en streepjes, bijvoorbeeld regio-noord-limburg.',
    titleNl: 'Titel (Nederlands)',
    titleEn: 'Titel (Engels, optioneel)',
    descriptionNl: 'Beschrijving (Nederlands, optioneel)',
    descriptionEn: 'Beschrijving (Engels, optioneel)',
    create: 'Programma aanmaken',
    cancel: 'Annuleren',
    busy: 'Bezig met aanmaken…',
  },
  en: {
    title: 'New programme',
    lead:
      "A programme puts a region's networks side by side. " +
      'You become its coordinator: then you add networks and regional representatives.',
    slug: 'Short name (in the web address)',
    slugHint: 'Lower-case letters, digits and hyphens, for example region-north-limburg.',
    titleNl: 'Title (Dutch)',
    titleEn: 'Title (English, optional)',
    descriptionNl: 'Description (Dutch, optional)',
    descriptionEn: 'Description (English, optional)',
    create: 'Create programme',
    cancel: 'Cancel',
    busy: 'Creating…',
  },
};

type Field = 'slug' | 'title';

/**
 * <rondo-programme-create>: the form on "Mijn onderzoeken" with which a researcher (or an admin) starts a
 * programme (issue 17, regional) and becomes its coordinator. The server checks everything; its refusal (a
 * short name that is taken or not valid, no Dutch title) is shown next to the field it concerns, in the
 * interface language. On success it goes to the new programme's screen; `cancel` asks the list to close it.
 */
export class RondoProgrammeCreate extends StaffView {
  static override properties = { errors: { state: true }, error: { state: true }, busy: { state: true } };
  /** The refusal per field (from `details.field`); a refusal without a field goes to `error`. */
  errors: Partial<Record<Field, string>> = {};
  error: string | null = null;
  busy = false;

  override firstUpdated(): void {
    (this.querySelector('#pc-slug') as HTMLInputElement | null)?.focus();
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const v = (name: string) => String(form.get(name) ?? '').trim();
    const slug = v('slug');
    this.errors = {};
    this.error = null;
    this.busy = true;
    try {
      const body = {
        slug,
        title: { nl: v('titleNl'), ...(v('titleEn') ? { en: v('titleEn') } : {}) },
        ...(v('descriptionNl') || v('descriptionEn') ? { description: { nl: v('descriptionNl'), en: v('descriptionEn') } } : {}),
      };
      const created = await post<ProgrammeDetail>('/api/programmes', body);
      navigate(`/app/programmes/${encodeURIComponent(created.programme.slug)}`);
    } catch (err) {
      const field = (err as ApiFailure).details?.field as Field | undefined;
      if (field === 'slug' || field === 'title') this.errors = { [field]: failureMessage(err) };
      else this.error = failureMessage(err);
      await this.updateComplete;
      (this.querySelector(field === 'title' ? '#pc-title-nl' : '#pc-slug') as HTMLInputElement | null)?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = m(MESSAGES);
    const problem = (field: Field, id: string) =>
      this.errors[field] ? html`<p id=${id} class="a-alert a-alert--error" role="alert">${this.errors[field]}</p>` : nothing;
    const described = (hint: string, field: Field, id: string) => (this.errors[field] ? `${hint} ${id}`.trim() : hint || nothing);
    return html`<section class="a-card" aria-labelledby="pc-heading">
      <h2 id="pc-heading">${t.title}</h2>
      <p class="a-muted a-small">${t.lead}</p>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      <form @submit=${this.submit} novalidate>
        <div class="a-field">
          <label for="pc-slug">${t.slug}</label>
          <input id="pc-slug" name="slug" maxlength="64" autocomplete="off" spellcheck="false" autocapitalize="none"
            aria-describedby=${described('pc-slug-hint', 'slug', 'pc-slug-error')} aria-invalid=${this.errors.slug ? 'true' : 'false'}>
          <p id="pc-slug-hint" class="a-hint">${t.slugHint}</p>
          ${problem('slug', 'pc-slug-error')}
        </div>
        <div class="a-row a-programme-titles">
          <div class="a-field">
            <label for="pc-title-nl">${t.titleNl}</label>
            <input id="pc-title-nl" name="titleNl" maxlength="200" lang="nl"
              aria-describedby=${described('', 'title', 'pc-title-nl-error')} aria-invalid=${this.errors.title ? 'true' : 'false'}>
            ${problem('title', 'pc-title-nl-error')}
          </div>
          <div class="a-field">
            <label for="pc-title-en">${t.titleEn}</label>
            <input id="pc-title-en" name="titleEn" maxlength="200" lang="en">
          </div>
        </div>
        <div class="a-field">
          <label for="pc-description-nl">${t.descriptionNl}</label>
          <textarea id="pc-description-nl" name="descriptionNl" rows="3" maxlength="2000" lang="nl"></textarea>
        </div>
        <div class="a-field">
          <label for="pc-description-en">${t.descriptionEn}</label>
          <textarea id="pc-description-en" name="descriptionEn" rows="3" maxlength="2000" lang="en"></textarea>
        </div>
        <div class="a-row">
          <button type="submit" ?disabled=${this.busy}>${t.create}</button>
          <button type="button" class="a-secondary" @click=${() => this.dispatchEvent(new CustomEvent('cancel'))}>${t.cancel}</button>
          <span role="status" class="a-muted">${this.busy ? t.busy : ''}</span>
        </div>
      </form>
    </section>`;
  }
}
customElements.define('rondo-programme-create', RondoProgrammeCreate);
