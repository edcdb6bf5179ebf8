/**
 * The audit itself: portal snapshot + register + now → result. Pure (no I/O, no clock), so every
 * rule is tested with fixed inputs and `--now` makes reports reproducible.
 */
import { defaultGraceDays, frequencyInfo, parseFrequency, type FrequencyCode } from './frequency.js';
import { addDays, addPeriod, isoUtc, parseUtc } from './time.js';
import type { AuditResult, OrgAudit, PortalDataset, PortalSnapshot, RegisterEntry, StaleDataset } from './types.js';

export interface AuditOptions {
  now: Date;
  /** Same grace for every frequency; default: `defaultGraceDays` (a quarter of the period). */
  graceDays?: number;
  /** Only these organizations (names). */
  orgs?: string[];
}

/** Without a register (or a frequency extra), a dataset is judged as yearly: "no update for a long time". */
export const FREQUENCY_WITHOUT_REGISTER: FrequencyCode = 'tahunan';

const RECENT_DAYS = 365;

/**
 * A dataset's last update: its newest resource `last_modified` (or the resource's `created`), else the
 * dataset's `metadata_modified`. Resource dates come first because ≤2.11 bumps `metadata_modified` on
 * any metadata edit, which says nothing about the data being current.
 */
export function lastUpdateOf(d: PortalDataset): Date | undefined {
  let best: Date | undefined;
  for (const r of d.resources) {
    const t = parseUtc(r.lastModified ?? undefined) ?? parseUtc(r.created ?? undefined);
    if (t && (!best || t > best)) best = t;
  }
  return best ?? parseUtc(d.metadataModified ?? undefined);
}

/** When a dataset updated at `last` becomes late: last + period + grace; null if it never does. */
export function dueDate(last: Date, frequency: FrequencyCode, graceDays?: number): Date | null {
  const period = frequencyInfo(frequency).period;
  if (period === null) return null;
  const grace = graceDays ?? defaultGraceDays(frequency) ?? 0;
  return addDays(addPeriod(last, period), grace);
}

function staleEntry(d: PortalDataset, title: string, frequency: FrequencyCode, opts: AuditOptions): StaleDataset | undefined {
  const last = lastUpdateOf(d);
  // CKAN always sets metadata_modified; a dataset without any timestamp gives nothing to judge by.
  if (!last) return undefined;
  const due = dueDate(last, frequency, opts.graceDays);
  if (due === null || due.getTime() >= opts.now.getTime()) return undefined;
  return { name: d.name, title, lastUpdate: isoUtc(last), frequency, dueAt: isoUtc(due) };
}

function emptyOrg(name: string, title: string, onPortal: boolean): OrgAudit {
  return { name, title, datasets: 0, expected: 0, present: 0, missing: [], empty: [], stale: [], unexpected: [], onPortal, lastUpdate: null, recentUpdates: 0 };
}

/** Worst first: largest share of expected datasets missing or stale, then most missing/stale, then fewest datasets. */
export function compareWorstFirst(a: OrgAudit, b: OrgAudit): number {
  const invalid = (o: OrgAudit) => new Set(o.quality?.invalid.map((i) => i.name) ?? []).size;
  const share = (o: OrgAudit) => (o.expected === 0 ? 0 : (o.missing.length + o.empty.length + o.stale.length + invalid(o)) / o.expected);
  return (
    share(b) - share(a) ||
    b.missing.length + b.empty.length - (a.missing.length + a.empty.length) ||
    b.stale.length - a.stale.length ||
    Number(a.onPortal) - Number(b.onPortal) ||
    a.datasets - b.datasets ||
    a.name.localeCompare(b.name)
  );
}

/** Most active first: most datasets updated in the last year, then the newest update, then most datasets. */
export function compareActivity(a: OrgAudit, b: OrgAudit): number {
  return (
    b.recentUpdates - a.recentUpdates ||
    (b.lastUpdate ?? '').localeCompare(a.lastUpdate ?? '') ||
    b.datasets - a.datasets ||
    a.name.localeCompare(b.name)
  );
}

