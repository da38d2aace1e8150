import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { del, get, patch, post, failureMessage } from '../api.js';
import { fill, lang, m, num, tx } from '../i18n.js';
import { roundKeyFromName, roundKeyProblem } from '../../../model/round-key.js';
import { loadSession } from '../session.js';
import { navigate } from '../router.js';
import './rondo-vocabulary-form.js';
import { studyVocabulary, withWords } from '../study-words.js';
import type { DeletedStudy, MembersResponse, StudyResponse } from '../../../model/api/setup.js';
import type { QuestionnaireResponse } from '../../../model/api/setup-questionnaire.js';
import type { ParticipantsResponse } from '../../../model/api/cohort.js';
import './setup/rondo-study-languages.js';
import './setup/rondo-round-series.js';
import './setup/rondo-study-archive.js';
import './rondo-disclosure-settings.js';

/** A count with its noun, singular for one ("1 teamlid", "1 lid") and plural otherwise. */
const count = (forms: { one: string; many: string }, n: number): string => (n === 1 ? forms.one : fill(forms.many, { n: num(n) }));

const MESSAGES = {
  nl: {
    title: 'Opzet van het onderzoek',
    lead: 'Vier stappen om een onderzoek klaar te zetten. U kunt ze in elke volgorde doen.',
    steps: 'Stappen',
    q: 'Vragenlijst',
    qDone: '{n} vragen in versie {v}',
    qDoneOne: '1 vraag in versie {v}',
    partners: '{Partners} en {tools}',
    partnersDone: '{p}, {t}',
    partnerCount: { one: '1 {partner}', many: '{n} {partners}' },
    toolCount: { one: '1 {tool}', many: '{n} {tools}' },
    cohort: '{Participants}',
    cohortDone: { one: '1 {participant}', many: '{n} {participants}' },
    team: 'Team',
    teamDone: { one: '1 teamlid', many: '{n} teamleden' },
    open: 'Openen',
    details: 'Gegevens',
    titleNl: 'Titel (Nederlands)',
    titleEn: 'Titel (Engels)',
    organisation: 'Organisatie',
    descNl: 'Omschrijving (Nederlands)',
    descEn: 'Omschrijving (Engels)',
    save: 'Opslaan',
    saved: 'Opgeslagen.',
    rounds: '{RoundWords}',
    roundsLead:
      'De {roundWords} waarin de {participants} de vragenlijst invullen, in volgorde. Per vraag kiest u in de vragenlijst in welke {roundWords} die wordt gesteld.',
    labelNl: 'Naam (Nederlands)',
    labelEn: 'Naam (Engels)',
    hasResponses: 'heeft antwoorden',
    add: '{RoundWord} toevoegen',
    remove: 'Verwijderen',
    saveRound: 'Opslaan',
    newRoundNl: '{RoundWord} toevoegen: naam (Nederlands)',
    newRoundEn: 'Naam (Engels)',
    newRoundKey: 'Sleutel',
    newRoundKeyHint: 'De naam van {de round} in variabelen en bestanden; gemaakt uit de naam, u kunt hem aanpassen.',
    confirmRemove: '{RoundWord} "{round}" ({key}) verwijderen? Dit kan niet ongedaan worden gemaakt.',
    roundName: '{RoundWord} {n}',
    file: 'Studiebestand',
    fileLead:
      'De hele opzet van dit onderzoek in één bestand: teksten, talen, {roundWords}, {partners}, {tools}, vragenlijst en instellingen, ' +
      'zonder {participants} of antwoorden. Begin er een nieuw onderzoek mee via Nieuw onderzoek, of met rondo study create.',
    fileDownload: 'Studiebestand downloaden',
    deleteTitle: 'Onderzoek verwijderen',
    deleteLead:
      'Verwijdert het onderzoek met alle {participants}, uitnodigingen, antwoorden, open antwoorden, mails en factsheets. ' +
      'Dit kan niet ongedaan worden gemaakt; het auditlog houdt bij wie wat verwijderde. Sluit eerst de open {roundWords}.',
    deleteConfirm: 'Typ ter bevestiging de korte naam van het onderzoek: {slug}',
    deleteButton: 'Onderzoek definitief verwijderen',
    deleting: 'Bezig met verwijderen… Bij een groot onderzoek duurt dit enkele seconden.',
    deletedPending:
      'Het onderzoek is verwijderd: het staat in geen enkele lijst meer en niemand kan het nog openen. ' +
      'Het wissen van de gegevens uit het databasebestand werd door een storing onderbroken; rondo probeert het over een minuut opnieuw en daarna elk uur. ' +
      'De beheerder vindt de storing in het serverlogboek.',
    toOverview: 'Naar het overzicht',
    deleteMismatch: 'De getypte naam is niet "{slug}". Er is niets verwijderd.',
    deleteOpen: 'Sluit eerst de open {roundWords} ({rounds}). Er is niets verwijderd.',
    archivedBanner:
      'Dit onderzoek is gearchiveerd en kan alleen worden gelezen. Haal het onderaan deze pagina uit het archief om het te wijzigen.',
  },
  en: {
    title: 'Study set-up',
    lead: 'Four steps to get a study ready. You can take them in any order.',
    steps: 'Steps',
    q: 'Questionnaire',
    qDone: '{n} items in version {v}',
    qDoneOne: '1 item in version {v}',
    partners: '{Partners} and {tools}',
    partnersDone: '{p}, {t}',
    partnerCount: { one: '1 {partner}', many: '{n} {partners}' },
    toolCount: { one: '1 {tool}', many: '{n} {tools}' },
    cohort: '{Participants}',
    cohortDone: { one: '1 {participant}', many: '{n} {participants}' },
    team: 'Team',
    teamDone: { one: '1 team member', many: '{n} team members' },
    open: 'Open',
    details: 'Details',
    titleNl: 'Title (Dutch)',
    titleEn: 'Title (English)',
    organisation: 'Organisation',
    descNl: 'Description (Dutch)',
    descEn: 'Description (English)',
    save: 'Save',
    saved: 'Saved.',
    rounds: '{RoundWords}',
    roundsLead:
      'The {roundWords} in which {participants} answer the questionnaire, in order. In the questionnaire you choose per item in which {roundWords} it is asked.',
    labelNl: 'Name (Dutch)',
    labelEn: 'Name (English)',
    hasResponses: 'has responses',
    add: 'Add {roundWord}',
    remove: 'Remove',
    saveRound: 'Save',
    newRoundNl: 'Name of the new {roundWord} (Dutch)',
    newRoundEn: 'Name (English)',
    newRoundKey: 'Key',
    newRoundKeyHint: 'The {roundWord}’s name in variables and files; made from the name, you can change it.',
    confirmRemove: 'Remove {roundWord} "{round}" ({key})? This cannot be undone.',
    roundName: '{RoundWord} {n}',
    file: 'Study file',
    fileLead:
      'The whole set-up of this study in one file: texts, languages, {roundWords}, {partners}, {tools}, questionnaire and settings, ' +
      'without {participants} or answers. Start a new study from it under New study, or with rondo study create.',
    fileDownload: 'Download the study file',
    deleteTitle: 'Delete study',
    deleteLead:
      'Deletes the study with all {participants}, invitations, responses, open answers, mails and factsheets. ' +
      'This cannot be undone; the audit log records who deleted what. Close the open {roundWords} first.',
    deleteConfirm: 'To confirm, type the study’s short name: {slug}',
    deleteButton: 'Delete the study for good',
    deleting: 'Deleting… For a large study this takes a few seconds.',
    deletedPending:
      'The study is deleted: it is in no list any more and nobody can open it. ' +
      'Erasing its data from the database file was interrupted by a fault; rondo tries again in a minute and then every hour. ' +
      'The administrator finds the fault in the server log.',
    toOverview: 'Go to the overview',
    deleteMismatch: 'The name typed is not "{slug}". Nothing was deleted.',
    deleteOpen: 'Close the open {roundWords} first ({rounds}). Nothing was deleted.',
    archivedBanner: 'This study is archived and read-only. Unarchive it at the bottom of this page to change it.',
  },
};

