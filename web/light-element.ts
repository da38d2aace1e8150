import { LitElement } from 'lit';

/**
 * Base of every rondo element: they render into the light DOM, styled by one stylesheet per
 * page (web/app.css for the staff app, web/respondent.css for the questionnaire). The CSP
 * forbids inline styles; forms, labels, radio groups and the error summary's links work across
 * elements; the respondent's elements can be reused in the builder's preview; and the
 * respondent bundle stays small (no per-element styles).
 */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
