import type { FastifyPluginAsync } from 'fastify';
import homeRoutes from './home.js';
import sessionRoutes from './session.js';
import ssoRoutes from './session-oidc.js';
import appShellRoutes from './app-shell.js';
import setupAccountRoutes from './setup-account.js';
import setupUsersRoutes from './setup-users.js';
import setupStudiesRoutes from './setup-studies.js';
import setupQuestionnaireRoutes from './setup-questionnaire.js';
import setupCataloguesRoutes from './setup-catalogues.js';
import setupMembersRoutes from './setup-members.js';
import setupCohortRoutes from './setup-cohort.js';
import respondentRoutes from './respondent.js';
import fieldworkRoutes from './fieldwork.js';
import privacyRoutes from './privacy.js';
import privacySubjectRoutes from './privacy-subject.js';
import auditRoutes from './audit.js';
import exchangeRoutes from './exchange.js';
import dashboardRoutes from './dashboard.js';
import openAnswersRoutes from './open-answers.js';
import factsheetRoutes from './factsheet.js';
import analysisRoutes from './analysis.js';
import factsheetShareRoutes from './factsheet-share.js';
import factsheetStyleRoutes from './factsheet-style.js';
import twoFactorRoutes from './two-factor.js';
import statementRoutes from './statements.js';
import setupStudyFileRoutes from './setup-study-file.js';
import valueLabelRoutes from './value-labels.js';
import apiTokenRoutes from './api-tokens.js';
import openApiRoutes from './openapi.js';
import studyLifecycleRoutes from './study-lifecycle.js';
import setupVocabularyRoutes from './setup-vocabulary.js';
import disclosureRoutes from './setup-disclosure.js';
import groupRoutes from './groups.js';
import improvementRoutes from './improvement.js';
import cohortDomainRoutes from './cohort-domains.js';
import programmeRoutes from './programmes.js';
import dailyBackupSchedule from '../backup/schedule.js';

/**
 * The respondent's links, questionnaire and submission: a context of their own, beside the staff
 * context that holds routePlugins, so that they run none of its hooks (server/app.ts).
 */
export const respondentPlugins: FastifyPluginAsync[] = [respondentRoutes];

/**
 * Route plugins in registration order, in the staff context (server/app.ts: helmet, the guard). Each
 * area of rondo (accounts, setup, fieldwork, analysis, dashboard, factsheets, exchange) adds its plugin here.
 */
export const routePlugins: FastifyPluginAsync[] = [
  homeRoutes,
  sessionRoutes,
  ssoRoutes, // single sign-on with OpenID Connect: login options, start at the provider, callback
  appShellRoutes, // the staff app's HTML shell: /login, /app, /app/*
  setupAccountRoutes, // own account: password, settings
  setupUsersRoutes, // accounts, for administrators
  setupStudiesRoutes, // studies: create from template or copy, settings, rounds
  setupQuestionnaireRoutes, // questionnaire builder: check, save by version rules, history, export
  setupCataloguesRoutes, // chain partners and tools
  setupMembersRoutes, // study members and roles
  setupCohortRoutes, // participants and the CSV import
  fieldworkRoutes, // fieldwork: round schedules, invitations and reminders, mail merge, live monitor
  privacyRoutes, // privacy: erasure, de-linking, retention, privacy statement, access log
  privacySubjectRoutes, // privacy: a participant's subject-access request (AVG art. 15/20)
  auditRoutes, // the audit trail for researchers and administrators
  exchangeRoutes, // data exchange: exports for SPSS, R and Excel; the response import
  dashboardRoutes, // dashboard: the analysis for the caller's audience, with the key findings as sentences
  openAnswersRoutes, // open answers: themes, coding and quote excerpts (researchers only)
  factsheetRoutes, // factsheets: composer draft, publishing frozen versions, HTML/PDF/PNG outputs
  analysisRoutes, // the study analysis as JSON (rondo.analysis/1), suppressed by role
  factsheetShareRoutes, // factsheets: public read-only links to published versions (/f/<token>)
  factsheetStyleRoutes, // factsheets: the study's house style (logo, colours, typeface)
  statementRoutes, // the accessibility statement and the respondent's privacy statement of a study
  twoFactorRoutes, // two-factor login: the second login step; enrolment, recovery codes and turning it off
  setupStudyFileRoutes, // the study as a file: download, and a new study from an uploaded one (docs/study-format.md)
  valueLabelRoutes, // labels of coded values (roles, organisations), edited in the cohort screen
  apiTokenRoutes, // personal API tokens: list, create, revoke (the Bearer check is in the guard)
  studyLifecycleRoutes, // a study's languages, a repeating schedule of rounds, archiving (issue 16)
  setupVocabularyRoutes, // the study's own words (issue 16): what it calls its intervention, instruments, partners, rounds
  groupRoutes, // respondent groups: editor, participants' groups, a group's anonymous link, counts per group
  openApiRoutes, // GET /api/openapi.json, generated from every route's schema
  disclosureRoutes, // a study's disclosure settings: thresholds and team mode (issue 16)
  improvementRoutes, // the improvement cycle: points and votes, yearly plans, actions, quarterly PDCA entries (issue 17)
  cohortDomainRoutes, // domainsui: the cohort screen's network profile and domain coverage choices (issue 17)
  programmeRoutes, // regional (issue 17): programmes of network studies, the representative's overview and indicator CSV
  dailyBackupSchedule, // the scheduled daily backup (a job, not a route)
];
