import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { type ApiFailure, errorText, get, put } from '../api.js';
import { fill, lang, m, num, tx } from '../i18n.js';
import type { CohortAttributesResponse } from '../../../model/api/cohort.js';
import type { CohortAttribute } from '../../../model/cohort-attributes.js';

const MESSAGES = {
  nl: {
    title: 'Kenmerken van {participants}',
    lead:
      'Eigen velden zoals domein, team of regio. U kunt ze vullen bij importeren of per {participant}, en in het dashboard ' +
      'filteren en uitsplitsen (groepen kleiner dan de minimale groepsgrootte worden niet getoond). Ze staan als kolom in de data-export.',
    none: 'Nog geen eigen kenmerken. Het vaste veld Team/regio is er altijd.',
    key: 'Naam in export',
    keyHint: 'Kleine letters, cijfers en _, bijv. domein; wordt de kolomnaam in de export en het filter.',
    label: 'Omschrijving (Nederlands)',
    labelEn: 'Omschrijving (Engels, optioneel)',
    values: 'Toegestane waarden (optioneel)',
    valuesHint: 'Eén per regel, eventueel met een omschrijving: jeugd | Jeugd en gezin. Leeg: elke korte tekst mag.',
    anyValue: 'elke korte tekst',
    used: '{n} {participants} met een waarde',
    add: 'Kenmerk toevoegen',
    edit: 'Bewerken',
    remove: 'Verwijderen',
    save: 'Opslaan',
    cancel: 'Annuleren',
    editTitle: 'Kenmerk {key} bewerken',
    addTitle: 'Kenmerk toevoegen',
    confirmRemove: 'Kenmerk {label} verwijderen? De waarden van {n} {participants} gaan verloren.',
    saved: 'Kenmerken opgeslagen.',
  },
  en: {
    title: '{Participant} attributes',
    lead:
      'Your own fields such as domain, team or region. Fill them when importing or per {participant}, then filter and split by ' +
      'them in the dashboard (groups below the minimum group size are not shown). They are a column of the data export.',
    none: 'No attributes of your own yet. The built-in Team/region field is always there.',
    key: 'Name in exports',
    keyHint: 'Lower-case letters, digits and _, e.g. domain; becomes the export column and the filter.',
    label: 'Label (Dutch)',
    labelEn: 'Label (English, optional)',
    values: 'Allowed values (optional)',
    valuesHint: 'One per line, optionally with a label: youth | Youth and family. Empty: any short text.',
    anyValue: 'any short text',
    used: '{n} {participants} with a value',
    add: 'Add attribute',
    edit: 'Edit',
    remove: 'Remove',
    save: 'Save',
    cancel: 'Cancel',
    editTitle: 'Edit attribute {key}',
    addTitle: 'Add attribute',
    confirmRemove: 'Remove attribute {label}? The values of {n} {participants} will be lost.',
    saved: 'Attributes saved.',
  },
};

/** "value | Label" lines into allowed values (the label in the interface language's slot). */
function parseValues(text: string, previous: CohortAttribute['values']): CohortAttribute['values'] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return undefined;
  return lines.map((line) => {
    const [value, ...rest] = line.split('|');
    const label = rest.join('|').trim();
    const old = previous?.find((v) => v.value === value.trim())?.label;
    if (!label) return old ? { value: value.trim(), label: old } : { value: value.trim() };
    return { value: value.trim(), label: lang() === 'en' && old ? { ...old, en: label } : { ...old, nl: label } };
  });
}

const valuesText = (a: CohortAttribute | null) =>
  (a?.values ?? []).map((v) => (v.label ? `${v.value} | ${tx(v.label)}` : v.value)).join('\n');

/**
 * <rondo-cohort-attributes>: the study's own participant fields (issue 16) — list, add, edit
 * (key, labels, allowed values) and remove, on the cohort screen.
 *
 * @property slug - the study
 * @fires rondo-attributes-change - after a save; the cohort list reloads its columns
 */
export class RondoCohortAttributes extends StaffView {
  static override properties = {
    slug: {},
    data: { state: true },
    editing: { state: true },
    error: { state: true },
    message: { state: true },
  };
  slug = '';
  data: CohortAttributesResponse | null = null;
  editing: CohortAttribute | 'new' | null = null;
  error = '';
  message = '';

  private get url() {
    return `/api/studies/${encodeURIComponent(this.slug)}/cohort/attributes`;
  }
  protected override async load(): Promise<void> {
    this.data = await get<CohortAttributesResponse>(this.url);
  }

  private async open(a: CohortAttribute | 'new'): Promise<void> {
    this.error = '';
    this.editing = a;
    await this.updateComplete;
    this.querySelector<HTMLDialogElement>('#ca-edit')?.showModal();
  }
  private close(): void {
    this.querySelector<HTMLDialogElement>('#ca-edit')?.close();
    this.editing = null;
  }