/** <rondo-setup-view>: the study's set-up checklist, its title and organisation, and its rounds. */
export class RondoSetupView extends StaffView {
  static override properties = {
    info: { state: true },
    counts: { state: true },
    message: { state: true },
    error: { state: true },
    newKey: { state: true },
    keyError: { state: true },
    deleteError: { state: true },
    deleting: { state: true },
    deletedPending: { state: true },
  };
  params: Record<string, string> = {};
  info: StudyResponse | null = null;
  counts: { items: number; version: number; partners: number; tools: number; participants: number; members: number } | null = null;
  message = '';
  error = '';
  /** The new round's key as typed, or null while it follows the name. */
  newKey: string | null = null;
  keyError = '';
  deleteError = '';
  /** The deletion was asked for and has not been answered yet. */
  deleting = false;
  /** The study is deleted, but erasing its rows failed and happens later: said here before leaving. */
  deletedPending = false;

  private get base() {
    return `/api/studies/${encodeURIComponent(this.params.slug)}`;
  }

  protected override async load(): Promise<void> {
    this.info = await get<StudyResponse>(this.base);
    const [q, p, c, mem] = await Promise.all([
      get<QuestionnaireResponse>(`${this.base}/questionnaire`),
      Promise.resolve(null),
      get<ParticipantsResponse>(`${this.base}/participants`),
      get<MembersResponse>(`${this.base}/members`),
    ]);
    void p;
    this.counts = {
      items: q.definition.sections.reduce((n, s) => n + s.items.length, 0),
      version: q.version,
      partners: q.partners.length,
      tools: q.tools.length,
      participants: c.participants.length,
      members: mem.members.length,
    };
  }

