import { LightElement } from '../light-element.js';
import { onLangChange } from './i18n.js';

/**
 * Base of the staff app's screens, dialogs and editors: renders again when the language is
 * switched, and calls load() each time it is put on the page. An element with nothing to fetch
 * leaves load() as it is.
 */
export class StaffView extends LightElement {
  private offLang?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.offLang = onLangChange(this);
    void this.load();
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.offLang?.();
  }

  /** Fetches what the view shows. */
  protected async load(): Promise<void> {}
}
