/**
 * `satudata init`: scaffold a data repository. All questions are asked first and all files written
 * afterwards, so Ctrl-C during the questions leaves the folder untouched. An existing file is never
 * replaced without a "yes" to the question about that file; with --yes (or without a terminal) it is
 * skipped and reported.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { redactUrl } from '../redact-url.js';
import { fmt, type Lang, m } from '../i18n.js';
import type { DescribeNote } from '../describe/types.js';
import type { Resource, DataPackage } from '../schema/types.js';
import type { Ask } from '../metadata/ask.js';
import { orgChoices, type OrgChoice } from '../metadata/organizations.js';
import { packageText, writeFileAtomic } from '../metadata/package-file.js';
import { checkCkanName, slugify } from '../metadata/rules.js';
import { findDataFiles } from './scan.js';
import { buildConfig, buildPackage, buildReadme, type InitSettings } from './skeleton.js';
import { readTemplate, render, satudataVersion, STATIC_FILES } from './templates.js';

export type Describer = (file: string, opts: { lang?: Lang }) => Promise<{ resource: Resource; notes: DescribeNote[] }>;

export interface InitOptions {
  dir: string;
  lang: Lang;
  portal?: string;
  org?: string;
  /** Settings already in the folder's .satudatarc.json (re-running init). */
  existing?: { portal?: string; organization?: string };
  interactive: boolean;
  ask?: Ask;
  /** The describe engine; absent → resources are listed without an inferred schema. */
  describe?: Describer;
  /** Organizations the portal lets the user publish to (needs a token); absent or undefined → bundled SKPD list. */
  portalOrgs?: (portal: string) => Promise<OrgChoice[] | undefined>;
  say(line: string): void;
}

export interface InitResult {
  written: string[];
  skipped: string[];
  settings: InitSettings;
  /** The package as written, or undefined when datapackage.json was kept. */
  pkg?: DataPackage;
}

const T = {
  badPortal: m('init.init.t.badPortal'),
  portalUserinfo: m('init.init.t.portalUserinfo'),
  portalQ: m('init.init.t.portalQ'),
  orgQ: m('init.init.t.orgQ'),
  skip: m('init.init.t.skip'),
  other: m('init.init.t.other'),
  orgSlug: m('init.init.t.orgSlug'),
  overwrite: m('init.init.t.overwrite'),
  found: m('init.init.t.found'),
  describing: m('init.init.t.describing'),
  note: m('init.init.t.note'),
  describeFailed: m('init.init.t.describeFailed'),
  noDescribe: m('init.init.t.noDescribe'),
};

/** describe's note levels as an officer reads them. */
const LEVEL: Record<string, { id: string; en: string }> = {
  info: m('init.init.level.info'),
  warning: m('init.init.level.warning'),
  error: m('init.init.level.error'),
};

const HAS_USERINFO = /^https?:\/\/[^/?#]*@/i;

function checkPortal(raw: string, lang: Lang): string {
  const v = raw.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+/.test(v)) throw new UsageError(`--portal "${redactUrl(raw)}": ${T.badPortal[lang]}`);
  // A password in the URL would be written into .satudatarc.json: never (and never shown).
  if (HAS_USERINFO.test(v)) throw new UsageError(`--portal "${redactUrl(raw)}": ${T.portalUserinfo[lang]}`);
  return v;
}

function checkOrg(raw: string, lang: Lang): string {
  const c = checkCkanName(raw);
  if (!c.ok) throw new UsageError(`--org: ${c.reason[lang]}`);
  return c.value;
}

