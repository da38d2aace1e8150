import { html, type TemplateResult } from 'lit';

/**
 * An e-mail address that may wrap after its "@" and before each dot, never inside a word: the
 * staff tables keep their words whole (web/app.css, tables16), so a long address in a narrow cell
 * breaks at its natural seams instead of sticking out of the cell or being cut anywhere.
 */
export function breakableEmail(email: string): (string | TemplateResult)[] {
  return email.split(/(?=\.)|(?<=@)/).map((part, i) => (i ? html`<wbr>${part}` : part));
}
