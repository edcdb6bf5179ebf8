/**
 * CKAN's dataset validation as the reference describes it (ckan-api.md §5), producing CKAN's 409 error
 * dict: one key per invalid field, each a list of message strings; resources nested per index; tags
 * flattened; duplicate extras under `extras_validation`.
 */
import type { Dict, Pkg, State } from './state.js';
import { schemingErrors } from './scheming.js';

export const ROOT_FIELDS = new Set([
  'id', 'name', 'title', 'notes', 'url', 'version', 'state', 'type', 'owner_org', 'private', 'tags', 'resources', 'groups',
  'extras', 'license_id', 'author', 'author_email', 'maintainer', 'maintainer_email', 'plugin_data', 'metadata_modified',
  'metadata_created', 'tag_string', 'log_message', 'creator_user_id', 'relationships_as_object', 'relationships_as_subject',
]);

const EMAIL = /^[\w.%+-]+@[\w.-]+\.[A-Za-z]{2,}$/;

/** Thrown by actions; the server turns it into the envelope with the right status. */
export class CkanError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly body: Dict,
  ) {
    super(type);
  }
}

export const validationError = (errors: Dict) => new CkanError(409, 'Validation Error', errors);
export const notFound = (message = 'Not found') => new CkanError(404, 'Not Found Error', { message });
export const forbidden = (message = 'Access denied') => new CkanError(403, 'Authorization Error', { message });
export const integrityError = (message: string, data: unknown) => new CkanError(400, 'Integrity Error', { message, data });

function add(errors: Dict, key: string, msg: string) {
  const list = (errors[key] as string[] | undefined) ?? [];
  list.push(msg);
  errors[key] = list;
}

/** Structural checks CKAN's navl does before validators: lists of dicts (400 Integrity Error). */
export function checkStructure(data: Dict): void {
  for (const key of ['tags', 'extras', 'resources', 'groups']) {
    const v = data[key];
    if (v === undefined) continue;
    if (!Array.isArray(v)) throw integrityError(`Only lists of dicts can be placed against subschema ('${key}',), not ${typeof v}`, data);
    if (v.length && !v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
      throw integrityError(v.some((x) => x && typeof x === 'object') ? 'Values in lists need to be dicts' : `Only lists of dicts can be placed against subschema ('${key}',), not list`, data);
    }
  }
}

export function checkTagName(name: string, out: string[]): void {
  if (name.length < 2) out.push(`Tag "${name}" length is less than minimum 2`);
  if (name.length > 100) out.push(`Tag "${name}" length is more than maximum 100`);
  if (!/^[\p{L}\p{N}_ \-.]*$/u.test(name)) {
    out.push(`Tag "${name}" can only contain alphanumeric characters, spaces (" "), hyphens ("-"), underscores ("_") or dots (".")`);
  }
}

/** Validate a full dataset dict (after patch overlay) for create or update. */
export function validatePackage(state: State, data: Dict, opts: { creating: boolean; selfId?: string }): void {
  checkStructure(data);
  const errors: Dict = {};
  const name = data.name;
  if (name === undefined || name === null || name === '') {
    if (opts.creating) add(errors, 'name', 'Missing value');
  } else if (typeof name !== 'string') {
    add(errors, 'name', 'Must be a string');
  } else {
    if (['new', 'edit', 'search'].includes(name)) add(errors, 'name', 'That name cannot be used');
    if (name.length < 2) add(errors, 'name', 'Must be at least 2 characters long');
    if (name.length > 100) add(errors, 'name', 'Name must be a maximum of 100 characters long');
    if (!/^[a-z0-9_-]*$/.test(name)) add(errors, 'name', 'Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_');
    for (const p of state.packages.values()) {
      if (p.name === name && p.state !== 'deleted' && p.id !== opts.selfId) add(errors, 'name', 'That URL is already in use.');
    }
  }
  const org = data.owner_org;
  if (org === undefined || org === null || org === '') add(errors, 'owner_org', 'An organization must be provided');
  else if (!state.org(String(org))) add(errors, 'owner_org', 'Organization does not exist');
  if (typeof data.version === 'string' && data.version.length > 100) add(errors, 'version', 'Length must be less than 100 characters');
  for (const key of ['author_email', 'maintainer_email']) {
    const v = data[key];
    if (typeof v === 'string' && v !== '' && !EMAIL.test(v)) add(errors, key, `Email ${v} is not a valid format`);
  }
  const tagMsgs: string[] = [];
  for (const t of (data.tags as Dict[] | undefined) ?? []) {
    if (typeof t.name !== 'string' || !t.name) tagMsgs.push('Missing value');
    else checkTagName(t.name, tagMsgs);
  }
  if (tagMsgs.length) errors.tags = tagMsgs;
  const extras = (data.extras as Dict[] | undefined) ?? [];
  const seen = new Set<string>();
  const extraErrs: Dict[] = [];
  let anyExtraErr = false;
  for (const e of extras) {
    const ee: Dict = {};
    const key = e.key;
    if (typeof key !== 'string' || key === '') add(ee, 'key', 'Missing value');
    else {
      if (ROOT_FIELDS.has(key)) add(ee, 'key', 'There is a schema field with the same name');
      if (seen.has(key)) add(errors, 'extras_validation', `Duplicate key "${key}"`);
      seen.add(key);
    }
    if (e.value === undefined) add(ee, 'value', 'Missing value');
    if (Object.keys(ee).length) anyExtraErr = true;
    extraErrs.push(ee);
  }
  if (anyExtraErr) errors.extras = extraErrs;
  const resErrs: Dict[] = [];
  let anyResErr = false;
  for (const r of (data.resources as Dict[] | undefined) ?? []) {
    const re: Dict = {};
    if (r.size !== undefined && r.size !== null && r.size !== '' && !Number.isInteger(Number(r.size))) add(re, 'size', 'Invalid integer');
    for (const k of ['created', 'last_modified']) {
      const v = r[k];
      if (typeof v === 'string' && v !== '' && Number.isNaN(Date.parse(v))) add(re, k, 'Date format incorrect');
    }
    if (Object.keys(re).length) anyResErr = true;
    resErrs.push(re);
  }
  if (anyResErr) errors.resources = resErrs;
  if (state.scheming) Object.assign(errors, schemingErrors(state.scheming, data));
  if (Object.keys(errors).length) throw validationError(errors);
}

/** What package_show returns: organization block and counts, derived fields CKAN adds. */
export function showPackage(state: State, p: Pkg): Dict {
  const o = p.owner_org ? state.orgs.get(p.owner_org) : undefined;
  const resources = p.resources.filter((r) => r.state !== 'deleted').map((r, i) => ({ ...r, position: i }));
  return {
    ...p,
    resources,
    num_resources: resources.length,
    num_tags: p.tags.length,
    organization: o ? { id: o.id, name: o.name, title: o.title, type: 'organization', is_organization: true, state: 'active' } : null,
  };
}