  private async run(fn: () => Promise<unknown>, ok: string): Promise<void> {
    this.error = '';
    this.message = '';
    try {
      await fn();
      this.message = ok;
      await this.load();
    } catch (err) {
      this.error = failureMessage(err);
    }
  }

  /** The key a new round gets from the Dutch name typed so far. */
  private derivedKey(): string {
    const name = (this.renderRoot?.querySelector?.('#r-new-nl') as HTMLInputElement | null)?.value.trim() ?? '';
    return name ? roundKeyFromName(name, this.info?.rounds.map((r) => r.key) ?? []) : '';
  }

  private addRound = (e: SubmitEvent): void => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value.trim();
    if (!v('nl')) return;
    const key = v('key');
    const problem = roundKeyProblem(key, this.info?.rounds.map((r) => r.key) ?? [], studyVocabulary(this.params.slug));
    if (problem) {
      this.keyError = problem[lang()];
      (form.elements.namedItem('key') as HTMLInputElement).focus();
      return;
    }
    void this.run(
      () => post(`${this.base}/rounds`, { label: { nl: v('nl'), en: v('en') || v('nl') }, key }),
      withWords(this.params.slug, m(MESSAGES)).saved,
    ).then(() => {
      if (this.error) return;
      form.reset();
      this.newKey = null;
    });
  };

  private removeRound(key: string, name: string): void {
    if (!confirm(fill(withWords(this.params.slug, m(MESSAGES)).confirmRemove, { round: name, key }))) return;
    void this.run(() => del(`${this.base}/rounds/${key}`), withWords(this.params.slug, m(MESSAGES)).saved);
  }

  /** Deletes the study once its slug is typed out; the server refuses while a round is open. */
  private deleteStudy = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const t = withWords(this.params.slug, m(MESSAGES));
    const slug = this.params.slug;
    const typed = ((e.target as HTMLFormElement).elements.namedItem('confirmSlug') as HTMLInputElement).value.trim();
    this.deleteError = '';
    if (typed !== slug) {
      this.deleteError = fill(t.deleteMismatch, { slug });
      return;
    }
    this.deleting = true;
    let deleted: DeletedStudy;
    try {
      deleted = await post<DeletedStudy>(`${this.base}/delete`, { confirmSlug: typed });
    } catch (err) {
      const f = err as { details?: { reason?: string; rounds?: string[] } };
      this.deleteError =
        f.details?.reason === 'rounds-open' ? fill(t.deleteOpen, { rounds: (f.details.rounds ?? []).join(', ') }) : failureMessage(err);
      this.deleting = false;
      return;
    }
    // The button stays disabled until the screen has left the deleted study.
    await loadSession();
    if (deleted.erasure === 'pending') {
      this.deleting = false;
      this.deletedPending = true;
      return;
    }
    navigate('/app');
  };

  private saveDetails(e: SubmitEvent): void {
    e.preventDefault();
    const f = (e.target as HTMLFormElement).elements;
    const v = (n: string) => (f.namedItem(n) as HTMLInputElement).value.trim();
    void this.run(
      async () => {
        await patch(this.base, {
          title: { nl: v('titleNl'), en: v('titleEn') || v('titleNl') },
          organisation: v('organisation') || this.info!.definition.organisation,
          description: { nl: v('descNl'), en: v('descEn') },
        });
        await loadSession();
      },
      withWords(this.params.slug, m(MESSAGES)).saved,
    );
  }

  override render() {
    // The study's own words for its rounds, participants, partners and instruments (issue 16).
    const t = withWords(this.params.slug, m(MESSAGES));
    const info = this.info;
    const c = this.counts;
    const slug = encodeURIComponent(this.params.slug);
    if (!info) return html`<h1>${t.title}</h1><p role="status" class="a-muted">…</p>`;
    const d = info.definition;
    const step = (href: string, label: string, status: string, done: boolean) =>
      html`<li class="a-card a-row a-row--between"><div><h3>${label}</h3><p class="a-muted a-small">${status}</p></div>
        <span class="a-row">${done ? html`<span class="a-badge">✓</span>` : nothing}<a class="button a-secondary" href=${href}>${t.open}<span class="a-sr"> ${label}</span></a></span></li>`;
    const archived = !!info.archivedAt;
    const questions = c ? fill(c.items === 1 ? t.qDoneOne : t.qDone, { n: num(c.items), v: c.version }) : '';
    const catalogues = c ? fill(t.partnersDone, { p: count(t.partnerCount, c.partners), t: count(t.toolCount, c.tools) }) : '';
    return html`<h1>${t.title}</h1>
      <p class="a-lead">${t.lead}</p>
      ${archived ? html`<p class="a-alert a-alert--info">${t.archivedBanner}</p>` : nothing}
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      <h2>${t.steps}</h2>
      <ol class="a-setup-steps">
        ${step(`/app/s/${slug}/questionnaire`, t.q, c ? questions : '…', !!c && c.items > 0)}
        ${step(`/app/s/${slug}/partners`, t.partners, c ? catalogues : '…', !!c && c.partners > 0)}
        ${step(`/app/s/${slug}/cohort`, t.cohort, c ? count(t.cohortDone, c.participants) : '…', !!c && c.participants > 0)}
        ${step(`/app/s/${slug}/members`, t.team, c ? count(t.teamDone, c.members) : '…', !!c && c.members > 1)}
      </ol>
      <div class="a-grid2">
        <section class="a-card" aria-labelledby="setup-details">
          <h2 id="setup-details">${t.details}</h2>
          <form @submit=${this.saveDetails}>
            <div class="a-field"><label for="sd-title-nl">${t.titleNl}</label><input id="sd-title-nl" name="titleNl" maxlength="200" .value=${d.title.nl ?? ''}></div>
            <div class="a-field"><label for="sd-title-en">${t.titleEn}</label><input id="sd-title-en" name="titleEn" lang="en" maxlength="200" .value=${d.title.en ?? ''}></div>
            <div class="a-field"><label for="sd-org">${t.organisation}</label><input id="sd-org" name="organisation" maxlength="200" .value=${d.organisation}></div>
            <div class="a-field"><label for="sd-desc-nl">${t.descNl}</label><textarea id="sd-desc-nl" name="descNl" maxlength="4000" .value=${d.description.nl ?? ''}></textarea></div>
            <div class="a-field"><label for="sd-desc-en">${t.descEn}</label><textarea id="sd-desc-en" name="descEn" lang="en" maxlength="4000" .value=${d.description.en ?? ''}></textarea></div>
            <button type="submit" class="a-primary">${t.save}</button>
          </form>
        </section>
        <section class="a-card" aria-labelledby="setup-rounds">
          <h2 id="setup-rounds">${t.rounds}</h2>
          <p class="a-muted a-small">${t.roundsLead}</p>
          <ol class="a-rounds">
            ${info.rounds.map(
              (r, i) => html`<li>
                <form class="a-round" @submit=${(e: SubmitEvent) => {
                  e.preventDefault();
                  const f = (e.target as HTMLFormElement).elements;
                  const v = (n: string) => (f.namedItem(n) as HTMLInputElement).value.trim();
                  void this.run(() => patch(`${this.base}/rounds/${r.key}`, { label: { nl: v('nl'), en: v('en') } }), t.saved);
                }}>
                  <p class="a-round-head"><strong>${fill(t.roundName, { n: i + 1 })}</strong> <code class="b-var">${r.key}</code> ${r.hasResponses ? html`<span class="a-badge a-badge--warn">${t.hasResponses}</span>` : nothing}</p>
                  <div class="a-pair">
                    <div class="a-field"><label for="r-${r.key}-nl">${t.labelNl}</label><input id="r-${r.key}-nl" name="nl" maxlength="100" .value=${r.label.nl ?? ''}></div>
                    <div class="a-field"><label for="r-${r.key}-en">${t.labelEn}</label><input id="r-${r.key}-en" name="en" lang="en" maxlength="100" .value=${r.label.en ?? ''}></div>
                  </div>
                  <div class="a-row">
                    <button type="submit" class="a-secondary">${t.saveRound}<span class="a-sr"> ${tx(r.label)}</span></button>
                    ${r.hasResponses ? nothing : html`<button type="button" class="a-quiet" @click=${() => this.removeRound(r.key, tx(r.label))}>${t.remove}<span class="a-sr"> ${tx(r.label)}</span></button>`}
                  </div>
                </form>
              </li>`,
            )}
          </ol>
          <form class="a-round" @submit=${this.addRound} @input=${(e: InputEvent) => {
            const el = e.target as HTMLInputElement;
            if (el.name === 'key') this.newKey = el.value;
            this.keyError = '';
            this.requestUpdate();
          }}>
            <div class="a-pair">
              <div class="a-field"><label for="r-new-nl">${t.newRoundNl}</label><input id="r-new-nl" name="nl" maxlength="100"></div>
              <div class="a-field"><label for="r-new-en">${t.newRoundEn}</label><input id="r-new-en" name="en" lang="en" maxlength="100"></div>
            </div>
            <div class="a-field">
              <label for="r-new-key">${t.newRoundKey}</label>
              <input id="r-new-key" name="key" maxlength="40" autocomplete="off" spellcheck="false" 
                aria-describedby="r-new-key-hint${this.keyError ? ' r-new-key-error' : ''}"
                aria-invalid=${this.keyError ? 'true' : 'false'} .value=${this.newKey ?? this.derivedKey()}>
              <p id="r-new-key-hint" class="a-muted a-small">${t.newRoundKeyHint}</p>
              ${this.keyError ? html`<p id="r-new-key-error" class="a-alert a-alert--error" role="alert">${this.keyError}</p>` : nothing}
            </div>
            <button type="submit" class="a-secondary">${t.add}</button>
          </form>
        </section>
      </div>
      <rondo-vocabulary-form .slug=${this.params.slug} .vocabulary=${d.vocabulary ?? {}} .languages=${d.languages}
        @rondo-vocabulary-saved=${() => this.load()}></rondo-vocabulary-form>
      ${
        info.role === 'researcher'
          ? html`<div class="a-grid2" @rondo-study-changed=${() => this.load()}>
              <rondo-study-languages .slug=${this.params.slug} .languages=${d.languages} .defaultLanguage=${d.defaultLanguage}
                ?archived=${archived}></rondo-study-languages>
              <rondo-round-series .slug=${this.params.slug} ?archived=${archived}></rondo-round-series>
            </div>`
          : nothing
      }
      ${
        info.role === 'researcher'
          ? html`<rondo-disclosure-settings slug=${this.params.slug}></rondo-disclosure-settings>
            <section class="a-card" aria-labelledby="setup-file">
              <h2 id="setup-file">${t.file}</h2>
              <p class="a-muted a-small">${t.fileLead}</p>
              <a class="button a-secondary" href="${this.base}/study-file" download>${t.fileDownload}</a>
            </section>
            <rondo-study-archive .slug=${this.params.slug} .archivedAt=${info.archivedAt ?? ''}
              @rondo-study-changed=${() => this.load()}></rondo-study-archive>
            <section class="a-card" aria-labelledby="setup-delete">
              <h2 id="setup-delete">${t.deleteTitle}</h2>
              <p class="a-muted a-small">${t.deleteLead}</p>
              <form @submit=${this.deleteStudy}>
                <div class="a-field">
                  <label for="sd-delete-slug">${fill(t.deleteConfirm, { slug: this.params.slug })}</label>
                  <input id="sd-delete-slug" name="confirmSlug" autocomplete="off" spellcheck="false" maxlength="200"
                    aria-describedby=${this.deleteError ? 'sd-delete-error' : nothing} aria-invalid=${this.deleteError ? 'true' : 'false'}>
                </div>
                ${
                  this.deleteError
                    ? html`<p id="sd-delete-error" class="a-alert a-alert--error" role="alert">${this.deleteError}</p>`
                    : nothing
                }
                <p class="a-muted a-small" role="status">${this.deleting ? t.deleting : nothing}</p>
                ${
                  this.deletedPending
                    ? html`<div class="a-alert a-alert--warn" role="alert"><p>${t.deletedPending}</p>
                        <p><a class="button" href="/app">${t.toOverview}</a></p></div>`
                    : nothing
                }
                <button type="submit" class="a-danger" ?disabled=${this.deleting || this.deletedPending}
                  aria-busy=${this.deleting ? 'true' : 'false'}>${t.deleteButton}</button>
              </form>
            </section>`
          : nothing
      }`;
  }
}
customElements.define('rondo-setup-view', RondoSetupView);
