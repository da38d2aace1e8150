import { LitElement } from 'lit';

/**
 * Base of the respondent's elements: they render into the light DOM. The questionnaire is one
 * form — radio groups, labels and the error summary's links work across the whole document —
 * and one stylesheet (web/respondent.css) styles all of it, which keeps the bundle small
 * (no per-element styles) and lets the CSP forbid inline styles.
 */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
