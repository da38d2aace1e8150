export * from './errors.js';
export * from './common.js';
export * from './setup.js';
export * from './setup-questionnaire.js';
export * from './cohort.js';
export * from './exchange.js';
export * from './open-answers.js';
export * from './study-file.js';
