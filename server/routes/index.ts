import type { FastifyPluginAsync } from 'fastify';
import homeRoutes from './home.js';
import sessionRoutes from './session.js';

/**
 * Route plugins in registration order. Each area of rondo (respondent, accounts, setup,
 * fieldwork, analysis, dashboard, factsheets, exchange) adds its plugin here.
 */
export const routePlugins: FastifyPluginAsync[] = [
  homeRoutes,
  sessionRoutes,
  (await import('./app-shell.js')).default, // the staff app's HTML shell: /login, /app, /app/*
  (await import('./setup-account.js')).default, // own account: password, settings
  (await import('./setup-users.js')).default, // accounts, for administrators
  (await import('./setup-studies.js')).default, // studies: create from template or copy, settings, rounds
  (await import('./setup-questionnaire.js')).default, // questionnaire builder: check, save by version rules, history, export
  (await import('./setup-catalogues.js')).default, // chain partners and tools
  (await import('./setup-members.js')).default, // study members and roles
  (await import('./setup-cohort.js')).default, // participants and the CSV import
  (await import('./respondent.js')).default, // the respondent's links, questionnaire and submission
  (await import('./fieldwork.js')).default, // fieldwork: round schedules, invitations and reminders, mail merge, live monitor
  (await import('./privacy.js')).default, // privacy: erasure, de-linking, retention, privacy statement, access log
  (await import('./privacy-subject.js')).default, // privacy: a participant's subject-access request (AVG art. 15/20)
  (await import('./audit.js')).default, // the audit trail for researchers and administrators
  (await import('./exchange.js')).default, // data exchange: exports for SPSS, R and Excel; the response import
  (await import('./dashboard.js')).default, // dashboard: the analysis for the caller's audience, with the key findings as sentences
  (await import('./open-answers.js')).default, // open answers: themes, coding and quote excerpts (researchers only)
  (await import('./factsheet.js')).default, // factsheets: composer draft, publishing frozen versions, HTML/PDF/PNG outputs
  (await import('./analysis.js')).default, // the study analysis as JSON (rondo.analysis/1), suppressed by role
  (await import('../backup/schedule.js')).default, // the scheduled daily backup (a job, not a route)
];
