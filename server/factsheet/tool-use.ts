import type { Lang, LocalText } from '../../model/index.js';
import type { FactsheetData } from '../../analysis/findings/data.js';
import type { StudyAnalysis, VariableAnalysis } from '../../analysis/study/result.js';
import { listOf, lowerFirst } from '../../analysis/findings/format.js';

/**
 * The answers the study's tool questions count as using a tool, in words: "‘ja’" for a yes/no
 * question, "‘soms’ of ‘vaak’" for a frequency scale whose top box is Soms and Vaak. The analysis
 * decides what counts (a scale's `topBox`, or "yes" on a 0/1 scale: analysis/study/variables.ts),
 * and the tools chart's axis says it. The tool grid and the other tool-use questions may count
 * different answers; then each is named ("‘soms’ of ‘vaak’ / ‘ja’"). Null when nothing counts.
 */
export function toolUseWords(analysis: StudyAnalysis, data: FactsheetData): LocalText | null {
  const extra = new Set(data.tools.extra.map((s) => s.id));
  const variables: VariableAnalysis[] = [...analysis.tools.map((t) => t.use), ...analysis.items.filter((i) => extra.has(i.id))];
  const words = (lang: Lang) => {
    const phrases = variables.flatMap((v) => {
      const counted = (v.codes ?? []).filter((c) => v.topBoxCodes?.includes(c.code));
      if (!counted.length) return [];
      const quoted = counted.map((c) => `‘${lowerFirst((lang === 'en' ? (c.label.en ?? c.label.nl) : (c.label.nl ?? c.label.en)) ?? '')}’`);
      return [listOf(quoted, lang, 'or')];
    });
    return [...new Set(phrases)].join(' / ');
  };
  const nl = words('nl');
  return nl ? { nl, en: words('en') } : null;
}

/** The factsheet's numbers with what its tools chart counts (`FactsheetData.toolUse`), when the study asks about tools. */
export function withToolUse(data: FactsheetData, analysis: StudyAnalysis): FactsheetData {
  const words = data.tools.items.length || data.tools.extra.length ? toolUseWords(analysis, data) : null;
  return words ? { ...data, toolUse: words } : data;
}
