/**
 * The fake CKAN's actions. Each takes the caller (undefined = anonymous: CKAN treats an unknown token
 * as anonymous without saying so) and the request data, and returns the `result` or throws CkanError.
 */
import { randomUUID } from 'node:crypto';
import type { Dict, Org, Pkg, Res, State, User } from './state.js';
import { CkanError, forbidden, notFound, showPackage, validatePackage, validationError } from './rules.js';
import { searchPackages } from './search.js';
import { schemingDatasetSchemaShow } from './scheming.js';
import { DATASTORE_ACTIONS, DATASTORE_SIDE_EFFECT_FREE, datastoreOf } from './datastore.js';

export interface Upload {
  filename: string;
  bytes: Buffer;
  contentType: string;
}

export interface ActionCtx {
  state: State;
  user?: User;
  data: Dict;
  upload?: Upload;
  siteUrl: string;
}

type Handler = (c: ActionCtx) => unknown;

/** Side-effect-free actions: the only ones CKAN accepts with GET. */
export const SIDE_EFFECT_FREE = new Set([
  'status_show', 'user_show', 'organization_list', 'organization_show', 'organization_list_for_user', 'package_search',
  'package_list', 'package_show', 'resource_show', 'license_list', 'scheming_dataset_schema_show', ...DATASTORE_SIDE_EFFECT_FREE,
]);

const LICENSES = [
  ['cc-by', 'Creative Commons Attribution', 'http://www.opendefinition.org/licenses/cc-by'],
  ['cc-by-sa', 'Creative Commons Attribution Share-Alike', 'http://www.opendefinition.org/licenses/cc-by-sa'],
  ['cc-zero', 'Creative Commons CCZero', 'http://www.opendefinition.org/licenses/cc-zero'],
  ['cc-nc', 'Creative Commons Non-Commercial (Any)', 'http://creativecommons.org/licenses/by-nc/2.0/'],
  ['gfdl', 'GNU Free Documentation License', 'http://www.opendefinition.org/licenses/gfdl'],
  ['notspecified', 'License not specified', ''],
  ['odc-by', 'Open Data Commons Attribution License', 'http://www.opendefinition.org/licenses/odc-by'],
  ['odc-odbl', 'Open Data Commons Open Database License (ODbL)', 'http://www.opendefinition.org/licenses/odc-odbl'],
  ['odc-pddl', 'Open Data Commons Public Domain Dedication and License (PDDL)', 'http://www.opendefinition.org/licenses/odc-pddl'],
  ['other-at', 'Other (Attribution)', ''],
  ['other-closed', 'Other (Not Open)', ''],
  ['other-nc', 'Other (Non-Commercial)', ''],
  ['other-open', 'Other (Open)', ''],
  ['other-pd', 'Other (Public Domain)', ''],
  ['uk-ogl', 'UK Open Government Licence (OGL)', 'http://reference.data.gov.uk/id/open-government-licence'],
].map(([id, title, url]) => ({ id, title, url, status: 'active', od_conformance: 'approved', osd_conformance: 'not reviewed' }));

const ROLE_PERMS: Record<string, string[]> = {
  read: ['admin', 'editor', 'member'],
  create_dataset: ['admin', 'editor'],
  update_dataset: ['admin', 'editor'],
  delete_dataset: ['admin', 'editor'],
  manage_group: ['admin'],
};

function orgDict(state: State, o: Org, user?: User): Dict {
  const count = [...state.packages.values()].filter((p) => p.owner_org === o.id && p.state === 'active' && (!p.private || (user && state.canRead(user, p)))).length;
  return { id: o.id, name: o.name, title: o.title, display_name: o.title, type: 'organization', is_organization: true, state: 'active', created: o.created, package_count: count, approval_status: 'approved' };
}

