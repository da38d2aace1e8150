import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../server/app.js';

/**
 * What a respondent's phone downloads: the respondent bundle with every chunk it imports, its
 * stylesheet and base.css. The budget is 20 KiB gzipped (Lit alone is about 6 KiB). The test
 * setup builds dist/web first (test/global-setup.ts).
 */

const BUDGET = 20 * 1024;

/** A bundle and every chunk it imports, statically or dynamically, as paths under dist/web. */
function graph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = fs.readFileSync(path.join(WEB_DIST, entry), 'utf8');
  for (const m of code.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
    graph(path.posix.join(path.posix.dirname(entry), m[1]), seen);
  }
  return seen;
}

describe('the respondent page weight', () => {
  const files = [...graph('entry-respondent.js'), 'respondent.css', 'base.css'];
  const sizes = files.map((f) => ({ file: f, gzip: zlib.gzipSync(fs.readFileSync(path.join(WEB_DIST, f)), { level: 9 }).length }));
  const total = sizes.reduce((s, x) => s + x.gzip, 0);

  it(`stays within ${BUDGET / 1024} KiB of JS and CSS, gzipped`, () => {
    expect(total, sizes.map((s) => `${s.file}: ${s.gzip} B`).join('\n')).toBeLessThanOrEqual(BUDGET);
  });

  it('carries no TypeBox, no chart code and no analysis', () => {
    const code = files
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(WEB_DIST, f), 'utf8'))
      .join('\n');
    expect(code).not.toContain('TypeBox');
    expect(code).not.toMatch(/Chart\.register|chart\.js/i);
    expect(code).not.toMatch(/wilson|wilcoxon|friedman/i);
  });

  it('asks for no web fonts', () => {
    for (const css of ['respondent.css', 'base.css'])
      expect(fs.readFileSync(path.join(WEB_DIST, css), 'utf8')).not.toMatch(/@font-face|@import|url\((?!"?data:)/);
  });
});

describe('the staff app', () => {
  it('ships no schema library in any bundle or chunk (model/ keeps its TypeBox schemas apart from what screens import)', () => {
    const files = fs.readdirSync(WEB_DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    const carrying = files.filter((f) => fs.readFileSync(path.join(WEB_DIST, f), 'utf8').includes('HasPropertyKey'));
    expect(carrying).toEqual([]);
  });
});
