import { html, nothing } from 'lit';
import { StaffView } from '../../staff-view.js';
import { m, tx, type LocalText } from '../../i18n.js';
import {
  ITEM_TYPES,
  MEASURES,
  SHOW_IF_OPS,
  VARIABLE_PATTERN,
  type Item,
  type ItemType,
  type ShowIfOp,
} from '../../../../model/questionnaire-shape.js';
import type { Lang } from '../../../../model/values.js';
import type { QuestionnaireIssue } from '../../../../model/check-questionnaire.js';
import { MEASURE_NAMES, SCALE_PRESETS, TYPE_NAMES, conditionCodes, itemOfType } from './item-defaults.js';
import { currentSlug } from '../../current-study.js';
import { fillWords, withWords } from '../../study-words.js';
import type { PointsChange } from './rondo-points-editor.js';
import './rondo-points-editor.js';

const MESSAGES = {
  nl: {
    variable: 'Variabelenaam',
    variableHint:
      'Kleine letters, cijfers en _, beginnend met een letter. Blijft gelijk over versies, zodat {roundWords} vergelijkbaar zijn.',
    variableLocked: 'Deze vraag is al beantwoord: een andere naam maakt bij opslaan een nieuwe versie.',
    type: 'Soort vraag',
    typeLocked: 'Al beantwoord: een andere soort maakt bij opslaan een nieuwe versie.',
    measure: 'Wat meet deze vraag?',
    chooseMeasure: '— Kies wat deze vraag meet —',
    text: 'Vraagtekst',
    help: 'Toelichting (optioneel)',
    langNl: 'Nederlands',
    langEn: 'Engels',
    required: 'Verplicht om te beantwoorden',
    rounds: 'Gesteld in de {roundWords}',
    showIf: 'Alleen tonen als…',
    always: 'altijd tonen',
    earlier: 'Eerdere vraag',
    op: 'Voorwaarde',
    value: 'Waarde',
    ops: {
      equals: 'is gelijk aan',
      notEquals: 'is niet gelijk aan',
      anyOf: 'is een van',
      atLeast: 'is minstens',
      atMost: 'is hoogstens',
      answered: 'is beantwoord',
    } as Record<ShowIfOp, string>,
    scale: 'Antwoordschaal',
    preset: 'Standaardschaal invullen',
    choosePreset: 'Kies…',
    dontKnow: '"Weet ik niet" aanbieden',
    notApplicable: '"Niet van toepassing" aanbieden',
    scaleLocked: 'Al beantwoord: andere punten of codes maken bij opslaan een nieuwe versie. Labels verbeteren kan gewoon.',
    options: 'Antwoordopties',
    maxSelect: 'Maximaal aantal keuzes (leeg: geen maximum)',
    min: 'Laagste',
    max: 'Hoogste',
    minLabel: 'Label bij laagste',
    maxLabel: 'Label bij hoogste',
    topFrom: 'Topbox vanaf',
    integer: 'Alleen hele getallen',
    unit: 'Eenheid (bijv. jaar)',
    maxLength: 'Maximale lengte (tekens)',
    multiline: 'Meerdere regels (tekstvak)',
    facets: 'Wat wordt per {partner} gevraagd?',
    facet: { frequency: 'Hoe vaak (frequentie)', quality: 'Hoe goed (kwaliteit)' },
    facetLabel: 'Kolomkop',
    gridNote: 'De rijen zijn de {partners} of {tools} van het onderzoek (zie "{Partners} en {tools}").',
  },
  en: {
    variable: 'Variable name',
    variableHint:
      'Lower-case letters, digits and _, starting with a letter. It stays the same across versions, so {roundWords} can be compared.',
    variableLocked: 'This item has been answered: another name creates a new version when you save.',
    type: 'Item type',
    typeLocked: 'Answered: another type creates a new version when you save.',
    measure: 'What does this item measure?',
    chooseMeasure: '— Choose what this item measures —',
    text: 'Question text',
    help: 'Help text (optional)',
    langNl: 'Dutch',
    langEn: 'English',
    required: 'Required',
    rounds: 'Asked in the {roundWords}',
    showIf: 'Only show when…',
    always: 'always show',
    earlier: 'Earlier item',
    op: 'Condition',
    value: 'Value',
    ops: {
      equals: 'equals',
      notEquals: 'does not equal',
      anyOf: 'is one of',
      atLeast: 'is at least',
      atMost: 'is at most',
      answered: 'is answered',
    } as Record<ShowIfOp, string>,
    scale: 'Answer scale',
    preset: 'Fill in a standard scale',
    choosePreset: 'Choose…',
    dontKnow: 'Offer "don\'t know"',
    notApplicable: 'Offer "not applicable"',
    scaleLocked: 'Answered: other points or codes create a new version when you save. Improving labels is fine.',
    options: 'Answer options',
    maxSelect: 'Maximum number of choices (empty: no maximum)',
    min: 'Lowest',
    max: 'Highest',
    minLabel: 'Label at lowest',
    maxLabel: 'Label at highest',
    topFrom: 'Top box from',
    integer: 'Whole numbers only',
    unit: 'Unit (e.g. years)',
    maxLength: 'Maximum length (characters)',
    multiline: 'Several lines (text box)',
    facets: 'What is asked per {partner}?',
    facet: { frequency: 'How often (frequency)', quality: 'How well (quality)' },
    facetLabel: 'Column heading',
    gridNote: 'The rows are the study\'s {partners} or {tools} (see "{Partners} and {tools}").',
  },
};

