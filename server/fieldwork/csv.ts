/**
 * CSV for spreadsheets and mail merge (RFC 4180: every cell quoted, CRLF between rows).
 *
 * A cell that a spreadsheet could take for a formula — starting with = + - @, a tab or a
 * carriage return, also after leading spaces — gets a leading apostrophe, the OWASP advice
 * against CSV injection: Excel and LibreOffice then show it as text. Names are where this
 * matters: they come from imports and the people themselves.
 */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[\s]*[=+\-@]/.test(s) || /^[\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Byte order mark: Excel opens UTF-8 CSV correctly only with it (names like Zoë). */
export const UTF8_BOM = '\uFEFF';
