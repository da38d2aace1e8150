import { html, nothing } from 'lit';
import { StaffView } from '../../staff-view.js';
import { fill, m, tx } from '../../i18n.js';
import { currentSlug } from '../../current-study.js';
import { studyTitleWord, studyWord, withWords } from '../../study-words.js';
import { itemsInRound, type Item, type Questionnaire, type ShowIf } from '../../../../model/questionnaire-shape.js';
import type { AnswerCell, LocalText } from '../../../../model/index.js';
import type { Lang } from '../../../../model/values.js';
import type { AnswerEvent } from '../../../respondent/answer-event.js';
import type { GridRow } from '../../../respondent/rondo-grid-item.js';
import '../../../respondent/rondo-choice-item.js';
import '../../../respondent/rondo-multi-item.js';
import '../../../respondent/rondo-number-item.js';
import '../../../respondent/rondo-text-item.js';
import '../../../respondent/rondo-grid-item.js';

const MESSAGES = {
  nl: {
    title: 'Voorbeeld',
    lead: 'Zo ziet een {participant} de vragenlijst. U kunt antwoorden kiezen om te zien welke vragen dan verschijnen; er wordt niets opgeslagen.',
    round: '{RoundWord}',
    language: 'Taal',
    nl: 'Nederlands',
    en: 'Engels',
    empty: 'In {deze round} worden nog geen vragen gesteld.',
    minutes: 'Invullen duurt ongeveer {n} minuten.',
    reset: 'Antwoorden wissen',
    hidden: '{n} vragen zijn verborgen door een voorwaarde.',
    noPartners: 'Dit onderzoek heeft nog geen {partners}.',
    noTools: 'Dit onderzoek heeft nog geen {tools}.',
  },
  en: {
    title: 'Preview',
    lead: 'This is what a {participant} sees. You can choose answers to see which items then appear; nothing is saved.',
    round: '{RoundWord}',
    language: 'Language',
    nl: 'Dutch',
    en: 'English',
    empty: 'No items are asked in this {roundWord} yet.',
    minutes: 'Answering takes about {n} minutes.',
    reset: 'Clear answers',
    hidden: '{n} items are hidden by a condition.',
    noPartners: 'This study has no {partners} yet.',
    noTools: 'This study has no {tools} yet.',
  },
};

/**
 * The messages in the interface language with the study's own words (web/app/study-words.ts); a round's word
 * has placeholders of its own here ({roundWord}), since `{round}` is a round's name elsewhere.
 */
const words = () => {
  const slug = currentSlug();
  const t = withWords(slug, m(MESSAGES));
  const round = (text: string) =>
    text.replace('{RoundWord}', studyTitleWord(slug, 'round', 'one')).replace('{roundWord}', studyWord(slug, 'round', 'one'));
  return { ...t, round: round(t.round), empty: round(t.empty) };
};

/** Whether a show-if condition holds for the preview's answers (the respondent form applies the same rule). */
export function conditionMet(cond: ShowIf | undefined, cells: AnswerCell[] | undefined): boolean {
  if (!cond) return true;
  const cell = cells?.find((c) => c.sub === '');
  if (cond.op === 'answered') return !!cells?.length;
  if (!cell || typeof cell.code !== 'number') return false;
  const v = cond.value;
  switch (cond.op) {
    case 'equals':
      return cell.code === v;
    case 'notEquals':
      return cell.code !== v;
    case 'anyOf':
      return Array.isArray(v) && v.includes(cell.code);
    case 'atLeast':
      return typeof v === 'number' && cell.code >= v;
    case 'atMost':
      return typeof v === 'number' && cell.code <= v;
  }
  return false;
}

/**
 * <rondo-questionnaire-preview>: the questionnaire as a respondent sees it in one round and
 * language, drawn with the respondent form's own item elements (web/respondent/), so the
 * preview cannot drift from the real form. Answers given here only drive show-if.
 */
export class RondoQuestionnairePreview extends StaffView {
  static override properties = {
    questionnaire: { attribute: false },
    rounds: { attribute: false },
    partners: { attribute: false },
    tools: { attribute: false },
    languages: { attribute: false },
    focusItem: {},
    round: { state: true },
    previewLang: { state: true },
    answers: { state: true },
  };
  /** The item being edited: the preview shows its round, marks it and scrolls to it. */
  focusItem = '';
  questionnaire!: Questionnaire;
  rounds: { key: string; label: LocalText }[] = [];
  partners: GridRow[] = [];
  tools: GridRow[] = [];
  languages: Lang[] = ['nl', 'en'];
  round = '';
  previewLang: Lang = 'nl';
  answers = new Map<string, AnswerCell[]>();

  override willUpdate(changed: Map<string, unknown>): void {
    if (!this.rounds.some((r) => r.key === this.round)) this.round = this.rounds[0]?.key ?? '';
    if (changed.has('focusItem') && this.focusItem && this.questionnaire) {
      const item = this.questionnaire.sections.flatMap((s) => s.items).find((i) => i.id === this.focusItem);
      if (item && !item.rounds.includes(this.round) && item.rounds[0]) this.round = item.rounds[0];
    }
    if (!this.languages.includes(this.previewLang)) this.previewLang = this.languages[0] ?? 'nl';
  }

