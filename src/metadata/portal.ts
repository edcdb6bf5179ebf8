/**
 * What the metadata prompts ask of the portal, all optional: organizations the token may create
 * datasets in, the licence list, and whether a slug is taken. Every lookup answers `undefined` when
 * the portal cannot be reached, so the flow works offline with the bundled lists.
 */
import type { CkanClient } from '../portal/client.js';
import type { PortalLicense } from './licenses.js';
import type { OrgChoice } from './organizations.js';

export interface MetadataPortal {
  organizations(): Promise<OrgChoice[] | undefined>;
  licenses(): Promise<PortalLicense[] | undefined>;
  /** The organization (name) owning dataset `name`; null when the name is free; undefined when unknown. */
  datasetOwner(name: string): Promise<string | null | undefined>;
}

/** No portal configured: every lookup is unknown. */
export const OFFLINE: MetadataPortal = {
  organizations: async () => undefined,
  licenses: async () => undefined,
  datasetOwner: async () => undefined,
};

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
