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
  /** Active resources only (a dataset without any is `empty`: not published). */
  resources: PortalResource[];
  /** The dataset's own `frekuensi_penerbitan` extra, if any (used when there is no register entry). */
  frequency?: string | null;
}

/** One active resource: its dates, and what `--check-data` needs to download and validate it. */
export interface PortalResource {
  lastModified?: string | null;
  created?: string | null;
  id?: string;
  name?: string;
  url?: string;
  format?: string;
  /** The Table Schema `push` stores on the resource (a JSON string or an object), if any. */
  schema?: unknown;
  size?: number | null;
  hash?: string | null;
  metadataModified?: string | null;
}

/** A register dataset the portal has deleted (found with package_show; needs a token that may read it). */
export interface DeletedDataset {
  name: string;
  org: string;
  /** Its last update before deletion (same rule as lastUpdateOf). */
  lastUpdate: string | null;
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
  /** Register datasets not active on the portal but still there as `state: deleted`. */
  deleted?: DeletedDataset[];
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

export interface MissingDataset {
  name: string;
  title: string;
  frequency: FrequencyCode;
  /** The portal had it and deleted it (package_show answers `state: deleted`). */
  deleted: boolean;
  /** For a deleted dataset: its last update before deletion; null otherwise. */
  lastUpdate: string | null;
}

/** A dataset on the portal with no active resource: there, but nothing is published. */
export interface EmptyDataset {
  name: string;
  title: string;
}

/** `--check-data`: one published resource that failed validation. */
export interface InvalidResource {
  name: string;
  /** The dataset's title (for people; the JSON keeps the name). */
  title: string;
  resource: string;
  /** Number of errors found (capped by the check's error limit). */
  errors: number;
  /** The first few errors, located and worded in the report's language. */
  firstErrors: string[];
  /** Validated without a stored schema (structure and encoding only). */
  noSchema: boolean;
}

/** `--check-data`: a resource that could not be checked, and why. */
export interface UncheckedResource {
  name: string;
  resource: string;
  reason: 'too-large' | 'download-failed' | 'not-found' | 'unreadable';
  /** A short detail for people (HTTP status, size, …). */
  detail: string;
}

export interface OrgQuality {
  /** Resources validated (with their schema or, without one, structure only). */
  checked: number;
  /** Of the checked resources, those without a stored schema (`no schema`). */
  noSchema: number;
  invalid: InvalidResource[];
  unchecked: UncheckedResource[];
}

export interface OrgAudit {
  name: string;
  title: string;
  datasets: number;
  expected: number;
  present: number;
  missing: MissingDataset[];
  empty: EmptyDataset[];
  stale: StaleDataset[];
  unexpected: string[];
  /** Only with `--check-data`. */
  quality?: OrgQuality;
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
  summary: {
    organizations: number;
    expected: number;
    present: number;
    missing: number;
    /** Of the missing: deleted from the portal. */
    deleted: number;
    empty: number;
    stale: number;
    datasets: number;
    /** Only with `--check-data`: datasets with at least one invalid resource, and resources not checked. */
    invalid?: number;
    unchecked?: number;
  };
  /** Whether `--check-data` ran. */
  checkedData?: boolean;
  organizations: OrgAudit[];
}
