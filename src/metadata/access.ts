/**
 * Reading and writing metadata values at their standard places in a datapackage.json object
 * (satu-data.md §2.4): plain dotted paths, and contributors addressed by role.
 */
import type { DataPackage } from '../schema/types.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function getPath(root: unknown, path: readonly string[]): unknown {
  let cur: unknown = root;
  for (const k of path) {
    if (!isObj(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Set a value, creating objects on the way; `undefined` deletes the key (and leaves empty parents). */
export function setPath(root: Obj, path: readonly string[], value: unknown): void {
  let cur: Obj = root;
  for (const k of path.slice(0, -1)) {
    if (!isObj(cur[k])) cur[k] = {};
    cur = cur[k] as Obj;
  }
  const last = path.at(-1);
  if (last === undefined) return;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

export interface Contributor {
  title?: string;
  email?: string;
  role?: string;
  roles?: string[];
  [k: string]: unknown;
}

/** v1 `role` or v2 `roles[]`: the brief's mapping writes `role`, but a hand-written v2 file may use `roles`. */
export function hasRole(c: Contributor, role: string): boolean {
  return c.role === role || (Array.isArray(c.roles) && c.roles.includes(role));
}

export function contributor(pkg: DataPackage, role: string): Contributor | undefined {
  const list = pkg.contributors;
  if (!Array.isArray(list)) return undefined;
  return (list as Contributor[]).find((c) => isObj(c) && hasRole(c, role));
}

export function setContributor(pkg: DataPackage, role: string, key: 'title' | 'email', value: string | undefined): void {
  let c = contributor(pkg, role);
  if (!c) {
    if (value === undefined) return;
    c = { [key]: value, role };
    if (!Array.isArray(pkg.contributors)) pkg.contributors = [];
    (pkg.contributors as Contributor[]).push(c);
    return;
  }
  if (value === undefined) delete c[key];
  else c[key] = value;
}

/** A present value: a non-blank string, a non-empty array, or any other non-null value. */
export function isPresent(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  return true;
}
