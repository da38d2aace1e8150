import type SQLite from 'better-sqlite3';
import type { DataSource } from './service.js';
import { factsheetDataFromAnalysis } from './source.js';

/**
 * The factsheet's numbers from the analysis engine (analysis/study, loaded by
 * server/analysis): the same computation the dashboard, the API and `rondo analyze --json`
 * use, for the researchers' audience ('full'); the factsheet applies its own publication
 * thresholds on top (document.ts, sentences.ts).
 */
export function analysisSource(sqlite: SQLite.Database): DataSource {
  return async (study) => {
    // Loaded on first use: the factsheet routes and CLI start without the analysis modules.
    const [{ analyzeStudy }, { loadAnalysisInput }] = await Promise.all([import('../../analysis/study/index.js'), import('../analysis/load-input.js')]);
    const input = loadAnalysisInput(sqlite, study.slug);
    if (!input) throw new AnalysisUnavailableError(`study "${study.slug}" cannot be analysed`);
    return factsheetDataFromAnalysis(analyzeStudy(input, { audience: 'full' }), { study: study.definition, isDemo: study.isDemo });
  };
}

export class AnalysisUnavailableError extends Error {
  constructor(message = 'the analysis engine is not available') {
    super(message);
    this.name = 'AnalysisUnavailableError';
  }
}
