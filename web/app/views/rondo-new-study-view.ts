import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { get, post, errorText, failureMessage } from '../api.js';
import { fill, lang, m, num, tx } from '../i18n.js';
import { term, type Vocabulary, type VocabularyTerm } from '../../../model/vocabulary.js';
import { fillTerms, fillTermsIn } from '../../../model/vocabulary-text.js';
import { loadSession, session } from '../session.js';
import { navigate } from '../router.js';
import type { CreatedStudy, TemplatesResponse } from '../../../model/api/setup.js';
import type { StudyFromFileReport } from '../../../model/api/study-file.js';

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
    start: 'Soort onderzoek',
    startLead: 'Elk soort begint met eigen metingen, woorden en een startvragenlijst; alles is daarna aan te passen.',
    roundsOf: '{RoundWords}: {rounds}',
    wordsOf: 'Woorden: {words}',
    copy: 'Kopie van een ander onderzoek',
    copyDesc:
      'De {roundWords}, {partners}, {tools} en vragenlijst van een onderzoek waarin u onderzoeker bent. {Participants} en antwoorden worden niet gekopieerd.',
    copyFrom: 'Welk onderzoek?',
    languages: 'Talen van de vragenlijst',
    both: 'Nederlands en Engels',
    nlOnly: 'Alleen Nederlands',
    create: 'Onderzoek aanmaken',
    busy: 'Bezig…',
    cancel: 'Annuleren',
    needTitle: 'Geef het onderzoek een titel.',
    needOrg: 'Vul de organisatie in.',
    fromFile: 'Nieuwe studie uit bestand',
    fromFileLead:
      'Een studiebestand (JSON) van rondo bevat de hele opzet: teksten, {roundWords}, {partners}, {tools}, vragenlijst en instellingen. ' +
      'U krijgt eerst een controle te zien; er wordt pas iets aangemaakt als u het onderzoek daarna aanmaakt.',
    file: 'Studiebestand',
    fileHint: 'Een .json-bestand, bijvoorbeeld gedownload bij Opzet → Studiebestand. De opbouw staat in docs/study-format.md.',
    slug: 'Korte naam in de adresbalk (optioneel)',
    slugHint: 'Kleine letters, cijfers en streepjes. Leeg: de korte naam uit het bestand.',
    check: 'Bestand controleren',
    checking: 'Bezig met controleren…',
    notJson: 'Dit bestand is geen geldige JSON: {error}',
    chooseFile: 'Kies eerst een studiebestand.',
    fileOk:
      'Het bestand is in orde: onderzoek "{title}" ({slug}) met {rounds} {roundNoun}, ' +
      '{partners} {partnerNoun}, {tools} {toolNoun} en {items} vragen.',
    fileProblems: '{n} problemen in het bestand. Er is niets aangemaakt.',
    fileProblem: '1 probleem in het bestand. Er is niets aangemaakt.',
    createFromFile: 'Onderzoek aanmaken uit dit bestand',
  },
  en: {
    title: 'New study',
    lead: 'Name the study and choose what to start from. Everything can be changed afterwards.',
    titleNl: 'Title (Dutch)',
    titleEn: 'Title (English)',
    titleHint: 'For example: 1000 Kansen — IMH training 2026',
    organisation: 'Organisation',
    orgHint: 'Who runs the study, e.g. GGD Limburg-Noord',
    start: 'Kind of study',
    startLead: 'Each kind starts with its own rounds, words and a starter questionnaire; everything can be changed afterwards.',
    roundsOf: '{RoundWords}: {rounds}',
    wordsOf: 'Words: {words}',
    copy: 'Copy of another study',
    copyDesc:
      'The {roundWords}, {partners}, {tools} and questionnaire of a study in which you are a researcher. {Participants} and answers are not copied.',
    copyFrom: 'Which study?',
    languages: 'Questionnaire languages',
    both: 'Dutch and English',
    nlOnly: 'Dutch only',
    create: 'Create study',
    busy: 'Working…',
    cancel: 'Cancel',
    needTitle: 'Give the study a title.',
    needOrg: 'Enter the organisation.',
    fromFile: 'New study from a file',
    fromFileLead:
      'A rondo study file (JSON) holds the whole set-up: texts, {roundWords}, {partners}, {tools}, questionnaire and settings. ' +
      'You see a check first; nothing is created until you then create the study.',
    file: 'Study file',
    fileHint: 'A .json file, for example downloaded under Set-up → Study file. Its layout is described in docs/study-format.md.',
    slug: 'Short name in the address bar (optional)',
    slugHint: 'Lower-case letters, digits and hyphens. Empty: the short name in the file.',
    check: 'Check the file',
    checking: 'Checking…',
    notJson: 'This file is not valid JSON: {error}',
    chooseFile: 'Choose a study file first.',
    fileOk:
      'The file is fine: study "{title}" ({slug}) with {rounds} {roundNoun}, {partners} {partnerNoun}, {tools} {toolNoun} ' +
      'and {items} questions.',
    fileProblems: '{n} problems in the file. Nothing was created.',
    fileProblem: '1 problem in the file. Nothing was created.',
    createFromFile: 'Create the study from this file',
  },
};

