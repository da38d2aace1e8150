/**
 * A value made at its first use and then kept: for Intl formatters and collators that a module
 * would otherwise make when it is loaded. The first Intl object of a process reads ICU's locale
 * and time-zone data (some 10 MB resident in `rondo serve`), which a server that has only
 * started and waits for its first request does not need.
 *
 *   const DUTCH = once(() => new Intl.Collator('nl'));
 *   names.sort(DUTCH().compare);
 */
export function once<T extends object>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
