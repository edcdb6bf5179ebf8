/**
 * What the metadata prompts ask of the portal, all optional: organizations the token may create
 * datasets in, the licence list, and whether a slug is taken. Every lookup answers `undefined` when
 * the portal cannot be reached, so the flow works offline with the bundled lists.
 */
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
