import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { breakableEmail } from '../breakable-email.js';
import './rondo-value-labels.js';
import './rondo-cohort-attributes.js';
import './rondo-domain-coverage.js';
import { type ApiFailure, del, get, patch, post, put, errorText } from '../api.js';
import { fill, m, num, tx } from '../i18n.js';
import { PAGE, lastPage, pager, range } from '../pager.js';
import { folded } from '../../../model/fold.js';
import type {
  CohortAttributesResponse,
  CohortParticipant as Participant,
  CreatedParticipant,
  ParticipantsResponse,
} from '../../../model/api/cohort.js';
import type { CohortAttribute } from '../../../model/cohort-attributes.js';
import type { StudyResponse } from '../../../model/api/setup.js';
import type { GroupsResponse } from '../../../model/api/groups.js';
import type { LocalText } from '../../../model/i18n.js';

type RoundInfo = StudyResponse['rounds'][number];

const MESSAGES = {
  nl: {
    // The screen's name, as in the navigation and the paths other messages give (model/domain-coverage-check.ts).
    title: '{Participants}',
    lead: 'De mensen die voor dit onderzoek worden uitgenodigd. Antwoorden worden bewaard onder de code (bijv. P-7K3M9Q); naam en e-mailadres staan apart en zijn alleen voor onderzoekers zichtbaar.',
    import: 'Importeren uit CSV',
    add: '{Participant} toevoegen',
    search: 'Zoeken',
    searchHint: 'Op naam, e-mailadres, organisatie of functie',
    count: '{n} {participants}',
    shown: '{shown} van {n} getoond',
    page: '{from}–{to} van {n} getoond',
    pageOf: '{from}–{to} van {n} getoond (van {total} {participants})',
    code: 'Code',
    name: 'Naam',
    email: 'E-mailadres',
    organisation: 'Organisatie',
    role: 'Functie',
    team: 'Team/regio',
    attributes: 'Kenmerken',
    noValue: '— geen —',
    status: 'Status',
    responses: 'Respons',
    actions: 'Acties',
    active: 'doet mee',
    left: 'vertrokken vanaf {round}',
    edit: 'Bewerken',
    leave: 'Vertrokken…',
    remove: 'Verwijderen',
    rejoin: 'Doet weer mee',
    editTitle: '{Participant} {key} bewerken',
    addTitle: '{Participant} toevoegen',
    save: 'Opslaan',
    cancel: 'Annuleren',
    leaveTitle: '{key} is vertrokken',
    leaveFrom: 'Vanaf {welke round}?',
    leaveNote: 'Reden (optioneel, alleen voor het team)',
    leaveHelp: 'Vanaf {deze round} telt {de participant} niet meer mee in de noemer van het responspercentage; rapportages vermelden dit.',
    saved: 'Opgeslagen.',
    removed: '{key} verwijderd.',
    leftDone: '{key} gemarkeerd als vertrokken vanaf {round}.',
    rejoined: '{key} doet weer mee.',
    added: '{Participant} {key} toegevoegd.',
    confirmRemove: '{Participant} {key} verwijderen? Dit kan niet ongedaan worden gemaakt.',
    hasResponses: '{Deze participant} heeft al geantwoord en kan niet worden verwijderd. Markeer {de participant} als vertrokken.',
    empty: 'Nog geen {participants}. Importeer een CSV-bestand (bijv. uit Excel) of voeg {participants} één voor één toe.',
    none: 'Geen {participants} gevonden.',
    reasons: {
      'invalid-email': 'Dit is geen geldig e-mailadres.',
      'missing-email': 'Vul een e-mailadres in.',
      'already-in-cohort': 'Dit e-mailadres staat al in de deelnemerslijst.',
      formula: 'Een waarde begint met =, +, - of @ en lijkt een spreadsheetformule.',
      'value-not-allowed': 'Deze waarde staat niet in de lijst van het kenmerk.',
    } as Record<string, string>,
  },
  en: {
    title: '{Participants}',
    lead: 'The people invited to this study. Answers are stored under the code (e.g. P-7K3M9Q); name and e-mail address are kept apart and visible to researchers only.',
    import: 'Import from CSV',
    add: 'Add {participant}',
    search: 'Search',
    searchHint: 'By name, e-mail address, organisation or role',
    count: '{n} {participants}',
    shown: '{shown} of {n} shown',
    page: '{from}–{to} of {n} shown',
    pageOf: '{from}–{to} of {n} shown (of {total} {participants})',
    code: 'Code',
    name: 'Name',
    email: 'E-mail address',
    organisation: 'Organisation',
    role: 'Role',
    team: 'Team/region',
    attributes: 'Attributes',
    noValue: '— none —',
    status: 'Status',
    responses: 'Responses',
    actions: 'Actions',
    active: 'taking part',
    left: 'left from {round}',
    edit: 'Edit',
    leave: 'Left…',
    remove: 'Remove',
    rejoin: 'Taking part again',
    editTitle: 'Edit {participant} {key}',
    addTitle: 'Add {participant}',
    save: 'Save',
    cancel: 'Cancel',
    leaveTitle: '{key} has left',
    leaveFrom: 'From which {roundWord}?',
    leaveNote: 'Reason (optional, for the team only)',
    leaveHelp: 'From this {roundWord} on the {participant} no longer counts in the response-rate denominator; reports say so.',
    saved: 'Saved.',
    removed: '{key} removed.',
    leftDone: '{key} marked as having left from {round}.',
    rejoined: '{key} is taking part again.',
    added: '{Participant} {key} added.',
    confirmRemove: 'Remove {participant} {key}? This cannot be undone.',
    hasResponses: 'This {participant} has already responded and cannot be removed. Mark them as having left.',
    empty: 'No {participants} yet. Import a CSV file (e.g. from Excel) or add {participants} one by one.',
    none: 'No {participants} found.',
    reasons: {
      'invalid-email': 'This is not a valid e-mail address.',
      'missing-email': 'Enter an e-mail address.',
      'already-in-cohort': 'This e-mail address is already in the cohort.',
      formula: 'A value starts with =, +, - or @ and looks like a spreadsheet formula.',
      'value-not-allowed': 'This value is not in the attribute’s list.',
    } as Record<string, string>,
  },
};

