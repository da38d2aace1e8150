import { html, nothing, type TemplateResult } from 'lit';
import { withWords } from '../study-words.js';
import { LightElement } from '../../light-element.js';
import type { PagedResult } from './factsheet-pages.js';
import { PreviewFrames, previewToolbar, useFactsheetCss, type Zoom } from './factsheet-preview.js';
import { type ApiFailure, get, post, put, errorText, failureMessage } from '../api.js';
import { fill, m, onLangChange, tx, type Lang } from '../i18n.js';
import type {
  ChartKind,
  Composition,
  DraftResponse as Draft,
  DraftSentence as Sentence,
  SectionKey,
} from '../../../model/api/factsheet.js';
import './rondo-factsheet-versions.js';
import './rondo-factsheet-style.js';

const MESSAGES = {
  nl: {
    title: 'Factsheet',
    lead: 'Stel de factsheet samen: kies onderdelen en grafieken, schrijf de vrije teksten, pas zinnen aan en kies citaten. Het voorbeeld toont de pagina’s zoals ze worden afgedrukt (A4).',
    language: 'Taal van de factsheet',
    langs: { nl: 'Nederlands', en: 'Engels' },
    saved: 'Opgeslagen',
    saving: 'Opslaan…',
    unsaved: 'Niet opgeslagen',
    conflict: 'Iemand anders heeft de factsheet intussen opgeslagen. Laad de pagina opnieuw om die wijzigingen te zien.',
    reload: 'Opnieuw laden',
    tabs: { sections: 'Onderdelen', texts: 'Teksten', sentences: 'Zinnen', quotes: 'Citaten', style: 'Huisstijl', publish: 'Publiceren' },
    show: 'Tonen',
    up: 'Omhoog',
    down: 'Omlaag',
    chart: 'Grafiek',
    heading: 'Andere kop',
    // Issue 16: a factsheet about one respondent group, and a section's figures per subgroup.
    audience: 'Voor wie zijn de cijfers?',
    everyone: 'Iedereen',
    only: 'Alleen {name}',
    audienceHelp: 'Met één groep staan alle cijfers alleen over die groep, en de titel zegt dat.',
    split: 'Ook uitsplitsen per',
    noSplit: 'niet uitsplitsen',
    gone: '{name} (bestaat niet meer)',
    splitHelp: 'Een groep met minder dan {n} respondenten in een {roundWord} wordt niet getoond.',
    // The questions section: which questions it reports.
    questions: 'Vragen: {n} van {total}',
    questionsLegend: 'Welke vragen staan in de factsheet?',
    questionsHelp:
      'Zet een achtergrondvraag (zoals de rol van de respondent) uit: die beschrijft wie antwoordde, geen uitkomst. ' +
      'Een vraag die uit staat, komt nergens in de factsheet.',
    charts: {
      response: 'respons per {roundWord}',
      dots: 'stippen met intervallen',
      heatmap: 'heatmap',
      bars: 'staven met intervallen',
      trend: 'trendlijnen',
      none: 'geen grafiek',
    } as Record<string, string>,
    titleField: 'Titel',
    subtitle: 'Ondertitel (de onderzoeksvraag)',
    date: 'Datum op de voorkant (leeg = maand van publicatie)',
    texts: {
      project: 'Wat is het project?',
      training: 'Over {de intervention} en de {tools}',
      recommendations: 'Aanbevelingen',
      colophon: 'Colofon (extra tekst)',
      nextSteps: 'Volgende stappen (eigen tekst)',
    },
    nameMembers: 'Eigenaren van acties bij naam noemen (anders alleen hun rol; namen zijn persoonsgegevens)',
    markupHelp: 'Lege regel = nieuwe alinea; regel met "- " = opsomming; **vet**, *cursief*, [tekst](https://…) = link.',
    terms: 'Woorden in de gegenereerde zinnen',
    participants: 'Wie vulden de vragenlijst in (meervoud)',
    intervention: 'Wat is geëvalueerd (met lidwoord)',
    goal: 'Waaraan het moet bijdragen',
    sentencesLead:
      'Deze zinnen schrijft rondo uit de cijfers. Pas ze aan waar nodig: uw tekst blijft staan als de gegevens worden bijgewerkt, en wordt gemarkeerd als de cijfers eronder veranderen.',
    edited: 'aangepast',
    stale: 'cijfers veranderd',
    restore: 'Oorspronkelijke zin',
    hide: 'Weglaten',
    generatedNow: 'Zin uit de huidige cijfers:',
    take: 'Deze overnemen',
    hidden: 'Weggelaten zinnen',
    unhide: 'Terugzetten',
    dropped: 'Weggelaten zinnen',
    droppedLead: 'Deze gegenereerde zinnen worden niet afgedrukt: wat ze beweren, klopt niet met de cijfers die de factsheet toont.',
    translation: 'Vertaling ({lang})',
    quotesLead:
      'Alleen goedgekeurde fragmenten van open antwoorden, toegeschreven aan een rol. Citaten uit groepen kleiner dan {min} respondenten worden niet afgedrukt.',
    noQuotes: 'Er zijn nog geen goedgekeurde citaten. Keur fragmenten van open antwoorden goed bij Open antwoorden.',
    use: 'Gebruiken',
    place: 'Plaats',
    inQuotes: 'bij de citaten',
    inSection: 'bij {section}',
    group: 'groep van {n}',
    tooSmall: 'groep te klein ({n} < {min})',
    warnings: 'Aandachtspunten',
    publishLead:
      'Publiceren maakt een vaste versie: cijfers, teksten en grafieken worden bewaard zoals ze nu zijn. Nieuwe gegevens veranderen een gepubliceerde versie nooit; opnieuw publiceren maakt een nieuwe versie. Managers en trainers zien alleen gepubliceerde versies.',
    note: 'Notitie bij deze versie (optioneel)',
    publish: 'Publiceren',
    confirmPublish: 'De factsheet nu publiceren als nieuwe versie?',
    published: 'Versie {n} is gepubliceerd.',
    saveFirst: 'Wacht tot de wijzigingen zijn opgeslagen.',
    downloads: 'Downloaden',
    unchanged: 'Geen wijzigingen sinds versie {n}: er is geen nieuwe versie gemaakt.',
    publishedDownloads: 'Gepubliceerde versie {n} downloaden',
    draftDownloads: 'Concept downloaden (gemarkeerd als concept, niet gepubliceerd)',
    word: 'Word (.docx, bewerkbaar)',
    pdf: 'PDF (A4)',
    htmlFile: 'HTML-bestand (werkt offline)',
    png: 'Grafiek als PNG: {title}',
    noPdf:
      'PDF maken kan hier niet: Chromium is niet geïnstalleerd (apt-get install chromium). Open het HTML-bestand en druk het af als PDF (A4, achtergrondafbeeldingen aan); de opmaak is dezelfde.',
    preview: 'Voorbeeld',
    previewTitle: 'Voorbeeld van de factsheet op A4',
    pages: { one: '1 pagina A4, zoals in de PDF', other: '{n} pagina’s A4, zoals in de PDF' },
    pageRange: 'Een factsheet telt 2 tot 4 pagina’s: deze telt er {n}.',
    overflow:
      'Een blok op pagina {pages} is langer dan een pagina; de PDF verdeelt het over twee pagina’s. Maak de tekst korter of verdeel hem.',
    sections: {} as Record<string, string>,
  },
  en: {
    title: 'Factsheet',
    lead: 'Compose the factsheet: choose sections and charts, write the free texts, adjust sentences and pick quotes. The preview shows the pages as they will print (A4).',
    language: 'Language of the factsheet',
    langs: { nl: 'Dutch', en: 'English' },
    saved: 'Saved',
    saving: 'Saving…',
    unsaved: 'Not saved',
    conflict: 'Someone else saved the factsheet in the meantime. Reload the page to see their changes.',
    reload: 'Reload',
    tabs: { sections: 'Sections', texts: 'Texts', sentences: 'Sentences', quotes: 'Quotes', style: 'House style', publish: 'Publish' },
    show: 'Show',
    up: 'Up',
    down: 'Down',
    chart: 'Chart',
    heading: 'Other heading',
    audience: 'Whose figures?',
    everyone: 'Everyone',
    only: '{name} only',
    audienceHelp: 'With one group every figure is about that group only, and the title says so.',
    split: 'Also split by',
    noSplit: 'no split',
    gone: '{name} (no longer exists)',
    splitHelp: 'A group with fewer than {n} respondents in a {roundWord} is not shown.',
    questions: 'Questions: {n} of {total}',
    questionsLegend: 'Which questions are in the factsheet?',
    questionsHelp:
      'Switch off a background question (such as the respondent’s role): it describes who answered, not an outcome. ' +
      'A question switched off appears nowhere in the factsheet.',
    charts: {
      response: 'response per {roundWord}',
      dots: 'dots with intervals',
      heatmap: 'heatmap',
      bars: 'bars with intervals',
      trend: 'trend lines',
      none: 'no chart',
    } as Record<string, string>,
    titleField: 'Title',
    subtitle: 'Subtitle (the evaluation question)',
    date: 'Date on the cover (empty = month of publication)',
    texts: {
      project: 'What is the project?',
      training: 'About the {intervention} and the {tools}',
      recommendations: 'Recommendations',
      colophon: 'Colophon (extra text)',
      nextSteps: 'Next steps (your own text)',
    },
    nameMembers: 'Name the owners of actions (otherwise by role only; names are personal data)',
    markupHelp: 'Blank line = new paragraph; line starting with "- " = bullet; **bold**, *italic*, [text](https://…) = link.',
    terms: 'Words in the generated sentences',
    participants: 'Who answered (plural)',
    intervention: 'What was evaluated (with article)',
    goal: 'What it should contribute to',
    sentencesLead:
      'rondo writes these sentences from the numbers. Adjust them where needed: your text stays when the data are refreshed, and is flagged when the numbers under it change.',
    edited: 'edited',
    stale: 'numbers changed',
    restore: 'Original sentence',
    hide: 'Leave out',
    generatedNow: 'Sentence from the current numbers:',
    take: 'Use this',
    hidden: 'Left-out sentences',
    unhide: 'Put back',
    dropped: 'Sentences left out',
    droppedLead: 'These generated sentences are not printed: what they claim does not match the figures the factsheet shows.',
    translation: 'Translation ({lang})',
    quotesLead:
      'Approved excerpts of open answers only, attributed to a role. Quotes from groups smaller than {min} respondents are not printed.',
    noQuotes: 'There are no approved quotes yet. Approve excerpts of open answers under Open answers.',
    use: 'Use',
    place: 'Place',
    inQuotes: 'with the quotes',
    inSection: 'in {section}',
    group: 'group of {n}',
    tooSmall: 'group too small ({n} < {min})',
    warnings: 'Points to check',
    publishLead:
      'Publishing makes a fixed version: numbers, texts and charts are stored as they are now. New data never change a published version; publishing again makes a new version. Managers and trainers see published versions only.',
    note: 'Note for this version (optional)',
    publish: 'Publish',
    confirmPublish: 'Publish the factsheet now as a new version?',
    published: 'Version {n} was published.',
    saveFirst: 'Wait until the changes are saved.',
    downloads: 'Download',
    unchanged: 'No changes since version {n}: no new version was made.',
    publishedDownloads: 'Download published version {n}',
    draftDownloads: 'Download the draft (marked as draft, not published)',
    word: 'Word (.docx, editable)',
    pdf: 'PDF (A4)',
    htmlFile: 'HTML file (works offline)',
    png: 'Chart as PNG: {title}',
    noPdf:
      'PDF cannot be made here: Chromium is not installed (apt-get install chromium). Open the HTML file and print it to PDF (A4, background graphics on); the layout is the same.',
    preview: 'Preview',
    previewTitle: 'Preview of the factsheet on A4',
    pages: { one: '1 A4 page, as in the PDF', other: '{n} A4 pages, as in the PDF' },
    pageRange: 'A factsheet has 2 to 4 pages: this one has {n}.',
    overflow: 'A block on page {pages} is longer than a page; the PDF splits it over two pages. Shorten or divide the text.',
    sections: {} as Record<string, string>,
  },
};

