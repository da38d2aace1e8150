import type { CohortAttribute } from './cohort-attributes.js';
import type { DomainCoverageSetting } from './domains.js';
import type { Item, MultiItem, Questionnaire } from './questionnaire-shape.js';
import { cohortScreenName as cohortScreen, type Vocabulary } from './vocabulary.js';

/**
 * Checks of a study's domain coverage setting (issue 17, model/domains.ts) against its cohort
 * attributes and questionnaire: the attribute exists and lists its allowed values (the domains),
 * the role attribute exists, and the item — when named — is a multiple-choice question whose
 * options are exactly those domains. Never throws; an empty list means the setting can be saved.
 */

export const DOMAIN_COVERAGE_ISSUE_CODES = [
  'unknown-attribute',
  'attribute-without-values',
  'unknown-role-attribute',
  'same-attribute',
  'unknown-item',
  'item-not-multiple-choice',
  'options-not-domains',
] as const;
export type DomainCoverageIssueCode = (typeof DOMAIN_COVERAGE_ISSUE_CODES)[number];

export interface DomainCoverageIssue {
  code: DomainCoverageIssueCode;
  /** The setting's field the issue is about. */
  field: 'attribute' | 'roleAttribute' | 'item';
  message: { nl: string; en: string };
}

const norm = (s: string | undefined) => (s ?? '').trim().toLocaleLowerCase('nl');

/**
 * Which domain each option of a multiple-choice item stands for: an option matches a domain when
 * its Dutch (or English) label equals the domain's value or its label, ignoring case. Null unless
 * every option matches a different domain and every domain has an option.
 */
export function domainOptions(item: MultiItem, attribute: CohortAttribute): Map<number, string> | null {
  const values = attribute.values ?? [];
  const out = new Map<number, string>();
  const used = new Set<string>();
  for (const o of item.options) {
    const names = [norm(o.label.nl), norm(o.label.en)].filter(Boolean);
    const match = values.find(
      (v) => !used.has(v.value) && names.some((n) => n === norm(v.value) || n === norm(v.label?.nl) || n === norm(v.label?.en)),
    );
    if (!match) return null;
    used.add(match.value);
    out.set(o.code, match.value);
  }
  return used.size === values.length ? out : null;
}

export function checkDomainCoverage(
  setting: DomainCoverageSetting,
  attributes: readonly CohortAttribute[] | undefined,
  questionnaire: Questionnaire | null,
  vocabulary?: Vocabulary,
): DomainCoverageIssue[] {
  const issues: DomainCoverageIssue[] = [];
  const add = (code: DomainCoverageIssueCode, field: DomainCoverageIssue['field'], nl: string, en: string) =>
    issues.push({ code, field, message: { nl, en } });
  const attribute = attributes?.find((a) => a.key === setting.attribute);
  if (!attribute)
    add(
      'unknown-attribute',
      'attribute',
      `Domeindekking: er is geen deelnemerskenmerk "${setting.attribute}". ` +
        `Leg het eerst vast bij ${cohortScreen(vocabulary, 'nl')} → Kenmerken.`,
      `Domain coverage: there is no cohort attribute "${setting.attribute}". ` +
        `Define it first under ${cohortScreen(vocabulary, 'en')} → Attributes.`,
    );
  else if (!attribute.values?.length)
    add(
      'attribute-without-values',
      'attribute',
      `Domeindekking: kenmerk "${setting.attribute}" heeft geen lijst met toegestane waarden; de domeinen zijn die waarden.`,
      `Domain coverage: attribute "${setting.attribute}" has no list of allowed values; the domains are those values.`,
    );
  if (setting.roleAttribute !== undefined) {
    if (setting.roleAttribute === setting.attribute)
      add(
        'same-attribute',
        'roleAttribute',
        'Domeindekking: het rolkenmerk moet een ander kenmerk zijn dan het domein.',
        'Domain coverage: the role attribute must differ from the domain attribute.',
      );
    else if (!attributes?.some((a) => a.key === setting.roleAttribute))
      add(
        'unknown-role-attribute',
        'roleAttribute',
        `Domeindekking: er is geen deelnemerskenmerk "${setting.roleAttribute}" voor de rol in het netwerk.`,
        `Domain coverage: there is no cohort attribute "${setting.roleAttribute}" for the role in the network.`,
      );
  }
  if (setting.item !== undefined) {
    const item: Item | undefined = questionnaire?.sections.flatMap((s) => s.items).find((i) => i.id === setting.item);
    if (!item)
      add(
        'unknown-item',
        'item',
        `Domeindekking: de vragenlijst heeft geen vraag "${setting.item}".`,
        `Domain coverage: the questionnaire has no question "${setting.item}".`,
      );
    else if (item.type !== 'multi')
      add(
        'item-not-multiple-choice',
        'item',
        `Domeindekking: vraag "${setting.item}" is geen meerkeuzevraag (meerdere antwoorden).`,
        `Domain coverage: question "${setting.item}" is not a multiple-choice question.`,
      );
    else if (attribute?.values?.length && !domainOptions(item, attribute)) {
      const names = attribute.values.map((v) => v.label?.nl ?? v.value).join(', ');
      add(
        'options-not-domains',
        'item',
        `Domeindekking: de antwoorden van vraag "${setting.item}" zijn niet precies de domeinen (${names}).`,
        `Domain coverage: the options of question "${setting.item}" are not exactly the domains (${names}).`,
      );
    }
  }
  return issues;
}

