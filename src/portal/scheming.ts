/**
 * Does the portal run ckanext-scheming? `scheming_dataset_schema_show {type: "dataset"}` answers the
 * schema when it does; CKAN without the plugin answers 400 "Action name not known", and scheming
 * without a `dataset` type answers 404: both mean "no scheming", and push uses extras as before.
 * Any other failure (network, 5xx, a proxy page) is the caller's to report.
 */
import type { CkanClient } from './client.js';
import { PortalError } from '../errors.js';
import { PORTAL_CODES } from './response.js';
import { isSchemingSchema, type SchemingSchema } from '../ckan/scheming.js';

export async function portalDatasetSchema(client: CkanClient): Promise<SchemingSchema | undefined> {
  try {
    const schema = await client.action<unknown>('scheming_dataset_schema_show', { type: 'dataset' });
    return isSchemingSchema(schema) ? schema : undefined;
  } catch (e) {
    if (e instanceof PortalError && (e.code === PORTAL_CODES.badRequest || e.code === PORTAL_CODES.notFound)) return undefined;
    throw e;
  }
}
