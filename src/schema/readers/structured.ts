/** object / array / geojson / geopoint / duration / list readers (fl-py lexical rules). */
import type { Field } from '../types.js';
import { INVALID, type Reader } from './common.js';
import { at } from '../../invariant.js';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function objectReader(): Reader {
  return (cell) => {
    if (typeof cell !== 'string') return INVALID;
    const v = parseJson(cell);
    return isPlainObject(v) ? v : INVALID;
  };
}

export function arrayReader(): Reader {
  return (cell) => {
    if (typeof cell !== 'string') return INVALID;
    const v = parseJson(cell);
    return Array.isArray(v) ? v : INVALID;
  };
}

// --- GeoJSON: the structural rules of the GeoJSON schema fl-py validates against ---
const isPosition = (p: unknown): boolean =>
  Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number');
const nested = (v: unknown, depth: number): boolean =>
  Array.isArray(v) && (depth === 0 ? isPosition(v) : v.every((x) => nested(x, depth - 1)));
const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

export function isGeometry(g: unknown): boolean {
  if (!isPlainObject(g) || typeof g.type !== 'string') return false;
  if (g.type === 'GeometryCollection') return Array.isArray(g.geometries) && g.geometries.every(isGeometry);
  const depth = DEPTH[g.type];
  return depth !== undefined && nested(g.coordinates, depth);
}

const isFeature = (f: unknown): boolean => isPlainObject(f) && f.type === 'Feature'
  && 'geometry' in f && (f.geometry === null || isGeometry(f.geometry))
  && 'properties' in f && (f.properties === null || isPlainObject(f.properties));

export function isGeoJson(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  if (v.type === 'Feature') return isFeature(v);
  if (v.type === 'FeatureCollection') return Array.isArray(v.features) && v.features.every(isFeature);
  return isGeometry(v);
}

export const isTopoJson = (v: unknown): boolean =>
  isPlainObject(v) && v.type === 'Topology' && isPlainObject(v.objects) && Array.isArray(v.arcs);

export function geojsonReader(format: string): Reader {
  const test = format === 'topojson' ? isTopoJson : isGeoJson;
  return (cell) => {
    if (typeof cell !== 'string') return INVALID;
    const v = parseJson(cell);
    return test(v) ? v : INVALID;
  };
}

// --- geopoint: [lon, lat] with fl-py's Decimal parsing and range checks ---
const DECIMAL = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const coord = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' && DECIMAL.test(v) ? Number(v) : NaN;

export function geopointReader(format: string): Reader {
  return (cell) => {
    if (typeof cell !== 'string') return INVALID;
    let lon: number, lat: number;
    if (format === 'array') {
      const v = parseJson(cell);
      if (!Array.isArray(v) || v.length !== 2) return INVALID;
      lon = coord(v[0]); lat = coord(v[1]);
    } else if (format === 'object') {
      const v = parseJson(cell);
      if (!isPlainObject(v) || Object.keys(v).length !== 2) return INVALID;
      lon = coord(v.lon); lat = coord(v.lat);
    } else {
      const parts = cell.split(',');
      if (parts.length !== 2) return INVALID;
      lon = coord(parts[0]); lat = coord(parts[1]);
    }
    // NaN fails both comparisons' complement, as Decimal NaN fails fl-py's range check
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) return INVALID;
    return [lon, lat];
  };
}

// --- duration: isodate.parse_duration; the value is canonical `P<months>MT<seconds>S` text,
// so equal durations (P1D and PT24H, P1Y and P12M) are equal, as isodate compares them ---
const PERIOD = /^([+-])?P(?!\b)(?:(\d+(?:[,.]\d+)?)Y)?(?:(\d+(?:[,.]\d+)?)M)?(?:(\d+(?:[,.]\d+)?)W)?(?:(\d+(?:[,.]\d+)?)D)?(?:T(?:(\d+(?:[,.]\d+)?)H)?(?:(\d+(?:[,.]\d+)?)M)?(?:(\d+(?:[,.]\d+)?)S)?)?$/;
const ALT_PERIOD = /^([+-])?P(\d{4})-?(\d\d)-?(\d\d)(?:T(\d\d):?(\d\d):?(\d\d))?$/;
const num = (s: string | undefined): number => (s === undefined ? 0 : Number(s.replace(',', '.')));

export function parseDuration(text: string): string | typeof INVALID {
  let sign = 1, months: number, seconds: number;
  const m = PERIOD.exec(text);
  if (m) {
    sign = m[1] === '-' ? -1 : 1;
    months = num(m[2]) * 12 + num(m[3]);
    seconds = num(m[4]) * 604800 + num(m[5]) * 86400 + num(m[6]) * 3600 + num(m[7]) * 60 + num(m[8]);
  } else {
    const a = ALT_PERIOD.exec(text);
    if (!a) return INVALID;
    sign = a[1] === '-' ? -1 : 1;
    months = num(a[2]) * 12 + num(a[3]);
    seconds = num(a[4]) * 86400 + num(a[5]) * 3600 + num(a[6]) * 60 + num(a[7]);
  }
  return `P${sign * months || 0}MT${sign * seconds || 0}S`;
}

export function durationReader(): Reader {
  return (cell) => (typeof cell === 'string' ? parseDuration(cell) : INVALID);
}

// --- list (v2): split on `delimiter`, read each item with the item type's default reader ---
export function listReader(field: Field, itemReader: Reader): Reader {
  const delimiter = typeof field.delimiter === 'string' && field.delimiter !== '' ? field.delimiter : ',';
  return (cell) => {
    // a single Excel number is a one-item list, written as Excel shows it
    const text = typeof cell === 'string' ? cell : typeof cell === 'number' ? String(cell) : undefined;
    if (text === undefined) return INVALID;
    const parts = text.split(delimiter);
    const out: unknown[] = new Array(parts.length);
    for (let i = 0; i < parts.length; i++) {
      const v = itemReader(at(parts, i));
      if (v === INVALID) return INVALID;
      out[i] = v;
    }
    return out;
  };
}
