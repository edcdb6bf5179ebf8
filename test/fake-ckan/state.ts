/**
 * The fake CKAN's data: users with tokens and roles, organizations, datasets, uploaded files.
 * The seed has the same shape as the real-CKAN environment file (SATUDATA_CKAN_ENV), plus optional
 * extra organizations, users and datasets, so one contract suite serves both.
 */
import { randomUUID } from 'node:crypto';
import type { FakeSchemingSchema } from './scheming.js';

export type Role = 'admin' | 'editor' | 'member';

export interface SeedUser {
  name: string;
  token: string;
  sysadmin?: boolean;
  /** org name → role */
  roles?: Record<string, Role>;
}

export interface SeedResource {
  name: string;
  url?: string;
  format?: string;
  last_modified?: string | null;
  /** file content: makes it an uploaded resource served back at its URL */
  content?: string;
  [k: string]: unknown;
}

export interface SeedDataset {
  name: string;
  title?: string;
  org: string;
  /** CKAN dataset type (default `dataset`; harvest sources and showcases are other types). */
  type?: string;
  private?: boolean;
  state?: 'active' | 'deleted' | 'draft';
  notes?: string;
  license_id?: string;
  tags?: string[];
  extras?: Record<string, string>;
  metadata_created?: string;
  metadata_modified?: string;
  resources?: SeedResource[];
}

export interface FakeSeed {
  sysadmin?: { name: string; token: string };
  orgs?: (string | { name: string; title?: string })[];
  editor?: { name: string; token: string; org: string };
  member?: { name: string; token: string; org: string };
  users?: SeedUser[];
  datasets?: SeedDataset[];
  /** ckan.max_resource_size in MB (default 10). */
  maxResourceSizeMB?: number;
  /** ckan.search.rows_max (default 1000). */
  rowsMax?: number;
  /** ckanext-scheming mode: the dataset schema the portal runs (see scheming.ts); absent = no scheming. */
  scheming?: FakeSchemingSchema;
}

export interface User {
  id: string;
  name: string;
  token: string;
  sysadmin: boolean;
  created: string;
}

export interface Org {
  id: string;
  name: string;
  title: string;
  created: string;
  members: Map<string, Role>; // user name → role
}

export type Dict = Record<string, unknown>;

export interface Pkg extends Dict {
  id: string;
  name: string;
  owner_org: string | null;
  private: boolean;
  state: string;
  metadata_created: string;
  metadata_modified: string;
  tags: { name: string }[];
  extras: { key: string; value: string }[];
  resources: Res[];
}

export interface Res extends Dict {
  id: string;
  package_id: string;
  name: string;
  url: string;
}

export const DEFAULT_SEED: Required<Pick<FakeSeed, 'sysadmin' | 'orgs' | 'editor' | 'member'>> = {
  sysadmin: { name: 'fake-sysadmin', token: 'fake-token-sysadmin-0123456789abcdef' },
  orgs: ['org-a', 'org-b'],
  editor: { name: 'fake-editor', token: 'fake-token-editor-0123456789abcdef', org: 'org-a' },
  member: { name: 'fake-member', token: 'fake-token-member-0123456789abcdef', org: 'org-b' },
};

/** CKAN timestamps: naive UTC ISO-8601 with microseconds, no `Z`. */
export function isoNaive(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000');
}

export class State {
  users = new Map<string, User>();
  orgs = new Map<string, Org>();
  packages = new Map<string, Pkg>();
  files = new Map<string, { filename: string; bytes: Buffer; mimetype: string }>();
  maxResourceSizeMB: number;
  rowsMax: number;
  scheming?: FakeSchemingSchema;
  private lastMs = 0;

  constructor(seed: FakeSeed) {
    this.maxResourceSizeMB = seed.maxResourceSizeMB ?? 10;
    this.rowsMax = seed.rowsMax ?? 1000;
    this.scheming = seed.scheming;
  }

  /** A strictly increasing clock, so every write gives a new metadata_modified. */
  now(): string {
    this.lastMs = Math.max(Date.now(), this.lastMs + 1);
    return isoNaive(this.lastMs);
  }

  addUser(name: string, token: string, sysadmin = false): User {
    const u: User = { id: randomUUID(), name, token, sysadmin, created: this.now() };
    this.users.set(name, u);
    return u;
  }

  addOrg(name: string, title?: string): Org {
    const o: Org = { id: randomUUID(), name, title: title ?? name, created: this.now(), members: new Map() };
    this.orgs.set(o.id, o);
    return o;
  }

