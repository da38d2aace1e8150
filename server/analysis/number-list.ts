/**
 * Many short rows of numbers (ids, flags, timestamps in milliseconds) read from SQLite as one
 * text instead of one row at a time: better-sqlite3 builds an array and a value per column for
 * every row it hands over, which for the loader's unit queries costs several times what SQLite
 * spends finding the rows (30,000 invitations: ~2 ms to join them, ~15 ms to hand over two ids
 * of each as rows, ~6 ms as one text of the same numbers, read here with charCodeAt).
 *
 * `numberList(columns)` is the SQL of that text: per selected row its columns' values in
 * order, comma-separated, NULL written as nothing, the rows' lists joined by commas (so a
 * query's text holds rows × columns fields). `readNumberList` reads it back.
 */
export function numberList(columns: readonly string[]): string {
  return `group_concat(${columns.map((c) => `ifnull(${c}, '')`).join(` || ',' || `)})`;
}

/**
 * Appends the numbers of a `numberList` text to `out`: an empty field (NULL) is NaN. A plain
 * integer (how SQLite writes every INTEGER) is read digit by digit; anything else, such as a
 * REAL or an integer of 16 digits or more, goes through `Number`, as better-sqlite3's own
 * value would (but for a REAL −0, which SQLite writes as 0.0). A NULL text (no rows) appends nothing.
 */
export function readNumberList(text: string | null, out: number[]): void {
  if (text === null) return;
  const n = text.length;
  let i = 0;
  for (;;) {
    const start = i;
    let c = text.charCodeAt(i);
    const negative = c === 45; /* - */
    if (negative) c = text.charCodeAt(++i);
    const digits = i;
    let value = 0;
    while (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
    if ((c === 44 /* , */ || i === n) && i - digits < 16 && (i > digits || !negative)) {
      out.push(i === start ? NaN : negative ? -value : value);
    } else {
      let end = text.indexOf(',', i);
      if (end < 0) end = n;
      out.push(Number(text.slice(start, end)));
      i = end;
    }
    if (i >= n) return;
    i++;
  }
}
