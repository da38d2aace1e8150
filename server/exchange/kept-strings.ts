/**
 * Strings an export keeps until it is written (the bundle's round cells, the .sav's text cells):
 * each a string of its own, and the short ones that repeat (times, decimals, organisations, roles)
 * kept once. A string cut from a longer one — an open answer sliced from its response's packed
 * values, a cell sliced from its round file's line, a quoted cell holding its text — would keep that
 * longer string alive in V8 for as long as the cell is kept.
 */
export class KeptStrings {
  private readonly shared = new Map<string, string>();

  /** At most `limit` distinct strings of up to `shortChars` characters are shared. */
  constructor(
    private readonly limit = 4096,
    private readonly shortChars = 40,
  ) {}

  keep(text: string): string {
    if (text.length > this.shortChars) return detached(text);
    let kept = this.shared.get(text);
    if (kept === undefined) {
      kept = detached(text);
      if (this.shared.size < this.limit) this.shared.set(kept, kept);
    }
    return kept;
  }

  clear(): void {
    this.shared.clear();
  }
}

/** The text as a string of its own (V8 keeps strings under 13 characters as copies already). */
const detached = (text: string): string => (text.length < 13 ? text : ` ${text}`.slice(1));
