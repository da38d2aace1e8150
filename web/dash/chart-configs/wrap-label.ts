/**
 * Wraps a category name into lines of at most `width` characters, breaking between words (a word
 * longer than a line is split), so a chart axis shows the whole name on a phone instead of cutting
 * it short ("Ik heb voldoe…"). chart.js draws an array of strings as a label of several lines.
 */
export function wrapLabel(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest; ) {
      const piece = rest.length > width ? rest.slice(0, width) : rest;
      rest = rest.slice(piece.length);
      if (!line) line = piece;
      else if (line.length + 1 + piece.length <= width) line = `${line} ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}
