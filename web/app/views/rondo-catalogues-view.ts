import { withWords } from '../study-words.js';
import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { type ApiFailure, del, get, patch, post, put, failureMessage } from '../api.js';
import { fill, m, num } from '../i18n.js';
import { trashIcon } from '../icons.js';
import type { CatalogueEntry as Entry, PartnersResponse, ToolsResponse } from '../../../model/api/setup.js';
import type { CatalogueKind as Kind } from '../../../model/values.js';

const MESSAGES = {
  nl: {
    title: '{Partners} en {tools}',
    lead: 'De {partners} en {tools} van dit onderzoek. Ze vormen de rijen van de vragen "samenwerking per {partner}" en "gebruik van {tools}".',
    partners: '{Partners}',
    tools: '{Tools}',
    name: 'Naam',
    domain: 'Werkveld',
    descNl: 'Omschrijving (Nederlands)',
    descEn: 'Omschrijving (Engels)',
    save: 'Opslaan',
    remove: 'Verwijderen',
    up: 'Omhoog',
    down: 'Omlaag',
    answers: '{n} antwoorden',
    noAnswers: 'nog geen antwoorden',
    addPartner: '{Partner} toevoegen',
    addTool: '{Tool} toevoegen',
    add: 'Toevoegen',
    saved: '"{name}" opgeslagen.',
    added: '"{name}" toegevoegd.',
    removed: '"{name}" verwijderd.',
    moved: '"{name}" verplaatst naar plaats {n}.',
    answered: 'Deze heeft al antwoorden en kan niet worden verwijderd; u kunt de naam wel aanpassen.',
    empty: 'Nog geen {what}.',
    needName: 'Vul een naam in.',
    domainHint: 'Bijv. Huisartsenzorg, Jeugdhulp, Geboortezorg',
  },
  en: {
    title: '{Partners} and {tools}',
    lead: 'The {partners} and {tools} of this study. They are the rows of the items "collaboration per {partner}" and "use of {tools}".',
    partners: '{Partners}',
    tools: '{Tools}',
    name: 'Name',
    domain: 'Domain',
    descNl: 'Description (Dutch)',
    descEn: 'Description (English)',
    save: 'Save',
    remove: 'Remove',
    up: 'Move up',
    down: 'Move down',
    answers: '{n} answers',
    noAnswers: 'no answers yet',
    addPartner: 'Add {partner}',
    addTool: 'Add {tool}',
    add: 'Add',
    saved: '"{name}" saved.',
    added: '"{name}" added.',
    removed: '"{name}" removed.',
    moved: '"{name}" moved to position {n}.',
    answered: 'This one already has answers and cannot be removed; you can still rename it.',
    empty: 'No {what} yet.',
    needName: 'Enter a name.',
    domainHint: 'E.g. GP care, youth care, maternity care',
  },
};

/** <rondo-catalogues-view>: the study's chain partners (name, domain) and tools (name, description nl/en). */
export class RondoCataloguesView extends StaffView {
  static override properties = { partners: { state: true }, tools: { state: true }, message: { state: true }, error: { state: true } };
  params: Record<string, string> = {};
  partners: Entry[] = [];
  tools: Entry[] = [];
  message = '';
  error = '';

  private url(kind: Kind, rest = '') {
    return `/api/studies/${encodeURIComponent(this.params.slug)}/${kind}s${rest}`;
  }
  protected override async load(): Promise<void> {
    const [p, t] = await Promise.all([get<PartnersResponse>(this.url('partner')), get<ToolsResponse>(this.url('tool'))]);
    this.partners = p.partners;
    this.tools = t.tools;
  }

  private async act(fn: () => Promise<unknown>, ok: string, focus?: string): Promise<boolean> {
    this.error = '';
    this.message = '';
    try {
      await fn();
      this.message = ok;
      await this.load();
      if (focus) {
        await this.updateComplete;
        this.querySelector<HTMLElement>(focus)?.focus();
      }
      return true;
    } catch (err) {
      const f = err as ApiFailure;
      this.error = f.details?.reason === 'answered' ? m(MESSAGES).answered : failureMessage(f);
      // The message stands above both lists; on a long list the form that failed is far below it (and a
      // sticky bar covers the top of the window).
      await this.updateComplete;
      this.querySelector('.a-alert--error')?.scrollIntoView({ block: 'center' });
      return false;
    }
  }

  private body(kind: Kind, form: HTMLFormElement) {
    const v = (n: string) => (form.elements.namedItem(n) as HTMLInputElement | null)?.value.trim() ?? '';
    return kind === 'partner'
      ? { name: v('name'), domain: v('domain') }
      : { name: v('name'), description: { nl: v('descNl'), en: v('descEn') } };
  }

  private move(kind: Kind, list: Entry[], i: number, by: number): void {
    const j = i + by;
    if (j < 0 || j >= list.length) return;
    const ids = list.map((e) => e.id);
    [ids[i], ids[j]] = [ids[j], ids[i]];
    const dir = by < 0 ? 'up' : 'down';
    void this.act(
      () => put(this.url(kind, '/order'), { ids }),
      fill(m(MESSAGES).moved, { name: list[i].name, n: j + 1 }),
      `#${kind}-${list[i].id}-${dir}`,
    );
  }

