import { html, nothing } from 'lit';
import { StaffView } from '../../staff-view.js';
import { fill, m } from '../../i18n.js';
import type { ScalePoint } from '../../../../model/questionnaire-shape.js';

export interface PointsChange {
  points: ScalePoint[];
  topBox?: number[];
}

const MESSAGES = {
  nl: {
    code: 'Code',
    labelNl: 'Label (Nederlands)',
    labelEn: 'Label (Engels)',
    top: 'Topbox',
    remove: 'Verwijder',
    add: 'Punt toevoegen',
    addOption: 'Optie toevoegen',
    rowCode: 'Code van punt {n}',
    rowNl: 'Label van punt {n} in het Nederlands',
    rowEn: 'Label van punt {n} in het Engels',
    rowTop: 'Punt {n} telt mee in de topbox',
    rowRemove: 'Punt {n} verwijderen',
    topHelp: 'Topbox: de punten die samen het kerncijfer vormen, bijv. "(helemaal) eens".',
  },
  en: {
    code: 'Code',
    labelNl: 'Label (Dutch)',
    labelEn: 'Label (English)',
    top: 'Top box',
    remove: 'Remove',
    add: 'Add point',
    addOption: 'Add option',
    rowCode: 'Code of point {n}',
    rowNl: 'Label of point {n} in Dutch',
    rowEn: 'Label of point {n} in English',
    rowTop: 'Point {n} counts in the top box',
    rowRemove: 'Remove point {n}',
    topHelp: 'Top box: the points that together make the headline figure, e.g. "(strongly) agree".',
  },
};

/**
 * <rondo-points-editor>: the points of a scale or the options of a choice item — code and
 * labels in Dutch and English side by side, and (for scales) which points form the top box.
 *
 * @fires rondo-points-change - the user changed a point; detail: { points, topBox }
 */
export class RondoPointsEditor extends StaffView {
  static override properties = {
    points: { attribute: false },
    topBox: { attribute: false },
    withTopBox: { type: Boolean },
    idPrefix: {},
    options: { type: Boolean },
  };
  points: ScalePoint[] = [];
  topBox: number[] | undefined;
  withTopBox = false;
  options = false;
  idPrefix = 'pt';

  private emit(points: ScalePoint[], topBox = this.topBox): void {
    const codes = new Set(points.map((p) => p.code));
    this.dispatchEvent(
      new CustomEvent<PointsChange>('rondo-points-change', {
        detail: { points, topBox: this.withTopBox ? (topBox ?? []).filter((c) => codes.has(c)) : undefined },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private set(i: number, patch: Partial<ScalePoint> & { nl?: string; en?: string }): void {
    const points = this.points.map((p, j) => {
      if (j !== i) return p;
      const label = { ...p.label };
      if (patch.nl !== undefined) label.nl = patch.nl;
      if (patch.en !== undefined) label.en = patch.en;
      return { code: patch.code ?? p.code, label };
    });
    let top = this.topBox;
    if (patch.code !== undefined && top?.includes(this.points[i].code)) top = top.map((c) => (c === this.points[i].code ? patch.code! : c));
    this.emit(points, top);
  }

  override render() {
    const t = m(MESSAGES);
    const top = new Set(this.topBox ?? []);
    return html`<table class="b-points">
        <thead><tr><th scope="col">${t.code}</th><th scope="col">${t.labelNl}</th><th scope="col">${t.labelEn}</th>${this.withTopBox ? html`<th scope="col" class="b-top">${t.top}</th>` : nothing}<th scope="col"><span class="a-sr">${t.remove}</span></th></tr></thead>
        <tbody>${this.points.map(
          (p, i) => html`<tr>
            <td class="b-code"><input type="number" min="0" max="1000" step="1" aria-label=${fill(t.rowCode, { n: i + 1 })} .value=${String(p.code)} @change=${(e: Event) => this.set(i, { code: Math.max(0, Math.round(Number((e.target as HTMLInputElement).value) || 0)) })}></td>
            <td><input aria-label=${fill(t.rowNl, { n: i + 1 })} maxlength="200" .value=${p.label.nl ?? ''} @input=${(e: Event) => this.set(i, { nl: (e.target as HTMLInputElement).value })}></td>
            <td><input lang="en" aria-label=${fill(t.rowEn, { n: i + 1 })} maxlength="200" .value=${p.label.en ?? ''} @input=${(e: Event) => this.set(i, { en: (e.target as HTMLInputElement).value })}></td>
            ${
              this.withTopBox
                ? html`<td class="b-top"><label class="b-top-label"><input type="checkbox" aria-label=${fill(t.rowTop, { n: i + 1 })} .checked=${top.has(p.code)} @change=${(
                    e: Event,
                  ) => {
                    const on = (e.target as HTMLInputElement).checked;
                    this.emit(this.points, on ? [...top, p.code].sort((a, b) => a - b) : [...top].filter((c) => c !== p.code));
                  }}><span class="b-top-text" aria-hidden="true">${t.top}</span></label></td>`
                : nothing
            }
            <td><button type="button" class="a-icon" aria-label=${fill(t.rowRemove, { n: i + 1 })} @click=${() => this.emit(this.points.filter((_, j) => j !== i))}>✕</button></td>
          </tr>`,
        )}</tbody>
      </table>
      ${this.withTopBox ? html`<p class="a-hint">${t.topHelp}</p>` : nothing}
      <button type="button" class="a-quiet" @click=${() => {
        const code = this.points.length ? Math.max(...this.points.map((p) => p.code)) + 1 : 1;
        this.emit([...this.points, { code, label: { nl: '', en: '' } }]);
      }}>+ ${this.options ? t.addOption : t.add}</button>`;
  }
}
customElements.define('rondo-points-editor', RondoPointsEditor);
