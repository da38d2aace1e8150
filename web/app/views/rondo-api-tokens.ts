import { html, nothing } from 'lit';
import { StaffView } from '../staff-view.js';
import { del, errorText, get, post } from '../api.js';
import { copyField } from '../clipboard.js';
import { dateTime, fill, m } from '../i18n.js';
import type { ApiTokenInfo, ApiTokenList, ApiTokenScope, CreatedApiToken } from '../../../model/api/api-tokens.js';

/** Expiry choices in days; the API allows at most 365. */
const EXPIRY_DAYS = [7, 30, 90, 180, 365] as const;
/** The scopes in the order the form lists them (the API's list: model/api/api-tokens.ts). */
const SCOPES = ['analysis:read', 'exports:read', 'imports:write', 'fieldwork:read'] as const satisfies readonly ApiTokenScope[];

const MESSAGES = {
  nl: {
    title: 'API-sleutels',
    lead:
      'Met een API-sleutel haalt een script of programma (R, Python, Power BI) gegevens op zonder in te loggen. ' +
      'Een sleutel handelt namens u, met nooit meer rechten dan u zelf in een onderzoek heeft, en alleen voor wat u hieronder aanvinkt. ' +
      'Behandel een sleutel als een wachtwoord.',
    docs: 'API-beschrijving (OpenAPI, JSON)',
    none: 'U heeft nog geen API-sleutels.',
    name: 'Naam',
    scopes: 'Mag',
    created: 'Gemaakt',
    expires: 'Verloopt',
    lastUsed: 'Laatst gebruikt',
    never: 'nooit',
    actions: 'Acties',
    revoke: 'Intrekken…',
    revokeLabel: 'Sleutel {name} intrekken',
    confirmRevoke:
      'API-sleutel “{name}” intrekken? Scripts die hem gebruiken krijgen daarna geen toegang meer. Dit kan niet ongedaan worden gemaakt.',
    revoked: 'De sleutel “{name}” is ingetrokken.',
    status: { active: 'actief', expired: 'verlopen', revoked: 'ingetrokken' } as Record<ApiTokenInfo['status'], string>,
    newTitle: 'Nieuwe API-sleutel',
    nameHint: 'Waarvoor gebruikt u de sleutel? Bijvoorbeeld „R-script jaarrapport”.',
    scopeLegend: 'Wat mag de sleutel?',
    scopeLabels: {
      'analysis:read':
        'Analyse lezen — de resultaten als JSON, het dashboard, de vragenlijst, respons per ronde en gepubliceerde factsheets',
      'exports:read': 'Exporteren — de databestanden voor SPSS, R en Excel (vastgelegd in het inzagelog)',
      'imports:write': 'Importeren — antwoorden inlezen uit een bestand',
      'fieldwork:read': 'Veldwerk volgen — rondes, verzendingen en respons per deelnemer (verstuurt niets)',
    } as Record<ApiTokenScope, string>,
    scopeShort: { 'analysis:read': 'analyse', 'exports:read': 'export', 'imports:write': 'import', 'fieldwork:read': 'veldwerk' } as Record<
      ApiTokenScope,
      string
    >,
    expiry: 'Geldig',
    days: '{n} dagen',
    year: '1 jaar',
    create: 'Sleutel maken',
    pickScope: 'Kies minstens één recht.',
    shownOnce:
      'Uw nieuwe sleutel “{name}”. Kopieer hem nu: hij wordt maar één keer getoond. rondo bewaart alleen een onherkenbare vingerafdruk.',
    tokenLabel: 'API-sleutel',
    copy: 'Kopiëren',
    copied: 'Gekopieerd.',
    done: 'Ik heb hem bewaard',
  },
  en: {
    title: 'API tokens',
    lead:
      'With an API token a script or program (R, Python, Power BI) fetches data without logging in. ' +
      'A token acts on your behalf, never with more rights than you have in a study yourself, and only for what you tick below. ' +
      'Treat a token like a password.',
    docs: 'API description (OpenAPI, JSON)',
    none: 'You have no API tokens yet.',
    name: 'Name',
    scopes: 'May',
    created: 'Created',
    expires: 'Expires',
    lastUsed: 'Last used',
    never: 'never',
    actions: 'Actions',
    revoke: 'Revoke…',
    revokeLabel: 'Revoke token {name}',
    confirmRevoke: 'Revoke API token “{name}”? Scripts that use it lose access. This cannot be undone.',
    revoked: 'The token “{name}” has been revoked.',
    status: { active: 'active', expired: 'expired', revoked: 'revoked' } as Record<ApiTokenInfo['status'], string>,
    newTitle: 'New API token',
    nameHint: 'What is the token for? For example “R script annual report”.',
    scopeLegend: 'What may the token do?',
    scopeLabels: {
      'analysis:read': 'Read analysis — the results as JSON, the dashboard, the questionnaire, response per round and published factsheets',
      'exports:read': 'Export — the data files for SPSS, R and Excel (recorded in the access log)',
      'imports:write': 'Import — read in answers from a file',
      'fieldwork:read': 'Follow fieldwork — rounds, mailings and response per participant (sends nothing)',
    } as Record<ApiTokenScope, string>,
    scopeShort: {
      'analysis:read': 'analysis',
      'exports:read': 'export',
      'imports:write': 'import',
      'fieldwork:read': 'fieldwork',
    } as Record<ApiTokenScope, string>,
    expiry: 'Valid for',
    days: '{n} days',
    year: '1 year',
    create: 'Create token',
    pickScope: 'Choose at least one right.',
    shownOnce: 'Your new token “{name}”. Copy it now: it is shown only once. rondo keeps only an unrecognisable fingerprint.',
    tokenLabel: 'API token',
    copy: 'Copy',
    copied: 'Copied.',
    done: 'I have saved it',
  },
};