/**
 * <rondo-new-study-view>: a new study from a template (IMH training, blank), as a copy of one's own study, or
 * from a study file (docs/study-format.md): checked by the server first, created only after that.
 */
export class RondoNewStudyView extends StaffView {
  static override properties = {
    templates: { state: true },
    source: { state: true },
    error: { state: true },
    busy: { state: true },
    field: { state: true },
    report: { state: true },
    fileError: { state: true },
    fileBusy: { state: true },
  };
  /** The uploaded study file, parsed, and what the server's dry run said about it. */
  private studyFile: { name: string; json: unknown; slug: string } | null = null;
  report: StudyFromFileReport | null = null;
  fileError = '';
  fileBusy = false;
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

  /** What a study type starts with: its rounds and, when it has them, its own words. */
  private startsWith(tp: Template) {
    const t = m(MESSAGES);
    const v = tp.vocabulary;
    const words = v
      ? (['intervention', 'tool', 'partner', 'participant'] as const).map((k) => term(v, k, lang(), k === 'intervention' ? 'one' : 'many'))
      : [];
    const rounds = (tp.rounds ?? []).map((r) => tx(r)).join(', ');
    // "Peilingen: Voorjaar, Najaar" when the type names its rounds; rondo's neutral word otherwise.
    const roundsOf = fillTerms(t.roundsOf, v, lang());
    return html`${rounds ? html`<span class="a-small">${fill(roundsOf, { rounds })}</span>` : nothing}
      ${words.length ? html`<span class="a-small">${fill(t.wordsOf, { words: words.join(', ') })}</span>` : nothing}`;
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

  /** Reads the chosen file and asks the server to check it (dry run): nothing is written yet. */
  private async checkFile(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = m(MESSAGES);
    const form = e.target as HTMLFormElement;
    const chosen = (form.elements.namedItem('studyFile') as HTMLInputElement).files?.[0];
    const slug = (form.elements.namedItem('slug') as HTMLInputElement).value.trim();
    this.report = null;
    this.fileError = '';
    this.studyFile = null;
    if (!chosen) return this.showFileResult(t.chooseFile);
    let json: unknown;
    try {
      json = JSON.parse((await chosen.text()).replace(/^\uFEFF/, ''));
    } catch (err) {
      return this.showFileResult(fill(t.notJson, { error: (err as Error).message }));
    }
    this.fileBusy = true;
    try {
      this.report = await post<StudyFromFileReport>('/api/studies/from-file', { file: json, dryRun: true, ...(slug ? { slug } : {}) });
      this.studyFile = { name: chosen.name, json, slug };
    } catch (err) {
      this.fileError = failureMessage(err);
    }
    this.fileBusy = false;
    await this.showFileResult();
  }

  private async createFromFile(): Promise<void> {
    const file = this.studyFile;
    if (!file) return;
    this.fileBusy = true;
    this.fileError = '';
    try {
      const body = { file: file.json, fileName: file.name.slice(0, 200), ...(file.slug ? { slug: file.slug } : {}) };
      const res = await post<StudyFromFileReport>('/api/studies/from-file', body);
      if (!res.created) {
        // Something changed since the check (a study took the short name): show the new report.
        this.report = res;
        this.fileBusy = false;
        return this.showFileResult();
      }
      await loadSession();
      navigate(`/app/s/${encodeURIComponent(res.slug!)}/setup`);
    } catch (err) {
      this.fileBusy = false;
      await this.showFileResult(failureMessage(err));
    }
  }

  private async showFileResult(error?: string): Promise<void> {
    if (error) this.fileError = error;
    await this.updateComplete;
    this.querySelector<HTMLElement>('#nf-result')?.focus();
  }

  private renderFileResult() {
    const t = m(MESSAGES);
    const r = this.report;
    if (this.fileError) return html`<p class="a-alert a-alert--error" role="alert">${this.fileError}</p>`;
    if (!r) return nothing;
    if (r.ok && r.counts) {
      const c = r.counts;
      // The counts in the file's own words (checked by the server: its vocabulary is valid when ok).
      const words = (this.studyFile?.json as { study?: { vocabulary?: Vocabulary } } | undefined)?.study?.vocabulary;
      const word = (which: VocabularyTerm, n: number) => term(words, which, lang(), n === 1 ? 'one' : 'many');
      return html`<p class="a-alert a-alert--ok" role="status">${fill(t.fileOk, {
        title: tx(r.title ?? {}),
        slug: r.slug ?? '',
        rounds: num(c.rounds),
        roundNoun: word('round', c.rounds),
        partners: num(c.partners),
        partnerNoun: word('partner', c.partners),
        tools: num(c.tools),
        toolNoun: word('tool', c.tools),
        items: num(c.items),
      })}</p>
        <button type="button" class="a-primary" ?disabled=${this.fileBusy} @click=${this.createFromFile}>
          ${this.fileBusy ? m(MESSAGES).busy : t.createFromFile}
        </button>`;
    }
    return html`<div class="a-alert a-alert--error" role="alert">
      <p>${r.issues.length === 1 ? t.fileProblem : fill(t.fileProblems, { n: num(r.issues.length) })}</p>
      <ul class="a-small">${r.issues.map((i) => html`<li><code>${i.path}</code> ${withoutPath(i)}</li>`)}</ul>
    </div>`;
  }

  private async focusError(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('.a-alert--error')?.focus();
  }

  override render() {
    // No study yet: rondo's neutral words for what a copy or a file brings along.
    const t = fillTermsIn(m(MESSAGES), undefined, lang());
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
        <fieldset class="a-fieldset" aria-describedby="ns-start-lead"><legend>${t.start}</legend>
          <p class="a-hint" id="ns-start-lead">${t.startLead}</p>
          <div class="a-choices">
            ${this.templates.map(
              (
                tp,
              ) => html`<label class="a-choice"><input type="radio" name="source" value="template:${tp.key}" .checked=${this.source === `template:${tp.key}`} @change=${() => (this.source = `template:${tp.key}`)}>
                <strong>${tx(tp.name)}</strong><span class="a-small a-muted">${tx(tp.description)}</span>${this.startsWith(tp)}</label>`,
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
      </form>
      <section class="a-card" aria-labelledby="nf-title">
        <h2 id="nf-title">${t.fromFile}</h2>
        <p class="a-muted a-small">${t.fromFileLead}</p>
        <form @submit=${this.checkFile} novalidate>
          <div class="a-field"><label for="nf-file">${t.file}</label>
            <input id="nf-file" name="studyFile" type="file" accept=".json,application/json" aria-describedby="nf-file-hint">
            <p class="a-hint" id="nf-file-hint">${t.fileHint}</p></div>
          <div class="a-field"><label for="nf-slug">${t.slug}</label>
            <input id="nf-slug" name="slug" maxlength="64" autocapitalize="none" spellcheck="false" aria-describedby="nf-slug-hint">
            <p class="a-hint" id="nf-slug-hint">${t.slugHint}</p></div>
          <button type="submit" class="a-secondary" ?disabled=${this.fileBusy}>${this.fileBusy ? t.checking : t.check}</button>
        </form>
        <div id="nf-result" tabindex="-1">${this.renderFileResult()}</div>
      </section>`;
  }
}
customElements.define('rondo-new-study-view', RondoNewStudyView);

/** A problem's message without the place in front, which the list shows apart. */
function withoutPath(issue: { path: string; message: string; text?: { nl: string; en: string } }): string {
  if (issue.text) return tx(issue.text);
  return issue.message.startsWith(`${issue.path}: `) ? issue.message.slice(issue.path.length + 2) : issue.message;
}
