import type SQLite from 'better-sqlite3';
import type { AnalysisInput } from '../../analysis/study/input.js';
import { loadAnalysisInputFast } from './load-input.js';

/**
 * Keeps the loaded inputs of the most recently analysed studies, so that changing a filter on
 * the dashboard re-runs only the analysis (≈100 ms on 10,000 participants), not the load.
 *
 * An entry is valid while the database has not changed at all: SQLite's `total_changes()`
 * counts this connection's writes and `PRAGMA data_version` moves when another connection
 * commits. Any write anywhere (a submission, an edited participant, even an audit entry)
 * invalidates it — coarse, but never stale.
 */
export class AnalysisInputCache {
  private readonly entries = new Map<string, { version: string; input: Promise<AnalysisInput | null> }>();

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly capacity = 4,
  ) {}

  private version(): string {
    const changes = this.sqlite.prepare('select total_changes()').pluck().get() as number;
    const data = this.sqlite.pragma('data_version', { simple: true }) as number;
    return `${data}:${changes}`;
  }

  get(slug: string): Promise<AnalysisInput | null> {
    const version = this.version();
    const hit = this.entries.get(slug);
    if (hit && hit.version === version) {
      // Most recently used last.
      this.entries.delete(slug);
      this.entries.set(slug, hit);
      return hit.input;
    }
    const input = loadAnalysisInputFast(this.sqlite, slug);
    this.entries.delete(slug);
    this.entries.set(slug, { version, input });
    input.catch(() => this.entries.delete(slug));
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return input;
  }

  clear(): void {
    this.entries.clear();
  }
}
