/**
 * The real-CKAN environment file (written by test/ckan/start.sh, path in SATUDATA_CKAN_ENV) and a
 * tiny Action API caller for the smoke tests. Missing or malformed env is an error, never a skip:
 * the real suite must fail loudly when the instance is not there.
 */
import { readFileSync } from 'node:fs';

export interface CkanUser {
  name: string;
  token: string;
}

export interface CkanEnv {
  url: string;
  /** The same portal (database, index, DataStore) served with ckanext-scheming and the Satu Data schema. */
  schemingUrl: string;
  ckanVersion: string;
  solrVersion: string;
  sysadmin: CkanUser;
  orgs: string[];
  editor: CkanUser & { org: string };
  member: CkanUser & { org: string };
}

const TOP_KEYS = ['url', 'schemingUrl', 'ckanVersion', 'solrVersion', 'sysadmin', 'orgs', 'editor', 'member'];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Returns the problems with a parsed env file (empty = valid). Pure, so it is testable. */
export function envProblems(raw: unknown): string[] {
  if (!isObject(raw)) return ['not a JSON object'];
  const problems: string[] = [];
  const keys = Object.keys(raw).sort();
  if (keys.join(',') !== [...TOP_KEYS].sort().join(',')) {
    problems.push(`keys are [${keys.join(', ')}], expected [${TOP_KEYS.join(', ')}]`);
  }
  for (const k of ['url', 'schemingUrl']) {
    const v = raw[k];
    if (!nonEmpty(v) || !/^http:\/\/127\.0\.0\.1:\d+$/.test(v)) problems.push(`${k} must be http://127.0.0.1:<port>`);
  }
  for (const k of ['ckanVersion', 'solrVersion']) if (!nonEmpty(raw[k])) problems.push(`${k} missing`);
  if (!Array.isArray(raw.orgs) || !raw.orgs.every(nonEmpty)) problems.push('orgs must be a list of names');
  const userKeys: Record<string, string[]> = {
    sysadmin: ['name', 'token'],
    editor: ['name', 'org', 'token'],
    member: ['name', 'org', 'token'],
  };
  for (const [who, expected] of Object.entries(userKeys)) {
    const u = raw[who];
    if (!isObject(u)) {
      problems.push(`${who} must be an object`);
      continue;
    }
    if (Object.keys(u).sort().join(',') !== expected.join(',')) problems.push(`${who} keys must be ${expected.join(', ')}`);
    for (const k of expected) if (!nonEmpty(u[k])) problems.push(`${who}.${k} missing`);
  }
  return problems;
}

/** Reads and checks the env file named by SATUDATA_CKAN_ENV; throws (never skips) when absent. */
export function loadCkanEnv(env: NodeJS.ProcessEnv = process.env): CkanEnv {
  const path = env.SATUDATA_CKAN_ENV;
  if (!path) throw new Error('SATUDATA_CKAN_ENV is not set: run the real suite with `npm run test:ckan`');
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const problems = envProblems(raw);
  // Problems name keys only, never values: the file holds tokens.
  if (problems.length > 0) throw new Error(`${path} is not a valid CKAN env file: ${problems.join('; ')}`);
  return raw as CkanEnv;
}

export interface ActionResult {
  status: number;
  success: boolean;
  result: any;
  error: any;
}

/**
 * Calls one CKAN action. `body` as FormData sends multipart (uploads); as an object, JSON POST.
 * Without a body it is a GET with `query` parameters. CKAN answers JSON for every status.
 */
export async function action(
  env: CkanEnv,
  name: string,
  opts: { token?: string; body?: Record<string, unknown> | FormData; query?: Record<string, string>; base?: string } = {},
): Promise<ActionResult> {
  const headers: Record<string, string> = {};
  if (opts.token !== undefined) headers.Authorization = opts.token;
  // `base`: another server of the same portal (env.schemingUrl); default env.url.
  const url = new URL(`/api/3/action/${name}`, opts.base ?? env.url);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  let init: RequestInit = { method: 'GET', headers };
  if (opts.body instanceof FormData) {
    init = { method: 'POST', headers, body: opts.body };
  } else if (opts.body !== undefined) {
    init = { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(opts.body) };
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${name}: HTTP ${res.status} with a non-JSON body: ${text.slice(0, 200)}`);
  }
  return { status: res.status, success: parsed.success === true, result: parsed.result, error: parsed.error };
}

/** A name unique to this test run, valid as a CKAN dataset name (lowercase, digits, dashes). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
