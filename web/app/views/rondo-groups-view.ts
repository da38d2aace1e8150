import { html, nothing } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { type ApiFailure, del, failureMessage, get, post, put } from '../api.js';
import { fill, lang, m, num, tx } from '../i18n.js';
import type { GroupCountsResponse, GroupLinkResponse, GroupsResponse } from '../../../model/api/groups.js';
import type { GroupReach, LocalText, RespondentGroup } from '../../../model/index.js';
import type { Lang } from '../../../model/values.js';

const MESSAGES = {
  nl: {
    title: 'Respondentgroepen',
    lead:
      'Wie deze vragenlijst invult: bijvoorbeeld professionals via een persoonlijke link en ouders via een anonieme link. ' +
      'Elke groep heeft een eigen introductie en ziet alleen de onderdelen die u aanvinkt.',
    implicit: 'Dit onderzoek heeft nog geen eigen groepen: iedereen ziet alle onderdelen, via een persoonlijke of een anonieme link.',
    start: 'Groepen instellen',
    add: 'Groep toevoegen',
    save: 'Groepen opslaan',
    saved: 'De groepen zijn opgeslagen.',
    remove: 'Groep verwijderen',
    hasResponses: 'Heeft al {n} antwoorden: kan niet worden verwijderd.',
    key: 'Sleutel (voor links, filters en exports)',
    keyHint: 'Kleine letters, cijfers en _, bijv. ouders',
    name: 'Naam',
    intro: 'Introductie',
    sections: 'Onderdelen die deze groep ziet',
    reach: 'Bereikt via',
    personal: 'Persoonlijke link ({participants})',
    anonymous: 'Anonieme link',
    inLang: { nl: 'Nederlands', en: 'Engels' },
    group: 'Groep {n}',
    members: '{n} {participants}',
    counts: 'Respons per groep',
    countsLead: 'Dezelfde telling als in het veldwerk, de resultaten en de factsheet.',
    round: '{RoundWord}',
    invited: 'Uitgenodigd',
    started: 'Begonnen',
    submitted: 'Ingevuld',
    rate: 'Respons',
    noInvited: 'geen (anonieme link)',
    hidden: 'verborgen',
    links: 'Anonieme link per groep',
    linksLead: 'Een open link voor wie niet in de lijst met {participants} staat; wat via de link binnenkomt, telt voor de groep.',
    linkOff: 'uit',
    turnOn: 'Link aanzetten',
    turnOff: 'Link uitzetten',
    turnedOn: 'De anonieme link staat aan.',
    turnedOff: 'De anonieme link staat uit; wat al is ingevuld, blijft bewaard.',
    xOfN: '{x} van {n}',
    linkFor: 'Anonieme link voor {group}, {round}',
    linkCounts: '{s} ingevuld, {d} begonnen',
    noAnonymous: 'Geen enkele groep wordt via een anonieme link bereikt.',
    people: '{Participants} per groep',
    peopleLead: '{Participants} zonder gekozen groep horen bij de eerste groep met persoonlijke links.',
    participant: '{Participant}',
    moved: '{p} hoort nu bij {g}.',
    noPeople: 'Nog geen {participants}.',
  },
  en: {
    title: 'Respondent groups',
    lead:
      'Who answers this questionnaire: for example professionals by a personal link and parents by an anonymous link. ' +
      'Each group has its own introduction and sees only the sections you tick.',
    implicit: 'This study has no groups of its own yet: everyone sees every section, by a personal or an anonymous link.',
    start: 'Set up groups',
    add: 'Add a group',
    save: 'Save groups',
    saved: 'The groups have been saved.',
    remove: 'Remove group',
    hasResponses: 'Already has {n} responses: cannot be removed.',
    key: 'Key (for links, filters and exports)',
    keyHint: 'Lower-case letters, digits and _, e.g. parents',
    name: 'Name',
    intro: 'Introduction',
    sections: 'Sections this group sees',
    reach: 'Reached by',
    personal: 'Personal link ({participants})',
    anonymous: 'Anonymous link',
    inLang: { nl: 'Dutch', en: 'English' },
    group: 'Group {n}',
    members: '{n} {participants}',
    counts: 'Response per group',
    countsLead: 'The same count as in fieldwork, the results and the factsheet.',
    round: '{RoundWord}',
    invited: 'Invited',
    started: 'Started',
    submitted: 'Completed',
    rate: 'Response',
    noInvited: 'none (anonymous link)',
    hidden: 'hidden',
    links: 'Anonymous link per group',
    linksLead: 'An open link for people who are not on the list of {participants}; what comes in through it counts for the group.',
    linkOff: 'off',
    turnOn: 'Turn the link on',
    turnOff: 'Turn the link off',
    turnedOn: 'The anonymous link is on.',
    turnedOff: 'The anonymous link is off; what was already answered is kept.',
    xOfN: '{x} of {n}',
    linkFor: 'Anonymous link for {group}, {round}',
    linkCounts: '{s} completed, {d} started',
    noAnonymous: 'No group is reached by an anonymous link.',
    people: '{Participants} per group',
    peopleLead: '{Participants} without a chosen group belong to the first group reached by personal links.',
    participant: '{Participant}',
    moved: '{p} now belongs to {g}.',
    noPeople: 'No {participants} yet.',
  },
};

