import type { Item, ItemType, Measure, Scale } from '../../../../model/questionnaire-shape.js';

/**
 * What the builder needs to know about item types: names in both languages, a sensible new
 * item of each type, scale presets, and how an item changes type while keeping its common
 * fields (variable name, texts, rounds, required, show-if).
 */
/** Names below may hold the study's words as {tools}/{partner} placeholders: show them through `withWords` (web/app/study-words.ts). */
export const TYPE_NAMES: Record<ItemType, { nl: string; en: string }> = {
  likert: { nl: 'Stelling (oneens–eens)', en: 'Statement (disagree–agree)' },
  frequency: { nl: 'Frequentie', en: 'Frequency' },
  rating: { nl: 'Rapportcijfer of schaal', en: 'Rating' },
  yesno: { nl: 'Ja/nee', en: 'Yes/no' },
  single: { nl: 'Eén antwoord kiezen', en: 'Single choice' },
  multi: { nl: 'Meerdere antwoorden kiezen', en: 'Multiple choice' },
  number: { nl: 'Getal', en: 'Number' },
  text: { nl: 'Open vraag', en: 'Open question' },
  partnerGrid: { nl: 'Samenwerking per {partner}', en: 'Collaboration per {partner}' },
  toolGrid: { nl: 'Gebruik van {tools}', en: 'Use of {tools}' },
};

export const MEASURE_NAMES: Record<Measure, { nl: string; en: string }> = {
  competence: { nl: 'Kennis en competentie', en: 'Knowledge and competence' },
  'collaboration-frequency': { nl: 'Samenwerking: hoe vaak', en: 'Collaboration: frequency' },
  'collaboration-quality': { nl: 'Samenwerking: hoe goed', en: 'Collaboration: quality' },
  'tool-use': { nl: 'Gebruik van {tools}', en: 'Use of {tools}' },
  satisfaction: { nl: 'Tevredenheid', en: 'Satisfaction' },
  background: { nl: 'Achtergrond', en: 'Background' },
  open: { nl: 'Open antwoord', en: 'Open answer' },
  availability: { nl: 'Beschikbaarheid (aanbod, interventie)', en: 'Availability (offer, intervention)' },
  other: { nl: 'Eigen indicator / overig (bijv. richtlijn gevolgd)', en: 'Own indicator / other (e.g. guideline followed)' },
};

const p = (code: number, nl: string, en: string) => ({ code, label: { nl, en } });

export const SCALE_PRESETS: Record<string, { name: { nl: string; en: string }; scale: Scale }> = {
  agreement: {
    name: { nl: 'Eens (5 punten)', en: 'Agreement (5 points)' },
    scale: {
      points: [
        p(1, 'Helemaal oneens', 'Strongly disagree'),
        p(2, 'Oneens', 'Disagree'),
        p(3, 'Neutraal', 'Neutral'),
        p(4, 'Eens', 'Agree'),
        p(5, 'Helemaal eens', 'Strongly agree'),
      ],
      topBox: [4, 5],
      dontKnow: true,
    },
  },
  frequency: {
    name: { nl: 'Hoe vaak (5 punten)', en: 'How often (5 points)' },
    scale: {
      points: [
        p(1, 'Nooit', 'Never'),
        p(2, 'Eens per jaar of minder', 'Once a year or less'),
        p(3, 'Eens per kwartaal', 'Quarterly'),
        p(4, 'Maandelijks', 'Monthly'),
        p(5, 'Wekelijks', 'Weekly'),
      ],
      topBox: [4, 5],
    },
  },
  quality: {
    name: { nl: 'Hoe goed (5 punten)', en: 'How well (5 points)' },
    scale: {
      points: [
        p(1, 'Slecht', 'Poor'),
        p(2, 'Matig', 'Fair'),
        p(3, 'Voldoende', 'Adequate'),
        p(4, 'Goed', 'Good'),
        p(5, 'Zeer goed', 'Very good'),
      ],
      topBox: [4, 5],
      notApplicable: true,
    },
  },
  use: {
    name: { nl: 'Nee/ja', en: 'No/yes' },
    scale: { points: [p(0, 'Nee', 'No'), p(1, 'Ja', 'Yes')], topBox: [1] },
  },
};

