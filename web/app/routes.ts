import type { StudyRole } from '../../model/values.js';
import { capitalTerm, cohortScreenName, type Vocabulary } from '../../model/vocabulary.js';

/**
 * Every screen of the staff app, in navigation order. Adding a screen is one line here plus
 * its element in views/ (see README.md). A route whose path has `:slug` is a study screen:
 * it appears in the study's navigation for the listed roles. Other routes are global; their
 * `roles` are `user` (anyone logged in), `creator` (may create studies) or `admin`.
 * `load` is a dynamic import, so each view is its own chunk, fetched when first opened.
 */
export type Audience = StudyRole | 'user' | 'creator' | 'admin';

export interface ViewRoute {
  /** URL pattern; `:name` parts become the view's `params`. */
  path: string;
  /** The view's custom element, defined by the module `load` imports. */
  tag: string;
  load: () => Promise<unknown>;
  /** Label in the navigation; routes without one are reached by links only. */
  nav?: { nl: string; en: string };
  /** Page title when it differs from the nav label. */
  title?: { nl: string; en: string };
  roles: readonly Audience[];
  /**
   * Issue 16: a measure view is in a study's navigation only when the study's questionnaire
   * measures one of these (model/questionnaire-measures.ts); reached by its address it still works.
   */
  measures?: readonly string[];
  /** Issue 16: the navigation label in the study's own words, e.g. "Tools in gebruik" / "Instrumenten in gebruik". */
  navWords?: (vocabulary: Vocabulary | undefined) => { nl: string; en: string };
}

