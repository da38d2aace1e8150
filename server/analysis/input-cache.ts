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

  private dataVersion(): number {
    return this.sqlite.pragma('data_version', { simple: true }) as number;
  }

  private changes(): number {
    return this.sqlite.prepare('select total_changes()').pluck().get() as number;
  }

  private version(): string {
    return `${this.dataVersion()}:${this.changes()}`;
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
    const data = this.dataVersion();
    const input = loadAnalysisInputFast(this.sqlite, slug);
    // The loader writes a temporary table on this connection in its synchronous start, which
    // total_changes() counts: read the count after that start (no other write of this
    // connection can come in between), or the entry would be invalid as soon as it is made.
    // data_version is read before, so another connection's commit meanwhile still invalidates.
    this.entries.delete(slug);
    this.entries.set(slug, { version: `${data}:${this.changes()}`, input });
    input.catch(() => this.entries.delete(slug));
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return input;
  }

  clear(): void {
    this.entries.clear();
  }
}
