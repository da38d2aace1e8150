import { html } from 'lit';
import { StaffView } from '../staff-view.js';
import { m } from '../i18n.js';
import { roleIn } from '../session.js';
import './rondo-factsheet-composer.js';
import './rondo-factsheet-versions.js';

const MESSAGES = {
  nl: {
    title: 'Factsheet',
    lead: 'De gepubliceerde factsheets van dit onderzoek. Elke versie staat vast: latere gegevens veranderen haar niet.',
  },
  en: { title: 'Factsheet', lead: 'The published factsheets of this study. Each version is fixed: later data never change it.' },
};

/**
 * <rondo-factsheet-view>: the factsheet screen of a study. Researchers get the composer (with the
 * published versions under Publish); trainers and managers see the published versions only —
 * the server enforces the same (factsheet:compose vs factsheet:published).
 */
export class RondoFactsheetView extends StaffView {
  params: Record<string, string> = {};

  override render() {
    const t = m(MESSAGES);
    const slug = this.params.slug ?? '';
    if (roleIn(slug) === 'researcher') return html`<rondo-factsheet-composer .slug=${slug}></rondo-factsheet-composer>`;
    return html`<h1>${t.title}</h1><p class="a-lead">${t.lead}</p><rondo-factsheet-versions .slug=${slug} preview></rondo-factsheet-versions>`;
  }
}
customElements.define('rondo-factsheet-view', RondoFactsheetView);