export const ROUTES: ViewRoute[] = [
  {
    path: '/app',
    tag: 'rondo-studies-view',
    load: () => import('./views/rondo-studies-view.js'),
    nav: { nl: 'Mijn onderzoeken', en: 'My studies' },
    roles: ['user'],
  },
  {
    path: '/app/new',
    tag: 'rondo-new-study-view',
    load: () => import('./views/rondo-new-study-view.js'),
    title: { nl: 'Nieuw onderzoek', en: 'New study' },
    roles: ['creator'],
  },
  {
    path: '/app/account',
    tag: 'rondo-account-view',
    load: () => import('./views/rondo-account-view.js'),
    title: { nl: 'Mijn account', en: 'My account' },
    roles: ['user'],
  },
  {
    path: '/app/users',
    tag: 'rondo-users-view',
    load: () => import('./views/rondo-users-view.js'),
    nav: { nl: 'Accounts', en: 'Accounts' },
    roles: ['admin'],
  },
  {
    path: '/app/s/:slug/setup',
    tag: 'rondo-setup-view',
    load: () => import('./views/rondo-setup-view.js'),
    nav: { nl: 'Opzet', en: 'Set-up' },
    roles: ['researcher'],
  },
  {
    path: '/app/s/:slug/questionnaire',
    tag: 'rondo-builder-view',
    load: () => import('./views/rondo-builder-view.js'),
    nav: { nl: 'Vragenlijst', en: 'Questionnaire' },
    roles: ['researcher'],
  },
  {
    path: '/app/s/:slug/questionnaire/instrument',
    tag: 'rondo-instrument-import-view',
    load: () => import('./views/rondo-instrument-import-view.js'),
    title: { nl: 'Vragenlijst uit LimeSurvey of REDCap', en: 'Questionnaire from LimeSurvey or REDCap' },
    roles: ['researcher'],
  },
  {
    path: '/app/s/:slug/partners',
    tag: 'rondo-catalogues-view',
    load: () => import('./views/rondo-catalogues-view.js'),
    nav: { nl: 'Ketenpartners en tools', en: 'Partners and tools' },
    roles: ['researcher'],
    navWords: (v) => ({
      nl: `${capitalTerm(v, 'partner', 'nl', 'many')} en ${capitalTerm(v, 'tool', 'nl', 'many').toLocaleLowerCase('nl')}`,
      en: `${capitalTerm(v, 'partner', 'en', 'many')} and ${capitalTerm(v, 'tool', 'en', 'many').toLocaleLowerCase('en')}`,
    }),
  },
  {
    path: '/app/s/:slug/cohort',
    tag: 'rondo-cohort-view',
    load: () => import('./views/rondo-cohort-view.js'),
    nav: { nl: 'Deelnemers', en: 'Participants' },
    roles: ['researcher'],
    navWords: (v) => ({ nl: cohortScreenName(v, 'nl'), en: cohortScreenName(v, 'en') }),
  },
  {
    path: '/app/s/:slug/groups',
    tag: 'rondo-groups-view',
    load: () => import('./views/rondo-groups-view.js'),
    nav: { nl: 'Respondentgroepen', en: 'Respondent groups' },
    roles: ['researcher'],
  },
  {
    path: '/app/s/:slug/cohort/import',
    tag: 'rondo-cohort-import-view',
    load: () => import('./views/rondo-cohort-import-view.js'),
    // A title may hold the study's words ({Participants}: fillWords, study-words.ts).
    title: { nl: '{Participants} importeren', en: 'Import {participants}' },
    roles: ['researcher'],
  },
  {
    path: '/app/s/:slug/fieldwork',
    tag: 'rondo-fieldwork-view',
    load: () => import('./views/rondo-fieldwork-view.js'),
    nav: { nl: 'Veldwerk', en: 'Fieldwork' },
    roles: ['researcher', 'trainer'],
  },
  {
    path: '/app/s/:slug/dashboard',
    tag: 'rondo-dash-overview-view',
    load: () => import('./views/rondo-dash-overview-view.js'),
    nav: { nl: 'Resultaten', en: 'Results' },
    roles: ['researcher', 'trainer'],
  },
  {
    path: '/app/s/:slug/dashboard/response',
    tag: 'rondo-dash-response-view',
    load: () => import('./views/rondo-dash-response-view.js'),
    nav: { nl: 'Respons', en: 'Response' },
    roles: ['researcher', 'trainer'],
  },
  {
    path: '/app/s/:slug/dashboard/partners',
    tag: 'rondo-dash-partners-view',
    load: () => import('./views/rondo-dash-partners-view.js'),
    nav: { nl: 'Samenwerking', en: 'Collaboration' },
    roles: ['researcher'],
    measures: ['collaboration-frequency', 'collaboration-quality'],
  },
  {
    path: '/app/s/:slug/dashboard/tools',
    tag: 'rondo-dash-tools-view',
    load: () => import('./views/rondo-dash-tools-view.js'),
    nav: { nl: 'Tools in gebruik', en: 'Tool use' },
    roles: ['researcher', 'trainer'],
    measures: ['tool-use'],
    navWords: (v) => ({ nl: `${capitalTerm(v, 'tool', 'nl', 'many')} in gebruik`, en: `${capitalTerm(v, 'tool', 'en')} use` }),
  },
  {
    path: '/app/s/:slug/dashboard/competence',
    tag: 'rondo-dash-competence-view',
    load: () => import('./views/rondo-dash-competence-view.js'),
    nav: { nl: 'Kennis en competenties', en: 'Knowledge and competence' },
    roles: ['researcher', 'trainer'],
    measures: ['competence'],
  },
  // The study's own indicators (issue 16, indicators).
  {
    path: '/app/s/:slug/dashboard/indicators',
    tag: 'rondo-dash-indicators-view',
    load: () => import('./views/rondo-dash-indicators-view.js'),
    nav: { nl: 'Indicatoren', en: 'Indicators' },
    roles: ['researcher', 'trainer'],
  },
  // items: every question by its type (issue 16)
  {
    path: '/app/s/:slug/dashboard/questions',
    tag: 'rondo-dash-questions-view',
    load: () => import('./views/rondo-dash-questions-view.js'),
    nav: { nl: 'Alle vragen', en: 'All questions' },
    roles: ['researcher', 'trainer'],
  },
  {
    path: '/app/s/:slug/dashboard/open',
    tag: 'rondo-dash-open-view',
    load: () => import('./views/rondo-dash-open-view.js'),
    nav: { nl: 'Open antwoorden', en: 'Open answers' },
    roles: ['researcher'],
  },
  {
    path: '/app/s/:slug/export',
    tag: 'rondo-exchange-export-view',
    load: () => import('./views/rondo-exchange-export-view.js'),
    nav: { nl: 'Exporteren', en: 'Export' },
    roles: ['researcher'],
  },
  {
    path: '/app/s/:slug/import',
    tag: 'rondo-exchange-import-view',
    load: () => import('./views/rondo-exchange-import-view.js'),
    nav: { nl: 'Antwoorden importeren', en: 'Import responses' },
    roles: ['researcher'],
  },
  {
    path: '/app/s/:slug/factsheet',
    tag: 'rondo-factsheet-view',
    load: () => import('./views/rondo-factsheet-view.js'),
    nav: { nl: 'Factsheet', en: 'Factsheet' },
    roles: ['researcher', 'trainer', 'manager'],
  },
  // The improvement cycle (issue 17): points, the yearly plan, actions and quarterly PDCA entries.
  {
    path: '/app/s/:slug/improve',
    tag: 'rondo-improve-view',
    load: () => import('./views/rondo-improve-view.js'),
    nav: { nl: 'Verbeteren', en: 'Improve' },
    roles: ['researcher', 'trainer', 'manager'],
  },
  {
    path: '/app/s/:slug/privacy',
    tag: 'rondo-privacy-view',
    load: () => import('./views/rondo-privacy-view.js'),
    nav: { nl: 'Privacy', en: 'Privacy' },
    roles: ['researcher'],
  },
  {
    path: '/app/s/:slug/logs',
    tag: 'rondo-audit-view',
    load: () => import('./views/rondo-audit-view.js'),
    nav: { nl: 'Logboeken', en: 'Logs' },
    roles: ['researcher'],
  },
  {
    path: '/app/s/:slug/members',
    tag: 'rondo-members-view',
    load: () => import('./views/rondo-members-view.js'),
    nav: { nl: 'Team', en: 'Team' },
    roles: ['researcher'],
  },
  // regional (issue 17): a programme's networks side by side, for its representatives (reached from "Mijn onderzoeken").
  {
    path: '/app/programmes/:programme',
    tag: 'rondo-programme-view',
    load: () => import('./views/rondo-programme-view.js'),
    title: { nl: 'Programma', en: 'Programme' },
    roles: ['user'],
  },
];