/** A type or measure name in the interface language, in the current study's words. */
const named = (name: { nl: string; en: string }) => fillWords(currentSlug(), m(name));

/** An issue in the interface language where the check gives both, else as it comes. */
export function issueText(i: QuestionnaireIssue): string {
  return i.text ? m(i.text) : i.message;
}

/**
 * <rondo-item-editor>: every setting of one item — variable name, type, measure, texts in
 * Dutch and English side by side, required, rounds, show-if (from earlier items only) and
 * the settings of its type. Issues from the questionnaire check are shown at their field.
 *
 * @fires rondo-item-change - the user changed the item; detail: { item }
 */
export class RondoItemEditor extends StaffView {
  static override properties = {
    item: { attribute: false },
    earlier: { attribute: false },
    rounds: { attribute: false },
    languages: { attribute: false },
    issues: { attribute: false },
    answered: { type: Boolean },
  };
  item!: Item;
  earlier: Item[] = [];
  rounds: { key: string; label: LocalText }[] = [];
  languages: Lang[] = ['nl', 'en'];
  issues: QuestionnaireIssue[] = [];
  answered = false;

  private emit(item: Item): void {
    this.dispatchEvent(new CustomEvent('rondo-item-change', { detail: { item }, bubbles: true, composed: true }));
  }
  private patch(p: Record<string, unknown>): void {
    const next = { ...this.item, ...p } as Record<string, unknown>;
    for (const k of Object.keys(p)) if (p[k] === undefined) delete next[k];
    this.emit(next as unknown as Item);
  }
  private get uid(): string {
    return `ie-${this.item.id}`;
  }

  /** A pair of text fields, Dutch and English side by side. */
  private texts(label: string, key: string, value: LocalText | undefined, onChange: (v: LocalText) => void, multiline = true) {
    const t = withWords(currentSlug(), m(MESSAGES));
    const issue = this.issues.find((i) => i.path.endsWith(`/${key}/nl`) || i.path.endsWith(`/${key}/en`));
    const field = (lang: Lang) => {
      const id = `${this.uid}-${key}-${lang}`;
      const invalid = this.issues.some((i) => i.path.endsWith(`/${key}/${lang}`));
      const input = (e: Event) => onChange({ ...(value ?? {}), [lang]: (e.target as HTMLInputElement).value });
      return html`<div class="a-field"><label for=${id}>${label} <span class="a-lang-tag">${lang === 'nl' ? t.langNl : t.langEn}</span></label>
        ${
          multiline
            ? html`<textarea id=${id} lang=${lang} rows="3" maxlength="4000" aria-invalid=${invalid ? 'true' : 'false'} .value=${value?.[lang] ?? ''} @input=${input}></textarea>`
            : html`<input id=${id} lang=${lang} maxlength="400" aria-invalid=${invalid ? 'true' : 'false'} .value=${value?.[lang] ?? ''} @input=${input}>`
        }</div>`;
    };
    return html`<div class="a-pair">${this.languages.map(field)}</div>${issue ? html`<p class="a-cell-problem">${issue.text ? tx(issue.text) : issue.message}</p>` : nothing}`;
  }

