import type { StudyAnalysis } from '../../analysis/study/result.js';
import type { FactsheetData } from '../../analysis/findings/data.js';
import type { AnalysisService } from '../analysis/service.js';
import type { DataSource } from './service.js';
import { factsheetDataFromAnalysis } from '../../analysis/findings/source.js';

/**
 * The factsheet's numbers from the analysis service (server/analysis/service.ts): the same
 * computation and the same cache as the dashboard, the API and `rondo analyze --json`, for the
 * researchers' audience ('full') over every round; the factsheet applies its own publication
 * thresholds on top (document.ts, sentences.ts). The factsheet data are kept per analysis
 * result, which the service keeps until the database changes.
 */
export function analysisSource(service: AnalysisService): DataSource {
  const made = new WeakMap<StudyAnalysis, FactsheetData>();
  return async (study) => {
    const analysed = await service.analyse(study.slug, { audience: 'full', matched: false });
    if (!analysed) throw new AnalysisUnavailableError(`study "${study.slug}" cannot be analysed`);
    let data = made.get(analysed.analysis);
    if (!data)
      made.set(analysed.analysis, (data = factsheetDataFromAnalysis(analysed.analysis, { study: study.definition, isDemo: study.isDemo })));
    return data;
  };
}

export class AnalysisUnavailableError extends Error {
  constructor(message = 'the analysis engine is not available') {
    super(message);
    this.name = 'AnalysisUnavailableError';
  }
}
