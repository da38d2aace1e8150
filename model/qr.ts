/** What model/qr needs of a qrcode-generator code (the web loads that package lazily, the server imports it). */
export interface QrCode {
  addData(text: string): void;
  make(): void;
  getModuleCount(): number;
  isDark(row: number, col: number): boolean;
}

/**
 * A QR code (type number chosen by the package, error correction M) of `text` as one SVG path of its dark
 * modules, with a quiet zone of 4 modules; `size` is the drawing's width and height in modules.
 */
export function qrPath(qrcode: (typeNumber: 0, level: 'M') => QrCode, text: string): { d: string; size: number } {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const quiet = 4;
  let d = '';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + quiet} ${r + quiet}h1v1h-1z`;
  return { d, size: n + 2 * quiet };
}
