/**
 * Pure answer checkers for Satu Data metadata. Each returns the normalised value or a reason in both
 * languages, so the same rule serves the interactive prompt (reason shown as it is typed), `--set`
 * (exit 2 listing every reason) and the `satudata` validation profile.
 */
import { mf, type Msg, type MsgCode } from '../i18n.js';
import { at } from '../invariant.js';

export type Checked<T = string> = { ok: true; value: T } | { ok: false; reason: Msg };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (code: MsgCode, vars?: Record<string, unknown>): Checked<never> => ({ ok: false, reason: mf(code, vars) });

/** CKAN `name` rules (dataset and organization slugs): 2-100 of a-z 0-9 - _, and not a reserved word. */
const CKAN_NAME = /^[a-z0-9_-]{2,100}$/;
const RESERVED_NAMES = new Set(['new', 'edit', 'search']);

export function checkCkanName(raw: string): Checked {
  const v = raw.trim();
  if (!CKAN_NAME.test(v)) {
    return bad('metadata.rules.ckan_name_invalid', { value: v });
  }
  if (RESERVED_NAMES.has(v)) return bad('metadata.rules.ckan_name_reserved', { value: v });
  return ok(v);
}

/** A CKAN-safe slug from a title: what CKAN's own form suggests (ASCII, lowercase, dashes). */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 100)
    .replace(/[-_]+$/g, '');
}

/** CKAN tag rules (ckan.logic.validators.tag_*): 2-100 characters of word characters, space, "-", "_", ".". */
const TAG = /^[\p{L}\p{N}_ .-]+$/u;

export function checkTag(raw: string): Checked {
  const v = raw.trim();
  if (v.length < 2 || v.length > 100) {
    return bad('metadata.rules.tag_length', { value: v });
  }
  if (!TAG.test(v)) {
    return bad('metadata.rules.tag_chars', { value: v });
  }
  return ok(v);
}

/** A comma-separated list of tags; empty items are dropped and duplicates removed (case-insensitively). */
export function checkTagList(raw: string): Checked<string[]> {
  const out: string[] = [];
  for (const part of splitList(raw)) {
    const c = checkTag(part);
    if (!c.ok) return c;
    if (!out.some((t) => t.toLowerCase() === c.value.toLowerCase())) out.push(c.value);
  }
  return ok(out);
}

export function splitList(raw: string): string[] {
  return raw.split(/[,;]/).map((s) => s.trim()).filter((s) => s !== '');
}

const EMAIL = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[A-Za-z]{2,}$/;

export function checkEmail(raw: string): Checked {
  const v = raw.trim();
  if (!EMAIL.test(v)) return bad('metadata.rules.email_invalid', { value: v });
  return ok(v);
}

export function checkText(raw: string, min = 1, max = 10000): Checked {
  const v = raw.trim();
  if (v.length < min) return bad('metadata.rules.text_required', { min });
  if (v.length > max) return bad('metadata.rules.text_too_long', { max });
  return ok(v);
}

// --- periods --------------------------------------------------------------------------------------

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** One period in the notation of satu-data.md §2.5: 2024, 2024-03, 2024-Q1, 2024-C1, 2024-S1, 2024-W10, 2024-03-05. */
function parsePeriod(p: string): { year: number; start: number } | string {
  let m = /^(\d{4})$/.exec(p);
  const year = (g: RegExpExecArray) => Number(at(g, 1));
  if (m) return { year: year(m), start: 0 };
  if ((m = /^(\d{4})-(\d{2})$/.exec(p))) {
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return `bulan ${m[2]}`;
    return { year: year(m), start: (mo - 1) * 31 };
  }
  if ((m = /^(\d{4})-Q([1-4])$/i.exec(p))) return { year: year(m), start: (Number(m[2]) - 1) * 93 };
  if ((m = /^(\d{4})-C([1-3])$/i.exec(p))) return { year: year(m), start: (Number(m[2]) - 1) * 124 };
  if ((m = /^(\d{4})-S([12])$/i.exec(p))) return { year: year(m), start: (Number(m[2]) - 1) * 186 };
  if ((m = /^(\d{4})-W(\d{2})$/i.exec(p))) {
    const w = Number(m[2]);
    if (w < 1 || w > 53) return `minggu ${m[2]}`;
    return { year: year(m), start: (w - 1) * 7 };
  }
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p))) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return `tanggal ${p}`;
    return { year: year(m), start: (Number(m[2]) - 1) * 31 + Number(m[3]) - 1 };
  }
  return 'format';
}

/**
 * The reference period(s) of the data: one period or a range `start/end` (ISO 8601 interval style).
 * `2019-2024` and `2019 - 2024` are accepted and stored as `2019/2024`. Years must be 1900-2100 and a
 * range must not run backwards.
 */
export function checkPeriod(raw: string): Checked {
  let v = raw.trim().toUpperCase().replace(/\s*\/\s*/, '/');
  const yearRange = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(v);
  if (yearRange) v = `${yearRange[1]}/${yearRange[2]}`;
  const parts = v.split('/');
  if (parts.length > 2 || v === '') return bad('metadata.rules.period_unknown', { value: raw.trim() });
  const parsed = parts.map(parsePeriod);
  for (const p of parsed) {
    if (typeof p === 'string') return bad('metadata.rules.period_unknown', { value: raw.trim() });
    if (p.year < MIN_YEAR || p.year > MAX_YEAR) {
      return bad('metadata.rules.year_out_of_range', { year: p.year, min: MIN_YEAR, max: MAX_YEAR });
    }
  }
  const [a, b] = parsed as { year: number; start: number }[];
  if (a && b && (b.year < a.year || (b.year === a.year && b.start < a.start))) {
    return bad('metadata.rules.period_backwards', { value: v });
  }
  return ok(parts.map((p) => p.replace(/-([QCSW])/i, (_m, c: string) => `-${c.toUpperCase()}`)).join('/'));
}

/** Kemendagri region code, dotted: 73, 73.71, 73.71.01 or 73.71.01.1001 (satu-data.md §3). */
export function checkKodeWilayah(raw: string): Checked {
  const v = raw.trim();
  if (!/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(v)) {
    return bad('metadata.rules.region_code', { value: v });
  }
  return ok(v);
}

export function checkIsoDate(raw: string): Checked {
  const v = raw.trim();
  const p = /^\d{4}-\d{2}-\d{2}$/.test(v) ? parsePeriod(v) : 'format';
  if (typeof p === 'string') return bad('metadata.rules.not_iso_date', { value: v });
  return ok(v);
}

/** A closed vocabulary with synonyms: matching ignores case, spaces, dashes and underscores. */
export interface Term {
  code: string;
  label: Msg;
  synonyms: string[];
}

const squash = (s: string) => s.toLowerCase().replace(/[\s_\-./]+/g, '');

export function checkTerm(raw: string, terms: readonly Term[], what: Msg): Checked {
  const key = squash(raw);
  for (const term of terms) {
    if ([term.code, term.label.id, term.label.en, ...term.synonyms].some((s) => squash(s) === key)) return ok(term.code);
  }
  const codes = terms.map((x) => x.code).join(', ');
  return bad('metadata.rules.term_unknown', { what, value: raw.trim(), codes });
}
