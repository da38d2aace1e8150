import { term, type Vocabulary } from '../../model/vocabulary.js';
import type { SaveOutcome } from '../../model/values.js';
import type { QuestionnaireChangeBody } from '../../model/api/setup-questionnaire.js';
import { itemsOf, type Item, type LocalText, type Questionnaire, type Scale, type ScalePoint } from '../../model/index.js';

/**
 * What changed between two versions of a questionnaire, item by item, and whether the change
 * needs a new version.
 *
 * The rule (issue 4): once a round has responses on a version, an edit that would change the
 * meaning of what was answered there — an answered item's type, its scale points or options,
 * its variable name (a rename is a removal plus an addition), which answered rounds ask it,
 * its show-if condition, or an item added to or removed from an answered round — creates a
 * new version. Wording fixes (texts, labels, help, titles, required, measure tags, order) are
 * made in place and recorded in the history. Without any responses every edit is in place.
 */

export type { ChangeKind } from '../../model/values.js';

/** One change and whether it alone requires a new version (model/api/setup-questionnaire.ts). */
export type QuestionnaireChange = QuestionnaireChangeBody;

export type { SaveOutcome } from '../../model/values.js';

export interface QuestionnaireDiff {
  changes: QuestionnaireChange[];
  outcome: SaveOutcome;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const codes = (points: ScalePoint[]) => points.map((p) => p.code);
const labels = (points: ScalePoint[]) => points.map((p) => p.label);

function scaleCore(s: Scale) {
  return { codes: codes(s.points), topBox: s.topBox ?? [], dk: !!s.dontKnow, na: !!s.notApplicable };
}

/** The parts of an item that answers depend on: codes, bounds, missing options. */
function answerShape(item: Item): unknown {
  switch (item.type) {
    case 'likert':
    case 'frequency':
    case 'toolGrid':
      return scaleCore(item.scale);
    case 'partnerGrid':
      return item.facets.map((f) => ({ key: f.key, measure: f.measure, ...scaleCore(f.scale) }));
    case 'rating':
      return { min: item.min, max: item.max, top: item.topBoxFrom ?? null, dk: !!item.dontKnow, na: !!item.notApplicable };
    case 'yesno':
      return { dk: !!item.dontKnow, na: !!item.notApplicable };
    case 'single':
      return codes(item.options);
    case 'multi':
      return { codes: codes(item.options), max: item.maxSelect ?? null };
    case 'number':
      return { min: item.min, max: item.max, integer: item.integer };
    case 'text':
      return { maxLength: item.maxLength, multiline: item.multiline };
  }
}

/** The texts of an item that can be fixed in place. */
function wording(item: Item): unknown {
  const extra: unknown[] = [];
  switch (item.type) {
    case 'likert':
    case 'frequency':
    case 'toolGrid':
      extra.push(labels(item.scale.points));
      break;
    case 'partnerGrid':
      extra.push(item.facets.map((f) => [f.label, labels(f.scale.points)]));
      break;
    case 'rating':
      extra.push(item.minLabel, item.maxLabel);
      break;
    case 'single':
    case 'multi':
      extra.push(labels(item.options));
      break;
    case 'number':
      extra.push(item.unit);
      break;
    default:
      break;
  }
  return extra;
}

const t = (nl: string, en: string) => ({ nl, en });
const quoteText = (text: LocalText) => (text.nl ?? text.en ?? '').slice(0, 60);

/**
 * Compares `before` (the current version) with `after`. `answeredRounds` are the keys of the
 * rounds that have responses on the current version.
 */
export function diffQuestionnaires(
  before: Questionnaire,
  after: Questionnaire,
  answeredRounds: readonly string[],
  vocabulary?: Vocabulary,
): QuestionnaireDiff {
  // Rounds are named in the study's own words ("metingen", "scans").
  const rounds = { nl: term(vocabulary, 'round', 'nl', 'many'), en: term(vocabulary, 'round', 'en', 'many') };
  const answered = new Set(answeredRounds);
  const inAnswered = (rounds: string[]) => rounds.some((r) => answered.has(r));
  const changes: QuestionnaireChange[] = [];
  const add = (c: Omit<QuestionnaireChange, 'newVersion'>, needsVersion: boolean) => changes.push({ ...c, newVersion: needsVersion });

  if (!same(before.title, after.title) || before.estimatedMinutes !== after.estimatedMinutes) {
    add(
      {
        kind: 'title',
        message: t('Titel of geschatte duur van de vragenlijst gewijzigd', 'Questionnaire title or estimated time changed'),
      },
      false,
    );
  }
  const sectionText = (q: Questionnaire) => q.sections.map((s) => [s.key, s.title, s.intro]);
  if (!same(sectionText(before), sectionText(after))) {
    add(
      { kind: 'title', message: t('Onderdelen: titel, inleiding of volgorde gewijzigd', 'Sections: title, introduction or order changed') },
      false,
    );
  }

  const oldItems = itemsOf(before);
  const newItems = itemsOf(after);
  const oldById = new Map(oldItems.map((i) => [i.id, i]));
  const newById = new Map(newItems.map((i) => [i.id, i]));
  const removed = oldItems.filter((i) => !newById.has(i.id));
  const added = newItems.filter((i) => !oldById.has(i.id));

  // A removal and an addition at the same place with the same type read as a rename.
  const renames = new Map<string, Item>();
  for (const r of removed) {
    const at = oldItems.indexOf(r);
    const candidate = added.find((a) => newItems.indexOf(a) === at && a.type === r.type && !renames.has(r.id));
    if (candidate) renames.set(r.id, candidate);
  }
  const renamedTo = new Set([...renames.values()].map((i) => i.id));

  for (const r of removed) {
    const to = renames.get(r.id);
    const needs = inAnswered(r.rounds);
    if (to) {
      add(
        {
          kind: 'renamed',
          item: to.id,
          message: t(`Variabelenaam "${r.id}" gewijzigd in "${to.id}"`, `Variable name "${r.id}" changed to "${to.id}"`),
        },
        needs || inAnswered(to.rounds),
      );
    } else {
      add({ kind: 'removed', item: r.id, message: t(`Vraag "${r.id}" verwijderd`, `Item "${r.id}" removed`) }, needs);
    }
  }
  for (const a of added) {
    if (renamedTo.has(a.id)) continue;
    add(
      {
        kind: 'added',
        item: a.id,
        message: t(`Vraag "${a.id}" toegevoegd ("${quoteText(a.text)}")`, `Item "${a.id}" added ("${quoteText(a.text)}")`),
      },
      inAnswered(a.rounds),
    );
  }

  const pairs: [Item, Item][] = [
    ...newItems.filter((i) => oldById.has(i.id)).map((i) => [oldById.get(i.id)!, i] as [Item, Item]),
    ...[...renames.entries()].map(([from, to]) => [oldById.get(from)!, to] as [Item, Item]),
  ];
  for (const [o, n] of pairs) {
    const id = n.id;
    const wasAnswered = inAnswered(o.rounds);
    if (o.type !== n.type) {
      add(
        {
          kind: 'type',
          item: id,
          message: t(`Vraag "${id}": soort gewijzigd van ${o.type} in ${n.type}`, `Item "${id}": type changed from ${o.type} to ${n.type}`),
        },
        wasAnswered,
      );
      continue;
    }
    if (!same(answerShape(o), answerShape(n))) {
      add(
        {
          kind: 'scale',
          item: id,
          message: t(`Vraag "${id}": antwoordschaal of opties gewijzigd`, `Item "${id}": answer scale or options changed`),
        },
        wasAnswered,
      );
    }
    const roundsChanged = [...o.rounds.filter((r) => !n.rounds.includes(r)), ...n.rounds.filter((r) => !o.rounds.includes(r))];
    if (roundsChanged.length) {
      add(
        {
          kind: 'rounds',
          item: id,
          message: t(
            `Vraag "${id}": ${rounds.nl} gewijzigd (${roundsChanged.join(', ')})`,
            `Item "${id}": ${rounds.en} changed (${roundsChanged.join(', ')})`,
          ),
        },
        roundsChanged.some((r) => answered.has(r)),
      );
    }
    if (!same(o.showIf, n.showIf)) {
      add(
        {
          kind: 'show-if',
          item: id,
          message: t(`Vraag "${id}": voorwaarde (toon als) gewijzigd`, `Item "${id}": show-if condition changed`),
        },
        wasAnswered,
      );
    }
    if (!same(o.text, n.text) || !same(o.help, n.help)) {
      add({ kind: 'text', item: id, message: t(`Vraag "${id}": tekst aangepast`, `Item "${id}": wording changed`) }, false);
    }
    if (!same(wording(o), wording(n))) {
      add({ kind: 'labels', item: id, message: t(`Vraag "${id}": labels aangepast`, `Item "${id}": labels changed`) }, false);
    }
    if (o.required !== n.required) {
      add(
        {
          kind: 'required',
          item: id,
          message: t(
            `Vraag "${id}": ${n.required ? 'nu verplicht' : 'niet meer verplicht'}`,
            `Item "${id}": ${n.required ? 'now required' : 'no longer required'}`,
          ),
        },
        false,
      );
    }
    if (o.measure !== n.measure) {
      add(
        { kind: 'measure', item: id, message: t(`Vraag "${id}": meet nu ${n.measure}`, `Item "${id}": now measures ${n.measure}`) },
        false,
      );
    }
  }
  const kept = (list: Item[]) => list.filter((i) => oldById.has(i.id) && newById.has(i.id)).map((i) => i.id);
  if (!same(kept(oldItems), kept(newItems))) {
    add({ kind: 'order', message: t('Volgorde van vragen gewijzigd', 'Order of items changed') }, false);
  }

  // Indicators say how answers are summarised, not what was asked: changed in place (issue 16).
  if (!same(before.indicators ?? [], after.indicators ?? [])) {
    add({ kind: 'indicators', message: t('Indicatoren gewijzigd', 'Indicators changed') }, false);
  }

  let outcome: SaveOutcome = 'none';
  if (changes.length) {
    if (!answered.size) outcome = 'edit';
    else outcome = changes.some((c) => c.newVersion) ? 'new-version' : 'wording';
  }
  // Without responses nothing needs a version: report the changes as plain edits.
  if (!answered.size) for (const c of changes) c.newVersion = false;
  return { changes, outcome };
}