async function askSettings(o: InitOptions): Promise<InitSettings> {
  const lang = o.lang;
  let portal = o.portal !== undefined ? checkPortal(o.portal, lang) : o.existing?.portal;
  let organization = o.org !== undefined ? checkOrg(o.org, lang) : o.existing?.organization;
  if (o.interactive && o.ask) {
    if (o.portal === undefined) {
      const raw = await o.ask.input({
        message: T.portalQ[lang],
        default: portal,
        validate: (v) => (v.trim() === '' || (/^https?:\/\/[^/\s]+/.test(v.trim()) && !HAS_USERINFO.test(v.trim())) ? true : HAS_USERINFO.test(v.trim()) ? T.portalUserinfo[lang] : T.badPortal[lang]),
      });
      portal = raw.trim() ? raw.trim().replace(/\/+$/, '') : undefined;
    }
    if (o.org === undefined) {
      const SKIP = '\u0000skip';
      const remote = portal && o.portalOrgs ? await o.portalOrgs(portal) : undefined;
      const choices = [
        { value: SKIP, name: T.skip[lang] },
        ...orgChoices(remote, organization).map((c) => ({ value: c.name, name: `${c.title} [${c.name}]` })),
      ];
      // The portal's own name may not be on the bundled list (before login): let it be typed.
      const OTHER = '\u0000other';
      choices.push({ value: OTHER, name: T.other[lang] });
      const picked = await o.ask.select({ message: T.orgQ[lang], choices, default: organization ?? SKIP });
      organization =
        picked === SKIP
          ? undefined
          : picked === OTHER
            ? (await o.ask.input({ message: T.orgSlug[lang], validate: (raw) => { const c = checkCkanName(raw); return c.ok ? true : c.reason[lang]; } })).trim()
            : picked;
    }
  }
  return { portal, organization, lang };
}

async function describeAll(o: InitOptions, files: string[]): Promise<Resource[]> {
  const out: Resource[] = [];
  for (const rel of files) {
    const fallback: Resource = {
      name: slugify(path.basename(rel, path.extname(rel))).replace(/_/g, '-') || 'data',
      path: rel,
      format: path.extname(rel).slice(1).toLowerCase(),
    };
    if (!o.describe) {
      o.say(fmt(T.noDescribe[o.lang], { file: rel }));
      out.push(fallback);
      continue;
    }
    o.say(fmt(T.describing[o.lang], { file: rel }));
    try {
      const { resource, notes } = await o.describe(path.join(o.dir, rel), { lang: o.lang });
      for (const n of notes) o.say(fmt(T.note[o.lang], { level: LEVEL[n.level]?.[o.lang] ?? n.level, message: n.message[o.lang] }));
      // The package lives in `dir`: paths are relative to it, POSIX style, whatever describe returned.
      out.push({ ...resource, path: rel });
    } catch (e) {
      o.say(fmt(T.describeFailed[o.lang], { file: rel, reason: (e as Error)?.message ?? String(e) }));
      out.push(fallback);
    }
  }
  return out;
}

const exists = (p: string) => fs.stat(p).then(() => true, () => false);

export async function initRepository(o: InitOptions): Promise<InitResult> {
  const settings = await askSettings(o);
  await fs.mkdir(o.dir, { recursive: true });
  const dirName = path.basename(path.resolve(o.dir));

  const files = await findDataFiles(o.dir);
  o.say(fmt(T.found[o.lang], { n: files.length }));

  // Decide about every existing file before writing anything.
  const plan: { rel: string; content: () => Promise<string> | string }[] = [];
  let pkg: DataPackage | undefined;
  plan.push({
    rel: 'datapackage.json',
    content: async () => {
      pkg = buildPackage(dirName, await describeAll(o, files), settings);
      return packageText(pkg);
    },
  });
  plan.push({ rel: '.satudatarc.json', content: () => JSON.stringify(buildConfig(settings), null, 2) + '\n' });
  plan.push({ rel: 'README.md', content: () => buildReadme(dirName, files, settings) });
  for (const [template, rel] of STATIC_FILES) plan.push({ rel, content: () => render(readTemplate(template), { version: satudataVersion() }) });

  const keep = new Set<string>();
  for (const item of plan) {
    if (!(await exists(path.join(o.dir, item.rel)))) continue;
    const overwrite = o.interactive && o.ask ? await o.ask.confirm({ message: fmt(T.overwrite[o.lang], { file: item.rel }), default: false }) : false;
    if (!overwrite) keep.add(item.rel);
  }

  const written: string[] = [];
  const skipped: string[] = [];
  for (const item of plan) {
    if (keep.has(item.rel)) {
      skipped.push(item.rel);
      continue;
    }
    const text = await item.content();
    const target = path.join(o.dir, item.rel);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomic(target, text);
    written.push(item.rel);
  }
  return { written, skipped, settings, pkg };
}
