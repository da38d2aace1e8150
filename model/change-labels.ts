import type { ChangeKind, Lang } from './values.js';
import { capitalTerm, type Vocabulary } from './vocabulary.js';

/**
 * What a saved questionnaire edit is, as people call it: a saved version is labelled by every kind of change
 * it holds, so adding questions is never filed as a text correction (issue 16). Most telling first.
 */
export const CHANGE_LABELS = [
  'questions-added',
  'questions-removed',
  'renamed',
  'type-changed',
  'scale-changed',
  'rounds-changed',
  'condition-changed',
  'text-correction',
  'settings-changed',
  'indicators-changed',
  'reordered',
] as const;
export type ChangeLabel = (typeof CHANGE_LABELS)[number];

const LABEL_OF: Record<ChangeKind, ChangeLabel> = {
  added: 'questions-added',
  removed: 'questions-removed',
  renamed: 'renamed',
  type: 'type-changed',
  scale: 'scale-changed',
  rounds: 'rounds-changed',
  'show-if': 'condition-changed',
  title: 'text-correction',
  text: 'text-correction',
  labels: 'text-correction',
  required: 'settings-changed',
  measure: 'settings-changed',
  settings: 'settings-changed',
  indicators: 'indicators-changed',
  order: 'reordered',
};

/**
 * The labels of a list of changes, each once, most telling first. New option or scale labels that come with a
 * changed scale or type of the same item are part of that change, not a text correction of their own.
 */
export function changeLabels(changes: readonly { kind: ChangeKind; item?: string }[]): ChangeLabel[] {
  const reshaped = new Set(changes.filter((c) => c.kind === 'scale' || c.kind === 'type').map((c) => c.item));
  const found = new Set(changes.filter((c) => !(c.kind === 'labels' && reshaped.has(c.item))).map((c) => LABEL_OF[c.kind]));
  return CHANGE_LABELS.filter((l) => found.has(l));
}

/** A label as shown, in the study's own word for its rounds ("Metingen gewijzigd", "Waves changed"). */
export function changeLabelText(label: ChangeLabel, lang: Lang, vocabulary?: Vocabulary): string {
  const text = CHANGE_LABEL_TEXT[label][lang].replace('{rounds}', capitalTerm(vocabulary, 'round', lang, 'many'));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The labels in both interface languages ({rounds}: the study's word), for the version history and the message after saving. */
export const CHANGE_LABEL_TEXT: Record<ChangeLabel, { nl: string; en: string }> = {
  'questions-added': { nl: 'vragen toegevoegd', en: 'questions added' },
  'questions-removed': { nl: 'vragen verwijderd', en: 'questions removed' },
  renamed: { nl: 'variabelenaam gewijzigd', en: 'variable renamed' },
  'type-changed': { nl: 'soort vraag gewijzigd', en: 'question type changed' },
  'scale-changed': { nl: 'schaal of opties gewijzigd', en: 'scale or options changed' },
  'rounds-changed': { nl: '{rounds} gewijzigd', en: '{rounds} changed' },
  'condition-changed': { nl: 'voorwaarde gewijzigd', en: 'condition changed' },
  'text-correction': { nl: 'tekstcorrectie', en: 'text correction' },
  'settings-changed': { nl: 'instellingen van vragen gewijzigd', en: 'question settings changed' },
  'indicators-changed': { nl: 'indicatoren gewijzigd', en: 'indicators changed' },
  reordered: { nl: 'volgorde gewijzigd', en: 'order changed' },
};
