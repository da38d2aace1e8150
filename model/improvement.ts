/**
 * The improvement cycle (issue 17): allowed values shared by the server, the CLI export and the
 * screen. No TypeBox here, so the browser can import them (the schemas are in api/improvement.ts).
 */

/** Where an improvement point comes from: an item, an indicator, a theme of the open answers, or free text. */
export const POINT_SOURCES = ['item', 'indicator', 'theme', 'free'] as const;
export type PointSource = (typeof POINT_SOURCES)[number];

/** A point is proposed, then selected (it gets a plan) or set aside. */
export const POINT_STATUSES = ['proposed', 'selected', 'set-aside'] as const;
export type PointStatus = (typeof POINT_STATUSES)[number];

/** How a point was selected: the team's vote (it has the most votes) or the network connector's choice. */
export const SELECTED_BY = ['vote', 'connector'] as const;
export type SelectedBy = (typeof SELECTED_BY)[number];

export const ACTION_STATUSES = ['not-started', 'in-progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_NAMES: Record<ActionStatus, { nl: string; en: string }> = {
  'not-started': { nl: 'Niet begonnen', en: 'Not started' },
  'in-progress': { nl: 'Bezig', en: 'In progress' },
  done: { nl: 'Klaar', en: 'Done' },
  dropped: { nl: 'Vervallen', en: 'Dropped' },
};

/** What the history and the audit log name. */
export const IMPROVEMENT_ENTITIES = ['point', 'plan', 'action', 'pdca'] as const;
export type ImprovementEntity = (typeof IMPROVEMENT_ENTITIES)[number];

/** A plan runs one calendar year; these bound it. */
export const PLAN_YEAR_MIN = 2000;
export const PLAN_YEAR_MAX = 2100;
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