  private showIfEditor() {
    const t = withWords(currentSlug(), m(MESSAGES));
    const cond = this.item.showIf;
    const candidates = this.earlier.filter((i) => conditionCodes(i) !== null);
    const target = candidates.find((i) => i.id === cond?.item);
    const codes = target ? (conditionCodes(target) ?? []) : [];
    const setCond = (next: { item: string; op: ShowIfOp; value?: number | number[] } | undefined) => this.patch({ showIf: next });
    const issue = this.issues.find((i) => i.path.endsWith('/showIf'));
    return html`<fieldset class="a-fieldset"><legend>${t.showIf}</legend>
      <div class="a-pair">
        <div class="a-field"><label for="${this.uid}-si-item">${t.earlier}</label>
          <select id="${this.uid}-si-item" @change=${(e: Event) => {
            const id = (e.target as HTMLSelectElement).value;
            if (!id) return setCond(undefined);
            const it = candidates.find((i) => i.id === id)!;
            const first = conditionCodes(it)?.[0]?.code;
            setCond(first === undefined ? { item: id, op: 'answered' } : { item: id, op: 'equals', value: first });
          }}>
            <option value="" ?selected=${!cond}>${t.always}</option>
            ${candidates.map((i) => html`<option value=${i.id} ?selected=${cond?.item === i.id}>${i.id} — ${tx(i.text).slice(0, 60)}</option>`)}
          </select></div>
        ${
          cond
            ? html`<div class="a-field"><label for="${this.uid}-si-op">${t.op}</label>
              <select id="${this.uid}-si-op" @change=${(e: Event) => {
                const op = (e.target as HTMLSelectElement).value as ShowIfOp;
                const v =
                  op === 'answered'
                    ? undefined
                    : op === 'anyOf'
                      ? Array.isArray(cond.value)
                        ? cond.value
                        : [typeof cond.value === 'number' ? cond.value : (codes[0]?.code ?? 0)]
                      : Array.isArray(cond.value)
                        ? cond.value[0]
                        : (cond.value ?? codes[0]?.code ?? 0);
                setCond({ item: cond.item, op, value: v });
              }}>${SHOW_IF_OPS.map((op) => html`<option value=${op} ?selected=${cond.op === op}>${t.ops[op]}</option>`)}</select></div>`
            : nothing
        }
      </div>
      ${
        cond && cond.op !== 'answered'
          ? cond.op === 'anyOf'
            ? html`<div class="a-row" role="group" aria-label=${t.value}>${codes.map(
                (c) =>
                  html`<label class="a-check"><input type="checkbox" .checked=${Array.isArray(cond.value) && cond.value.includes(c.code)} @change=${(
                    e: Event,
                  ) => {
                    const cur = Array.isArray(cond.value) ? cond.value : [];
                    setCond({
                      ...cond,
                      value: (e.target as HTMLInputElement).checked ? [...cur, c.code] : cur.filter((x) => x !== c.code),
                    });
                  }}> ${tx(c.label)}</label>`,
              )}</div>`
            : codes.length
              ? html`<div class="a-field"><label for="${this.uid}-si-val">${t.value}</label><select id="${this.uid}-si-val" @change=${(e: Event) => setCond({ ...cond, value: Number((e.target as HTMLSelectElement).value) })}>
                ${codes.map((c) => html`<option value=${c.code} ?selected=${cond.value === c.code}>${c.code} — ${tx(c.label)}</option>`)}</select></div>`
              : html`<div class="a-field"><label for="${this.uid}-si-val">${t.value}</label><input id="${this.uid}-si-val" type="number" .value=${String(cond.value ?? 0)} @change=${(e: Event) => setCond({ ...cond, value: Number((e.target as HTMLInputElement).value) })}></div>`
          : nothing
      }
      ${issue ? html`<p class="a-cell-problem">${issue.text ? tx(issue.text) : issue.message}</p>` : nothing}
    </fieldset>`;
  }

