import { html, nothing } from 'lit';
import { StaffView } from '../../staff-view.js';
import { fill, m, tx } from '../../i18n.js';
import {
  INDICATOR_SUMMARIES,
  SUMMARY_ITEM_TYPES,
  SUMMARY_NAMES,
  type Indicator,
  type IndicatorSummary,
} from '../../../../model/indicators.js';
import type { Item, ItemType } from '../../../../model/questionnaire-shape.js';
import type { Lang } from '../../../../model/values.js';
import type { QuestionnaireIssue } from '../../../../model/check-questionnaire.js';
import { TYPE_NAMES } from './item-defaults.js';
import { currentSlug } from '../../current-study.js';
import { fillWords, withWords } from '../../study-words.js';
import { issueText } from './rondo-item-editor.js';

const MESSAGES = {
  nl: {
    title: 'Indicatoren',
    lead:
      'Een indicator is een uitkomst die u zelf benoemt, gemeten met één of meer vragen van dezelfde soort. ' +
      'Het dashboard en de factsheet rapporteren hem per {roundWord}, ' +
      'met dezelfde betrouwbaarheidsintervallen en toetsen als de vaste onderdelen.',
    none: 'Nog geen indicatoren.',
    add: 'Indicator toevoegen',
    remove: 'Indicator {name} verwijderen',
    key: 'Sleutel',
    keyHint: 'Kleine letters, cijfers en _; komt in de analyse en de exports.',
    name: 'Naam',
    langNl: 'Nederlands',
    langEn: 'Engels',
    summary: 'Samenvatting',
    items: 'Vragen die deze indicator meten',
    itemsHint: 'Kies vragen van één soort. Bij meer vragen telt per persoon eerst het aandeel (of gemiddelde) van de beantwoorde vragen.',
    noItems: 'De vragenlijst heeft nog geen vragen die een indicator kunnen meten.',
    untitled: '(zonder naam)',
  },
  en: {
    title: 'Indicators',
    lead:
      'An indicator is an outcome you name yourself, measured by one or more items of the same type. ' +
      'The dashboard and the factsheet report it per {roundWord}, with the same confidence intervals and tests as the built-in parts.',
    none: 'No indicators yet.',
    add: 'Add indicator',
    remove: 'Remove indicator {name}',
    key: 'Key',
    keyHint: 'Lower-case letters, digits and _; used in the analysis and the exports.',
    name: 'Name',
    langNl: 'Dutch',
    langEn: 'English',
    summary: 'Summary',
    items: 'Items that measure this indicator',
    itemsHint: 'Choose items of one type. With several items, each person’s share (or mean) of the items they answered counts first.',
    noItems: 'The questionnaire has no items yet that can measure an indicator.',
    untitled: '(untitled)',
  },
};

/** Item types some summary fits: the ones offered as an indicator's items. */
const USABLE = new Set<ItemType>(INDICATOR_SUMMARIES.flatMap((s) => [...SUMMARY_ITEM_TYPES[s]]));

/**
 * <rondo-indicators-editor>: the questionnaire's own indicators (model/indicators.ts) — key, name
 * in the study's languages, the items that measure it and how it is summarised. Problems from the
 * questionnaire check (paths under /indicators) are shown at their indicator, in the interface
 * language.
 *
 * @fires rondo-indicators-change - the user changed the list; detail: { indicators }
 */
export class RondoIndicatorsEditor extends StaffView {
  static override properties = {
    indicators: { attribute: false },
    items: { attribute: false },
    languages: { attribute: false },
    issues: { attribute: false },
  };
  indicators: Indicator[] = [];
  items: Item[] = [];
  languages: Lang[] = ['nl', 'en'];
  issues: QuestionnaireIssue[] = [];

  private emit(indicators: Indicator[]): void {
    this.dispatchEvent(new CustomEvent('rondo-indicators-change', { detail: { indicators }, bubbles: true, composed: true }));
  }
  private patch(at: number, p: Partial<Indicator>): void {
    this.emit(this.indicators.map((ind, i) => (i === at ? { ...ind, ...p } : ind)));
  }
  private add(): void {
    const used = new Set(this.indicators.map((i) => i.key));
    let n = this.indicators.length + 1;
    while (used.has(`indicator${n}`)) n++;
    const name = Object.fromEntries(this.languages.map((l) => [l, ''])) as Indicator['name'];
    // No summary is guessed either: the first one is a placeholder the check refuses until items fit it.
    this.emit([...this.indicators, { key: `indicator${n}`, name, items: [], summary: 'share-agreeing' }]);
    void this.updateComplete.then(() =>
      this.querySelector<HTMLElement>(`#ind-${this.indicators.length - 1}-name-${this.languages[0]}`)?.focus(),
    );
  }