type Tab = keyof typeof MESSAGES.nl.tabs;
const TEXT_BLOCKS = ['project', 'training', 'recommendations', 'colophon', 'nextSteps'] as const;
const TERMS = ['participants', 'intervention', 'goal'] as const;

/**
 * <rondo-factsheet-composer>: the researcher's factsheet screen. Left: sections and charts, free
 * texts, generated sentences (editable; edits flagged when the numbers under them change),
 * approved quotes, publishing. Right: a live preview on A4 pages — the same HTML that is
 * printed and published, laid into page boxes with the PDF's page breaks (factsheet-pages.ts),
 * in a sandboxed iframe without scripts (factsheet-preview.ts). Changes are saved
 * automatically (with the draft's revision, so two researchers never overwrite each other
 * unknowingly) and the preview is laid out again after each save.
 * Property: `slug`. Fires no events.
 */
export class RondoFactsheetComposer extends LightElement {
  static override properties = {
    slug: {},
    draft: { state: true },
    comp: { state: true },
    flang: { state: true },
    tab: { state: true },
    status: { state: true },
    error: { state: true },
    message: { state: true },
    previewKey: { state: true },
    versionsKey: { state: true },
    paged: { state: true },
    zoom: { state: true },
    page: { state: true },
    latest: { state: true },
  };
  slug = '';
  draft: Draft | null = null;
  comp: Composition | null = null;
  flang: Lang = 'nl';
  tab: Tab = 'sections';
  status: 'saved' | 'saving' | 'unsaved' | 'conflict' = 'saved';
  error = '';
  message = '';
  previewKey = 0;
  versionsKey = 0;
  paged: PagedResult | null = null;
  zoom: Zoom = 'fit';
  page = 1;
  /** The newest published version, whose files the downloads give once there is one. */
  latest: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private off?: () => void;
  private frames: PreviewFrames | null = null;
  /** Whether the researcher opened the questions section's list (it stays open when the last question is ticked again). */
  private questionsOpen = false;
  private framed: Element | null = null;