interface EditGroup extends RespondentGroup {
  responses: number;
  participants: number;
}
interface RoundRef {
  key: string;
  label: LocalText;
}

const inputValue = (e: Event) => (e.target as HTMLInputElement | HTMLTextAreaElement).value;
const checkedOf = (e: Event) => (e.target as HTMLInputElement).checked;
const pct = (v: number) => new Intl.NumberFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent' }).format(v);

/**
 * <rondo-groups-view>: the study's respondent groups (model/respondent-groups.ts) — the editor
 * (key, name and introduction per language, the sections each group sees, how it is reached),
 * the response per group (analysis response.byGroup, the count every screen shows), each anonymous
 * group's link per round, and the group of each participant.
 */
export class RondoGroupsView extends StaffView {
  static override properties = {
    view: { state: true },
    edit: { state: true },
    counts: { state: true },
    rounds: { state: true },
    links: { state: true },
    message: { state: true },
    error: { state: true },
  };
  params: Record<string, string> = {};
  view: GroupsResponse | null = null;
  edit: EditGroup[] = [];
  counts: GroupCountsResponse | null = null;
  rounds: RoundRef[] = [];
  links: Record<string, GroupLinkResponse> = {};
  message = '';
  error = '';

  private url(rest = '') {
    return `/api/studies/${encodeURIComponent(this.params.slug)}${rest}`;
  }

  protected override async load(): Promise<void> {
    const [view, counts, monitor] = await Promise.all([
      get<GroupsResponse>(this.url('/groups')),
      get<GroupCountsResponse>(this.url('/groups/counts')),
      get<{ rounds: RoundRef[] }>(this.url('/fieldwork/monitor')),
    ]);
    this.view = view;
    this.counts = counts;
    this.rounds = monitor.rounds;
    this.edit = view.explicit
      ? view.groups.map((g) => ({
          key: g.key,
          name: { ...g.name },
          ...(g.intro ? { intro: { ...g.intro } } : {}),
          sections: [...(g.sections ?? [])],
          reach: [...g.reach],
          responses: g.responses,
          participants: g.participants,
        }))
      : [];
    const links: Record<string, GroupLinkResponse> = {};
    const anonymous = view.explicit ? view.groups.filter((g) => g.reach.includes('anonymous')) : [];
    await Promise.all(
      anonymous.flatMap((g) =>
        monitor.rounds.map(async (r) => {
          links[`${g.key}/${r.key}`] = await get<GroupLinkResponse>(this.linkUrl(r.key, g.key));
        }),
      ),
    );
    this.links = links;
  }

