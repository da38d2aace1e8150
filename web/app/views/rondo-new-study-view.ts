import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { get, post, errorText, failureMessage } from '../api.js';
import { m, tx } from '../i18n.js';
import { loadSession, session } from '../session.js';
import { navigate } from '../router.js';
import type { CreatedStudy, TemplatesResponse } from '../../../model/api/setup.js';

type Template = TemplatesResponse['templates'][number];

const MESSAGES = {
  nl: {
    title: 'Nieuw onderzoek',
    lead: 'Geef het onderzoek een naam en kies waarmee u begint. Alles is daarna nog aan te passen.',
    titleNl: 'Titel (Nederlands)',
    titleEn: 'Titel (Engels)',
    titleHint: 'Bijvoorbeeld: 1000 Kansen — IMH-training 2026',
    organisation: 'Organisatie',
    orgHint: 'Wie voert het onderzoek uit, bijv. GGD Limburg-Noord',
    start: 'Beginnen met',
    copy: 'Kopie van een ander onderzoek',
    copyDesc:
      'De metingen, ketenpartners, tools en vragenlijst van een onderzoek waarin u onderzoeker bent. Deelnemers en antwoorden worden niet gekopieerd.',
    copyFrom: 'Welk onderzoek?',
    languages: 'Talen van de vragenlijst',
    both: 'Nederlands en Engels',
    nlOnly: 'Alleen Nederlands',
    create: 'Onderzoek aanmaken',
    busy: 'Bezig…',
    cancel: 'Annuleren',
    needTitle: 'Geef het onderzoek een titel.',
    needOrg: 'Vul de organisatie in.',
  },
  en: {
    title: 'New study',
    lead: 'Name the study and choose what to start from. Everything can be changed afterwards.',
    titleNl: 'Title (Dutch)',
    titleEn: 'Title (English)',
    titleHint: 'For example: 1000 Kansen — IMH training 2026',
    organisation: 'Organisation',
    orgHint: 'Who runs the study, e.g. GGD Limburg-Noord',
    start: 'Start from',
    copy: 'Copy of another study',
    copyDesc:
      'The rounds, chain partners, tools and questionnaire of a study in which you are a researcher. Participants and answers are not copied.',
    copyFrom: 'Which study?',
    languages: 'Questionnaire languages',
    both: 'Dutch and English',
    nlOnly: 'Dutch only',
    create: 'Create study',
    busy: 'Working…',
    cancel: 'Cancel',
    needTitle: 'Give the study a title.',
    needOrg: 'Enter the organisation.',
  },
};

/** <rondo-new-study-view>: a new study from a template (IMH training, blank) or as a copy of one's own study. */
export class RondoNewStudyView extends StaffView {
  static override properties = {
    templates: { state: true },
    source: { state: true },
    error: { state: true },
    busy: { state: true },
    field: { state: true },
  };
  templates: Template[] = [];
  source = 'template:imh-training';
  error = '';
  field = '';
  busy = false;
  params: Record<string, string> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    get<TemplatesResponse>('/api/templates').then(
      (r) => (this.templates = r.templates),
      () => undefined,
    );
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = m(MESSAGES);
    const f = (e.target as HTMLFormElement).elements;
    const v = (n: string) => ((f.namedItem(n) as HTMLInputElement | null)?.value ?? '').trim();
    this.error = '';
    this.field = '';
    if (!v('titleNl') && !v('titleEn')) [this.error, this.field] = [t.needTitle, 'titleNl'];
    else if (!v('organisation')) [this.error, this.field] = [t.needOrg, 'organisation'];
    if (this.error) return this.focusError();
    const [kind, ref] = this.source.split(':');
    const body = {
      title: { nl: v('titleNl') || v('titleEn'), en: v('titleEn') || v('titleNl') },
      organisation: v('organisation'),
      languages: v('languages') === 'nl' ? ['nl'] : ['nl', 'en'],
      source: kind === 'copy' ? { kind: 'copy', slug: v('copyFrom') } : { kind: 'template', template: ref },
    };
    this.busy = true;
    try {
      const res = await post<CreatedStudy>('/api/studies', body);
      await loadSession();
      navigate(`/app/s/${encodeURIComponent(res.slug)}/questionnaire`);
    } catch (err) {
      this.busy = false;
      this.error = failureMessage(err);
      this.focusError();
    }
  }

  private async focusError(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('.a-alert--error')?.focus();
  }

  override render() {
    const t = m(MESSAGES);
    const own = (session()?.studies ?? []).filter((s) => s.role === 'researcher');
    const inv = (n: string) => (this.field === n ? 'true' : 'false');
    return html`<h1>${t.title}</h1>
      <p class="a-lead">${t.lead}</p>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert" tabindex="-1">${this.error}</p>` : nothing}
      <form class="a-card" @submit=${this.submit} novalidate>
        <div class="a-pair">
          <div class="a-field"><label for="ns-title-nl">${t.titleNl}</label><input id="ns-title-nl" name="titleNl" maxlength="200" aria-describedby="ns-title-hint" aria-invalid=${inv('titleNl')}></div>
          <div class="a-field"><label for="ns-title-en">${t.titleEn}</label><input id="ns-title-en" name="titleEn" maxlength="200" lang="en"></div>
        </div>
        <p class="a-hint" id="ns-title-hint">${t.titleHint}</p>
        <div class="a-field"><label for="ns-org">${t.organisation}</label><input id="ns-org" name="organisation" maxlength="200" autocomplete="organization" aria-describedby="ns-org-hint" aria-invalid=${inv('organisation')}>
          <p class="a-hint" id="ns-org-hint">${t.orgHint}</p></div>
        <fieldset class="a-fieldset"><legend>${t.start}</legend>
          <div class="a-choices">
            ${this.templates.map(
              (
                tp,
              ) => html`<label class="a-choice"><input type="radio" name="source" value="template:${tp.key}" .checked=${this.source === `template:${tp.key}`} @change=${() => (this.source = `template:${tp.key}`)}>
                <strong>${tx(tp.name)}</strong><span class="a-small a-muted">${tx(tp.description)}</span></label>`,
            )}
            ${
              own.length
                ? html`<label class="a-choice"><input type="radio" name="source" value="copy" .checked=${this.source.startsWith('copy')} @change=${() => (this.source = 'copy:')}>
                  <strong>${t.copy}</strong><span class="a-small a-muted">${t.copyDesc}</span></label>`
                : nothing
            }
          </div>
          ${
            this.source.startsWith('copy')
              ? html`<div class="a-field"><label for="ns-copy">${t.copyFrom}</label><select id="ns-copy" name="copyFrom">${own.map((s) => html`<option value=${s.slug}>${tx(s.title)}</option>`)}</select></div>`
              : nothing
          }
        </fieldset>
        <div class="a-field"><label for="ns-langs">${t.languages}</label>
          <select id="ns-langs" name="languages"><option value="both">${t.both}</option><option value="nl">${t.nlOnly}</option></select></div>
        <div class="a-row">
          <button type="submit" class="a-primary" ?disabled=${this.busy}>${this.busy ? t.busy : t.create}</button>
          <a href="/app">${t.cancel}</a>
        </div>
      </form>`;
  }
}
customElements.define('rondo-new-study-view', RondoNewStudyView);
