import { LitElement } from 'lit';

/**
 * Base of the staff app's elements: they render into the light DOM, styled by one stylesheet
 * (web/app.css) — the CSP forbids inline styles, forms and labels work across elements, and
 * the respondent's elements (also light DOM) can be reused in the builder's preview.
 */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
