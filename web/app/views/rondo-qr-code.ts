import { html, nothing, svg, type PropertyValues } from 'lit';
import { qrPath } from '../../../model/qr.js';
import { StaffView } from '../staff-view.js';

/** The dark modules of a QR code as one SVG path, and its size with a quiet zone of four modules. */
interface Drawn {
  d: string;
  size: number;
}

/**
 * <rondo-qr-code>: a link as a QR code, to print on a poster or show on a screen so that parents
 * can open it with a phone's camera. Drawn in the browser (qrcode-generator, loaded when first
 * needed), so no outside service sees the link; an SVG of one path, black on white.
 *
 * @property text - what the code holds (the link)
 * @property label - the code's accessible name, e.g. "QR-code van de anonieme link voor Ouders"
 */
export class RondoQrCode extends StaffView {
  static override properties = { text: {}, label: {}, drawn: { state: true } };
  text = '';
  label = '';
  drawn: Drawn | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('text')) void this.make(this.text);
  }

  private async make(text: string): Promise<void> {
    if (!text) return void (this.drawn = null);
    const { default: qrcode } = await import('qrcode-generator');
    if (text !== this.text) return;
    this.drawn = qrPath(qrcode, text);
  }

  override render() {
    const q = this.drawn;
    if (!q) return nothing;
    return html`<svg class="fw-qr" role="img" aria-label=${this.label} viewBox="0 0 ${q.size} ${q.size}" shape-rendering="crispEdges">
      ${svg`<rect width=${q.size} height=${q.size} fill="#fff"></rect><path fill="#000" d=${q.d}></path>`}
    </svg>`;
  }
}
customElements.define('rondo-qr-code', RondoQrCode);