  private get base() {
    return `/api/studies/${encodeURIComponent(this.slug)}/factsheet`;
  }
  override connectedCallback(): void {
    super.connectedCallback();
    this.off = onLangChange(this);
    useFactsheetCss();
  }
  protected override updated(): void {
    // The preview's iframes live outside Lit's template: (re)attach them to a new pane and
    // show the current revision.
    const wrap = this.querySelector<HTMLElement>('.f-frame-wrap');
    if (wrap !== this.framed) {
      this.frames?.disconnect();
      this.frames = wrap ? new PreviewFrames(wrap, withWords(this.slug, m(MESSAGES)).previewTitle, (r) => (this.paged = r)) : null;
      this.frames?.setZoom(this.zoom);
      this.framed = wrap;
    }
    if (this.frames && this.draft)
      this.frames.show(`${this.base}/draft/output?lang=${this.flang}&mode=preview&v=${this.draft.revision}.${this.previewKey}`);
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
    this.frames?.disconnect();
    this.frames = null;
    this.framed = null;
    if (this.timer) clearTimeout(this.timer);
  }
  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('slug') && this.slug) void this.load();
  }

  private async load(lang?: Lang): Promise<void> {
    try {
      const d = await get<Draft>(`${this.base}/draft${lang ? `?lang=${lang}` : ''}`);
      this.draft = d;
      this.flang = d.lang;
      if (this.status !== 'unsaved') this.comp = structuredClone(d.composition);
      this.error = '';
      await this.loadLatest();
    } catch (err) {
      this.fail(err);
    }
  }
  private async loadLatest(): Promise<void> {
    const { versions } = await get<{ versions: { version: number }[] }>(`/api/studies/${encodeURIComponent(this.slug)}/factsheets`);
    this.latest = versions[0]?.version ?? null;
  }
  private fail(err: unknown): void {
    const f = err as ApiFailure;
    // A refused composition says what to change in the user's language (details.text); other failures get the code's text.
    this.error = f.code === 'UNAVAILABLE' && f.message ? f.message : f.details?.text ? failureMessage(f) : errorText(f);
  }

  /** Applies a change to the local composition and saves it shortly after the last change. */
  private change(fn: (c: Composition) => void): void {
    if (!this.comp || this.status === 'conflict') return;
    const next = structuredClone(this.comp);
    fn(next);
    this.comp = next;
    this.status = 'unsaved';
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), 900);
  }

  private async save(): Promise<void> {
    if (!this.comp || !this.draft) return;
    this.timer = null;
    this.status = 'saving';
    const sent = this.comp;
    try {
      const r = await put<{ revision: number }>(`${this.base}/draft`, { revision: this.draft.revision, composition: sent });
      this.draft = { ...this.draft, revision: r.revision };
      if (this.comp === sent) this.status = 'saved';
      else this.status = 'unsaved';
      await this.load(this.flang);
      this.previewKey++;
    } catch (err) {
      const f = err as ApiFailure;
      if (f.code === 'CONFLICT') this.status = 'conflict';
      else {
        this.status = 'unsaved';
        this.fail(err);
      }
    }
  }

  private async switchLang(lang: Lang): Promise<void> {
    if (this.status === 'unsaved' || this.status === 'saving') await this.save();
    this.change((c) => (c.lang = lang));
    await this.save();
    await this.load(lang);
    this.previewKey++;
  }

  private async publish(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = withWords(this.slug, m(MESSAGES));
    if (this.status !== 'saved') {
      this.error = t.saveFirst;
      return;
    }
    if (!confirm(t.confirmPublish)) return;
    const note = ((e.target as HTMLFormElement).elements.namedItem('note') as HTMLInputElement).value;
    try {
      const r = await post<{ version: number }>(`${this.base}/publish`, { revision: this.draft!.revision, note });
      this.message = fill(t.published, { n: r.version });
      this.error = '';
      (e.target as HTMLFormElement).reset();
      this.versionsKey++;
      this.latest = r.version;
    } catch (err) {
      const f = err as ApiFailure;
      if (f.code === 'CONFLICT' && f.details?.reason === 'unchanged') {
        this.message = fill(t.unchanged, { n: Number(f.details.version) });
        this.error = '';
      } else this.fail(err);
    }
  }

  // ---- panels --------------------------------------------------------------------------

  /** The study has the data for a section (issue 17's network sections are offered only then). */
  private offered(key: string): boolean {
    return !!this.draft?.catalogue.some((c) => c.key === key);
  }

  private sectionTitle(key: string): string {
    return this.draft?.catalogue.find((c) => c.key === key)?.title ?? key;
  }

  /** A free-text block's label; the one about the intervention is the section's title in the study's own words. */
  private textLabel(block: (typeof TEXT_BLOCKS)[number]): string {
    const own = block === 'training' ? this.draft?.catalogue.find((c) => c.key === 'training')?.title : undefined;
    return own ?? withWords(this.slug, m(MESSAGES)).texts[block];
  }

  private sectionsPanel(c: Composition, d: Draft): TemplateResult {
    const t = withWords(this.slug, m(MESSAGES));
    const move = (i: number, by: number) =>
      this.change((x) => {
        const [s] = x.sections.splice(i, 1);
        x.sections.splice(i + by, 0, s);
      });
    const groups = d.groupOptions ?? [];
    const splits = (d.splitOptions ?? []).filter((o) => !(c.group && o.key === 'group'));
    // A group or split the study no longer has (a group or cohort attribute removed after it was chosen) stays
    // visible as the selected option, marked, so that the researcher sees why saving is refused and can change it.
    const goneGroup = c.group !== undefined && !groups.some((g) => g.key === c.group);
    const goneSplit = (s: Composition['sections'][number]) => s.split !== undefined && !splits.some((o) => o.key === s.split);
    const audience =
      groups.length || goneGroup
        ? html`<div class="a-field"><label for="f-audience">${t.audience}</label>
          <select id="f-audience" aria-describedby="f-audience-help" aria-invalid=${goneGroup ? 'true' : 'false'}
            @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              this.change((x) => {
                if (v) x.group = v;
                else delete x.group;
                // A factsheet about one group cannot also be split by group.
                if (v) for (const sec of x.sections) if (sec.split === 'group') delete sec.split;
              });
            }}>
            <option value="" ?selected=${!c.group}>${t.everyone}</option>
            ${groups.map(
              (g) =>
                html`<option value=${g.key} ?selected=${c.group === g.key}>${fill(t.only, { name: groupWord(g.label, this.flang) })}</option>`,
            )}
            ${goneGroup ? html`<option value=${c.group!} selected>${fill(t.gone, { name: c.group! })}</option>` : nothing}
          </select>
          <p class="a-hint" id="f-audience-help">${t.audienceHelp}</p></div>`
        : nothing;
    const splitField = (s: Composition['sections'][number], i: number, id: string) =>
      (splits.length || goneSplit(s)) && (s.key === 'indicators' || s.key === 'questions')
        ? html`<div class="a-field f-split"><label for="${id}-split">${t.split}</label>
            <select id="${id}-split" aria-describedby="${id}-split-help" aria-invalid=${goneSplit(s) ? 'true' : 'false'}
              @change=${(e: Event) => {
                const v = (e.target as HTMLSelectElement).value;
                this.change((x) => {
                  if (v) x.sections[i].split = v;
                  else delete x.sections[i].split;
                });
              }}>
              <option value="" ?selected=${!s.split}>${t.noSplit}</option>
              ${splits.map(
                (o) => html`<option value=${o.key} ?selected=${s.split === o.key}>${o.label.toLocaleLowerCase(this.flang)}</option>`,
              )}
              ${goneSplit(s) ? html`<option value=${s.split!} selected>${fill(t.gone, { name: s.split! })}</option>` : nothing}
            </select>
            <p class="a-hint" id="${id}-split-help">${fill(t.splitHelp, { n: String(d.thresholds.minSubgroup) })}</p></div>`
        : nothing;
    // The questions section: a checkbox per question it can report; unticked ones go to `omit`.
    const questionsField = (s: Composition['sections'][number], i: number, id: string) => {
      const options = s.key === 'questions' ? (d.questionOptions ?? []) : [];
      if (!options.length) return nothing;
      const omit = new Set(s.omit ?? []);
      const shown = options.filter((q) => !omit.has(q.id)).length;
      const toggle = (qid: string, on: boolean) =>
        this.change((x) => {
          const rest = (x.sections[i].omit ?? []).filter((o) => o !== qid);
          if (!on) rest.push(qid);
          if (rest.length) x.sections[i].omit = rest;
          else delete x.sections[i].omit;
        });
      const count = fill(t.questions, { n: String(shown), total: String(options.length) });
      return html`<details class="f-questions" ?open=${this.questionsOpen || omit.size > 0}
        @toggle=${(e: Event) => (this.questionsOpen = (e.target as HTMLDetailsElement).open)}><summary>${count}</summary>
        <fieldset aria-describedby="${id}-q-help"><legend>${t.questionsLegend}</legend>
          <p class="a-hint" id="${id}-q-help">${t.questionsHelp}</p>
          ${options.map(
            (q) => html`<label class="a-check"><input type="checkbox" .checked=${!omit.has(q.id)}
              @change=${(e: Event) => toggle(q.id, (e.target as HTMLInputElement).checked)}>${q.label}</label>`,
          )}
        </fieldset></details>`;
    };
    return html`${audience}<ol class="f-sections">
      ${c.sections.map((s, i) => {
        const cat = d.catalogue.find((k) => k.key === s.key);
        // A section the study has no data for (no tool items: no tools section) is not offered.
        if (!cat) return nothing;
        const id = `f-sec-${s.key}`;
        return html`<li class="f-section ${s.enabled ? '' : 'f-off'}">
          <div class="a-row a-row--between">
            <label class="a-check"><input type="checkbox" .checked=${s.enabled} @change=${(e: Event) => this.change((x) => (x.sections[i].enabled = (e.target as HTMLInputElement).checked))}>
              <strong>${tx(s.title, this.flang) || this.sectionTitle(s.key)}</strong></label>
            <span class="a-row">
              <button type="button" class="a-quiet" ?disabled=${i === 0} @click=${() => move(i, -1)}>↑<span class="a-sr"> ${t.up}: ${this.sectionTitle(s.key)}</span></button>
              <button type="button" class="a-quiet" ?disabled=${i === c.sections.length - 1} @click=${() => move(i, 1)}>↓<span class="a-sr"> ${t.down}: ${this.sectionTitle(s.key)}</span></button>
            </span>
          </div>
          ${
            s.enabled
              ? html`${
                  cat && cat.charts.length
                    ? html`<div class="f-chart"><label for="${id}-chart">${t.chart}</label>
              <select id="${id}-chart" @change=${(e: Event) => this.change((x) => (x.sections[i].chart = (e.target as HTMLSelectElement).value as ChartKind))}>
                ${cat.charts.map((k) => html`<option value=${k} ?selected=${(s.chart ?? cat.charts[0]) === k}>${t.charts[k] ?? k}</option>`)}
              </select></div>`
                    : nothing
                }
            ${splitField(s, i, id)}
            ${questionsField(s, i, id)}
            <details ?open=${!!s.title?.[this.flang]}><summary>${t.heading}</summary>
              <div class="a-field"><label class="a-sr" for="${id}-title">${t.heading}</label>
              <input id="${id}-title" .value=${s.title?.[this.flang] ?? ''} placeholder=${this.sectionTitle(s.key)}
                @input=${(e: Event) => this.change((x) => (x.sections[i].title = { ...x.sections[i].title, [this.flang]: (e.target as HTMLInputElement).value }))}></div>
            </details>`
              : nothing
          }
        </li>`;
      })}
    </ol>`;
  }

  private textsPanel(c: Composition): TemplateResult {
    const t = withWords(this.slug, m(MESSAGES));
    const l = this.flang;
    const field = (
      id: string,
      label: string,
      value: string,
      set: (x: Composition, v: string) => void,
      area = false,
      help = '',
    ) => html`<div class="a-field">
      <label for=${id}>${label}</label>
      ${
        area
          ? html`<textarea id=${id} rows="7" .value=${value} aria-describedby=${help ? `${id}-help` : nothing} @input=${(e: Event) => this.change((x) => set(x, (e.target as HTMLTextAreaElement).value))}></textarea>`
          : html`<input id=${id} .value=${value} @input=${(e: Event) => this.change((x) => set(x, (e.target as HTMLInputElement).value))}>`
      }
      ${help ? html`<p class="a-hint" id="${id}-help">${help}</p>` : nothing}
    </div>`;
    return html`
      ${field('f-title', t.titleField, c.title?.[l] ?? '', (x, v) => (x.title = { ...x.title, [l]: v }))}
      ${field('f-subtitle', t.subtitle, c.subtitle?.[l] ?? '', (x, v) => (x.subtitle = { ...x.subtitle, [l]: v }))}
      ${field('f-date', t.date, c.date?.[l] ?? '', (x, v) => (x.date = { ...x.date, [l]: v }))}
      ${TEXT_BLOCKS.filter((b) => b !== 'nextSteps' || this.offered('network-next')).map((b) =>
        field(
          `f-text-${b}`,
          this.textLabel(b),
          c.texts[b]?.[l] ?? '',
          (x, v) => (x.texts[b] = { ...x.texts[b], [l]: v }),
          true,
          t.markupHelp,
        ),
      )}
      ${
        this.offered('network-plan')
          ? html`<label class="a-check"><input id="f-name-members" type="checkbox" .checked=${!!c.nameMembers}
              @change=${(e: Event) => this.change((x) => (x.nameMembers = (e.target as HTMLInputElement).checked || undefined))}>
              ${t.nameMembers}</label>`
          : nothing
      }
      <fieldset class="f-terms"><legend>${t.terms}</legend>
        ${TERMS.map((k) => field(`f-term-${k}`, t[k], c.terms[k][l] ?? '', (x, v) => (x.terms[k] = { ...x.terms[k], [l]: v })))}
      </fieldset>`;
  }

  private setEdit(key: string, text: string | null): void {
    this.change((x) => {
      x.edits = x.edits.filter((e) => !(e.key === key && e.lang === this.flang));
      if (text !== null) x.edits.push({ key, lang: this.flang, text });
    });
  }

  private sentencesPanel(d: Draft): TemplateResult {
    const t = withWords(this.slug, m(MESSAGES));
    const bySection = new Map<string, Sentence[]>();
    for (const s of d.sentences) bySection.set(s.section, [...(bySection.get(s.section) ?? []), s]);
    const local = (key: string) => this.comp?.edits.find((e) => e.key === key && e.lang === this.flang);
    return html`<p class="a-small">${t.sentencesLead}</p>
      ${[...bySection].map(
        ([section, list]) => html`<h3>${this.sectionTitle(section)}</h3>
        <ul class="f-sentences">${list.map((s) => {
          const id = `f-s-${s.key.replace(/[^a-z0-9-]/g, '-')}`;
          const value = local(s.key)?.text ?? s.text;
          return html`<li class="${s.stale ? 'f-stale' : s.edited ? 'f-edited' : ''}">
            <label class="a-sr" for=${id}>${s.key}</label>
            <textarea id=${id} rows="3" .value=${value} @change=${(e: Event) => this.setEdit(s.key, (e.target as HTMLTextAreaElement).value)}></textarea>
            <div class="a-row a-small">
              ${s.edited ? html`<span class="a-badge">${t.edited}</span>` : nothing}
              ${s.stale ? html`<span class="a-badge a-badge--warn">${t.stale}</span>` : nothing}
              ${s.edited ? html`<button type="button" class="a-quiet" @click=${() => this.setEdit(s.key, null)}>${t.restore}</button>` : nothing}
              <button type="button" class="a-quiet" @click=${() => this.setEdit(s.key, '')}>${t.hide}</button>
            </div>
            ${
              s.stale
                ? html`<p class="a-small f-generated">${t.generatedNow} <q>${s.generated}</q>
              <button type="button" class="a-quiet" @click=${() => this.setEdit(s.key, null)}>${t.take}</button></p>`
                : nothing
            }
          </li>`;
        })}</ul>`,
      )}
      ${
        d.hidden.length
          ? html`<h3>${t.hidden}</h3><ul class="f-sentences">${d.hidden.map(
              (k) => html`<li class="a-row a-row--between"><code>${k}</code>
        <button type="button" class="a-quiet" @click=${() => this.setEdit(k, null)}>${t.unhide}</button></li>`,
            )}</ul>`
          : nothing
      }`;
  }

  /** Points to check, and apart from them the generated sentences left out because their claim does not hold. */
  private warningsNotice(d: Draft): TemplateResult {
    const t = withWords(this.slug, m(MESSAGES));
    const dropped = d.warnings.filter((w) => w.code === 'sentence-dropped');
    const other = d.warnings.filter((w) => w.code !== 'sentence-dropped');
    const list = (items: typeof other, cls = '') => html`<ul>${items.map((w) => html`<li class=${cls}>${w.message}</li>`)}</ul>`;
    return html`${other.length ? html`<div class="a-alert a-alert--warn"><strong>${t.warnings}</strong>${list(other)}</div>` : nothing}
      ${
        dropped.length
          ? html`<div class="a-alert a-alert--warn f-dropped"><strong>${t.dropped}</strong>
              <span class="a-small">${t.droppedLead}</span>${list(dropped, 'a-small')}</div>`
          : nothing
      }`;
  }

  /** A translation field per edition language other than the quotes' own (the study's first). */
  private translationFields(q: { id: number }, chosen: Composition['quotes'][number], d: Draft): TemplateResult[] {
    const t = withWords(this.slug, m(MESSAGES));
    return d.languages.slice(1).map(
      (l) => html`<div class="a-field f-grow"><label for="f-qt-${q.id}-${l}">${fill(t.translation, { lang: t.langs[l] })}</label>
        <textarea id="f-qt-${q.id}-${l}" rows="2" maxlength="2000" .value=${chosen.translation?.[l] ?? ''} @change=${(e: Event) =>
          this.change((x) => {
            const v = (e.target as HTMLTextAreaElement).value.trim();
            x.quotes = x.quotes.map((y) => {
              if (y.id !== q.id) return y;
              const translation = { ...y.translation, [l]: v };
              if (!v) delete translation[l];
              const { translation: _old, ...rest } = y;
              return Object.keys(translation).length ? { ...rest, translation } : rest;
            });
          })}></textarea></div>`,
    );
  }

  private quotesPanel(c: Composition, d: Draft): TemplateResult {
    const t = withWords(this.slug, m(MESSAGES));
    const places = c.sections.filter((s) => s.enabled && s.key !== 'quotes');
    if (!d.quotes.length)
      return html`<p class="a-small">${fill(t.quotesLead, { min: d.thresholds.minGroupForQuotes })}</p><p class="a-muted">${t.noQuotes}</p>`;
    return html`<p class="a-small">${fill(t.quotesLead, { min: d.thresholds.minGroupForQuotes })}</p>
      <ul class="f-quotes">${d.quotes.map((q) => {
        const chosen = c.quotes.find((x) => x.id === q.id);
        return html`<li class="${q.eligible ? '' : 'f-off'}">
          <blockquote>${q.text}<footer>— ${tx(q.attribution, this.flang)}</footer></blockquote>
          <div class="a-row a-small">
            <label class="a-check"><input type="checkbox" .checked=${!!chosen} ?disabled=${!q.eligible}
              @change=${(e: Event) =>
                this.change((x) => {
                  x.quotes = x.quotes.filter((y) => y.id !== q.id);
                  if ((e.target as HTMLInputElement).checked) x.quotes.push({ id: q.id });
                })}> ${t.use}</label>
            ${
              chosen
                ? html`<label for="f-q-${q.id}">${t.place}</label>
              <select id="f-q-${q.id}" @change=${(e: Event) =>
                this.change((x) => {
                  const v = (e.target as HTMLSelectElement).value as SectionKey | '';
                  x.quotes = x.quotes.map((y) => {
                    if (y.id !== q.id) return y;
                    const { section: _s, ...rest } = y;
                    return v ? { ...rest, section: v } : rest;
                  });
                })}>
                <option value="" ?selected=${!chosen.section}>${t.inQuotes}</option>
                ${places.map((s) => html`<option value=${s.key} ?selected=${chosen.section === s.key}>${fill(t.inSection, { section: tx(s.title, this.flang) || this.sectionTitle(s.key) })}</option>`)}
              </select>`
                : nothing
            }
            <span class="a-muted">${q.eligible ? fill(t.group, { n: q.groupSize }) : fill(t.tooSmall, { n: q.groupSize, min: d.thresholds.minGroupForQuotes })}</span>
          </div>
          ${chosen ? this.translationFields(q, chosen, d) : nothing}
        </li>`;
      })}</ul>`;
  }

  private publishPanel(d: Draft): TemplateResult {
    const t = withWords(this.slug, m(MESSAGES));
    const out = `${this.base}/draft/output?lang=${this.flang}`;
    const published = `/api/studies/${encodeURIComponent(this.slug)}/factsheets/${this.latest}?lang=${this.flang}`;
    return html`<p class="a-small">${t.publishLead}</p>
      <form class="a-row" @submit=${this.publish}>
        <div class="a-field f-grow"><label for="f-note">${t.note}</label><input id="f-note" name="note" maxlength="500"></div>
        <button type="submit" class="a-primary" ?disabled=${this.status !== 'saved'}>${t.publish}</button>
      </form>
      ${d.pdfAvailable ? nothing : html`<p class="a-alert a-alert--warn">${t.noPdf}</p>`}
      ${
        this.latest !== null
          ? html`<h3>${fill(t.publishedDownloads, { n: this.latest })}</h3>
            <ul class="f-links">
              ${d.pdfAvailable ? html`<li><a href="${published}&format=pdf&download=1">${t.pdf}</a></li>` : nothing}
              <li><a href="${published}&download=1">${t.htmlFile}</a></li>
              ${d.pdfAvailable ? html`<li><a href="${published}&format=docx">${t.word}</a></li>` : nothing}
            </ul>`
          : nothing
      }
      <h3>${this.latest !== null ? t.draftDownloads : t.downloads}</h3>
      <ul class="f-links">
        ${d.pdfAvailable ? html`<li><a href="${out}&format=pdf&download=1">${t.pdf}</a></li>` : nothing}
        <li><a href="${out}&download=1">${t.htmlFile}</a></li>
        ${d.pdfAvailable ? html`<li><a href="${out}&format=docx">${t.word}</a></li>` : nothing}
        ${d.pdfAvailable ? d.charts.map((c) => html`<li><a href="${this.base}/draft/charts/${c.id}?lang=${this.flang}">${fill(t.png, { title: c.title })}</a></li>`) : nothing}
      </ul>
      <rondo-factsheet-versions .slug=${this.slug} .refresh=${this.versionsKey} shares></rondo-factsheet-versions>`;
  }

  private pagesInfo(): TemplateResult | typeof nothing {
    const p = this.paged;
    if (!p || !p.pages) return nothing;
    const t = withWords(this.slug, m(MESSAGES));
    return html`<div class="f-pages" aria-live="polite">
      <p class="a-small a-muted">${fill(p.pages === 1 ? t.pages.one : t.pages.other, { n: p.pages })}</p>
      ${p.pages < 2 || p.pages > 4 ? html`<p class="a-alert a-alert--warn a-small">${fill(t.pageRange, { n: p.pages })}</p>` : nothing}
      ${p.overflowing.length ? html`<p class="a-alert a-alert--warn a-small">${fill(t.overflow, { pages: p.overflowing.join(', ') })}</p>` : nothing}
    </div>`;
  }

  override render() {
    const t = withWords(this.slug, m(MESSAGES));
    const d = this.draft;
    const c = this.comp;
    if (this.error && !d) return html`<h1>${t.title}</h1><p class="a-alert a-alert--error" role="alert">${this.error}</p>`;
    if (!d || !c) return html`<h1>${t.title}</h1><p class="a-loading">…</p>`;
    const statusText = { saved: t.saved, saving: t.saving, unsaved: t.unsaved, conflict: t.conflict }[this.status];
    const tabs = Object.keys(t.tabs) as Tab[];
    return html`<h1>${t.title}</h1>
      <p class="a-lead">${t.lead}</p>
      <div class="a-row a-row--between f-bar">
        <fieldset class="a-row f-lang"><legend class="a-sr">${t.language}</legend>
          ${d.languages.map((l) => html`<label class="a-check"><input type="radio" name="f-lang" .checked=${this.flang === l} @change=${() => this.switchLang(l)}> ${t.langs[l]}</label>`)}
        </fieldset>
        <span role="status" class="a-small ${this.status === 'conflict' ? 'a-alert a-alert--error' : 'a-muted'}">${statusText}
          ${this.status === 'conflict' ? html`<button type="button" @click=${() => location.reload()}>${t.reload}</button>` : nothing}</span>
      </div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="a-alert a-alert--ok" role="status">${this.message}</p>` : nothing}
      ${this.warningsNotice(d)}
      <div class="f-layout">
        <div class="f-panel">
          <div role="tablist" class="f-tabs" aria-label=${t.title}>
            ${tabs.map((k) => html`<button type="button" role="tab" id="f-tab-${k}" aria-controls="f-pane" aria-selected=${this.tab === k ? 'true' : 'false'} @click=${() => (this.tab = k)}>${t.tabs[k]}</button>`)}
          </div>
          <div id="f-pane" role="tabpanel" aria-labelledby="f-tab-${this.tab}">
            ${
              this.tab === 'sections'
                ? this.sectionsPanel(c, d)
                : this.tab === 'texts'
                  ? this.textsPanel(c)
                  : this.tab === 'sentences'
                    ? this.sentencesPanel(d)
                    : this.tab === 'quotes'
                      ? this.quotesPanel(c, d)
                      : this.tab === 'style'
                        ? html`<rondo-factsheet-style
                            .slug=${this.slug}
                            @factsheet-style-change=${() => this.previewKey++}
                          ></rondo-factsheet-style>`
                        : this.publishPanel(d)
            }
          </div>
        </div>
        <section class="f-preview" aria-label=${t.preview}>
          ${this.pagesInfo()}
          ${previewToolbar({
            zoom: this.zoom,
            page: this.page,
            pages: this.paged?.pages ?? 0,
            onZoom: (z) => {
              this.zoom = z;
              this.frames?.setZoom(z);
            },
            onPage: (n) => {
              this.page = n;
              this.frames?.showPage(n);
            },
          })}
          <div class="f-frame-wrap f-paged" tabindex="0" role="region" aria-label=${t.previewTitle}></div>
        </section>
      </div>`;
  }
}
customElements.define('rondo-factsheet-composer', RondoFactsheetComposer);

/** A group's name inside a phrase: "Alleen ouders" (a leading capital lowered in Dutch, kept in "JGZ-teams"). */
function groupWord(label: string, lang: Lang): string {
  return lang === 'nl' && /^.\p{Ll}/u.test(label) ? label[0].toLocaleLowerCase('nl') + label.slice(1) : label;
}