export function audit(snapshot: PortalSnapshot, register: RegisterEntry[] | undefined, opts: AuditOptions): AuditResult {
  const only = opts.orgs && opts.orgs.length > 0 ? new Set(opts.orgs) : undefined;
  const wanted = (org: string) => !only || only.has(org);
  const orgs = new Map<string, OrgAudit>();
  for (const o of snapshot.organizations) if (wanted(o.name)) orgs.set(o.name, emptyOrg(o.name, o.title || o.name, true));

  const byOrg = new Map<string, PortalDataset[]>();
  for (const d of snapshot.datasets) {
    if (!wanted(d.org)) continue;
    if (!orgs.has(d.org)) orgs.set(d.org, emptyOrg(d.org, d.org, d.org !== ''));
    const list = byOrg.get(d.org) ?? [];
    list.push(d);
    byOrg.set(d.org, list);
  }

  const expectedByOrg = new Map<string, RegisterEntry[]>();
  for (const e of register ?? []) {
    if (!wanted(e.org)) continue;
    // An organization in the register that the portal does not know: all its datasets are missing.
    if (!orgs.has(e.org)) orgs.set(e.org, emptyOrg(e.org, e.org, false));
    const list = expectedByOrg.get(e.org) ?? [];
    list.push(e);
    expectedByOrg.set(e.org, list);
  }
  // --org names that neither side knows are still reported, so a typo is visible rather than silent.
  for (const name of only ?? []) if (!orgs.has(name)) orgs.set(name, emptyOrg(name, name, false));

  const deleted = new Map((snapshot.deleted ?? []).map((d) => [d.name, d]));
  const recentSince = addDays(opts.now, -RECENT_DAYS);
  for (const org of orgs.values()) {
    const datasets = byOrg.get(org.name) ?? [];
    const byName = new Map(datasets.map((d) => [d.name, d]));
    org.datasets = datasets.length;
    let newest: Date | undefined;
    for (const d of datasets) {
      const last = lastUpdateOf(d);
      if (last && (!newest || last > newest)) newest = last;
      if (last && last >= recentSince && last <= opts.now) org.recentUpdates++;
    }
    org.lastUpdate = newest ? isoUtc(newest) : null;

    if (register) {
      const expected = expectedByOrg.get(org.name) ?? [];
      const expectedNames = new Set(expected.map((e) => e.dataset));
      org.expected = expected.length;
      for (const e of expected) {
        const d = byName.get(e.dataset);
        if (!d) {
          const gone = deleted.get(e.dataset);
          org.missing.push({ name: e.dataset, title: e.title, frequency: e.frequency, deleted: gone !== undefined, lastUpdate: gone?.lastUpdate ?? null });
          continue;
        }
        // No active resource: the dataset is there but nothing is published (not "present").
        if (d.resources.length === 0) {
          org.empty.push({ name: d.name, title: e.title });
          continue;
        }
        org.present++;
        const s = staleEntry(d, e.title, e.frequency, opts);
        if (s) org.stale.push(s);
      }
      org.unexpected = datasets.map((d) => d.name).filter((n) => !expectedNames.has(n)).sort();
    } else {
      for (const d of datasets) {
        if (d.resources.length === 0) {
          org.empty.push({ name: d.name, title: d.title || d.name });
          continue;
        }
        const s = staleEntry(d, d.title || d.name, parseFrequency(d.frequency) ?? FREQUENCY_WITHOUT_REGISTER, opts);
        if (s) org.stale.push(s);
      }
    }
    org.missing.sort((a, b) => a.name.localeCompare(b.name));
    org.empty.sort((a, b) => a.name.localeCompare(b.name));
    org.stale.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.name.localeCompare(b.name));
  }

  const list = [...orgs.values()].sort(compareWorstFirst);
  const sum = (f: (o: OrgAudit) => number) => list.reduce((n, o) => n + f(o), 0);
  return {
    portal: snapshot.portal,
    generatedAt: isoUtc(opts.now),
    withRegister: register !== undefined,
    summary: {
      organizations: list.length,
      expected: sum((o) => o.expected),
      present: sum((o) => o.present),
      missing: sum((o) => o.missing.length),
      deleted: sum((o) => o.missing.filter((m) => m.deleted).length),
      empty: sum((o) => o.empty.length),
      stale: sum((o) => o.stale.length),
      datasets: sum((o) => o.datasets),
    },
    organizations: list,
  };
}

/** The documented `--json` document (issue 6): exactly these keys, counts as integers, dates ISO UTC. */
export function toJsonDocument(r: AuditResult): unknown {
  const s = r.summary;
  return {
    portal: r.portal,
    generatedAt: r.generatedAt,
    summary: {
      organizations: s.organizations,
      expected: s.expected,
      present: s.present,
      empty: s.empty,
      missing: s.missing,
      deleted: s.deleted,
      stale: s.stale,
      ...(r.checkedData ? { invalid: s.invalid ?? 0, unchecked: s.unchecked ?? 0 } : {}),
    },
    organizations: r.organizations.map((o) => ({
      name: o.name,
      title: o.title,
      datasets: o.datasets,
      expected: o.expected,
      present: o.present,
      empty: o.empty.map((e) => ({ name: e.name, title: e.title })),
      missing: o.missing.map((m) => ({ name: m.name, title: m.title, deleted: m.deleted, lastUpdate: m.lastUpdate })),
      stale: o.stale.map((x) => ({ name: x.name, title: x.title, lastUpdate: x.lastUpdate, frequency: x.frequency, dueAt: x.dueAt })),
      unexpected: o.unexpected,
      onPortal: o.onPortal,
      lastUpdate: o.lastUpdate,
      ...(o.quality
        ? {
            checked: o.quality.checked,
            noSchema: o.quality.noSchema,
            invalid: o.quality.invalid.map((i) => ({ name: i.name, resource: i.resource, errors: i.errors, firstErrors: i.firstErrors, noSchema: i.noSchema })),
            unchecked: o.quality.unchecked.length,
            uncheckedResources: o.quality.unchecked.map((u) => ({ name: u.name, resource: u.resource, reason: u.reason, detail: u.detail })),
          }
        : {}),
    })),
  };
}