  private linkUrl(round: string, group: string) {
    return this.url(`/fieldwork/rounds/${encodeURIComponent(round)}/groups/${encodeURIComponent(group)}/anonymous-link`);
  }

  private async act(fn: () => Promise<unknown>, ok: string): Promise<void> {
    this.error = '';
    this.message = '';
    try {
      await fn();
      await this.load();
      this.message = ok;
    } catch (err) {
      this.error = this.explain(err as ApiFailure);
    }
  }

  /** The server's refusal in the interface language: its issues carry both languages. */
  private explain(f: ApiFailure): string {
    const issues = f.details?.issues as { message: LocalText }[] | undefined;
    if (issues?.length) return issues.map((i) => tx(i.message)).join(' ');
    const message = failureMessage(f);
    const [en, nl] = message.split(' / ');
    return nl && lang() === 'nl' ? nl : en;
  }

  private newGroup(n: number): EditGroup {
    const sections = this.view?.sections.map((s) => s.key) ?? [];
    return { key: `groep${n}`, name: { nl: '' }, sections, reach: ['personal'], responses: 0, participants: 0 };
  }

  private change(i: number, fn: (g: EditGroup) => void): void {
    const next = this.edit.map((g) => ({ ...g, name: { ...g.name }, intro: g.intro ? { ...g.intro } : undefined }));
    fn(next[i]);
    this.edit = next;
  }

  private save(): Promise<void> {
    const t = withWords(this.params.slug, m(MESSAGES));
    const groups = this.edit.map(({ responses: _r, participants: _p, ...g }) => {
      const clean = (text?: LocalText) =>
        text ? Object.fromEntries(Object.entries(text).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) : undefined;
      const intro = clean(g.intro);
      return { ...g, name: clean(g.name) ?? {}, ...(intro && Object.keys(intro).length ? { intro } : { intro: undefined }) };
    });
    return this.act(() => put(this.url('/groups'), { groups: JSON.parse(JSON.stringify(groups)) }), t.saved);
  }

  private groupEditor(g: EditGroup, i: number) {
    const t = withWords(this.params.slug, m(MESSAGES));
    const languages = (this.view?.languages ?? ['nl']) as Lang[];
    const id = `grp-${i}`;
    const toggle = (list: string[], key: string, on: boolean) => (on ? [...new Set([...list, key])] : list.filter((k) => k !== key));
    return html`<fieldset class="a-card g-group">
      <legend>${tx(g.name) || fill(t.group, { n: i + 1 })}</legend>
      <div class="g-fields">
        <div class="a-field">
          <label for="${id}-key">${t.key}</label>
          <input id="${id}-key" name="key" required pattern="[a-z][a-z0-9_]{0,29}" maxlength="30" aria-describedby="${id}-key-hint"
            .value=${g.key} ?readonly=${g.responses > 0} @input=${(e: Event) => this.change(i, (x) => (x.key = inputValue(e).trim()))}>
          <p class="a-hint" id="${id}-key-hint">${t.keyHint}</p>
        </div>
        ${languages.map(
          (l) => html`<div class="a-field">
            <label for="${id}-name-${l}">${t.name} (${t.inLang[l]})</label>
            <input id="${id}-name-${l}" lang=${l} maxlength="80" required .value=${g.name[l] ?? ''}
              @input=${(e: Event) => this.change(i, (x) => (x.name[l] = inputValue(e)))}>
          </div>`,
        )}
        ${languages.map(
          (l) => html`<div class="a-field g-wide">
            <label for="${id}-intro-${l}">${t.intro} (${t.inLang[l]})</label>
            <textarea id="${id}-intro-${l}" lang=${l} rows="3" maxlength="4000" .value=${g.intro?.[l] ?? ''}
              @input=${(e: Event) => this.change(i, (x) => (x.intro = { ...(x.intro ?? {}), [l]: inputValue(e) }))}></textarea>
          </div>`,
        )}
      </div>
      <fieldset class="g-checks">
        <legend>${t.sections}</legend>
        ${this.view?.sections.map(
          (s) => html`<label class="a-check"><input type="checkbox" .checked=${g.sections.includes(s.key)}
            @change=${(e: Event) => this.change(i, (x) => (x.sections = toggle(x.sections, s.key, checkedOf(e))))}>
            ${tx(s.title)}</label>`,
        )}
      </fieldset>
      <fieldset class="g-checks">
        <legend>${t.reach}</legend>
        ${(['personal', 'anonymous'] as GroupReach[]).map(
          (r) => html`<label class="a-check"><input type="checkbox" .checked=${g.reach.includes(r)}
            @change=${(e: Event) => this.change(i, (x) => (x.reach = toggle(x.reach, r, checkedOf(e)) as GroupReach[]))}>
            ${t[r]}</label>`,
        )}
      </fieldset>
      <p class="a-row a-row--between">
        <span class="a-small a-muted">${fill(t.members, { n: num(g.participants) })}</span>
        ${
          g.responses > 0
            ? html`<span class="a-small a-muted">${fill(t.hasResponses, { n: num(g.responses) })}</span>`
            : html`<button type="button" class="a-secondary" @click=${() => (this.edit = this.edit.filter((_, k) => k !== i))}>
                ${t.remove}<span class="a-sr">: ${tx(g.name) || g.key}</span></button>`
        }
      </p>
    </fieldset>`;
  }

