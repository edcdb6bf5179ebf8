export { validate, slugName, type ValidateOptions } from './validate.js';
export type { Report, ReportError, ReportTask, TaskStats } from './types.js';
export { KeyIndex } from './key-index.js';