  private scaleEditor(
    scale: { points: { code: number; label: LocalText }[]; topBox?: number[]; dontKnow?: boolean; notApplicable?: boolean },
    onChange: (s: typeof scale) => void,
    key: string,
  ) {
    const t = withWords(currentSlug(), m(MESSAGES));
    return html`${this.answered ? html`<p class="a-hint">${t.scaleLocked}</p>` : nothing}
      <div class="a-field b-preset"><label for="${this.uid}-${key}-preset">${t.preset}</label>
        <select id="${this.uid}-${key}-preset" @change=${(e: Event) => {
          const k = (e.target as HTMLSelectElement).value;
          if (k) onChange(structuredClone(SCALE_PRESETS[k].scale));
          (e.target as HTMLSelectElement).value = '';
        }}><option value="">${t.choosePreset}</option>${Object.entries(SCALE_PRESETS).map(([k, v]) => html`<option value=${k}>${m(v.name)}</option>`)}</select></div>
      <rondo-points-editor withTopBox idPrefix="${this.uid}-${key}" .points=${scale.points} .topBox=${scale.topBox ?? []}
        @rondo-points-change=${(e: CustomEvent<PointsChange>) => onChange({ ...scale, points: e.detail.points, topBox: e.detail.topBox })}></rondo-points-editor>
      <label class="a-check"><input type="checkbox" .checked=${!!scale.dontKnow} @change=${(e: Event) => onChange({ ...scale, dontKnow: (e.target as HTMLInputElement).checked || undefined })}> ${t.dontKnow}</label>
      <label class="a-check"><input type="checkbox" .checked=${!!scale.notApplicable} @change=${(e: Event) => onChange({ ...scale, notApplicable: (e.target as HTMLInputElement).checked || undefined })}> ${t.notApplicable}</label>`;
  }

  private num(label: string, key: string, value: number | undefined, onChange: (n: number | undefined) => void) {
    const id = `${this.uid}-${key}`;
    return html`<div class="a-field"><label for=${id}>${label}</label><input id=${id} type="number" inputmode="decimal" .value=${value === undefined ? '' : String(value)}
      @change=${(e: Event) => {
        const v = (e.target as HTMLInputElement).value;
        onChange(v === '' ? undefined : Number(v));
      }}></div>`;
  }

