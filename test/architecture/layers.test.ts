import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of docs/engineering.md, read from the import graph: model ← analysis ←
 * server / web, with content/ (the demo study and templates) beside analysis. Every static import,
 * `export … from` and dynamic `import()` of every source file counts, type-only imports too.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = /\.(ts|mts|cts|mjs|js|cjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'data', 'tmp', '.git', '.cache', '.screens']);
/** Test code: tests, and support files used only by tests. */
const TEST_FILE = /\.(test|testkit)\.[cm]?[jt]s$/;

type Layer =
  | 'model'
  | 'analysis'
  | 'content'
  | 'server'
  | 'web'
  | 'migrations'
  | 'bench'
  | 'scripts'
  | 'bin'
  | 'test'
  | 'fixtures'
  | 'root';

interface Rule {
  /** The folders of rondo the layer may import from; its own folder is always allowed. */
  folders: Layer[] | 'all';
  /** Which packages (and Node built-ins) it may import. */
  packages: (name: string) => boolean;
  /** Said in the failure message. */
  why: string;
}

const SERVER_ONLY_PACKAGES =
  /^(fastify|fastify-plugin|@fastify\/.*|better-sqlite3|kysely|nodemailer|iconv-lite|esbuild|tsx|smtp-server|playwright-core)$/;
const BROWSER_ONLY_PACKAGES = /^(lit|@lit\/.*|chart\.js)$/;
const isBuiltin = (name: string): boolean => name.startsWith('node:') || builtinModules.includes(name);
const only =
  (...names: string[]) =>
  (name: string): boolean =>
    names.includes(name);

const RULES: Record<Layer, Rule> = {
  model: { folders: [], packages: only('@sinclair/typebox'), why: 'model/ imports nothing of rondo and no I/O' },
  analysis: {
    folders: ['model'],
    packages: only('@sinclair/typebox', 'simple-statistics'),
    why: 'analysis/ is pure: model/ only, no Node built-in, no I/O package',
  },
  content: { folders: ['model'], packages: () => false, why: 'content/ (demo study, templates) is pure data built on model/' },
  server: {
    folders: ['model', 'analysis', 'content'],
    packages: (name) => !BROWSER_ONLY_PACKAGES.test(name),
    why: 'server/ never imports web/, tests, benchmarks or browser-only packages',
  },
  web: {
    folders: ['model', 'analysis'],
    packages: (name) => !isBuiltin(name) && !SERVER_ONLY_PACKAGES.test(name),
    why: 'web/ never imports server/ nor Node built-ins or server packages',
  },
  migrations: { folders: [], packages: only('kysely'), why: 'migrations import kysely only, never app code' },
  bench: { folders: ['model', 'analysis', 'content', 'server', 'test'], packages: () => true, why: 'benchmarks never import web/' },
  scripts: { folders: ['model', 'analysis', 'content', 'server'], packages: () => true, why: 'scripts never import web/ or tests' },
  bin: { folders: ['model', 'analysis', 'content', 'server', 'scripts'], packages: () => true, why: 'bin/ never imports web/ or tests' },
  test: { folders: 'all', packages: () => true, why: '' },
  fixtures: { folders: [], packages: () => false, why: 'fixtures/ holds reference data, no code' },
  root: { folders: 'all', packages: () => true, why: '' },
};

/** What a test next to its code may use besides what its layer may: test helpers, content, Node and test tools. */
const TEST_EXTRAS = {
  folders: ['content', 'test'] as Layer[],
  packages: (name: string) => isBuiltin(name) || /^(vitest|fast-check)$/.test(name),
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) sourceFiles(path.join(dir, entry.name), out);
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(path.relative(ROOT, path.join(dir, entry.name)).split(path.sep).join('/'));
    }
  }
  return out;
}

function layerOf(file: string): Layer | undefined {
  const top = file.includes('/') ? file.slice(0, file.indexOf('/')) : 'root';
  return top in RULES ? (top as Layer) : undefined;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

interface Edge {
  from: string;
  /** A path from the root for a relative import, else the specifier (a package or a Node built-in). */
  to: string;
  relative: boolean;
}

/** Every import of every source file under the root. */
function importGraph(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(ROOT)) {
    const info = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), 'utf8'), true, true);
    for (const { fileName: spec } of info.importedFiles) {
      const relative = spec.startsWith('.');
      edges.push({ from: file, to: relative ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) : spec, relative });
    }
  }
  return edges;
}

/** Why an edge breaks the rules, or undefined when it keeps them. */
function violation(edge: Edge): string | undefined {
  const from = layerOf(edge.from);
  if (!from) return `${edge.from}: in no layer; add its folder to docs/engineering.md and to this test`;
  const rule = RULES[from];
  const isTest = TEST_FILE.test(edge.from);
  if (edge.relative) {
    if (edge.to.startsWith('../')) return `${edge.from} → ${edge.to}: outside the repository`;
    const to = layerOf(edge.to) ?? 'root';
    if (to === from || rule.folders === 'all' || rule.folders.includes(to)) return undefined;
    if (isTest && TEST_EXTRAS.folders.includes(to)) return undefined;
  } else {
    const name = packageName(edge.to);
    if (rule.packages(name) || (isTest && TEST_EXTRAS.packages(name))) return undefined;
  }
  return `${edge.from} → ${edge.to}  (${rule.why})`;
}

describe('the layer rules', () => {
  const edges = importGraph();

  it('reads the imports of every layer, static and dynamic', () => {
    const layers = new Set(edges.map((e) => layerOf(e.from)));
    for (const layer of ['model', 'analysis', 'content', 'server', 'web', 'migrations', 'bench', 'test'] as const)
      expect(layers).toContain(layer);
    expect(edges).toContainEqual({ from: 'test/trust/helpers/migrate-child.mjs', to: 'server/db/migrate.ts', relative: true });
  });

  it('catch an import against them', () => {
    expect(violation({ from: 'web/app/api.ts', to: 'server/errors.js', relative: true })).toContain('web/ never imports server/');
    expect(violation({ from: 'analysis/study/analyze.ts', to: 'node:crypto', relative: false })).toContain('analysis/ is pure');
    expect(violation({ from: 'analysis/study/analyze.test.ts', to: 'node:fs', relative: false })).toBeUndefined();
    expect(violation({ from: 'server/app.ts', to: 'web/app/i18n.js', relative: true })).toContain('server/ never imports web/');
    expect(violation({ from: 'migrations/20250101_0001_init.ts', to: 'model/index.js', relative: true })).toContain('kysely only');
  });

  it('hold for every import of the tree: model ← analysis ← server / web', () => {
    const broken = edges.map(violation).filter((v) => v !== undefined);
    expect(broken, `imports that break the layer rules of docs/engineering.md:\n${broken.join('\n')}\n`).toEqual([]);
  });
});
