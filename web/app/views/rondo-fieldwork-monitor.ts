import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { withWords } from '../study-words.js';
import { StaffView } from '../staff-view.js';
import { get, post } from '../api.js';
import { fill, lang, m, num, tx } from '../i18n.js';
import type {
  GroupRow,
  MonitorResponse,
  MonitorRound,
  MonitorRoundsResponse,
  ParticipantRow,
  ParticipantsResponse,
  PatternsResponse,
} from '../../../model/api/fieldwork.js';
import { fieldworkBase } from './fieldwork-api.js';
import { FIELDWORK_WORDS, MAIL_BADGE, STATE_BADGE, STATUS_BADGE, fieldworkError } from './fieldwork-text.js';
import type { ChartSpec } from '../../dash/chart-configs/spec.js';
import { dashStyles } from '../../dash/styles.js';
import { mailsSpec, outsideTimeline, responseSpec, type ChartTexts } from './fieldwork-chart-config.js';
import './rondo-fieldwork-send-dialog.js';
import './rondo-fieldwork-groups.js';
import type { RondoFieldworkSendDialog } from './rondo-fieldwork-send-dialog.js';
import { copyField } from '../clipboard.js';
import { PAGE, lastPage, pager, range } from '../pager.js';

/** "23 nov" — short dates for the participant list, in the interface language. */
const day = (iso: string) =>
  new Intl.DateTimeFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'short' }).format(new Date(iso));