function intParam(v: unknown, dflt: number): number {
  if (v === undefined || v === null || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw validationError({ limit: ['Invalid integer'] });
  return n;
}

function bool(v: unknown): boolean {
  return v === true || (typeof v === 'string' && ['true', 'yes', 't', 'y', '1'].includes(v.toLowerCase()));
}

function requirePkg(c: ActionCtx, id: unknown): Pkg {
  const p = c.state.pkg(id);
  if (!p) throw notFound();
  return p;
}

function requireEdit(c: ActionCtx, p: Pkg, what: string): void {
  if (!c.state.canEdit(c.user, p.owner_org)) throw forbidden(`User ${c.user?.name ?? ''} not authorized to ${what} package ${p.id}`);
}

function mimeOf(filename: string): string {
  const ext = filename.split('.').pop()?.toLowerCase();
  return ({ csv: 'text/csv', json: 'application/json', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', txt: 'text/plain' } as Record<string, string>)[ext ?? ''] ?? 'application/octet-stream';
}

/** CKAN's munge_filename: lower case, spaces → '-', only a-z0-9_.- kept, ≤100 chars. */
export function mungeFilename(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '-').replace(/[^a-z0-9_.-]/g, '').slice(0, 100) || 'file';
}

/** Store an upload on a resource like ckan/lib/uploader.py: url, url_type, size, last_modified, mimetype, format. */
function applyUpload(c: ActionCtx, p: Pkg, r: Res, sentFields: Dict): void {
  if (!c.upload) return;
  const limit = c.state.maxResourceSizeMB * 1024 * 1024;
  if (c.upload.bytes.length > limit) throw validationError({ upload: ['File upload too large'] });
  const filename = mungeFilename(c.upload.filename);
  c.state.files.set(r.id, { filename, bytes: c.upload.bytes, mimetype: c.upload.contentType });
  r.url = `${c.siteUrl}/dataset/${p.id}/resource/${r.id}/download/${filename}`;
  r.url_type = 'upload';
  r.size = c.upload.bytes.length;
  r.last_modified = c.state.now();
  if (!sentFields.mimetype && !r.mimetype) r.mimetype = mimeOf(filename);
  if (!r.format) r.format = (filename.split('.').pop() ?? '').toUpperCase();
}

/** package_update semantics of CKAN ≤2.11: the sent dict replaces the dataset; omitted lists are wiped. */
function replacePackage(c: ActionCtx, p: Pkg, data: Dict): Dict {
  const merged: Dict = { ...data, owner_org: data.owner_org ?? p.owner_org };
  const org = c.state.org(String(merged.owner_org));
  validatePackage(c.state, merged, { creating: false, selfId: p.id });
  const keep = { id: p.id, metadata_created: p.metadata_created, type: p.type ?? 'dataset', creator_user_id: p.creator_user_id };
  const oldResources = new Map(p.resources.map((r) => [r.id, r]));
  const resources: Res[] = ((data.resources as Dict[] | undefined) ?? []).map((rd) => {
    const old = typeof rd.id === 'string' ? oldResources.get(rd.id) : undefined;
    return { ...(old ?? { created: c.state.now() }), ...rd, id: old?.id ?? randomUUID(), package_id: p.id, name: String(rd.name ?? ''), url: String(rd.url ?? '') } as Res;
  });
  for (const [id] of oldResources) if (!resources.some((r) => r.id === id)) c.state.files.delete(id);
  const base = stripDerived(data);
  const next: Pkg = {
    ...base,
    ...keep,
    name: typeof data.name === 'string' && data.name ? data.name : p.name,
    owner_org: org?.id ?? p.owner_org,
    private: data.private === undefined ? false : bool(data.private),
    state: typeof data.state === 'string' ? data.state : p.state,
    tags: ((base.tags as Dict[] | undefined) ?? []).map((t) => ({ name: String(t.name) })),
    extras: ((data.extras as Dict[] | undefined) ?? []).map((e) => ({ key: String(e.key), value: String(e.value) })),
    resources,
    metadata_modified: c.state.now(),
  };
  c.state.packages.set(p.id, next);
  return showPackage(c.state, next);
}

function stripDerived(d: Dict): Dict {
  const { organization: _o, num_resources: _n, num_tags: _t, metadata_modified: _m, tag_string: _ts, ...rest } = d;
  void _o; void _n; void _t; void _m; void _ts;
  if (typeof d.tag_string === 'string') {
    rest.tags = d.tag_string.split(',').map((s) => s.trim()).filter(Boolean).map((name) => ({ name }));
  }
  return rest;
}

export const ACTIONS: Record<string, Handler> = {
  status_show: (c) => ({ site_url: c.siteUrl, site_title: 'Fake CKAN', ckan_version: '2.11.0-fake', site_description: '', locale_default: 'en', extensions: [] }),

  user_show: (c) => {
    const id = c.data.id;
    const u = typeof id === 'string' && id ? [...c.state.users.values()].find((x) => x.id === id || x.name === id) : c.user;
    if (!u) throw notFound('User not found');
    return { id: u.id, name: u.name, display_name: u.name, fullname: null, sysadmin: u.sysadmin, state: 'active', created: u.created };
  },

  organization_list: (c) => {
    const allFields = bool(c.data.all_fields);
    const max = allFields ? 25 : 1000;
    const limit = Math.min(intParam(c.data.limit, max), max);
    const offset = intParam(c.data.offset, 0);
    const orgs = [...c.state.orgs.values()].sort((a, b) => a.name.localeCompare(b.name)).slice(offset, offset + limit);
    return allFields ? orgs.map((o) => orgDict(c.state, o, c.user)) : orgs.map((o) => o.name);
  },

  organization_show: (c) => {
    const o = c.state.org(String(c.data.id ?? ''));
    if (!o) throw notFound('Organization not found');
    const d = orgDict(c.state, o, c.user);
    if (bool(c.data.include_datasets)) {
      d.packages = [...c.state.packages.values()].filter((p) => p.owner_org === o.id && p.state === 'active' && c.state.canRead(c.user, p)).slice(0, 10).map((p) => showPackage(c.state, p));
    }
    return d;
  },

  organization_list_for_user: (c) => {
    const perm = typeof c.data.permission === 'string' ? c.data.permission : 'manage_group';
    const u = c.user;
    if (!u) return [];
    return [...c.state.orgs.values()]
      .filter((o) => u.sysadmin || (ROLE_PERMS[perm] ?? ['admin']).includes(o.members.get(u.name) ?? ''))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((o) => ({ ...orgDict(c.state, o, u), capacity: u.sysadmin ? 'admin' : o.members.get(u.name) }));
  },

  package_search: (c) => searchPackages(c.state, c.user, c.data),

  package_list: (c) => {
    const names = [...c.state.packages.values()].filter((p) => p.state === 'active' && !p.private).map((p) => p.name).sort();
    const offset = intParam(c.data.offset, 0);
    return c.data.limit === undefined ? names.slice(offset) : names.slice(offset, offset + intParam(c.data.limit, 0));
  },

  package_show: (c) => {
    const p = requirePkg(c, c.data.id ?? c.data.name_or_id);
    if (!c.state.canRead(c.user, p)) throw forbidden(`User ${c.user?.name ?? ''} not authorized to read package ${p.id}`);
    return showPackage(c.state, p);
  },

  resource_show: (c) => {
    for (const p of c.state.packages.values()) {
      const r = p.resources.find((x) => x.id === c.data.id && x.state !== 'deleted');
      if (r) {
        if (!c.state.canRead(c.user, p)) throw forbidden();
        return r;
      }
    }
    throw notFound('Resource was not found.');
  },

  license_list: () => LICENSES,

  scheming_dataset_schema_show: schemingDatasetSchemaShow,

  package_create: (c) => {
    c.data = stripDerived(c.data);
    const org = c.state.org(typeof c.data.owner_org === 'string' ? c.data.owner_org : undefined);
    if (!c.user) throw forbidden('User  not authorized to create packages');
    if (org && !c.state.canEdit(c.user, org.id)) throw forbidden(`User ${c.user.name} not authorized to add dataset to this organization`);
    if (!org && !c.user.sysadmin && ![...c.state.orgs.values()].some((o) => c.state.canEdit(c.user, o.id))) {
      throw forbidden(`User ${c.user.name} not authorized to create packages`);
    }
    validatePackage(c.state, c.data, { creating: true });
    // Free the name of a deleted dataset by renaming it to its id (table_dict_save).
    for (const old of c.state.packages.values()) if (old.name === c.data.name && old.state === 'deleted') old.name = old.id;
    const now = c.state.now();
    const p: Pkg = {
      ...c.data,
      id: randomUUID(),
      type: 'dataset',
      name: String(c.data.name),
      owner_org: org!.id,
      private: bool(c.data.private),
      state: 'active',
      metadata_created: now,
      metadata_modified: now,
      creator_user_id: c.user.id,
      tags: ((c.data.tags as Dict[] | undefined) ?? []).map((t) => ({ name: String(t.name) })),
      extras: ((c.data.extras as Dict[] | undefined) ?? []).map((e) => ({ key: String(e.key), value: String(e.value) })),
      resources: [],
    };
    p.resources = ((c.data.resources as Dict[] | undefined) ?? []).map((rd) => ({ ...rd, id: randomUUID(), package_id: p.id, name: String(rd.name ?? ''), url: String(rd.url ?? ''), created: now }) as Res);
    if (p.title === undefined || p.title === '') p.title = p.name;
    c.state.packages.set(p.id, p);
    return showPackage(c.state, p);
  },

  package_update: (c) => {
    const p = requirePkg(c, c.data.id ?? c.data.name);
    requireEdit(c, p, 'edit');
    return replacePackage(c, p, c.data);
  },

  package_patch: (c) => {
    const p = requirePkg(c, c.data.id ?? c.data.name);
    requireEdit(c, p, 'edit');
    // patch = show, overlay the top-level keys sent, update (ckan/logic/action/patch.py).
    const current = showPackage(c.state, p);
    return replacePackage(c, p, { ...current, ...c.data, id: p.id });
  },

  package_delete: (c) => {
    const p = requirePkg(c, c.data.id);
    requireEdit(c, p, 'delete');
    p.state = 'deleted';
    p.metadata_modified = c.state.now();
    return null;
  },

  resource_create: (c) => {
    const p = requirePkg(c, c.data.package_id);
    requireEdit(c, p, 'edit');
    const { package_id: _pid, upload: _u, ...fields } = c.data;
    void _pid; void _u;
    const r: Res = { ...fields, id: randomUUID(), package_id: p.id, name: String(fields.name ?? ''), url: String(fields.url ?? ''), created: c.state.now(), state: 'active' };
    if (!r.format && r.url) r.format = (r.url.split('.').pop() ?? '').toUpperCase();
    applyUpload(c, p, r, fields);
    validatePackage(c.state, { ...showPackage(c.state, p), resources: [...p.resources, r] }, { creating: false, selfId: p.id });
    p.resources.push(r);
    p.metadata_modified = c.state.now();
    return r;
  },

  resource_patch: (c) => {
    const p = [...c.state.packages.values()].find((x) => x.resources.some((r) => r.id === c.data.id && r.state !== 'deleted'));
    if (!p) throw notFound('Resource was not found.');
    requireEdit(c, p, 'edit');
    const idx = p.resources.findIndex((r) => r.id === c.data.id);
    const { upload: _u, ...fields } = c.data;
    void _u;
    const r: Res = { ...p.resources[idx], ...fields, id: p.resources[idx]!.id, package_id: p.id } as Res;
    applyUpload(c, p, r, fields);
    const resources = [...p.resources];
    resources[idx] = r;
    validatePackage(c.state, { ...showPackage(c.state, p), resources }, { creating: false, selfId: p.id });
    p.resources = resources;
    p.metadata_modified = c.state.now();
    return r;
  },

  resource_delete: (c) => {
    const p = [...c.state.packages.values()].find((x) => x.resources.some((r) => r.id === c.data.id && r.state !== 'deleted'));
    if (!p) throw notFound('Resource was not found.');
    requireEdit(c, p, 'delete');
    p.resources = p.resources.filter((r) => r.id !== c.data.id);
    c.state.files.delete(String(c.data.id));
    datastoreOf(c.state).delete(String(c.data.id)); // the datastore plugin drops the table with its resource
    p.metadata_modified = c.state.now();
    return null;
  },

  ...(DATASTORE_ACTIONS as Record<string, Handler>),
};

export { CkanError };