/** <rondo-cohort-view>: the participant list with search, add, edit, remove and "left from round". */
export class RondoCohortView extends StaffView {
  static override properties = {
    list: { state: true },
    rounds: { state: true },
    traitsOf: { state: true },
    query: { state: true },
    offset: { state: true },
    editing: { state: true },
    leaving: { state: true },
    message: { state: true },
    error: { state: true },
    formError: { state: true },
    groups: { state: true },
  };
  /** Each participant's respondent group name, when the study has groups (changed on the groups screen). */
  groups: Record<string, LocalText> = {};
  params: Record<string, string> = {};
  list: Participant[] | null = null;
  rounds: RoundInfo[] = [];
  /** The study's own cohort attributes (issue 16): a column of the list and fields of the edit form. */
  traitsOf: CohortAttribute[] = [];
  query = '';
  /** The first row of the list's page (pager.ts). */
  offset = 0;
  /** Each participant's fields as the search compares them, worked out once per loaded row (10,000 rows: every keystroke). */
  private readonly haystacks = new WeakMap<Participant, string>();
  editing: Participant | 'new' | null = null;
  leaving: Participant | null = null;
  message = '';
  error = '';
  formError = '';

  private get base() {
    return `/api/studies/${encodeURIComponent(this.params.slug)}`;
  }
  override connectedCallback(): void {
    super.connectedCallback();
    get<StudyResponse>(this.base).then(
      (r) => (this.rounds = r.rounds),
      () => undefined,
    );
  }
  protected override async load(): Promise<void> {
    const [list, groups, attributes] = await Promise.all([
      get<ParticipantsResponse>(`${this.base}/participants`),
      get<GroupsResponse>(`${this.base}/groups`).catch(() => null),
      get<CohortAttributesResponse>(`${this.base}/cohort/attributes`),
    ]);
    this.list = list.participants;
    const names = new Map(groups?.explicit ? groups.groups.map((g) => [g.key, g.name]) : []);
    this.groups = Object.fromEntries(
      Object.entries(groups?.assignments ?? {}).flatMap(([p, g]) => (names.has(g) ? [[p, names.get(g)!]] : [])),
    );
    this.traitsOf = attributes.attributes;
  }
  /** A participant's team and attribute values as "label: value" lines for the list. */
  private traits(p: Participant) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const lines: [string, string][] = [];
    if (p.team) lines.push([t.team, p.team]);
    for (const a of this.traitsOf) {
      const value = p.attributes[a.key];
      if (value) lines.push([tx(a.label), tx(a.values?.find((v) => v.value === value)?.label) || value]);
    }
    return lines.length
      ? html`<dl class="k-traits">${lines.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`
      : html`<span class="a-muted">—</span>`;
  }
  private roundLabel(key: string | null): string {
    return tx(this.rounds.find((r) => r.key === key)?.label) || key || '';
  }

  private async open(kind: 'edit' | 'leave', p: Participant | 'new'): Promise<void> {
    this.formError = '';
    if (kind === 'edit') this.editing = p;
    else this.leaving = p as Participant;
    await this.updateComplete;
    this.querySelector<HTMLDialogElement>(kind === 'edit' ? '#p-edit' : '#p-leave')?.showModal();
  }
  private close(): void {
    this.querySelectorAll<HTMLDialogElement>('dialog[open]').forEach((d) => d.close());
    this.editing = null;
    this.leaving = null;
  }

  private async saveEdit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = withWords(this.params.slug, m(MESSAGES));
    const f = (e.target as HTMLFormElement).elements;
    const v = (n: string) => (f.namedItem(n) as HTMLInputElement).value;
    const attributes = Object.fromEntries(this.traitsOf.map((a) => [a.key, v(`attr-${a.key}`)]));
    const body = { name: v('name'), email: v('email'), organisation: v('organisation'), role: v('role'), team: v('team'), attributes };
    try {
      if (this.editing === 'new') {
        const r = await post<CreatedParticipant>(`${this.base}/participants`, body);
        this.message = fill(t.added, { key: r.key });
      } else {
        await patch(`${this.base}/participants/${this.editing!.key}`, body);
        this.message = t.saved;
      }
      this.error = '';
      this.close();
      await this.load();
    } catch (err) {
      const fail = err as ApiFailure;
      const issues = (fail.details as { issues?: { message: { nl: string; en: string } }[] } | undefined)?.issues;
      this.formError = issues?.length ? tx(issues[0].message) : (t.reasons[String(fail.details?.reason)] ?? errorText(fail));
    }
  }

  private async saveLeave(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = withWords(this.params.slug, m(MESSAGES));
    const f = (e.target as HTMLFormElement).elements;
    const round = (f.namedItem('round') as HTMLSelectElement).value;
    const p = this.leaving!;
    await put(`${this.base}/participants/${p.key}/left`, { round, note: (f.namedItem('note') as HTMLInputElement).value });
    this.message = fill(t.leftDone, { key: p.key, round: this.roundLabel(round) });
    this.close();
    await this.load();
  }

  private async rejoin(p: Participant): Promise<void> {
    await put(`${this.base}/participants/${p.key}/left`, { round: null, note: '' });
    this.message = fill(withWords(this.params.slug, m(MESSAGES)).rejoined, { key: p.key });
    await this.load();
  }

  private async removeOne(p: Participant): Promise<void> {
    const t = withWords(this.params.slug, m(MESSAGES));
    if (!confirm(fill(t.confirmRemove, { key: p.key }))) return;
    try {
      await del(`${this.base}/participants/${p.key}`);
      this.message = fill(t.removed, { key: p.key });
      this.error = '';
      await this.load();
    } catch (err) {
      const fail = err as ApiFailure;
      this.error = fail.details?.reason === 'has-responses' ? t.hasResponses : errorText(fail);
    }
  }

  private searchable(p: Participant): string {
    let text = this.haystacks.get(p);
    if (text === undefined) {
      text = folded([p.key, p.name, p.email, p.organisation, p.role, p.team, ...Object.values(p.attributes)].join('\n'));
      this.haystacks.set(p, text);
    }
    return text;
  }

  override render() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const groupOf = (key: string) => (this.groups[key] ? html`<br><span class="a-muted a-small">${tx(this.groups[key])}</span>` : nothing);
    const all = this.list ?? [];
    const q = folded(this.query.trim());
    const shown = q ? all.filter((p) => this.searchable(p).includes(q)) : all;
    // The page stays in the list when it shrinks (a search, a removal on the last page).
    const offset = Math.min(this.offset, lastPage(shown.length));
    const page = shown.slice(offset, offset + PAGE);
    const rows = range(offset, page.length, shown.length);
    const slug = encodeURIComponent(this.params.slug);
    const edit = this.editing === 'new' ? null : this.editing;
    return html`<div class="a-row a-row--between"><h1>${t.title}</h1>
        <span class="a-row"><a class="button" href="/app/s/${slug}/cohort/import">${t.import}</a><button type="button" class="a-secondary" @click=${() => this.open('edit', 'new')}>${t.add}</button></span></div>
      <p class="a-lead">${t.lead}</p>
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${this.list && !all.length ? html`<p class="a-alert a-alert--info">${t.empty}</p>` : nothing}
      ${
        all.length
          ? html`<div class="a-row a-row--between k-tools">
              <div class="a-field"><label for="p-search">${t.search}</label><input id="p-search" type="search" aria-describedby="p-search-hint" .value=${this.query} @input=${(
                e: Event,
              ) => {
                this.query = (e.target as HTMLInputElement).value;
                this.offset = 0;
              }}>
                <p class="a-hint" id="p-search-hint">${t.searchHint}</p></div>
              <p class="a-muted" aria-live="polite">${
                shown.length > PAGE
                  ? q
                    ? fill(t.pageOf, { ...rows, total: num(all.length) })
                    : fill(t.page, rows)
                  : q
                    ? fill(t.shown, { shown: num(shown.length), n: num(all.length) })
                    : fill(t.count, { n: num(all.length) })
              }</p>
            </div>
            <div class="a-table-wrap" tabindex="0" role="region" aria-label=${t.title}><table class="a-table a-stack k-cohort">
              <thead><tr><th scope="col">${t.code}</th><th scope="col">${t.name} / ${t.email}</th><th
                scope="col">${t.organisation} / ${t.role}</th><th scope="col" class="k-attrs-col">${t.attributes}</th><th
                  scope="col">${t.status}</th><th
                  scope="col" class="a-num">${t.responses}</th><th scope="col" class="a-actions">${t.actions}</th></tr></thead>
              <tbody>${
                page.length
                  ? page.map(
                      (p) => html`<tr>
                  <td data-label=${t.code} class="k-code"><code class="b-var">${p.key}</code>${groupOf(p.key)}</td>
                  <td data-label=${`${t.name} / ${t.email}`}><span class="k-name">${p.name || '—'}</span><br><span
                    class="k-email a-muted">${breakableEmail(p.email)}</span></td>
                  <td data-label=${`${t.organisation} / ${t.role}`}>${p.organisation || '—'}${p.role ? html`<br><span class="a-muted">${p.role}</span>` : nothing}</td>
                  <td data-label=${t.attributes} class="k-attrs-col">${this.traits(p)}</td>
                  <td data-label=${t.status}>${p.leftFromRound ? html`<span class="a-badge a-badge--warn" title=${p.leftNote}>${fill(t.left, { round: this.roundLabel(p.leftFromRound) })}</span>` : html`<span class="a-badge a-badge--muted">${t.active}</span>`}</td>
                  <td class="a-num" data-label=${t.responses}>${num(p.responses)}</td>
                  <td class="a-actions">
                    <button type="button" class="a-quiet" @click=${() => this.open('edit', p)}>${t.edit}<span class="a-sr"> ${p.key}</span></button>
                    ${
                      p.leftFromRound
                        ? html`<button type="button" class="a-quiet" @click=${() => this.rejoin(p)}>${t.rejoin}<span class="a-sr"> ${p.key}</span></button>`
                        : html`<button type="button" class="a-quiet" @click=${() => this.open('leave', p)}>${t.leave}<span class="a-sr"> ${p.key}</span></button>`
                    }
                    ${p.responses ? nothing : html`<button type="button" class="a-quiet" @click=${() => this.removeOne(p)}>${t.remove}<span class="a-sr"> ${p.key}</span></button>`}
                  </td>
                </tr>`,
                    )
                  : html`<tr><td colspan="7">${t.none}</td></tr>`
              }</tbody>
            </table></div>
            ${pager(offset, shown.length, (next) => {
              this.offset = next;
              this.querySelector<HTMLElement>('.k-cohort')?.scrollIntoView({ block: 'start' });
            })}`
          : nothing
      }
      <rondo-cohort-attributes .slug=${this.params.slug} @rondo-attributes-change=${() => this.load()}></rondo-cohort-attributes>
      <rondo-domain-coverage .slug=${this.params.slug} .participants=${this.list}></rondo-domain-coverage>
      <rondo-value-labels .slug=${this.params.slug}></rondo-value-labels>
      <dialog id="p-edit" class="a-dialog" aria-labelledby="p-edit-title" @close=${() => (this.editing = null)}>
        ${
          this.editing
            ? html`<form @submit=${this.saveEdit}>
              <h2 id="p-edit-title">${edit ? fill(t.editTitle, { key: edit.key }) : t.addTitle}</h2>
              ${this.formError ? html`<p class="a-alert a-alert--error" role="alert">${this.formError}</p>` : nothing}
              <div class="a-field"><label for="pe-name">${t.name}</label><input id="pe-name" name="name" maxlength="200" autocomplete="off" .value=${edit?.name ?? ''}></div>
              <div class="a-field"><label for="pe-email">${t.email}</label><input id="pe-email" name="email" type="email" maxlength="254" autocomplete="off" spellcheck="false" required .value=${edit?.email ?? ''}></div>
              <div class="a-field"><label for="pe-org">${t.organisation}</label><input id="pe-org" name="organisation" maxlength="200" .value=${edit?.organisation ?? ''}></div>
              <div class="a-pair">
                <div class="a-field"><label for="pe-role">${t.role}</label><input id="pe-role" name="role" maxlength="120" .value=${edit?.role ?? ''}></div>
                <div class="a-field"><label for="pe-team">${t.team}</label><input id="pe-team" name="team" maxlength="120" .value=${edit?.team ?? ''}></div>
              </div>
              ${this.traitsOf.map((a) => {
                const value = edit?.attributes[a.key] ?? '';
                const id = `pe-attr-${a.key}`;
                return html`<div class="a-field"><label for=${id}>${tx(a.label)}</label>${
                  a.values
                    ? html`<select id=${id} name=${`attr-${a.key}`}><option value=""
                      ?selected=${!value}>${t.noValue}</option>${a.values.map(
                        (v) => html`<option value=${v.value} ?selected=${v.value === value}>${tx(v.label) || v.value}</option>`,
                      )}</select>`
                    : html`<input id=${id} name=${`attr-${a.key}`} maxlength="120" .value=${value}>`
                }</div>`;
              })}
              <div class="a-row a-row--end"><button type="button" class="a-secondary" @click=${this.close}>${t.cancel}</button><button type="submit" class="a-primary">${t.save}</button></div>
            </form>`
            : nothing
        }
      </dialog>
      <dialog id="p-leave" class="a-dialog" aria-labelledby="p-leave-title" @close=${() => (this.leaving = null)}>
        ${
          this.leaving
            ? html`<form @submit=${this.saveLeave}>
              <h2 id="p-leave-title">${fill(t.leaveTitle, { key: this.leaving.key })}</h2>
              <p class="a-muted">${t.leaveHelp}</p>
              <div class="a-field"><label for="pl-round">${t.leaveFrom}</label><select id="pl-round" name="round">${this.rounds.map((r) => html`<option value=${r.key}>${tx(r.label)}</option>`)}</select></div>
              <div class="a-field"><label for="pl-note">${t.leaveNote}</label><input id="pl-note" name="note" maxlength="500"></div>
              <div class="a-row a-row--end"><button type="button" class="a-secondary" @click=${this.close}>${t.cancel}</button><button type="submit" class="a-primary">${t.save}</button></div>
            </form>`
            : nothing
        }
      </dialog>`;
  }
}
customElements.define('rondo-cohort-view', RondoCohortView);