/** What the domain coverage setting is checked against: the study's cohort attributes and its questionnaire. */
export interface CoverageBasis {
  attributes: readonly CohortAttribute[] | undefined;
  questionnaire: Questionnaire | null;
}

/**
 * What an edit of the cohort attributes or of the questionnaire would break in the study's domain
 * coverage setting: the setting's issues after the edit that it did not have before, each with a
 * message that names the setting, says why the edit is refused and how to go on. Empty when the
 * study has no setting or the edit leaves it working.
 *
 * rondo refuses such an edit instead of switching the setting off or changing it: removing the
 * attribute or the question the setting reads would otherwise make the network profile, the
 * dashboard card and the factsheet's coverage disappear or change without anyone deciding so, the
 * way a reference check in a database refuses to delete a referenced row. The researcher switches
 * the setting off (or points it elsewhere) on the cohort screen in one step, then makes the edit:
 * both are audit-logged as what they are.
 */
export function coverageBrokenBy(
  setting: DomainCoverageSetting | undefined,
  before: CoverageBasis,
  after: CoverageBasis,
  vocabulary?: Vocabulary,
): DomainCoverageIssue[] {
  if (!setting) return [];
  const had = checkDomainCoverage(setting, before.attributes, before.questionnaire, vocabulary);
  const where = {
    nl: `${cohortScreen(vocabulary, 'nl')} → Netwerkprofiel → Instelling domeindekking`,
    en: `${cohortScreen(vocabulary, 'en')} → Network profile → Domain coverage setting`,
  };
  const next = {
    nl: `Zet de domeindekking eerst uit of pas haar aan (${where.nl}). Er is niets gewijzigd.`,
    en: `Switch domain coverage off or change it first (${where.en}). Nothing was changed.`,
  };
  return checkDomainCoverage(setting, after.attributes, after.questionnaire, vocabulary)
    .filter((i) => !had.some((h) => h.code === i.code && h.field === i.field))
    .map((i) => {
      const text = brokenText(i.code, setting);
      return { ...i, message: { nl: `${text.nl} ${next.nl}`, en: `${text.en} ${next.en}` } };
    });
}

function brokenText(code: DomainCoverageIssueCode, setting: DomainCoverageSetting): { nl: string; en: string } {
  const { attribute, roleAttribute, item } = setting;
  switch (code) {
    case 'unknown-attribute':
      return {
        nl: `Kenmerk "${attribute}" kan niet weg: de domeindekking telt er de domeinen van het netwerk mee.`,
        en: `Attribute "${attribute}" cannot be removed: domain coverage counts the network's domains with it.`,
      };
    case 'attribute-without-values':
      return {
        nl: `Kenmerk "${attribute}" moet een lijst met toegestane waarden houden: die waarden zijn de domeinen van de domeindekking.`,
        en: `Attribute "${attribute}" must keep its list of allowed values: those values are the domains of domain coverage.`,
      };
    case 'unknown-role-attribute':
      return {
        nl: `Kenmerk "${roleAttribute}" kan niet weg: de domeindekking telt er de rol in het netwerk mee.`,
        en: `Attribute "${roleAttribute}" cannot be removed: domain coverage counts the role in the network with it.`,
      };
    case 'unknown-item':
      return {
        nl: `Vraag "${item}" kan niet weg: de domeindekking leest eruit welke domeinen volgens de antwoorden vertegenwoordigd zijn.`,
        en: `Question "${item}" cannot be removed: domain coverage reads from it which domains the answers say are represented.`,
      };
    case 'item-not-multiple-choice':
      return {
        nl: `Vraag "${item}" moet een meerkeuzevraag (meerdere antwoorden) blijven: de domeindekking leest er de domeinen uit.`,
        en: `Question "${item}" must stay a multiple-choice question: domain coverage reads the domains from it.`,
      };
    case 'options-not-domains':
      return {
        nl:
          `De antwoorden van vraag "${item}" moeten precies de domeinen van kenmerk "${attribute}" blijven: ` +
          'de domeindekking leest ze als die domeinen.',
        en:
          `The options of question "${item}" must stay exactly the domains of attribute "${attribute}": ` +
          'domain coverage reads them as those domains.',
      };
    case 'same-attribute':
      return { nl: 'De domeindekking zou niet meer kloppen.', en: 'Domain coverage would no longer hold.' };
  }
}