  private renderOne(ind: Indicator, at: number) {
    const t = withWords(currentSlug(), m(MESSAGES));
    const uid = `ind-${at}`;
    const issues = this.issues.filter((i) => i.path === `/indicators/${at}` || i.path.startsWith(`/indicators/${at}/`));
    const invalid = (sub: string) => (issues.some((i) => i.path.startsWith(`/indicators/${at}/${sub}`)) ? 'true' : 'false');
    const usable = this.items.filter((i) => USABLE.has(i.type));
    const title = tx(ind.name) || t.untitled;
    return html`<fieldset class="a-fieldset b-indicator">
      <legend>${title}</legend>
      ${issues.length ? html`<ul class="b-issues">${issues.map((i) => html`<li>${issueText(i)}</li>`)}</ul>` : nothing}
      <div class="a-pair">
        ${this.languages.map(
          (lang) => html`<div class="a-field"><label for="${uid}-name-${lang}">${t.name}
              <span class="a-lang-tag">${lang === 'nl' ? t.langNl : t.langEn}</span></label>
            <input id="${uid}-name-${lang}" lang=${lang} maxlength="200" aria-invalid=${invalid(`name/${lang}`)}
              .value=${ind.name[lang] ?? ''}
              @input=${(e: Event) => this.patch(at, { name: { ...ind.name, [lang]: (e.target as HTMLInputElement).value } })}></div>`,
        )}
      </div>
      <div class="a-pair b-indicator-key">
        <div class="a-field"><label for="${uid}-key">${t.key}</label>
          <input id="${uid}-key" class="b-var-input" maxlength="40" spellcheck="false" autocomplete="off" aria-describedby="${uid}-key-hint"
            aria-invalid=${invalid('key')} .value=${ind.key}
            @change=${(e: Event) =>
              this.patch(at, {
                key: (e.target as HTMLInputElement).value
                  .trim()
                  .toLowerCase()
                  .replace(/[^a-z0-9_]/g, '_')
                  .slice(0, 40),
              })}>
          <p class="a-hint" id="${uid}-key-hint">${t.keyHint}</p></div>
        <div class="a-field"><label for="${uid}-summary">${t.summary}</label>
          <select id="${uid}-summary" aria-invalid=${invalid('summary')}
            @change=${(e: Event) => this.patch(at, { summary: (e.target as HTMLSelectElement).value as IndicatorSummary })}>
            ${INDICATOR_SUMMARIES.map((s) => html`<option value=${s} ?selected=${ind.summary === s}>${m(SUMMARY_NAMES[s])}</option>`)}
          </select></div>
      </div>
      <fieldset class="a-fieldset" aria-describedby="${uid}-items-hint"><legend>${t.items}</legend>
        <p class="a-hint" id="${uid}-items-hint">${t.itemsHint}</p>
        ${
          usable.length
            ? html`<div class="b-indicator-items">${usable.map(
                (item) => html`<label class="a-check"><input type="checkbox" .checked=${ind.items.includes(item.id)}
                  @change=${(e: Event) => {
                    const on = (e.target as HTMLInputElement).checked;
                    // Keep questionnaire order, whatever the order of clicking.
                    const ids = this.items.map((i) => i.id).filter((id) => (id === item.id ? on : ind.items.includes(id)));
                    this.patch(at, { items: ids });
                  }}> <span class="b-indicator-item"><span class="b-var">${item.id}</span> ${tx(item.text).slice(0, 80)}
                  <span class="a-muted">(${fillWords(currentSlug(), m(TYPE_NAMES[item.type]))})</span></span></label>`,
              )}</div>`
            : html`<p class="a-muted">${t.noItems}</p>`
        }
      </fieldset>
      <div class="a-row a-row--end">
        <button type="button" class="a-secondary" @click=${() => this.emit(this.indicators.filter((_, i) => i !== at))}>
          ${fill(t.remove, { name: title })}</button>
      </div>
    </fieldset>`;
  }

  override render() {
    const t = withWords(currentSlug(), m(MESSAGES));
    return html`<section class="a-card b-indicators" aria-labelledby="b-indicators-title">
      <h2 id="b-indicators-title">${t.title}</h2>
      <p class="a-muted">${t.lead}</p>
      ${this.indicators.length ? this.indicators.map((ind, at) => this.renderOne(ind, at)) : html`<p>${t.none}</p>`}
      <button type="button" class="a-secondary" @click=${this.add}>+ ${t.add}</button>
    </section>`;
  }
}
customElements.define('rondo-indicators-editor', RondoIndicatorsEditor);
