/** Picks the reader for a field's type and format (compiled once per field). */
import type { Field } from '../types.js';
import { INVALID, type Reader } from './common.js';
import { integerReader, numberReader, yearReader, yearmonthReader } from './numeric.js';
import { dateReader, datetimeReader, timeReader } from './temporal.js';
import { anyReader, booleanReader, stringReader } from './text.js';
import { arrayReader, durationReader, geojsonReader, geopointReader, listReader, objectReader } from './structured.js';

/** Item types a v2 `list` may declare; items use the type's default format. */
export const LIST_ITEM_TYPES = ['string', 'integer', 'boolean', 'number', 'datetime', 'date', 'time'];

/** fl-py reads a field without `type` as a string (v1 meaning), and strips the v0 `fmt:` prefix. */
export function fieldType(field: Field): string {
  return typeof field.type === 'string' && field.type !== '' ? field.type : 'string';
}

export function fieldFormat(field: Field): string {
  const f = typeof field.format === 'string' && field.format !== '' ? field.format : 'default';
  return f.startsWith('fmt:') ? f.slice(4) : f;
}

export function makeReader(type: string, format: string, field: Field): Reader {
  switch (type) {
    case 'string': return stringReader(format);
    case 'integer': return integerReader(field);
    case 'number': return numberReader(field);
    case 'boolean': return booleanReader(field);
    case 'date': return dateReader(format);
    case 'time': return timeReader(format);
    case 'datetime': return datetimeReader(format);
    case 'year': return yearReader();
    case 'yearmonth': return yearmonthReader();
    case 'duration': return durationReader();
    case 'geopoint': return geopointReader(format);
    case 'geojson': return geojsonReader(format);
    case 'object': return objectReader();
    case 'array': return arrayReader();
    case 'any': return anyReader();
    case 'list': {
      const itemType = typeof field.itemType === 'string' ? field.itemType : 'string';
      if (!LIST_ITEM_TYPES.includes(itemType)) return () => INVALID;
      return listReader(field, makeReader(itemType, 'default', { name: field.name }));
    }
    default:
      // unknown type: every value is a type error; the descriptor check names the type once
      return () => INVALID;
  }
}