const MESSAGES = {
  nl: {
    round: '{RoundWord}',
    updated: 'Bijgewerkt om {time}',
    refresh: 'Vernieuwen',
    noRounds: 'Er is nog geen {roundWord} begonnen. Plan een {roundWord} onder "{RoundWords} en verzenden".',
    invited: 'In {de round}',
    sent: 'Uitnodiging verstuurd',
    opened: 'Geopend',
    started: 'Begonnen',
    submitted: 'Ingevuld',
    rate: 'Respons',
    chart: 'Respons in de tijd',
    outsideTimeline:
      '{n} ingevulde vragenlijsten zijn ingediend na het einde van de lijn (bijvoorbeeld later ingelezen): ' +
      'ze tellen mee bij ‘Ingevuld’, maar staan niet in de lijn.',
    responseTitle: 'Ingevuld en geopend, opgeteld (n = {n} in {de round})',
    mailsTitle: 'E-mails per dag',
    responseSummary: '{title}: op {date} {submitted} van {invited} ingevuld ({pct}) en {opened} geopend.',
    mailsSummary: '{title}: {invitations} uitnodigingen en {reminders} herinneringen, verstuurd op {days} dagen.',
    invitationsSentDay: 'Uitnodigingen verstuurd',
    remindersSentDay: 'Herinneringen verstuurd',
    people: '{Participants}',
    mails: 'E-mails',
    rateOf: '{n} van {total} ({pct})',
    anonymous: 'Anoniem ingevuld',
    anonymousNote:
      'Via de anonieme link: {submitted} ingevuld, {drafts} begonnen. Zij staan niet in de lijst met {participants} en tellen niet mee in de respons.',
    byOrganisation: 'Per organisatie',
    byRole: 'Per functie',
    group: 'Groep',
    hiddenGroup: 'verborgen (kleine groep)',
    lessThan: '<{n}',
    lessThanLong: 'minder dan {n}; verborgen om {participants} te beschermen',
    suppressedNote: 'Groepen kleiner dan {n} en aantallen van 1 tot {m} zijn verborgen, zodat niemand herkenbaar is.',
    smallNote: 'Kleine groep: lees het percentage met voorzichtigheid.',
    smallMark: 'kleine groep, zie de voetnoot onder de tabel',
    participants: '{Participants} in {deze round}',
    onlyNon: 'Alleen wie nog niet heeft ingevuld',
    search: 'Zoeken op code, naam of organisatie',
    showing: '{from}–{to} van {n} getoond',
    showingOf: '{from}–{to} van {n} getoond ({total} in {deze round})',
    noneFound: 'Niemand gevonden.',
    code: 'Code',
    name: 'Naam',
    organisation: 'Organisatie',
    status: 'Status',
    invitedAt: 'Uitnodiging verstuurd',
    reminded: 'Herinnerd',
    actions: 'Acties',
    times: '{n}×',
    never: '—',
    copy: 'Link…',
    regenerate: 'Nieuwe link maken…',
    remind: 'Herinnering sturen aan niet-responders…',
    mailChosen: 'E-mail aan selectie ({n})…',
    choose: 'Selecteren',
    chooseOne: 'Selecteer {key}',
    linkTitle: 'Persoonlijke link van {key}',
    linkHelp: 'Kopieer deze link en stuur hem zelf aan {deze participant}. Dezelfde link staat in de export voor samenvoegen.',
    copyButton: 'Kopiëren',
    copied: 'Gekopieerd.',
    close: 'Sluiten',
    newLinkDone: 'Nieuwe link gemaakt voor {key}. De oude link werkt niet meer.',
    confirmRegenerate:
      'Een nieuwe link maken voor {key}? De oude link werkt daarna niet meer; antwoorden die al gegeven zijn blijven bewaard.',
    patterns: 'Wie deed mee aan {welke round}',
    patternsLead:
      'Per {participant}: ✓ ingevuld, ✗ in {de round} maar niet ingevuld, – niet in {de round}. Zo ziet u uitval tussen {roundWords} terwijl er nog tijd is om te herinneren.',
    pattern: 'Patroon',
    count: 'Aantal',
    total: 'Totaal',
    empty: 'Nog niemand in {deze round}.',
    closedNoMail: '{Deze round} is gesloten: er gaan geen herinneringen of andere e-mails meer uit.',
  },
  en: {
    round: '{RoundWord}',
    updated: 'Updated at {time}',
    refresh: 'Refresh',
    noRounds: 'No {roundWord} has begun yet. Schedule a {roundWord} under "{RoundWords} and sending".',
    invited: 'In {de round}',
    sent: 'Invitation sent',
    opened: 'Opened',
    started: 'Started',
    submitted: 'Submitted',
    rate: 'Response',
    chart: 'Response over time',
    outsideTimeline:
      '{n} completed questionnaires were submitted after the end of the line (imported later, for instance): ' +
      'they count under ‘Submitted’ but are not on the line.',
    responseTitle: 'Submitted and opened, cumulative (n = {n} in {de round})',
    mailsTitle: 'E-mails per day',
    responseSummary: '{title}: on {date} {submitted} of {invited} submitted ({pct}) and {opened} opened.',
    mailsSummary: '{title}: {invitations} invitations and {reminders} reminders, sent on {days} days.',
    invitationsSentDay: 'Invitations sent',
    remindersSentDay: 'Reminders sent',
    people: '{Participants}',
    mails: 'E-mails',
    rateOf: '{n} of {total} ({pct})',
    anonymous: 'Anonymous',
    anonymousNote:
      'Through the anonymous link: {submitted} submitted, {drafts} started. They are not on the list of {participants} and not in the response rate.',
    byOrganisation: 'By organisation',
    byRole: 'By role',
    group: 'Group',
    hiddenGroup: 'hidden (small group)',
    lessThan: '<{n}',
    lessThanLong: 'fewer than {n}; hidden to protect {participants}',
    suppressedNote: 'Groups smaller than {n} and counts from 1 to {m} are hidden, so nobody can be recognised.',
    smallNote: 'Small group: read the percentage with care.',
    smallMark: 'small group, see the note below the table',
    participants: '{Participants} in this {roundWord}',
    onlyNon: 'Only those who have not submitted',
    search: 'Search by code, name or organisation',
    showing: '{from}–{to} of {n} shown',
    showingOf: '{from}–{to} of {n} shown ({total} in this {roundWord})',
    noneFound: 'Nobody found.',
    code: 'Code',
    name: 'Name',
    organisation: 'Organisation',
    status: 'Status',
    invitedAt: 'Invitation sent',
    reminded: 'Reminded',
    actions: 'Actions',
    times: '{n}×',
    never: '—',
    copy: 'Link…',
    regenerate: 'Make a new link…',
    remind: 'Send a reminder to non-responders…',
    mailChosen: 'E-mail the selection ({n})…',
    choose: 'Select',
    chooseOne: 'Select {key}',
    linkTitle: 'Personal link of {key}',
    linkHelp: 'Copy this link and send it to this {participant} yourself. The same link is in the mail-merge export.',
    copyButton: 'Copy',
    copied: 'Copied.',
    close: 'Close',
    newLinkDone: 'New link made for {key}. The old link no longer works.',
    confirmRegenerate: 'Make a new link for {key}? The old link will stop working; answers already given are kept.',
    patterns: 'Who took part in which {roundWord}',
    patternsLead:
      'Per {participant}: ✓ submitted, ✗ in {de round} but not submitted, – not in {de round}. It shows attrition between {roundWords} while there is still time to remind.',
    pattern: 'Pattern',
    count: 'Count',
    total: 'Total',
    empty: 'Nobody is in this {roundWord} yet.',
    closedNoMail: 'This {roundWord} has closed: no more reminders or other e-mails go out.',
  },
};

