/** Data shapes of the audit: what collection gathers, what the register says, what the audit finds. */
import type { FrequencyCode } from './frequency.js';

/** One dataset as seen on the portal (only the fields the audit needs). */
export interface PortalDataset {
  name: string;
  title: string;
  /** Organization *name* (slug); '' for datasets without an organization. */
  org: string;
  private: boolean;
  /** CKAN's naive-UTC timestamps, as received. */
  metadataModified?: string | null;
  resources: { lastModified?: string | null; created?: string | null }[];
  /** The dataset's own `frekuensi_penerbitan` extra, if any (used when there is no register entry). */
  frequency?: string | null;
}

export interface PortalOrganization {
  name: string;
  title: string;
}

/** Everything the audit reads from the portal. */
export interface PortalSnapshot {
  portal: string;
  organizations: PortalOrganization[];
  datasets: PortalDataset[];
  /** How the snapshot was taken: `search` (package_search) or `fallback` (package_list + package_show). */
  via: 'search' | 'fallback';
  /** Non-fatal problems met while collecting (shown on stderr). */
  warnings: string[];
}

/** One expected dataset from the Daftar Data. */
export interface RegisterEntry {
  org: string;
  dataset: string;
  title: string;
  frequency: FrequencyCode;
  unit?: string;
  /** Physical row in the register file (header = 1), for messages. */
  rowNumber: number;
}

export interface StaleDataset {
  name: string;
  title: string;
  lastUpdate: string;
  frequency: FrequencyCode;
  dueAt: string;
}

export interface OrgAudit {
  name: string;
  title: string;
  datasets: number;
  expected: number;
  present: number;
  missing: { name: string; title: string; frequency: FrequencyCode }[];
  stale: StaleDataset[];
  unexpected: string[];
  onPortal: boolean;
  lastUpdate: string | null;
  /** Datasets updated in the 365 days before `now`: the activity ranking (not in the JSON document). */
  recentUpdates: number;
}

export interface AuditResult {
  portal: string;
  generatedAt: string;
  /** Whether a register was given (changes what the renderers explain). */
  withRegister: boolean;
  summary: { organizations: number; expected: number; present: number; missing: number; stale: number; datasets: number };
  organizations: OrgAudit[];
}
