/**
 * The typed boundary (issue 14): every CKAN answer that push and status rely on is checked against the
 * shape they use, when it arrives (ajv, JSONSchemaType). A portal answering something else (a proxy's
 * JSON, another API, a broken plugin) is a clear PortalError naming the action and the place, exit 3,
 * never a TypeError deep inside. Shapes hold only what the code reads; anything more is allowed.
 */
import { Ajv, type JSONSchemaType, type ValidateFunction } from 'ajv';
import { PortalError } from '../errors.js';
import { fmt, type Lang, msg } from '../i18n.js';

export interface ShownResource {
  id: string;
  name?: string | null;
  state?: string | null;
  size?: number | null;
  last_modified?: string | null;
}

export interface ShownDataset {
  id: string;
  name: string;
  state?: string | null;
  owner_org?: string | null;
  organization?: { id?: string | null; name?: string | null } | null;
  tags?: { name: string }[] | null;
  extras?: { key: string }[] | null;
  resources?: ShownResource[] | null;
}

interface UserShape {
  id: string;
  name: string;
  sysadmin?: boolean | null;
}
interface OrgShape {
  id: string;
  name: string;
}
interface SearchShape {
  count: number;
  results: { name: string }[];
}

const str = { type: 'string' } as const;
const optStr = { type: 'string', nullable: true } as const;

const resourceShape: JSONSchemaType<ShownResource> = {
  type: 'object',
  required: ['id'],
  properties: {
    id: str,
    name: optStr,
    state: optStr,
    size: { type: 'number', nullable: true },
    last_modified: optStr,
  },
};

const datasetShape: JSONSchemaType<ShownDataset> = {
  type: 'object',
  required: ['id', 'name'],
  properties: {
    id: str,
    name: str,
    state: optStr,
    owner_org: optStr,
    organization: { type: 'object', nullable: true, required: [], properties: { id: optStr, name: optStr } },
    tags: { type: 'array', nullable: true, items: { type: 'object', required: ['name'], properties: { name: str } } },
    extras: { type: 'array', nullable: true, items: { type: 'object', required: ['key'], properties: { key: str } } },
    resources: { type: 'array', nullable: true, items: resourceShape },
  },
};

const userShape: JSONSchemaType<UserShape> = {
  type: 'object',
  required: ['id', 'name'],
  properties: { id: str, name: str, sysadmin: { type: 'boolean', nullable: true } },
};

const orgShape: JSONSchemaType<OrgShape> = { type: 'object', required: ['id', 'name'], properties: { id: str, name: str } };
const orgList: JSONSchemaType<OrgShape[]> = { type: 'array', items: orgShape };
const licenseList: JSONSchemaType<{ id: string }[]> = { type: 'array', items: { type: 'object', required: ['id'], properties: { id: str } } };
const nameList: JSONSchemaType<string[]> = { type: 'array', items: str };

const searchShape: JSONSchemaType<SearchShape> = {
  type: 'object',
  required: ['count', 'results'],
  properties: {
    count: { type: 'integer', minimum: 0 },
    results: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: str } } },
  },
};

/** organization_list answers names, or dicts with all_fields=true. */
const orgListAny = { type: 'array', items: { anyOf: [str, { type: 'object', required: ['name'], properties: { name: str } }] } };
const anyObject = { type: 'object' };

const SHAPES: Record<string, object> = {
  user_show: userShape,
  organization_list_for_user: orgList,
  license_list: licenseList,
  package_show: datasetShape,
  package_create: datasetShape,
  package_patch: datasetShape,
  resource_create: resourceShape,
  resource_patch: resourceShape,
  package_search: searchShape,
  package_list: nameList,
  organization_list: orgListAny,
  organization_show: { type: 'object', required: ['name'], properties: { name: str } },
  status_show: anyObject,
};

const ajv = new Ajv({ allErrors: false, strict: false });
const compiled = new Map<string, ValidateFunction>();

function validatorFor(action: string): ValidateFunction | undefined {
  const schema = SHAPES[action];
  if (!schema) return undefined;
  let v = compiled.get(action);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(action, v);
  }
  return v;
}

export const SHAPE_CODE = 'E_PORTAL_SHAPE';

/** Return `result` when it has the shape `action` promises, else throw a PortalError naming the place. */
export function checkShape<T>(action: string, result: unknown, lang: Lang): T {
  const v = validatorFor(action);
  if (!v || v(result)) return result as T;
  const err = v.errors?.[0];
  const where = err?.instancePath ? `result${err.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')}` : 'result';
  const detail = `${where} ${err?.message ?? '?'}`;
  throw new PortalError(
    fmt(msg(lang, 'portal.shapes.unexpected_answer'), { action, detail }),
    {
      code: SHAPE_CODE,
      hint:
        msg(lang, 'portal.shapes.check_that_the_portal'),
    },
  );
}
