import { createRequire } from 'node:module';
import type Iconv from 'iconv-lite';

// iconv-lite and its half a megabyte of code tables are read when the first upload in a legacy
// encoding (UTF-16, Windows-1252) is decoded, not by every start of the server. A require at that
// moment: esbuild leaves this call alone, so the package stays out of the compiled server's chunks
// and Node finds it in node_modules, as it finds better-sqlite3.
const load = createRequire(import.meta.url);
let iconv: typeof Iconv | undefined;

/** iconv-lite's `decode` (e.g. 'utf16-le', 'win1252'), loading iconv-lite at the first call. */
export function iconvDecode(bytes: Buffer, encoding: string): string {
  iconv ??= load('iconv-lite') as typeof Iconv;
  return iconv.decode(bytes, encoding);
}
