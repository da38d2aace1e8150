/**
 * WCAG 2 contrast ratio of two sRGB colours (#rrggbb): (L1 + 0.05) / (L2 + 0.05) with the
 * relative luminance L of https://www.w3.org/TR/WCAG21/#dfn-relative-luminance. Ranges from 1
 * (same colour) to 21 (black on white); WCAG AA asks 4.5 for body text.
 * Example: contrastRatio('#767676', '#ffffff') ≈ 4.54.
 */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`contrastRatio requires #rrggbb colours, got "${hex}"`);
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
