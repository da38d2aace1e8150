import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { ApiFailure, api } from '../api.js';
import { currentSlug } from '../current-study.js';
import { m } from '../i18n.js';

const MESSAGES = {
  nl: {
    title: 'Pagina niet gevonden',
    body: 'Deze pagina bestaat niet, of u heeft er geen toegang toe.',
    home: 'Naar mijn onderzoeken',
    refused: 'Geen toegang',
    programme: 'Naar het overzicht van het programma',
  },
  en: {
    title: 'Page not found',
    body: 'This page does not exist, or you do not have access to it.',
    home: 'To my studies',
    refused: 'No access',
    programme: "To the programme's overview",
  },
};

/**
 * <rondo-not-found-view>: an address that matches no screen the user may open. For a study the
 * user is no member of, the server's own refusal is shown when it says why (a regional
 * representative and a network's participant-level screens, issue 17), with the way back to the programme.
 */
export class RondoNotFoundView extends LightElement {
  private refusal: { text: { nl: string; en: string }; programme?: string } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    const slug = currentSlug();
    if (slug) void this.askWhy(slug);
  }

  private async askWhy(slug: string): Promise<void> {
    try {
      await api('GET', `/api/studies/${encodeURIComponent(slug)}`);
    } catch (err) {
      const text = err instanceof ApiFailure ? (err.details?.text as { nl?: string; en?: string } | undefined) : undefined;
      if (!text?.nl || !text.en) return;
      const programme = (err as ApiFailure).details?.programme;
      this.refusal = { text: { nl: text.nl, en: text.en }, programme: typeof programme === 'string' ? programme : undefined };
      this.requestUpdate();
    }
  }

  override render() {
    const t = m(MESSAGES);
    const r = this.refusal;
    if (r) {
      return html`<h1 tabindex="-1">${t.refused}</h1><p role="alert">${m(r.text)}</p>
        <p>${r.programme ? html`<a class="button" href="/app/programmes/${encodeURIComponent(r.programme)}">${t.programme}</a> ` : nothing}
          <a class="button" href="/app">${t.home}</a></p>`;
    }
    return html`<h1 tabindex="-1">${t.title}</h1><p>${t.body}</p><p><a class="button" href="/app">${t.home}</a></p>`;
  }
}
customElements.define('rondo-not-found-view', RondoNotFoundView);
