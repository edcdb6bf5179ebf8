/**
 * Time handling of the audit. CKAN writes naive UTC timestamps (`2024-03-05T10:20:30.123456`, no `Z`);
 * reading them as local time would shift every due date by the machine's offset, so they are read as UTC.
 * Calendar arithmetic (adding months) is done on the Makassar calendar (WITA, UTC+8, no DST), because
 * a "month" for the agencies is a month in Makassar.
 */
import type { PeriodLength } from './frequency.js';

const DAY_MS = 86_400_000;
/** Asia/Makassar is UTC+8 all year (no daylight saving). */
export const WITA_OFFSET_MS = 8 * 3_600_000;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parse an ISO 8601 date or date-time. Without a zone mark it is UTC (CKAN's convention, and what
 * `--now 2025-01-31` means). Returns undefined for anything else, including impossible dates.
 */
export function parseUtc(text: string | null | undefined): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const ms = Number((frac + '000').slice(0, 3));
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(t);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return undefined;
  }
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return new Date(t);
}

/** ISO 8601 in UTC with `Z`, without milliseconds when they are zero (stable, readable JSON). */
export function isoUtc(d: Date): string {
  const s = d.toISOString();
  return s.endsWith('.000Z') ? s.slice(0, -5) + 'Z' : s;
}

/** Add whole calendar months on the WITA calendar; the day is clamped (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsWita(d: Date, months: number): Date {
  const local = new Date(d.getTime() + WITA_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const moved = Date.UTC(y, m, day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
  return new Date(moved - WITA_OFFSET_MS);
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

export function addPeriod(d: Date, p: PeriodLength): Date {
  return 'days' in p ? addDays(d, p.days) : addMonthsWita(d, p.months);
}

/** The calendar date in Makassar (YYYY-MM-DD), for human-facing reports. */
export function witaDate(d: Date): string {
  return new Date(d.getTime() + WITA_OFFSET_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}
