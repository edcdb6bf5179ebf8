/**
 * Where the organization choices come from: the portal (organizations the token may publish to),
 * else the configured organization, else the bundled list of Makassar SKPD
 * (templates/reference/skpd-makassar.json, built from ../shared/domain/skpd-makassar.csv).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface OrgChoice {
  /** CKAN organization name (slug). */
  name: string;
  title: string;
}

export interface Skpd {
  kode: string;
  nama: string;
  slug: string;
  jenis: string;
}

let cache: Skpd[] | undefined;

export function loadSkpd(): Skpd[] {
  if (!cache) {
    const file = fileURLToPath(new URL('../../templates/reference/skpd-makassar.json', import.meta.url));
    cache = (JSON.parse(readFileSync(file, 'utf8')) as { skpd: Skpd[] }).skpd;
  }
  return cache;
}

/** The SKPD's full name for an organization slug, for the producer default ("Dinas Kesehatan Kota Makassar"). */
export function skpdTitle(slug: string): string | undefined {
  const s = loadSkpd().find((x) => x.slug === slug);
  return s ? `${s.nama} Kota Makassar` : undefined;
}

export function orgChoices(portalOrgs: readonly OrgChoice[] | undefined, configured: string | undefined): OrgChoice[] {
  if (portalOrgs && portalOrgs.length) return [...portalOrgs];
  const skpd = loadSkpd().map((s) => ({ name: s.slug, title: `${s.nama} (${s.kode})` }));
  if (configured && !skpd.some((s) => s.name === configured)) skpd.unshift({ name: configured, title: configured });
  return skpd;
}
