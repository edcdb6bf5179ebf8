/**
 * The CKAN implementation of the metadata prompts' portal lookups (`MetadataPortal`, declared in
 * metadata/ so the prompts never depend on the network code).
 */
import type { CkanClient } from './client.js';
import type { MetadataPortal, PortalFieldHint } from '../metadata/portal.js';
import { SDI_EXTRAS } from '../ckan/mapping.js';
import { schemingChoices } from '../ckan/scheming.js';
import { portalDatasetSchema } from './scheming.js';

type Warn = (e: unknown) => void;

export function ckanMetadataPortal(client: CkanClient, hasToken: boolean, warn: Warn): MetadataPortal {
  const quiet = async <T>(f: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await f();
    } catch (e) {
      warn(e);
      return undefined;
    }
  };
  return {
    organizations: () =>
      // Without a token CKAN answers [] (anonymous): then the bundled SKPD list is more useful.
      hasToken
        ? quiet(async () => {
            const orgs = await client.action<{ name: string; title?: string; display_name?: string }[]>('organization_list_for_user', { permission: 'create_dataset' });
            return orgs.map((o) => ({ name: o.name, title: o.display_name || o.title || o.name }));
          })
        : Promise.resolve(undefined),
    licenses: () =>
      quiet(async () => {
        const list = await client.action<{ id: string; title: string; url?: string }[]>('license_list');
        return list.map((l) => ({ id: l.id, title: l.title, ...(l.url ? { url: l.url } : {}) }));
      }),
    fieldHints: (lang) =>
      quiet(async () => {
        const schema = await portalDatasetSchema(client);
        if (!schema) return undefined;
        const hints: Record<string, PortalFieldHint> = {};
        for (const x of SDI_EXTRAS) {
          const f = schema.dataset_fields.find((d) => d.field_name === x.extra);
          const choices = schemingChoices(f?.choices, lang);
          if (choices) hints[`sdi.${x.sdi}`] = { choices };
        }
        return hints;
      }),
    datasetOwner: (name) =>
      quiet(async () => {
        try {
          const pkg = await client.action<{ organization?: { name?: string } | null; owner_org?: string }>('package_show', { id: name });
          return pkg.organization?.name ?? pkg.owner_org ?? '';
        } catch (e) {
          const err = e as { status?: number; ckanType?: string };
          // Not found means free; 403 means it exists in an organization we cannot see.
          if (err.status === 404 || err.ckanType === 'Not Found Error') return null;
          if (err.status === 403 || err.ckanType === 'Authorization Error') return '?';
          throw e;
        }
      }),
  };
}
