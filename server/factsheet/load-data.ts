import type { StudyAnalysis } from '../../analysis/study/result.js';
import type { FactsheetData } from '../../analysis/findings/data.js';
import type { AnalysisService } from '../analysis/service.js';
import type { DataSource } from './service.js';
import { factsheetDataFromAnalysis } from '../../analysis/findings/source.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { loadNetworkFigures } from './network/load.js';

/**
 * The factsheet's numbers from the analysis service (server/analysis/service.ts): the same
 * computation and the same cache as the dashboard, the API and `rondo analyze --json`, for the
 * researchers' audience ('full') over every round; the factsheet applies its own publication
 * thresholds on top (document.ts, sentences.ts). The factsheet data are kept per analysis
 * result, which the service keeps until the database changes. Given the store, a network study's
 * figures (network/load.ts) are added on every call.
 */
export function analysisSource(service: AnalysisService, network?: { db: Kysely<Database>; now: () => Date }): DataSource {
  const made = new WeakMap<StudyAnalysis, FactsheetData>();
  return async (study) => {
    const analysed = await service.analyse(study.slug, { audience: 'full', matched: false });
    if (!analysed) throw new AnalysisUnavailableError(`study "${study.slug}" cannot be analysed`);
    let data = made.get(analysed.analysis);
    if (!data)
      made.set(analysed.analysis, (data = factsheetDataFromAnalysis(analysed.analysis, { study: study.definition, isDemo: study.isDemo })));
    // netfs (issue 17): a network study's indicators, domains and plans, read fresh (plans change without new answers).
    const figures = network ? await loadNetworkFigures(network.db, study, analysed.analysis, network.now()) : null;
    return figures ? { ...data, network: figures } : data;
  };
}

export class AnalysisUnavailableError extends Error {
  constructor(message = 'the analysis engine is not available') {
    super(message);
    this.name = 'AnalysisUnavailableError';
  }
}
