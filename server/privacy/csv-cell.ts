/**
 * A CSV text cell for the audit and access-log exports: always quoted, and a text that a
 * spreadsheet would run as a formula (= + - @ TAB CR at the start) gets an apostrophe in
 * front (OWASP "CSV injection").
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
