import type { StudyAnalysis } from '../../analysis/study/result.js';
import type { FactsheetData } from '../../analysis/findings/data.js';
import type { AnalysisService } from '../analysis/service.js';
import type { DataSource } from './service.js';
import { factsheetDataFromAnalysis } from '../../analysis/findings/source.js';
import { factsheetSplits, selectionOf, withGroupResponse } from './splits.js';
import { withToolUse } from './tool-use.js';

/**
 * The factsheet's numbers from the analysis service (server/analysis/service.ts): the same
 * computation and the same cache as the dashboard, the API and `rondo analyze --json`, for the
 * researchers' audience ('full') over every round; the factsheet applies its own publication
 * thresholds on top (document.ts, sentences.ts). The factsheet data are kept per analysis
 * result, which the service keeps until the database changes.
 *
 * A composition limited to one respondent group analyses that group only; sections split by
 * subgroup get each subgroup's numbers as well (splits.ts).
 */
export function analysisSource(service: AnalysisService): DataSource {
  const made = new WeakMap<StudyAnalysis, FactsheetData>();
  const dataOf = async (study: Parameters<DataSource>[0], filters: { groups?: string[]; attributes?: Record<string, string[]> }) => {
    const analysed = await service.analyse(study.slug, { audience: 'full', matched: false, ...filters });
    if (!analysed) throw new AnalysisUnavailableError(`study "${study.slug}" cannot be analysed`);
    let data = made.get(analysed.analysis);
    if (!data)
      made.set(
        analysed.analysis,
        (data = withToolUse(
          factsheetDataFromAnalysis(analysed.analysis, { study: study.definition, isDemo: study.isDemo }),
          analysed.analysis,
        )),
      );
    return { data, analysis: analysed.analysis };
  };
  return async (study, composition) => {
    const selection = selectionOf(study.definition, composition);
    const base = selection ? { groups: [selection.group] } : {};
    const { data: own } = await dataOf(study, base);
    // One group's factsheet counts that group's response as every screen does (the whole study's count per group).
    const data = selection ? withGroupResponse(own, (await dataOf(study, {})).data, selection.group) : own;
    const splits = await factsheetSplits(
      study,
      composition,
      selection,
      data,
      (filters) => dataOf(study, { ...base, ...filters }),
      async (key) => (await service.input(study.slug))?.units.attributes.find((a) => a.key === key)?.values ?? [],
    );
    if (!selection && !splits.length) return data;
    return { ...data, ...(selection ? { selection } : {}), ...(splits.length ? { splits } : {}) };
  };
}

export class AnalysisUnavailableError extends Error {
  constructor(message = 'the analysis engine is not available') {
    super(message);
    this.name = 'AnalysisUnavailableError';
  }
}