  private typeSettings() {
    const t = withWords(currentSlug(), m(MESSAGES));
    const it = this.item;
    const gridNote = fillWords(currentSlug(), t.gridNote);
    switch (it.type) {
      case 'likert':
      case 'frequency':
      case 'toolGrid':
        return html`<fieldset class="a-fieldset"><legend>${t.scale}</legend>${it.type === 'toolGrid' ? html`<p class="a-hint">${gridNote}</p>` : nothing}
          ${this.scaleEditor(it.scale, (scale) => this.patch({ scale }), 'scale')}</fieldset>`;
      case 'partnerGrid':
        return html`<fieldset class="a-fieldset"><legend>${fillWords(currentSlug(), t.facets)}</legend><p class="a-hint">${gridNote}</p>
          ${(['frequency', 'quality'] as const).map((key) => {
            const facet = it.facets.find((f) => f.key === key);
            return html`<label class="a-check"><input type="checkbox" .checked=${!!facet} ?disabled=${!!facet && it.facets.length === 1} @change=${(
              e: Event,
            ) => {
              const on = (e.target as HTMLInputElement).checked;
              const fresh = itemOfType('partnerGrid', it);
              const facets = on
                ? [...it.facets, (fresh as typeof it).facets.find((f) => f.key === key)!].sort((a) => (a.key === 'frequency' ? -1 : 1))
                : it.facets.filter((f) => f.key !== key);
              this.patch({ facets });
            }}> ${t.facet[key]}</label>
            ${
              facet
                ? html`<div class="b-facet">${this.texts(t.facetLabel, `facets-${key}-label`, facet.label, (label) => this.patch({ facets: it.facets.map((f) => (f.key === key ? { ...f, label } : f)) }), false)}
                  ${this.scaleEditor(facet.scale, (scale) => this.patch({ facets: it.facets.map((f) => (f.key === key ? { ...f, scale } : f)) }), `facet-${key}`)}</div>`
                : nothing
            }`;
          })}</fieldset>`;
      case 'rating':
        return html`<fieldset class="a-fieldset"><legend>${t.scale}</legend>
          <div class="a-pair">${this.num(t.min, 'min', it.min, (n) => this.patch({ min: n ?? 0 }))}${this.num(t.max, 'max', it.max, (n) => this.patch({ max: n ?? 10 }))}</div>
          ${this.texts(t.minLabel, 'minLabel', it.minLabel, (minLabel) => this.patch({ minLabel }), false)}
          ${this.texts(t.maxLabel, 'maxLabel', it.maxLabel, (maxLabel) => this.patch({ maxLabel }), false)}
          ${this.num(t.topFrom, 'top', it.topBoxFrom, (n) => this.patch({ topBoxFrom: n }))}
          ${this.missing()}</fieldset>`;
      case 'yesno':
        return html`<fieldset class="a-fieldset"><legend>${t.scale}</legend>${this.missing()}</fieldset>`;
      case 'single':
      case 'multi':
        return html`<fieldset class="a-fieldset"><legend>${t.options}</legend>
          <rondo-points-editor options idPrefix="${this.uid}-opt" .points=${it.options} @rondo-points-change=${(e: CustomEvent<PointsChange>) => this.patch({ options: e.detail.points })}></rondo-points-editor>
          ${it.type === 'multi' ? this.num(t.maxSelect, 'maxsel', it.maxSelect, (n) => this.patch({ maxSelect: n })) : nothing}</fieldset>`;
      case 'number':
        return html`<fieldset class="a-fieldset"><legend>${t.scale}</legend>
          <div class="a-pair">${this.num(t.min, 'min', it.min, (n) => this.patch({ min: n ?? 0 }))}${this.num(t.max, 'max', it.max, (n) => this.patch({ max: n ?? 100 }))}</div>
          <label class="a-check"><input type="checkbox" .checked=${it.integer} @change=${(e: Event) => this.patch({ integer: (e.target as HTMLInputElement).checked })}> ${t.integer}</label>
          ${this.texts(t.unit, 'unit', it.unit, (unit) => this.patch({ unit }), false)}</fieldset>`;
      case 'text':
        return html`<fieldset class="a-fieldset"><legend>${t.scale}</legend>
          ${this.num(t.maxLength, 'maxlen', it.maxLength, (n) => this.patch({ maxLength: Math.max(1, Math.min(10000, n ?? 1000)) }))}
          <label class="a-check"><input type="checkbox" .checked=${it.multiline} @change=${(e: Event) => this.patch({ multiline: (e.target as HTMLInputElement).checked })}> ${t.multiline}</label></fieldset>`;
    }
  }

  private missing() {
    const t = withWords(currentSlug(), m(MESSAGES));
    const it = this.item as Item & { dontKnow?: boolean; notApplicable?: boolean };
    return html`<label class="a-check"><input type="checkbox" .checked=${!!it.dontKnow} @change=${(e: Event) => this.patch({ dontKnow: (e.target as HTMLInputElement).checked || undefined })}> ${t.dontKnow}</label>
      <label class="a-check"><input type="checkbox" .checked=${!!it.notApplicable} @change=${(e: Event) => this.patch({ notApplicable: (e.target as HTMLInputElement).checked || undefined })}> ${t.notApplicable}</label>`;
  }

