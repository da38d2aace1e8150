// The respondent's questionnaire page (server/respondent/pages.ts formPage).
import './respondent/rondo-survey.js';