/**
 * <rondo-api-tokens>: the user's personal API tokens on the account screen — the list (name,
 * scopes, created, expires, last used, status), a form to create one (the token is shown once,
 * with a copy button) and revoking after a confirmation. The API is /api/account/tokens.
 */
export class RondoApiTokens extends StaffView {
  static override properties = {
    tokens: { state: true },
    created: { state: true },
    message: { state: true },
    error: { state: true },
    copied: { state: true },
    busy: { state: true },
  };
  tokens: ApiTokenInfo[] | null = null;
  /** The token just made: on screen until the user closes it, never fetched again. */
  created: CreatedApiToken | null = null;
  message = '';
  error = '';
  copied = false;
  busy = false;

  protected override async load(): Promise<void> {
    try {
      this.tokens = (await get<ApiTokenList>('/api/account/tokens')).tokens;
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = m(MESSAGES);
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const scopes = data.getAll('scope').map(String) as ApiTokenScope[];
    this.message = '';
    this.error = '';
    this.copied = false;
    if (scopes.length === 0) {
      this.error = t.pickScope;
      return;
    }
    this.busy = true;
    try {
      this.created = await post<CreatedApiToken>('/api/account/tokens', {
        name: String(data.get('name') ?? ''),
        scopes,
        expiresInDays: Number(data.get('expires')),
      });
      form.reset();
      await this.load();
      await this.updateComplete;
      this.querySelector<HTMLInputElement>('#tok-new')?.focus();
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.busy = false;
    }
  }

  private async revoke(token: ApiTokenInfo): Promise<void> {
    const t = m(MESSAGES);
    if (!confirm(fill(t.confirmRevoke, { name: token.name }))) return;
    this.message = '';
    this.error = '';
    try {
      await del(`/api/account/tokens/${token.id}`);
      if (this.created?.info.id === token.id) this.created = null;
      this.message = fill(t.revoked, { name: token.name });
      await this.load();
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private async copy(): Promise<void> {
    this.copied = await copyField(this.querySelector<HTMLInputElement>('#tok-new'));
  }

  private renderCreated() {
    const t = m(MESSAGES);
    const c = this.created;
    if (!c) return nothing;
    return html`<div class="a-alert a-alert--info tok-new">
      <p>${fill(t.shownOnce, { name: c.info.name })}</p>
      <label for="tok-new">${t.tokenLabel}</label>
      <div class="tok-copy">
        <input id="tok-new" readonly spellcheck="false" autocomplete="off" .value=${c.token}
          @focus=${(e: Event) => (e.target as HTMLInputElement).select()}>
        <button type="button" class="a-secondary" @click=${this.copy}>${t.copy}</button>
      </div>
      <p role="status">${this.copied ? t.copied : nothing}</p>
      <button type="button" class="a-primary" @click=${() => (this.created = null)}>${t.done}</button>
    </div>`;
  }

  private renderList() {
    const t = m(MESSAGES);
    if (this.tokens === null) return nothing;
    if (this.tokens.length === 0) return html`<p class="a-hint">${t.none}</p>`;
    const badge = (s: ApiTokenInfo['status']) =>
      s === 'active' ? 'a-badge' : s === 'expired' ? 'a-badge a-badge--warn' : 'a-badge a-badge--muted';
    return html`<div class="a-table-wrap"><table class="a-table">
      <caption class="a-sr">${t.title}</caption>
      <thead><tr>
        <th scope="col">${t.name}</th><th scope="col">${t.scopes}</th><th scope="col">${t.created}</th><th scope="col">${t.expires}</th>
        <th scope="col">${t.lastUsed}</th><th scope="col"><span class="a-sr">${t.actions}</span></th>
      </tr></thead>
      <tbody>${this.tokens.map(
        (k) => html`<tr data-token=${k.id}>
          <th scope="row">${k.name} <span class=${badge(k.status)}>${t.status[k.status]}</span><br>
            <code class="a-hint">${k.hint}…</code></th>
          <td data-label=${t.scopes}>${k.scopes.map((s) => t.scopeShort[s]).join(', ')}</td>
          <td data-label=${t.created}>${dateTime(k.createdAt)}</td>
          <td data-label=${t.expires}>${dateTime(k.expiresAt)}</td>
          <td data-label=${t.lastUsed}>${k.lastUsedAt ? dateTime(k.lastUsedAt) : t.never}</td>
          <td class="a-actions">${
            k.status === 'active'
              ? html`<button type="button" class="a-danger" aria-label=${fill(t.revokeLabel, { name: k.name })}
                  @click=${() => this.revoke(k)}>${t.revoke}</button>`
              : nothing
          }</td>
        </tr>`,
      )}</tbody>
    </table></div>`;
  }

  override render() {
    const t = m(MESSAGES);
    return html`<section class="a-card tok" aria-labelledby="tok-title">
      <h2 id="tok-title">${t.title}</h2>
      <p>${t.lead}</p>
      <p><a href="/api/openapi.json">${t.docs}</a></p>
      <div role="status">${this.message ? html`<p class="a-alert a-alert--ok">${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="a-alert a-alert--error" role="alert">${this.error}</p>` : nothing}
      ${this.renderCreated()}
      ${this.renderList()}
      <h3>${t.newTitle}</h3>
      <form @submit=${this.create}>
        <div class="a-field"><label for="tok-name">${t.name}</label>
          <input id="tok-name" name="name" required maxlength="100" autocomplete="off" aria-describedby="tok-name-hint">
          <p class="a-hint" id="tok-name-hint">${t.nameHint}</p></div>
        <fieldset class="a-fieldset"><legend>${t.scopeLegend}</legend>
          ${SCOPES.map((s) => html`<label class="a-check"><input type="checkbox" name="scope" value=${s}> ${t.scopeLabels[s]}</label>`)}
        </fieldset>
        <div class="a-field"><label for="tok-expires">${t.expiry}</label>
          <select id="tok-expires" name="expires">
            ${EXPIRY_DAYS.map(
              (d) => html`<option value=${d} ?selected=${d === 90}>${d === 365 ? t.year : fill(t.days, { n: d })}</option>`,
            )}
          </select></div>
        <button type="submit" class="a-primary" ?disabled=${this.busy}>${t.create}</button>
      </form>
    </section>`;
  }
}
customElements.define('rondo-api-tokens', RondoApiTokens);
