import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { failureMessage, get, put } from '../api.js';
import { fill, m } from '../i18n.js';
import type { ValueLabelRow, ValueLabelsReply } from '../../../model/api/value-labels.js';

const KINDS = ['roles', 'organisations'] as const;
type Kind = (typeof KINDS)[number];

const MESSAGES = {
  nl: {
    title: 'Labels van functies en organisaties',
    lead:
      'Zo staan de functies en organisaties van {participants} in de factsheet, het dashboard, de filters en de exports. ' +
      'Laat een veld leeg voor het standaardlabel.',
    roles: 'Functies',
    organisations: 'Organisaties',
    code: 'Code',
    nl: 'Nederlands label',
    en: 'Engels label',
    save: 'Opslaan',
    saved: 'Label van {code} opgeslagen.',
    standard: 'standaard',
    none: 'Er zijn nog geen functies in het cohort.',
    noneOrganisations: 'Er zijn nog geen organisaties in het cohort.',
  },
  en: {
    title: 'Labels of roles and organisations',
    lead:
      'How {participants}’ roles and organisations appear in the factsheet, the dashboard, the filters and the exports. ' +
      'Leave a field empty for the default label.',
    roles: 'Roles',
    organisations: 'Organisations',
    code: 'Code',
    nl: 'Dutch label',
    en: 'English label',
    save: 'Save',
    saved: 'Label of {code} saved.',
    standard: 'default',
    none: 'The cohort has no roles yet.',
    noneOrganisations: 'The cohort has no organisations yet.',
  },
};

/**
 * <rondo-value-labels slug="…">: the cohort screen's small tables of role and organisation codes
 * with their Dutch and English labels (PUT /api/studies/:slug/value-labels per row). A label with markup or over
 * 200 characters is refused by the server with a message, which the table shows.
 */
export class RondoValueLabels extends StaffView {
  static override properties = { slug: {}, rows: { state: true }, message: { state: true }, error: { state: true } };
  slug = '';
  rows: ValueLabelsReply | null = null;
  message = '';
  error = '';

  private get url() {
    return `/api/studies/${encodeURIComponent(this.slug)}/value-labels`;
  }
  protected override async load(): Promise<void> {
    if (!this.slug) return;
    this.rows = await get<ValueLabelsReply>(this.url);
  }

  private async save(e: SubmitEvent, kind: Kind, row: ValueLabelRow): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const value = (k: 'nl' | 'en') => {
      const v = String(form.get(k) ?? '').trim();
      return v === row.defaults[k] ? '' : v;
    };
    this.message = '';
    this.error = '';
    try {
      await put(this.url, { kind, code: row.code, nl: value('nl'), en: value('en') });
      this.message = fill(withWords(this.slug, m(MESSAGES)).saved, { code: row.code });
      await this.load();
    } catch (err) {
      this.error = failureMessage(err);
    }
  }

  private row(kind: Kind, r: ValueLabelRow, i: number) {
    const t = withWords(this.slug, m(MESSAGES));
    const id = (lang: 'nl' | 'en') => `vl-${kind === 'roles' ? '' : 'org-'}${lang}-${i}`;
    const field = (lang: 'nl' | 'en') =>
      html`<div class="a-field"><label for=${id(lang)}>${t[lang]}</label>
        <input id=${id(lang)} name=${lang} maxlength="1000" .value=${r[lang]}></div>`;
    return html`<form class="k-label" @submit=${(e: SubmitEvent) => this.save(e, kind, r)}>
      <p><code class="b-var">${r.code}</code>${r.custom ? nothing : html` <span class="a-badge a-badge--muted">${t.standard}</span>`}</p>
      <div class="a-pair">${field('nl')}${field('en')}</div>
      <div class="a-row a-row--end"><button type="submit" class="a-secondary">${t.save}<span class="a-sr"> ${r.code}</span></button></div>
    </form>`;
  }

  override render() {
    const t = withWords(this.slug, m(MESSAGES));
    if (!this.rows) return nothing;
    return html`<section class="k-labels" aria-labelledby="vl-title">
      <h2 id="vl-title">${t.title}</h2>
      <p class="a-muted">${t.lead}</p>
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${KINDS.map((kind) => {
        const rows = this.rows![kind];
        const none = kind === 'roles' ? t.none : t.noneOrganisations;
        return html`<div class="k-labels-${kind}"><h3>${t[kind]}</h3>
          ${rows.length ? rows.map((r, i) => this.row(kind, r, i)) : html`<p class="a-muted">${none}</p>`}</div>`;
      })}
    </section>`;
  }
}
customElements.define('rondo-value-labels', RondoValueLabels);
