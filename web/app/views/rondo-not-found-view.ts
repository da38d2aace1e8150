import { html } from 'lit';
import { LightElement } from '../../light-element.js';
import { m } from '../i18n.js';

const MESSAGES = {
  nl: { title: 'Pagina niet gevonden', body: 'Deze pagina bestaat niet, of u heeft er geen toegang toe.', home: 'Naar mijn onderzoeken' },
  en: { title: 'Page not found', body: 'This page does not exist, or you do not have access to it.', home: 'To my studies' },
};

/** <rondo-not-found-view>: an address that matches no screen the user may open. */
export class RondoNotFoundView extends LightElement {
  override render() {
    const t = m(MESSAGES);
    return html`<h1 tabindex="-1">${t.title}</h1><p>${t.body}</p><p><a class="button" href="/app">${t.home}</a></p>`;
  }
}
customElements.define('rondo-not-found-view', RondoNotFoundView);