  private async store(list: CohortAttribute[]): Promise<boolean> {
    try {
      this.data = await put<CohortAttributesResponse>(this.url, { attributes: list });
      this.message = withWords(this.slug, m(MESSAGES)).saved;
      this.error = '';
      this.dispatchEvent(new CustomEvent('rondo-attributes-change', { bubbles: true, composed: true }));
      return true;
    } catch (err) {
      const fail = err as ApiFailure;
      const issues = (fail.details as { issues?: { message: { nl: string; en: string } }[] } | undefined)?.issues;
      this.error = issues?.length ? issues[0].message[lang()] : errorText(fail);
      return false;
    }
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const f = (e.target as HTMLFormElement).elements;
    const v = (n: string) => (f.namedItem(n) as HTMLInputElement).value;
    const old = this.editing === 'new' ? null : this.editing;
    const label = { nl: v('label'), ...(v('labelEn').trim() ? { en: v('labelEn') } : {}) };
    const values = parseValues(v('values'), old?.values);
    const next: CohortAttribute = { key: v('key').trim(), label, ...(values ? { values } : {}) };
    const list = this.data?.attributes ?? [];
    const updated = old ? list.map((a) => (a.key === old.key ? next : a)) : [...list, next];
    this.message = '';
    if (await this.store(updated)) this.close();
  }

  private async removeOne(a: CohortAttribute): Promise<void> {
    const t = withWords(this.slug, m(MESSAGES));
    const n = Object.values(this.data?.usage[a.key] ?? {}).reduce((x, y) => x + y, 0);
    if (!confirm(fill(t.confirmRemove, { label: tx(a.label), n: num(n) }))) return;
    await this.store((this.data?.attributes ?? []).filter((x) => x.key !== a.key));
  }

  private valueList(a: CohortAttribute): string {
    return a.values ? a.values.map((v) => (v.label ? tx(v.label) : v.value)).join(' · ') : withWords(this.slug, m(MESSAGES)).anyValue;
  }

  override render() {
    const t = withWords(this.slug, m(MESSAGES));
    const list = this.data?.attributes ?? [];
    const edit = this.editing === 'new' ? null : this.editing;
    return html`<section class="a-card k-attrs" aria-labelledby="ca-title">
      <div class="a-row a-row--between"><h2 id="ca-title">${t.title}</h2>
        <button type="button" class="a-secondary" @click=${() => this.open('new')}>${t.add}</button></div>
      <p class="a-muted a-small">${t.lead}</p>
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error && !this.editing ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${
        this.data && !list.length
          ? html`<p class="a-muted">${t.none}</p>`
          : html`<ul class="k-attr-list">${list.map((a) => {
              const used = Object.values(this.data?.usage[a.key] ?? {}).reduce((x, y) => x + y, 0);
              return html`<li>
                <div><strong>${tx(a.label)}</strong> <code class="b-var">${a.key}</code>
                  <p class="a-muted a-small">${this.valueList(a)} — ${fill(t.used, { n: num(used) })}</p></div>
                <span class="a-row"><button type="button" class="a-quiet" @click=${() => this.open(a)}>${t.edit}<span
                  class="a-sr"> ${tx(a.label)}</span></button>
                <button type="button" class="a-quiet" @click=${() => this.removeOne(a)}>${t.remove}<span
                  class="a-sr"> ${tx(a.label)}</span></button></span>
              </li>`;
            })}</ul>`
      }
      <dialog id="ca-edit" class="a-dialog" aria-labelledby="ca-edit-title" @close=${() => (this.editing = null)}>
        ${
          this.editing
            ? html`<form @submit=${this.save}>
              <h2 id="ca-edit-title">${edit ? fill(t.editTitle, { key: edit.key }) : t.addTitle}</h2>
              ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
              <div class="a-field"><label for="ca-key">${t.key}</label><input id="ca-key" name="key" required maxlength="30"
                spellcheck="false" autocomplete="off" aria-describedby="ca-key-hint" .value=${edit?.key ?? ''} ?readonly=${!!edit}>
                <p class="a-hint" id="ca-key-hint">${t.keyHint}</p></div>
              <div class="a-pair">
                <div class="a-field"><label for="ca-label">${t.label}</label><input id="ca-label" name="label" required maxlength="80"
                  .value=${edit?.label.nl ?? ''}></div>
                <div class="a-field"><label for="ca-label-en">${t.labelEn}</label><input id="ca-label-en" name="labelEn" maxlength="80"
                  .value=${edit?.label.en ?? ''}></div>
              </div>
              <div class="a-field"><label for="ca-values">${t.values}</label><textarea id="ca-values" name="values" rows="5"
                aria-describedby="ca-values-hint" .value=${valuesText(edit)}></textarea>
                <p class="a-hint" id="ca-values-hint">${t.valuesHint}</p></div>
              <div class="a-row a-row--end"><button type="button" class="a-secondary" @click=${this.close}>${t.cancel}</button><button
                type="submit" class="a-primary">${t.save}</button></div>
            </form>`
            : nothing
        }
      </dialog>
    </section>`;
  }
}
customElements.define('rondo-cohort-attributes', RondoCohortAttributes);
