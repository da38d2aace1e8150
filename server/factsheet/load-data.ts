import type SQLite from 'better-sqlite3';
import type { DataSource } from './service.js';

/**
 * The factsheet's numbers from the analysis engine (analysis/study via server/analysis), the
 * same computation the dashboard, the API and `rondo analyze --json` use.
 */
export function analysisSource(_sqlite: SQLite.Database): DataSource {
  return async () => {
    throw new AnalysisUnavailableError();
  };
}

export class AnalysisUnavailableError extends Error {
  constructor() {
    super('the analysis engine is not available yet');
    this.name = 'AnalysisUnavailableError';
  }
}