/**
 * <rondo-fieldwork-monitor>: the live response monitor of one round — totals, response over time,
 * per organisation and role, and for researchers the participants with their status, last
 * reminder and personal link — plus the response pattern across rounds. Refreshes itself every
 * `pollSeconds` while the page is visible. Trainers get the aggregates only, with small cells
 * hidden by the server.
 *
 * @property slug - the study
 * @property pollSeconds - seconds between refreshes (default 15)
 */
export class RondoFieldworkMonitor extends StaffView {
  static override properties = {
    slug: {},
    pollSeconds: { type: Number },
    rounds: { state: true },
    key: { state: true },
    monitor: { state: true },
    list: { state: true },
    patterns: { state: true },
    detail: { state: true },
    onlyNon: { state: true },
    search: { state: true },
    offset: { state: true },
    chosen: { state: true },
    error: { state: true },
    message: { state: true },
    link: { state: true },
    chartReady: { state: true },
    copied: { state: true },
  };
  slug = '';
  pollSeconds = 15;
  rounds: MonitorRound[] | null = null;
  key = '';
  monitor: MonitorResponse | null = null;
  /** The page of the list on screen, with how many match its status and search and how many the round has. */
  list: ParticipantsResponse | null = null;
  patterns: PatternsResponse | null = null;
  detail = false;
  onlyNon = false;
  /** What the list is searched for (code, name, organisation, e-mail address). */
  search = '';
  /** The first row of the list's page. */
  offset = 0;
  /** Participant keys ticked in the list, on any page, for a mail to a selection. */
  chosen = new Set<string>();
  error = '';
  message = '';
  link: { key: string; url: string; row: ParticipantRow } | null = null;
  chartReady = false;
  copied = false;
  /** The charts' specs, rebuilt only when what they show changes (a new spec redraws the chart). */
  private specs: { key: string; response: ChartSpec; mails: ChartSpec | null } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;
  /** How many pages of the list were asked for; the answer to an earlier one is not shown. */
  private listAsked = 0;
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') void this.refresh();
  };

  private get base() {
    return fieldworkBase(this.slug);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisible);
    void this.start();
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisible);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.searchTimer) clearTimeout(this.searchTimer);
  }

  private async start(): Promise<void> {
    try {
      const r = await get<MonitorRoundsResponse>(`${this.base}/monitor`);
      this.detail = r.detail;
      this.rounds = r.rounds.filter((x) => x.state === 'open' || x.state === 'closed');
      const asked = new URLSearchParams(location.search).get('round');
      const open = this.rounds.filter((x) => x.state === 'open');
      this.key = this.rounds.find((x) => x.key === asked)?.key ?? open.at(-1)?.key ?? this.rounds.at(-1)?.key ?? '';
      await this.refresh();
    } catch (err) {
      this.fail(err);
    }
  }

  /** Loads the round's numbers (and list), then schedules the next refresh. */
  async refresh(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.key) {
      try {
        const k = encodeURIComponent(this.key);
        const [monitor, list, patterns] = await Promise.all([
          get<MonitorResponse>(`${this.base}/monitor/${k}`),
          this.detail ? this.page(k) : Promise.resolve(null),
          get<PatternsResponse>(`${this.base}/patterns?detail=counts`),
        ]);
        this.monitor = monitor;
        this.list = list ?? (this.detail ? this.list : null);
        this.patterns = patterns;
        this.error = '';
        // <rondo-chart> loads chart.js on first draw; the monitor loads the element itself only
        // once there is something to chart, so the app's other screens never fetch it.
        if (!this.chartReady)
          Promise.all([import('../../dash/rondo-chart.js'), dashStyles()]).then(
            () => (this.chartReady = true),
            () => undefined,
          );
      } catch (err) {
        this.fail(err);
      }
    }
    if (this.isConnected && this.pollSeconds > 0) {
      this.timer = setTimeout(() => {
        if (document.visibilityState === 'visible') void this.refresh();
        else this.timer = null;
      }, this.pollSeconds * 1000);
    }
  }

  /**
   * One page of who answered: a round can have thousands of participants, and a table of all of
   * them froze a phone for seconds at every refresh (10,000 rows: 420,000 elements).
   */
  private async page(k: string): Promise<ParticipantsResponse | null> {
    // A refresh and a search or page turn may cross: only the latest asked is shown (null: overtaken).
    const asked = ++this.listAsked;
    const ask = (offset: number) => {
      const query = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
      if (this.onlyNon) query.set('status', 'open');
      if (this.search.trim()) query.set('q', this.search.trim());
      return get<ParticipantsResponse>(`${this.base}/monitor/${k}/participants?${query}`);
    };
    let list = await ask(this.offset);
    // Fewer rows match than before (people submitted while only those who had not are shown): the last page that has rows.
    if (!list.participants.length && this.offset && list.matching && asked === this.listAsked) {
      this.offset = lastPage(list.matching);
      list = await ask(this.offset);
    }
    return asked === this.listAsked ? list : null;
  }

  /** The list again from its first row after its status or search changed; a search waits for a pause in typing. */
  private relist(wait = 0): void {
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.turnTo(0), wait);
  }

  /** Shows the page of the list that starts at `offset`. */
  private async turnTo(offset: number): Promise<void> {
    if (!this.key) return;
    this.offset = offset;
    try {
      this.list = (await this.page(encodeURIComponent(this.key))) ?? this.list;
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    this.error = fieldworkError(err, this.slug);
  }

  /** Anonymous responses are shown, apart from the cohort's, when the round has or had an open link. */
  private showAnonymous(mon: MonitorResponse): boolean {
    return mon.anonymous.linkOn || mon.anonymous.submitted > 0 || mon.anonymous.drafts > 0;
  }

  private choose(key: string): void {
    this.key = key;
    this.monitor = null;
    this.list = null;
    this.offset = 0;
    const url = new URL(location.href);
    url.searchParams.set('round', key);
    history.replaceState(null, '', url);
    void this.refresh();
  }

  private async showLink(p: ParticipantRow, regenerate: boolean): Promise<void> {
    const t = withWords(this.slug, m(MESSAGES));
    if (regenerate && !confirm(fill(t.confirmRegenerate, { key: p.participantKey }))) return;
    try {
      const r = regenerate
        ? await post<{ link: string }>(`${this.base}/invitations/${p.invitationId}/regenerate`)
        : await get<{ link: string }>(`${this.base}/invitations/${p.invitationId}/link`);
      this.link = { key: p.participantKey, url: r.link, row: p };
      this.copied = false;
      this.message = regenerate ? fill(t.newLinkDone, { key: p.participantKey }) : '';
      await this.updateComplete;
      const dialog = this.querySelector<HTMLDialogElement>('#fw-link');
      if (dialog && !dialog.open) dialog.showModal();
    } catch (err) {
      this.fail(err);
    }
  }

  private async copy(): Promise<void> {
    const input = this.querySelector<HTMLInputElement>('#fw-link-url');
    if (input) this.copied = await copyField(input);
  }

  /** A mail that failed, may not have arrived or still waits: worth a line under the status. */
  private mailProblem(p: ParticipantRow) {
    const w = m(FIELDWORK_WORDS);
    const mail = p.lastMail;
    if (!mail || mail.status === 'sent' || mail.status === 'cancelled') return nothing;
    return html`<div><span class="a-badge ${MAIL_BADGE[mail.status]}">${w.kind[mail.kind]}: ${w.mail[mail.status]}</span></div>${mail.error ? html`<div class="fw-reason">${mail.error}</div>` : nothing}`;
  }

  private remind(): void {
    void this.querySelector<RondoFieldworkSendDialog>('rondo-fieldwork-send-dialog')?.open(this.key, 'reminder');
  }

  private mailChosen(): void {
    void this.querySelector<RondoFieldworkSendDialog>('rondo-fieldwork-send-dialog')?.open(this.key, 'reminder', [...this.chosen]);
  }

  private toggle(key: string, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) next.add(key);
    else next.delete(key);
    this.chosen = next;
  }

  private pct(v: number | null): string {
    if (v === null) return '—';
    return new Intl.NumberFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(v);
  }

  /** Whether a group's percentage carries the small-group mark: shown, and from a small group. */
  private marked(g: GroupRow): boolean {
    return !g.hidden && g.small && g.rate !== null;
  }

  /**
   * The mark after a small group's percentage. Its explanation is in the page, as a footnote under
   * the tables (a tooltip reaches neither touch nor keyboard users); a screen reader hears the
   * mark as words that point to it.
   */
  private smallMark(g: GroupRow) {
    if (!this.marked(g)) return nothing;
    const t = withWords(this.slug, m(MESSAGES));
    return html`<span aria-hidden="true"> *</span><span class="a-sr"> (${t.smallMark})</span>`;
  }

  private cell(v: number | null, hidden: boolean, min: number): TemplateResult | string {
    const t = withWords(this.slug, m(MESSAGES));
    if (hidden) return '';
    if (v === null)
      return html`<abbr class="fw-hidden-cell" title=${fill(t.lessThanLong, { n: min })}>${fill(t.lessThan, { n: min })}</abbr>`;
    return num(v);
  }

  private groups(title: string, rows: GroupRow[], mon: MonitorResponse) {
    const t = withWords(this.slug, m(MESSAGES));
    const id = `fw-${title === t.byRole ? 'role' : 'org'}`;
    return html`<div>
      <h3 id=${id} class="a-small">${title}</h3>
      <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby=${id}><table class="a-table" aria-labelledby=${id}>
        <thead><tr><th scope="col">${t.group}</th><th scope="col" class="a-num">${t.invited}</th><th scope="col" class="a-num fw-hide-narrow">${t.opened}</th><th scope="col" class="a-num">${t.submitted}</th><th scope="col" class="a-num">${t.rate}</th></tr></thead>
        <tbody>${rows.map(
          (g) => html`<tr>
            <th scope="row">${g.name}${g.hidden ? html` <span class="a-badge a-badge--muted">${t.hiddenGroup}</span>` : nothing}</th>
            <td class="a-num">${g.hidden ? '' : num(g.invited ?? 0)}</td>
            <td class="a-num fw-hide-narrow">${this.cell(g.opened, g.hidden, mon.minSubgroup)}</td>
            <td class="a-num">${this.cell(g.submitted, g.hidden, mon.minSubgroup)}</td>
            <td class="a-num">${g.hidden ? '' : html`${this.pct(g.rate)}${this.smallMark(g)}`}</td>
          </tr>`,
        )}</tbody>
      </table></div>
    </div>`;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const mon = this.monitor;
    if (!changed.has('monitor') || !mon) return;
    const t = withWords(this.slug, m(MESSAGES));
    const key = JSON.stringify([lang(), mon.totals.invited, mon.timeline]);
    if (this.specs?.key === key) return;
    const texts: ChartTexts = {
      responseTitle: t.responseTitle,
      mailsTitle: t.mailsTitle,
      opened: t.opened,
      submitted: t.submitted,
      invitations: t.invitationsSentDay,
      reminders: t.remindersSentDay,
      people: t.people,
      mails: t.mails,
      rate: t.rateOf,
      responseSummary: t.responseSummary,
      mailsSummary: t.mailsSummary,
    };
    const input = { points: mon.timeline, invited: mon.totals.invited, lang: lang(), texts };
    this.specs = { key, response: responseSpec(input), mails: mailsSpec(input) };
  }

  private chart(mon: MonitorResponse) {
    const t = withWords(this.slug, m(MESSAGES));
    const specs = this.specs;
    const outside = outsideTimeline(mon);
    return html`<section class="fw-section" aria-labelledby="fw-chart-h">
      <h2 id="fw-chart-h">${t.chart}</h2>
      ${
        this.chartReady && specs && mon.timeline.length
          ? html`<div class="fw-charts">
            <rondo-chart .spec=${specs.response}></rondo-chart>
            ${specs.mails ? html`<rondo-chart .spec=${specs.mails}></rondo-chart>` : nothing}
          </div>`
          : nothing
      }
      ${
        // Submitted after the line ends (an import after the round closed): counted above, not on the line; said here.
        outside > 0 ? html`<p class="a-muted a-small">${fill(t.outsideTimeline, { n: num(outside) })}</p>` : nothing
      }
    </section>`;
  }

  private participants(list: ParticipantsResponse) {
    const t = withWords(this.slug, m(MESSAGES));
    const w = m(FIELDWORK_WORDS);
    const shown = list.participants;
    const rows = range(list.offset, shown.length, list.matching);
    return html`<section class="fw-section" aria-labelledby="fw-people-h">
      <h2 id="fw-people-h">${t.participants}</h2>
      <div class="fw-list-tools">
        <div class="a-field fw-search"><label for="fw-search">${t.search}</label>
          <input id="fw-search" type="search" maxlength="100" autocomplete="off" .value=${this.search}
            @input=${(e: Event) => {
              this.search = (e.target as HTMLInputElement).value;
              this.relist(300);
            }}></div>
        <label class="a-check"><input type="checkbox" .checked=${this.onlyNon} @change=${(e: Event) => {
          this.onlyNon = (e.target as HTMLInputElement).checked;
          this.relist();
        }}> ${t.onlyNon}</label>
        <span class="a-muted" aria-live="polite">${
          !list.matching
            ? t.noneFound
            : list.matching === list.total
              ? fill(t.showing, rows)
              : fill(t.showingOf, { ...rows, total: num(list.total) })
        }</span>
        ${
          // Mail goes out only while the round is open (the server refuses it after): a closed round offers no reminder.
          this.monitor?.round.state === 'open'
            ? html`<span class="fw-actions">
              <button type="button" class="a-secondary" ?disabled=${!this.chosen.size} @click=${this.mailChosen}>${fill(t.mailChosen, { n: num(this.chosen.size) })}</button>
              <button type="button" class="a-secondary" @click=${this.remind}>${t.remind}</button>
            </span>`
            : html`<span class="a-muted">${t.closedNoMail}</span>`
        }
      </div>
      <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="fw-people-h"><table class="a-table fw-people">
        <thead><tr>
          <th scope="col"><span class="a-sr">${t.choose}</span></th><th scope="col">${t.code}</th><th scope="col">${t.name}</th><th scope="col" class="fw-hide-narrow">${t.organisation}</th><th scope="col">${t.status}</th>
          <th scope="col" class="fw-hide-narrow">${t.invitedAt}</th><th scope="col">${t.reminded}</th><th scope="col" class="a-actions">${t.actions}</th>
        </tr></thead>
        <tbody>${
          shown.length
            ? shown.map(
                (p) => html`<tr>
                <td><input type="checkbox" aria-label=${fill(t.chooseOne, { key: p.participantKey })} .checked=${this.chosen.has(p.participantKey)} @change=${(e: Event) => this.toggle(p.participantKey, (e.target as HTMLInputElement).checked)}></td>
                <td class="fw-code"><code>${p.participantKey}</code></td>
                <td class="fw-wrap">${p.name}</td>
                <td class="fw-hide-narrow fw-wrap">${p.organisation}</td>
                <td><span class="a-badge ${STATUS_BADGE[p.status]}">${w.status[p.status]}</span>${this.mailProblem(p)}</td>
                <td class="fw-hide-narrow a-nowrap">${p.sentAt ? day(p.sentAt) : t.never}</td>
                <td class="a-nowrap">${p.remindedAt ? html`${day(p.remindedAt)} <span class="a-muted">(${fill(t.times, { n: p.reminderCount })})</span>` : t.never}</td>
                <td class="a-actions"><button type="button" class="a-quiet" @click=${() => this.showLink(p, false)}>${t.copy}<span class="a-sr"> ${p.participantKey}</span></button></td>
              </tr>`,
              )
            : html`<tr><td colspan="8">${list.total ? t.noneFound : t.empty}</td></tr>`
        }</tbody>
      </table></div>
      ${pager(list.offset, list.matching, (offset) =>
        this.turnTo(offset).then(() => this.querySelector('#fw-people-h')?.scrollIntoView({ block: 'start' })),
      )}
    </section>`;
  }

  private patternTable(p: PatternsResponse) {
    const t = withWords(this.slug, m(MESSAGES));
    const mark = (c: string) => (c === '1' ? '✓' : c === '0' ? '✗' : '–');
    return html`<section class="fw-section" aria-labelledby="fw-pat-h">
      <h2 id="fw-pat-h">${t.patterns}</h2>
      <p class="a-muted">${t.patternsLead}</p>
      <div class="a-table-wrap" tabindex="0" role="region" aria-labelledby="fw-pat-h"><table class="a-table">
        <thead><tr>${p.rounds.map((r) => html`<th scope="col">${tx(r.label)}</th>`)}<th scope="col" class="a-num">${t.count}</th></tr></thead>
        <tbody>${p.patterns.map(
          (row) =>
            html`<tr>${[...row.pattern].map((c) => html`<td class="fw-pattern">${mark(c)}</td>`)}<td class="a-num">${row.count === null ? this.cell(null, false, this.monitor?.minSubgroup ?? 5) : num(row.count)}</td></tr>`,
        )}</tbody>
        <tfoot><tr><th scope="row" colspan=${p.rounds.length}>${t.total}</th><td class="a-num">${num(p.total)}</td></tr></tfoot>
      </table></div>
    </section>`;
  }

  override render() {
    const t = withWords(this.slug, m(MESSAGES));
    const w = m(FIELDWORK_WORDS);
    if (this.error && !this.monitor) return html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>`;
    if (!this.rounds) return html`<p class="a-loading" role="status">…</p>`;
    if (!this.rounds.length) return html`<p class="a-alert a-alert--info">${t.noRounds}</p>`;
    const mon = this.monitor;
    return html`
      <div class="fw-head">
        <div class="a-field"><label for="fw-round">${t.round}</label>
          <select id="fw-round" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
            ${this.rounds.map((r) => html`<option value=${r.key} ?selected=${r.key === this.key}>${tx(r.label)} (${w.state[r.state]})</option>`)}
          </select></div>
        <div class="fw-actions">
          ${mon ? html`<span class="a-badge ${STATE_BADGE[mon.round.state]}">${w.state[mon.round.state]}</span><p class="fw-updated" aria-live="polite">${fill(t.updated, { time: new Date(mon.at).toLocaleTimeString(lang() === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' }) })}</p>` : nothing}
          <button type="button" class="a-secondary" @click=${() => this.refresh()}>${t.refresh}</button>
        </div>
      </div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${
        mon
          ? html`<ul class="fw-stats" aria-label=${tx(mon.round.label)}>
              <li><span>${t.invited}</span><strong data-stat="invited">${num(mon.totals.invited)}</strong></li>
              <li><span>${t.sent}</span><strong data-stat="sent">${num(mon.totals.sent)}</strong></li>
              <li><span>${t.opened}</span><strong data-stat="opened">${num(mon.totals.opened)}</strong></li>
              <li><span>${t.started}</span><strong data-stat="started">${num(mon.totals.started)}</strong></li>
              <li><span>${t.submitted}</span><strong data-stat="submitted">${num(mon.totals.submitted)}</strong></li>
              <li class="fw-rate"><span>${t.rate}</span><strong data-stat="rate">${this.pct(mon.totals.rate)}</strong></li>
              ${this.showAnonymous(mon) ? html`<li class="fw-anon-stat"><span>${t.anonymous}</span><strong data-stat="anonymous">${num(mon.anonymous.submitted)}</strong></li>` : nothing}
            </ul>
            ${this.showAnonymous(mon) ? html`<p class="a-muted fw-anon-note">${fill(t.anonymousNote, { submitted: num(mon.anonymous.submitted), drafts: num(mon.anonymous.drafts) })}</p>` : nothing}
            ${this.chart(mon)}
            <rondo-fieldwork-groups .slug=${this.slug} .round=${this.key} .at=${mon.at}></rondo-fieldwork-groups>
            <section class="fw-section" aria-labelledby="fw-groups-h">
              <h2 id="fw-groups-h" class="a-sr">${t.byOrganisation} / ${t.byRole}</h2>
              ${mon.suppressed ? html`<p class="a-muted">${fill(t.suppressedNote, { n: mon.minSubgroup, m: mon.minSubgroup - 1 })}</p>` : nothing}
              <div class="fw-tables">${this.groups(t.byOrganisation, mon.byOrganisation, mon)}${this.groups(t.byRole, mon.byRole, mon)}</div>
              ${
                [...mon.byOrganisation, ...mon.byRole].some((g) => this.marked(g))
                  ? html`<p class="a-muted a-small fw-footnote" id="fw-small-note"><span aria-hidden="true">* </span>${t.smallNote}</p>`
                  : nothing
              }
            </section>
            ${this.list ? this.participants(this.list) : nothing}
            ${this.patterns && this.patterns.rounds.length ? this.patternTable(this.patterns) : nothing}`
          : html`<p class="a-loading" role="status">…</p>`
      }
      ${
        this.detail
          ? html`<rondo-fieldwork-send-dialog .slug=${this.slug} @fieldwork-sent=${() => {
              this.chosen = new Set();
              void this.refresh();
            }}></rondo-fieldwork-send-dialog>`
          : nothing
      }
      <dialog id="fw-link" class="a-dialog" aria-labelledby="fw-link-h" @close=${() => (this.link = null)}>
        ${
          this.link
            ? html`<h2 id="fw-link-h">${fill(t.linkTitle, { key: this.link.key })}</h2>
              <p class="a-muted">${t.linkHelp}</p>
              <div class="a-field"><label for="fw-link-url" class="a-sr">${fill(t.linkTitle, { key: this.link.key })}</label><input id="fw-link-url" readonly .value=${this.link.url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()}></div>
              <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
              <div class="a-row a-row--between">
                <button type="button" class="a-danger" @click=${() => this.showLink(this.link!.row, true)}>${t.regenerate}</button>
                <span class="a-row"><span role="status">${this.copied ? t.copied : ''}</span><button type="button" class="a-secondary" @click=${() => this.querySelector<HTMLDialogElement>('#fw-link')?.close()}>${t.close}</button><button type="button" class="a-primary" @click=${this.copy}>${t.copyButton}</button></span>
              </div>`
            : nothing
        }
      </dialog>`;
  }
}
customElements.define('rondo-fieldwork-monitor', RondoFieldworkMonitor);