  private list(kind: Kind, list: Entry[]) {
    const t = withWords(this.params.slug, m(MESSAGES));
    if (!list.length)
      return html`<p class="a-muted">${fill(t.empty, { what: (kind === 'partner' ? t.partners : t.tools).toLowerCase() })}</p>`;
    const head = kind === 'partner' ? [t.name, t.domain] : [t.name, t.descNl, t.descEn];
    return html`<div class="c-head c-${kind}" aria-hidden="true">${head.map((h) => html`<span>${h}</span>`)}<span></span></div>
      <ol class="c-list">${list.map(
        (e, i) => html`<li class="c-entry">
        <form class="c-row c-${kind}" @submit=${(ev: SubmitEvent) => {
          ev.preventDefault();
          const b = this.body(kind, ev.target as HTMLFormElement);
          void this.act(() => patch(this.url(kind, `/${e.id}`), b), fill(t.saved, { name: b.name }));
        }}>
          <div class="a-field"><label class="c-label" for="${kind}-${e.id}-name">${t.name}</label><input id="${kind}-${e.id}-name" name="name" maxlength="120" required .value=${e.name}></div>
          ${
            kind === 'partner'
              ? html`<div class="a-field"><label class="c-label" for="${kind}-${e.id}-domain">${t.domain}</label><input id="${kind}-${e.id}-domain" name="domain" maxlength="120" .value=${e.domain ?? ''}></div>`
              : html`<div class="a-field"><label class="c-label" for="${kind}-${e.id}-dnl">${t.descNl}</label><input id="${kind}-${e.id}-dnl" name="descNl" maxlength="400" .value=${e.description?.nl ?? ''}></div>
                <div class="a-field"><label class="c-label" for="${kind}-${e.id}-den">${t.descEn}</label><input id="${kind}-${e.id}-den" name="descEn" lang="en" maxlength="400" .value=${e.description?.en ?? ''}></div>`
          }
          <div class="c-actions">
            <span class="a-small a-muted c-count">${e.answers ? fill(t.answers, { n: num(e.answers) }) : t.noAnswers}</span>
            <button type="button" class="a-icon" id="${kind}-${e.id}-up" ?disabled=${i === 0} @click=${() => this.move(kind, list, i, -1)} aria-label="${t.up}: ${e.name}">↑</button>
            <button type="button" class="a-icon" id="${kind}-${e.id}-down" ?disabled=${i === list.length - 1} @click=${() => this.move(kind, list, i, 1)} aria-label="${t.down}: ${e.name}">↓</button>
            <button type="submit" class="a-secondary">${t.save}<span class="a-sr"> ${e.name}</span></button>
            ${e.answers ? nothing : html`<button type="button" class="a-icon" aria-label="${t.remove}: ${e.name}" title=${t.remove} @click=${() => this.act(() => del(this.url(kind, `/${e.id}`)), fill(t.removed, { name: e.name }))}>${trashIcon}</button>`}
          </div>
        </form>
      </li>`,
      )}</ol>`;
  }

  private addForm(kind: Kind) {
    const t = withWords(this.params.slug, m(MESSAGES));
    return html`<form class="c-add" @submit=${async (ev: SubmitEvent) => {
      ev.preventDefault();
      const form = ev.target as HTMLFormElement;
      const b = this.body(kind, form);
      if (!b.name) {
        this.error = t.needName;
        return;
      }
      if (await this.act(() => post(this.url(kind), b), fill(t.added, { name: b.name }))) form.reset();
    }}>
      <h3>${kind === 'partner' ? t.addPartner : t.addTool}</h3>
      <div class="c-fields">
        <div class="a-field"><label for="new-${kind}-name">${t.name}</label><input id="new-${kind}-name" name="name" maxlength="120"></div>
        ${
          kind === 'partner'
            ? html`<div class="a-field"><label for="new-partner-domain">${t.domain}</label><input id="new-partner-domain" name="domain" maxlength="120" aria-describedby="new-partner-domain-hint"><p class="a-hint" id="new-partner-domain-hint">${t.domainHint}</p></div>`
            : html`<div class="a-field"><label for="new-tool-dnl">${t.descNl}</label><input id="new-tool-dnl" name="descNl" maxlength="400"></div>
              <div class="a-field"><label for="new-tool-den">${t.descEn}</label><input id="new-tool-den" name="descEn" lang="en" maxlength="400"></div>`
        }
      </div>
      <button type="submit" class="a-primary">${t.add}</button>
    </form>`;
  }

  override render() {
    const t = withWords(this.params.slug, m(MESSAGES));
    return html`<h1>${t.title}</h1>
      <p class="a-lead">${t.lead}</p>
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      <div>
        <section class="a-card" aria-labelledby="cat-partners"><h2 id="cat-partners">${t.partners} <span class="a-badge a-badge--muted">${this.partners.length}</span></h2>${this.list('partner', this.partners)}${this.addForm('partner')}</section>
        <section class="a-card" aria-labelledby="cat-tools"><h2 id="cat-tools">${t.tools} <span class="a-badge a-badge--muted">${this.tools.length}</span></h2>${this.list('tool', this.tools)}${this.addForm('tool')}</section>
      </div>`;
  }
}
customElements.define('rondo-catalogues-view', RondoCataloguesView);