const clone = <T>(v: T): T => structuredClone(v);

/**
 * The measure that follows from the type itself (a partner grid is collaboration, a tool grid tool
 * use, an open question an open answer). Every other type starts with no measure: the builder never
 * guesses what a statement or a yes/no question measures (issue 16); the researcher chooses, and
 * the questionnaire check refuses to save until they have.
 */
const MEASURE_OF_TYPE: Partial<Record<ItemType, Measure>> = {
  text: 'open',
  partnerGrid: 'collaboration-frequency',
  toolGrid: 'tool-use',
};

/** A new item of a type, or `base` converted to it (keeping variable name, texts, rounds). */
export function itemOfType(type: ItemType, base: Pick<Item, 'id' | 'text' | 'rounds' | 'required'> & Partial<Item>): Item {
  const common = {
    id: base.id,
    text: clone(base.text),
    rounds: [...base.rounds],
    required: base.required,
    // The researcher's own choice survives a type change; a structural measure does not carry over.
    // Undefined until the researcher chooses (the check then names the item); typed as the saved shape.
    measure: (MEASURE_OF_TYPE[type] ?? (base.type && MEASURE_OF_TYPE[base.type] ? undefined : base.measure)) as Measure,
    ...(base.help ? { help: clone(base.help) } : {}),
    ...(base.showIf ? { showIf: clone(base.showIf) } : {}),
  };
  switch (type) {
    case 'likert':
      return { ...common, type, scale: clone(SCALE_PRESETS.agreement.scale) };
    case 'frequency':
      return { ...common, type, scale: clone(SCALE_PRESETS.frequency.scale) };
    case 'toolGrid':
      return { ...common, type, scale: clone(SCALE_PRESETS.use.scale) };
    case 'rating':
      return {
        ...common,
        type,
        min: 1,
        max: 10,
        topBoxFrom: 7,
        minLabel: { nl: 'zeer slecht', en: 'very poor' },
        maxLabel: { nl: 'uitstekend', en: 'excellent' },
      };
    case 'yesno':
      return { ...common, type };
    case 'single':
    case 'multi':
      return { ...common, type, options: [p(1, 'Optie 1', 'Option 1'), p(2, 'Optie 2', 'Option 2')] } as Item;
    case 'number':
      return { ...common, type, min: 0, max: 100, integer: true };
    case 'text':
      return { ...common, type, maxLength: 1000, multiline: true, required: false };
    case 'partnerGrid':
      return {
        ...common,
        type,
        measure: 'collaboration-frequency',
        facets: [
          {
            key: 'frequency',
            measure: 'collaboration-frequency',
            label: { nl: 'Hoe vaak?', en: 'How often?' },
            scale: clone(SCALE_PRESETS.frequency.scale),
          },
          {
            key: 'quality',
            measure: 'collaboration-quality',
            label: { nl: 'Hoe goed?', en: 'How well?' },
            scale: clone(SCALE_PRESETS.quality.scale),
          },
        ],
      };
  }
}

/** A variable name not yet in use: q1, q2, … */
export function freeVariable(used: Set<string>, stem = 'q'): string {
  for (let n = 1; ; n++) if (!used.has(`${stem}${n}`)) return `${stem}${n}`;
}

/** The codes an earlier item can be compared with in a show-if condition (null: none). */
export function conditionCodes(item: Item): { code: number; label: { nl?: string; en?: string } }[] | null {
  switch (item.type) {
    case 'likert':
    case 'frequency':
      return item.scale.points;
    case 'single':
      return item.options;
    case 'yesno':
      return [p(1, 'Ja', 'Yes'), p(0, 'Nee', 'No')];
    case 'rating': {
      const out = [];
      for (let c = item.min; c <= item.max && out.length < 101; c++) out.push({ code: c, label: { nl: String(c), en: String(c) } });
      return out;
    }
    case 'number':
      return [];
    default:
      return null;
  }
}