  override updated(changed: Map<string, unknown>): void {
    // The grid element chooses table or cards by the viewport's width; the preview beside the
    // editor is phone-wide, so its grids get the cards a phone shows. (The respondent element
    // has no option for this; its `wide` state is set here, and only ever to false.)
    const frame = this.querySelector<HTMLElement>('.b-preview-frame');
    if (frame && frame.clientWidth < 720) {
      for (const grid of this.querySelectorAll('rondo-grid-item')) (grid as unknown as { wide: boolean }).wide = false;
    }
    // Side by side with the editor (wide screens), bring the edited item into view.
    if (changed.has('focusItem') && this.focusItem && matchMedia('(min-width: 75em)').matches) {
      this.querySelector('.b-focus')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
  }

  private onAnswer(e: AnswerEvent): void {
    e.stopPropagation();
    const next = new Map(this.answers);
    next.set(e.detail.item, e.detail.cells);
    this.answers = next;
  }

  private renderItem(item: Item) {
    const cells = this.answers.get(item.id) ?? [];
    switch (item.type) {
      case 'likert':
      case 'frequency':
      case 'rating':
      case 'yesno':
      case 'single':
        return html`<rondo-choice-item .item=${item} .language=${this.previewLang} .cells=${cells}></rondo-choice-item>`;
      case 'multi':
        return html`<rondo-multi-item .item=${item} .language=${this.previewLang} .cells=${cells}></rondo-multi-item>`;
      case 'number':
        return html`<rondo-number-item .item=${item} .language=${this.previewLang} .cells=${cells}></rondo-number-item>`;
      case 'text':
        return html`<rondo-text-item .item=${item} .language=${this.previewLang} .cells=${cells}></rondo-text-item>`;
      case 'partnerGrid':
      case 'toolGrid': {
        const rows = item.type === 'partnerGrid' ? this.partners : this.tools;
        if (!rows.length)
          return html`<p class="a-alert a-alert--warn">${words()[item.type === 'partnerGrid' ? 'noPartners' : 'noTools']}</p>`;
        return html`<rondo-grid-item .item=${item} .language=${this.previewLang} .cells=${cells} .rows=${rows}></rondo-grid-item>`;
      }
    }
  }

  override render() {
    const t = words();
    const q = this.questionnaire;
    if (!q) return nothing;
    const inRound = new Set(itemsInRound(q, this.round).map((i) => i.id));
    let hidden = 0;
    const sections = q.sections
      .map((s) => ({
        section: s,
        items: s.items.filter((i) => {
          if (!inRound.has(i.id)) return false;
          if (!conditionMet(i.showIf, i.showIf ? this.answers.get(i.showIf.item) : undefined)) {
            hidden++;
            return false;
          }
          return true;
        }),
      }))
      .filter((s) => s.items.length);
    return html`<section class="b-preview" aria-labelledby="pv-title">
      <h2 id="pv-title">${t.title}</h2>
      <p class="a-muted a-small">${t.lead}</p>
      <div class="b-preview-controls">
        <div class="a-field"><label for="pv-round">${t.round}</label><select id="pv-round" @change=${(e: Event) => (this.round = (e.target as HTMLSelectElement).value)}>
          ${this.rounds.map((r) => html`<option value=${r.key} ?selected=${r.key === this.round}>${tx(r.label)}</option>`)}</select></div>
        <div class="a-field"><label for="pv-lang">${t.language}</label><select id="pv-lang" @change=${(e: Event) => (this.previewLang = (e.target as HTMLSelectElement).value as Lang)}>
          ${this.languages.map((l) => html`<option value=${l} ?selected=${l === this.previewLang}>${t[l]}</option>`)}</select></div>
        <button type="button" class="a-quiet" @click=${() => (this.answers = new Map())}>${t.reset}</button>
      </div>
      <div class="b-preview-frame r-form" lang=${this.previewLang} @rondo-answer=${this.onAnswer}>
        <h3>${tx(q.title, this.previewLang)}</h3>
        ${q.estimatedMinutes ? html`<p class="a-muted">${fill(t.minutes, { n: q.estimatedMinutes })}</p>` : nothing}
        ${sections.length ? nothing : html`<p class="a-muted">${t.empty}</p>`}
        ${sections.map(
          ({ section, items }) => html`<section class="r-section">
            <h4>${tx(section.title, this.previewLang)}</h4>
            ${section.intro ? html`<p class="r-intro">${tx(section.intro, this.previewLang)}</p>` : nothing}
            ${items.map((i) => html`<div class="r-item ${i.id === this.focusItem ? 'b-focus' : ''}">${this.renderItem(i)}</div>`)}
          </section>`,
        )}
        ${hidden ? html`<p class="a-muted a-small">${fill(t.hidden, { n: hidden })}</p>` : nothing}
      </div>
    </section>`;
  }
}
customElements.define('rondo-questionnaire-preview', RondoQuestionnairePreview);