  userByToken(token: string | undefined): User | undefined {
    if (!token) return undefined;
    for (const u of this.users.values()) if (u.token === token) return u;
    return undefined;
  }

  org(idOrName: string | null | undefined): Org | undefined {
    if (!idOrName) return undefined;
    const byId = this.orgs.get(idOrName);
    if (byId) return byId;
    for (const o of this.orgs.values()) if (o.name === idOrName) return o;
    return undefined;
  }

  /** By id, else the non-deleted dataset of that name, else a deleted one (CKAN's get by name). */
  pkg(idOrName: unknown): Pkg | undefined {
    if (typeof idOrName !== 'string' || !idOrName) return undefined;
    const byId = this.packages.get(idOrName);
    if (byId) return byId;
    let deleted: Pkg | undefined;
    for (const p of this.packages.values()) {
      if (p.name !== idOrName) continue;
      if (p.state !== 'deleted') return p;
      deleted = p;
    }
    return deleted;
  }

  role(user: User | undefined, orgId: string | null): Role | undefined {
    if (!user || !orgId) return undefined;
    return this.orgs.get(orgId)?.members.get(user.name);
  }

  canRead(user: User | undefined, p: Pkg): boolean {
    if (user?.sysadmin) return true;
    if (p.state === 'deleted' || p.state === 'draft') return this.canEdit(user, p.owner_org);
    if (!p.private) return true;
    return this.role(user, p.owner_org) !== undefined;
  }

  /** create_dataset / package_update permission: editor or admin of the org, or sysadmin. */
  canEdit(user: User | undefined, orgId: string | null): boolean {
    if (user?.sysadmin) return true;
    const r = this.role(user, orgId);
    return r === 'editor' || r === 'admin';
  }
}

/** Build the state from a seed (same shape as the real-CKAN env file). */
export function buildState(seed: FakeSeed, siteUrl: () => string): State {
  const s = new State(seed);
  const sys = seed.sysadmin ?? DEFAULT_SEED.sysadmin;
  s.addUser(sys.name, sys.token, true);
  for (const o of seed.orgs ?? DEFAULT_SEED.orgs) typeof o === 'string' ? s.addOrg(o) : s.addOrg(o.name, o.title);
  const users: SeedUser[] = [];
  const ed = seed.editor ?? DEFAULT_SEED.editor;
  const mem = seed.member ?? DEFAULT_SEED.member;
  users.push({ name: ed.name, token: ed.token, roles: { [ed.org]: 'editor' } });
  users.push({ name: mem.name, token: mem.token, roles: { [mem.org]: 'member' } });
  users.push(...(seed.users ?? []));
  for (const su of users) {
    const u = s.users.get(su.name) ?? s.addUser(su.name, su.token, su.sysadmin ?? false);
    for (const [orgName, role] of Object.entries(su.roles ?? {})) {
      const o = s.org(orgName) ?? s.addOrg(orgName);
      o.members.set(u.name, role);
    }
  }
  for (const d of seed.datasets ?? []) {
    const o = s.org(d.org) ?? s.addOrg(d.org);
    const created = d.metadata_created ?? s.now();
    const p: Pkg = {
      id: randomUUID(),
      name: d.name,
      title: d.title ?? d.name,
      notes: d.notes ?? '',
      type: d.type ?? 'dataset',
      owner_org: o.id,
      private: d.private ?? false,
      state: d.state ?? 'active',
      license_id: d.license_id ?? 'cc-by',
      metadata_created: created,
      metadata_modified: d.metadata_modified ?? created,
      tags: (d.tags ?? []).map((name) => ({ name })),
      extras: Object.entries(d.extras ?? {}).map(([key, value]) => ({ key, value })),
      resources: [],
    };
    for (const r of d.resources ?? []) {
      const { content, ...rest } = r;
      const res: Res = { ...rest, id: randomUUID(), package_id: p.id, name: r.name, url: r.url ?? '', created: created, last_modified: r.last_modified ?? null };
      if (content !== undefined) {
        const filename = `${r.name}.${(r.format ?? 'csv').toLowerCase()}`;
        s.files.set(res.id, { filename, bytes: Buffer.from(content), mimetype: 'text/csv' });
        res.url_type = 'upload';
        res.url = `${siteUrl()}/dataset/${p.id}/resource/${res.id}/download/${filename}`;
        res.size = Buffer.byteLength(content);
      }
      p.resources.push(res);
    }
    s.packages.set(p.id, p);
  }
  return s;
}
