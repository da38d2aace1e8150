import type { MissingCode } from '../../model/index.js';
import type { FlavourName } from '../../model/values.js';

/** What `rondo export --format` and the export screen offer. */
export {
  EXPORT_FILE_TYPES,
  EXPORT_FORMATS,
  FLAVOURS,
  type ExportFileType,
  type ExportFormat,
  type FlavourName,
  XLSX_FORMATS,
} from '../../model/values.js';
import { XLSX_FORMATS, type ExportFormat } from '../../model/values.js';

/** Formats that are also offered as an Excel workbook, one .xlsx file each. */
export type XlsxFormat = (typeof XLSX_FORMATS)[number];
export const isXlsxFormat = (format: ExportFormat): format is XlsxFormat => (XLSX_FORMATS as readonly string[]).includes(format);

/**
 * CSV flavours. `nl` is what Dutch Excel opens with a double click: `;` between cells, a
 * decimal comma and a UTF-8 byte-order mark (without it Excel reads UTF-8 as Windows-1252).
 * `intl` is plain RFC 4180 CSV for R, Python, SPSS and international Excel.
 */

export interface Flavour {
  name: FlavourName;
  delimiter: ';' | ',';
  decimal: ',' | '.';
  bom: boolean;
}

export const FLAVOUR: Record<FlavourName, Flavour> = {
  nl: { name: 'nl', delimiter: ';', decimal: ',', bom: true },
  intl: { name: 'intl', delimiter: ',', decimal: '.', bom: false },
};

/** Line ends are CRLF in every flavour, as RFC 4180 says; Excel, R and PSPP all read them. */
export const EOL = '\r\n';

/**
 * Numeric codes for answers that are not a value, the same in every export and every
 * variable. An empty cell is "no answer": the item was skipped, or the participant did not
 * respond in that round (see `responded_<round>` in the wide file).
 */
export const MISSING_VALUE_CODES = {
  dont_know: -99,
  not_applicable: -98,
  not_asked: -97,
} as const satisfies Record<MissingCode | 'not_asked', number>;

export type MissingKind = keyof typeof MISSING_VALUE_CODES;

/** The missing-value codes as CSV cells. */
export const MISSING_CELL = Object.fromEntries(Object.entries(MISSING_VALUE_CODES).map(([k, v]) => [k, String(v)])) as Record<
  MissingKind,
  string
>;

export const MISSING_LABELS: Record<MissingKind, { nl: string; en: string }> = {
  dont_know: { nl: 'Weet niet', en: "Don't know" },
  not_applicable: { nl: 'Niet van toepassing', en: 'Not applicable' },
  not_asked: { nl: 'Niet gevraagd (routing)', en: 'Not asked (routing)' },
};

/**
 * The missing-value labels of a study's exports: in a study with respondent groups an item is also
 * not asked when the respondent's group does not see its section (cells.ts), and the label says so.
 * A study without groups keeps MISSING_LABELS, its exports unchanged.
 */
export function missingLabels(study: { definition: { groups?: readonly unknown[] } }): Record<MissingKind, { nl: string; en: string }> {
  if (!study.definition.groups?.length) return MISSING_LABELS;
  return {
    ...MISSING_LABELS,
    not_asked: { nl: 'Niet gevraagd (routing of respondentgroep)', en: 'Not asked (routing or respondent group)' },
  };
}

/** Options every export takes. */
export interface ExportOptions {
  flavour: FlavourName;
  /** Include answers to open questions (text items). Off by default: open text can identify. */
  openText: boolean;
  /** Language of labels in the SPSS and R scripts (the codebook carries both). */
  lang: 'nl' | 'en';
}