  override render() {
    const t = withWords(currentSlug(), m(MESSAGES));
    const it = this.item;
    const varIssue = this.issues.find((i) => i.path.endsWith('/id') || i.code === 'duplicate-variable');
    const roundIssue = this.issues.find((i) => i.path.endsWith('/rounds'));
    const measureIssue = this.issues.find((i) => i.path.endsWith('/measure'));
    const other = this.issues.filter(
      (i) =>
        i !== varIssue &&
        i !== roundIssue &&
        i !== measureIssue &&
        !i.path.includes('/text/') &&
        !i.path.endsWith('/showIf') &&
        !/Label\/|label\//.test(i.path) &&
        !i.path.includes('/unit/'),
    );
    return html`<div class="b-editor">
      ${other.length ? html`<ul class="b-issues">${other.map((i) => html`<li>${issueText(i)}</li>`)}</ul>` : nothing}
      <div class="a-pair">
        <div class="a-field"><label for="${this.uid}-var">${t.variable}</label>
          <input id="${this.uid}-var" class="b-var-input" .value=${it.id} pattern=${VARIABLE_PATTERN.slice(1, -1)} maxlength="40" spellcheck="false" autocomplete="off"
            aria-describedby="${this.uid}-var-hint" aria-invalid=${varIssue ? 'true' : 'false'}
            @change=${(e: Event) =>
              this.patch({
                id: (e.target as HTMLInputElement).value
                  .trim()
                  .toLowerCase()
                  .replace(/[^a-z0-9_]/g, '_')
                  .slice(0, 40),
              })}>
          <p class="a-hint" id="${this.uid}-var-hint">${this.answered ? t.variableLocked : t.variableHint}</p>
          ${varIssue ? html`<p class="a-cell-problem">${varIssue.text ? tx(varIssue.text) : varIssue.message}</p>` : nothing}</div>
        <div class="a-field"><label for="${this.uid}-type">${t.type}</label>
          <select id="${this.uid}-type" aria-describedby=${this.answered ? `${this.uid}-type-hint` : ''} @change=${(e: Event) => this.emit(itemOfType((e.target as HTMLSelectElement).value as ItemType, it))}>
            ${ITEM_TYPES.map((ty) => html`<option value=${ty} ?selected=${it.type === ty}>${named(TYPE_NAMES[ty])}</option>`)}</select>
          ${this.answered ? html`<p class="a-hint" id="${this.uid}-type-hint">${t.typeLocked}</p>` : nothing}</div>
      </div>
      ${this.texts(t.text, 'text', it.text, (text) => this.patch({ text }))}
      ${this.texts(t.help, 'help', it.help, (help) => this.patch({ help: help.nl || help.en ? help : undefined }), false)}
      <div class="a-pair">
        <div class="a-field"><label for="${this.uid}-measure">${t.measure}</label>
          <select id="${this.uid}-measure" aria-invalid=${measureIssue ? 'true' : 'false'}
            @change=${(e: Event) => this.patch({ measure: (e.target as HTMLSelectElement).value || undefined })}>
            <option value="" ?selected=${!it.measure}>${t.chooseMeasure}</option>
            ${MEASURES.map((ms) => html`<option value=${ms} ?selected=${it.measure === ms}>${named(MEASURE_NAMES[ms])}</option>`)}</select>
          ${measureIssue ? html`<p class="a-cell-problem">${issueText(measureIssue)}</p>` : nothing}</div>
        <div class="a-field"><span class="a-label">&nbsp;</span><label class="a-check"><input type="checkbox" .checked=${it.required} @change=${(e: Event) => this.patch({ required: (e.target as HTMLInputElement).checked })}> ${t.required}</label></div>
      </div>
      <fieldset class="a-fieldset"><legend>${t.rounds}</legend>
        <div class="a-row">${this.rounds.map(
          (r) =>
            html`<label class="a-check b-round"><input type="checkbox" .checked=${it.rounds.includes(r.key)} @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              const keys = this.rounds.map((x) => x.key).filter((k) => (k === r.key ? on : it.rounds.includes(k)));
              this.patch({ rounds: keys });
            }}> ${tx(r.label)}</label>`,
        )}</div>
        ${roundIssue ? html`<p class="a-cell-problem">${roundIssue.text ? tx(roundIssue.text) : roundIssue.message}</p>` : nothing}
      </fieldset>
      ${this.showIfEditor()}
      ${this.typeSettings()}
    </div>`;
  }
}
customElements.define('rondo-item-editor', RondoItemEditor);