  private countsTable() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const groups = this.counts?.groups ?? [];
    const label = (key: string) => tx(this.rounds.find((r) => r.key === key)?.label) || key;
    const cell = (v: number | null) => (v === null ? t.hidden : num(v));
    return html`<section class="a-card" aria-labelledby="g-counts">
      <h2 id="g-counts">${t.counts}</h2>
      <p class="a-muted">${t.countsLead}</p>
      <div class="a-table-wrap g-stack"><table class="a-table">
        <thead><tr><th scope="col">${m({ nl: 'Groep', en: 'Group' })}</th><th scope="col">${t.round}</th>
          <th scope="col" class="a-num">${t.invited}</th><th scope="col" class="a-num">${t.started}</th>
          <th scope="col" class="a-num">${t.submitted}</th><th scope="col" class="a-num">${t.rate}</th></tr></thead>
        <tbody>${groups.flatMap((g) =>
          g.rounds.map(
            (r) => html`<tr>
              <th scope="row">${tx(g.name)}</th><td data-label=${t.round}>${label(r.round)}</td>
              <td class="a-num" data-label=${t.invited}>${r.invited === null ? (g.personal ? t.hidden : t.noInvited) : num(r.invited)}</td>
              <td class="a-num" data-label=${t.started}>${cell(r.started)}</td>
              <td class="a-num" data-label=${t.submitted}>${cell(r.submitted)}</td>
              <td class="a-num" data-label=${t.rate}>${this.rate(r, t.xOfN)}</td>
            </tr>`,
          ),
        )}</tbody>
      </table></div>
    </section>`;
  }

  /** A rate only on a denominator the study allows one for; otherwise "5 van 6" (METHODS §4.5). */
  private rate(r: GroupCountsResponse['groups'][number]['rounds'][number], xOfN: string) {
    if (r.invited === null || r.submitted === null || r.invited === 0) return '—';
    const count = fill(xOfN, { x: num(r.submitted - (r.anonymousSubmitted ?? 0)), n: num(r.invited) });
    return r.responseRate === null || r.flags.includes('no-percentage') ? count : `${pct(r.responseRate)} (${count})`;
  }

  private linksCard() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const groups = this.view?.explicit ? this.view.groups.filter((g) => g.reach.includes('anonymous')) : [];
    return html`<section class="a-card" aria-labelledby="g-links">
      <h2 id="g-links">${t.links}</h2>
      <p class="a-muted">${t.linksLead}</p>
      ${groups.length ? nothing : html`<p>${t.noAnonymous}</p>`}
      ${groups.map(
        (g) => html`<h3>${tx(g.name)}</h3>
          <ul class="g-links">${this.rounds.map((r) => {
            const link = this.links[`${g.key}/${r.key}`];
            const what = fill(t.linkFor, { group: tx(g.name), round: tx(r.label) });
            const id = `link-${g.key}-${r.key}`;
            return html`<li>
              <label for=${id}>${tx(r.label)}</label>
              <input id=${id} readonly .value=${link?.link ?? t.linkOff} aria-label=${what}>
              <span class="a-small a-muted">${link ? fill(t.linkCounts, { s: num(link.submitted), d: num(link.drafts) }) : ''}</span>
              ${
                link?.linkOn
                  ? html`<button type="button" class="a-secondary"
                      @click=${() => this.act(() => del(this.linkUrl(r.key, g.key)), t.turnedOff)}>
                      ${t.turnOff}<span class="a-sr">: ${what}</span></button>`
                  : html`<button type="button" class="a-secondary"
                      @click=${() => this.act(() => post(this.linkUrl(r.key, g.key)), t.turnedOn)}>
                      ${t.turnOn}<span class="a-sr">: ${what}</span></button>`
              }
            </li>`;
          })}</ul>`,
      )}
    </section>`;
  }

  private peopleCard() {
    const t = withWords(this.params.slug, m(MESSAGES));
    const personal = this.view?.explicit ? this.view.groups.filter((g) => g.reach.includes('personal')) : [];
    const entries = Object.entries(this.view?.assignments ?? {});
    if (!personal.length) return nothing;
    return html`<section class="a-card" aria-labelledby="g-people">
      <h2 id="g-people">${t.people}</h2>
      <p class="a-muted">${t.peopleLead}</p>
      ${
        entries.length
          ? html`<div class="a-table-wrap"><table class="a-table">
              <thead><tr><th scope="col">${t.participant}</th><th scope="col">${m({ nl: 'Groep', en: 'Group' })}</th></tr></thead>
              <tbody>${entries.map(
                ([key, group]) => html`<tr><th scope="row">${key}</th><td>
                  <select aria-label="${m({ nl: 'Groep van', en: 'Group of' })} ${key}" @change=${(e: Event) => {
                    const to = (e.target as HTMLSelectElement).value;
                    const name = tx(personal.find((g) => g.key === to)?.name) || to;
                    void this.act(
                      () => put(this.url(`/groups/${encodeURIComponent(to)}/participants`), { participants: [key] }),
                      fill(t.moved, { p: key, g: name }),
                    );
                  }}>
                    ${personal.map((g) => html`<option value=${g.key} ?selected=${g.key === group}>${tx(g.name)}</option>`)}
                  </select></td></tr>`,
              )}</tbody>
            </table></div>`
          : html`<p>${t.noPeople}</p>`
      }
    </section>`;
  }

  override render() {
    const t = withWords(this.params.slug, m(MESSAGES));
    if (!this.view) return html`<h1>${t.title}</h1>`;
    return html`<h1>${t.title}</h1>
      <p class="a-lead">${t.lead}</p>
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${
        this.edit.length === 0
          ? html`<section class="a-card"><p>${t.implicit}</p>
              <button type="button" class="a-primary" @click=${() => (this.edit = [this.newGroup(1)])}>${t.start}</button></section>`
          : html`<form class="g-editor" @submit=${(e: SubmitEvent) => (e.preventDefault(), void this.save())}>
              ${this.edit.map((g, i) => this.groupEditor(g, i))}
              <p class="a-row">
                <button type="button" class="a-secondary"
                  @click=${() => (this.edit = [...this.edit, this.newGroup(this.edit.length + 1)])}>${t.add}</button>
                <button type="submit" class="a-primary">${t.save}</button>
              </p>
            </form>`
      }
      ${this.countsTable()} ${this.view.explicit ? this.linksCard() : nothing} ${this.peopleCard()}`;
  }
}
customElements.define('rondo-groups-view', RondoGroupsView);
