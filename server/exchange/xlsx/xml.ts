/** XML text and spreadsheet addresses for the .xlsx writer and reader. */

// Characters XML 1.0 cannot hold at all (controls other than tab, line feed and carriage
// return; U+FFFE, U+FFFF), and text that Excel would read as its own escape `_xHHHH_`.
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9a-fA-F]{4}_/;
const WORK = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)/g;

function replacement(c: string): string {
  switch (c) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    default:
      // ECMA-376 Part 1, 22.9.2.19 ST_Xstring: a character XML cannot carry is written
      // `_xHHHH_`, and an underscore that would start such an escape is itself escaped (`_x005F_`).
      return `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  }
}

/** Text for an element's content or an attribute value. */
export function xmlText(text: string): string {
  return NEEDS_WORK.test(text) ? text.replace(WORK, replacement) : text;
}

/** The inverse of the `_xHHHH_` escapes, for text read from a sheet. */
export function unescapeXstring(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : text;
}

/** Spreadsheet column letters of a 0-based index: A … Z, AA … XFD. */
export function columnName(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The 0-based column index of a cell reference such as `AB12`, or -1. */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : n - 1;
}
