/**
 * satudata as a library: the same engines the CLI uses, without commander, chalk or ora.
 *
 *   import { validate, renderText } from 'satudata';
 *   const report = await validate(['datapackage.json']);
 */
export { validate, slugName, type ValidateOptions } from './validate/validate.js';
export type { Report, ReportError, ReportTask, TaskStats } from './validate/types.js';
export { renderText } from './report/text.js';
export { renderJson } from './report/json.js';
export { renderGithub } from './report/github.js';
export { renderJunit } from './report/junit.js';
export { openTable } from './table/open.js';
export type { Cell, Row, OpenedTable, OpenTableOptions } from './table/types.js';
export { compileField, compileSchema, INVALID, type CompiledField } from './schema/cast.js';
export { checkPackageDescriptor, checkResourceDescriptor, checkSchemaDescriptor, checkDialectDescriptor } from './schema/descriptor.js';
export type { DataPackage, Resource, Schema, Field, Dialect } from './schema/types.js';
export { describeFile, writeResourceToPackage } from './describe/index.js';
export { checkSatudataProfile } from './metadata/profile.js';
export { toCkanDataset, toCkanResource } from './ckan/mapping.js';
export { CkanClient } from './portal/client.js';
export { audit } from './audit/audit.js';
export { loadConfig } from './config/load.js';
export * from './errors.js';
