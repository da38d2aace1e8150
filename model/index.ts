import './formats.js';
export * from './i18n.js';
export * from './study.js';
export * from './questionnaire.js';
export * from './answer.js';
export * from './answer-sub.js';
export * from './check-questionnaire.js';
export * from './show-if.js';
export * from './validate-answers.js';
