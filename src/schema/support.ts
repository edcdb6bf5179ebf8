/** Which constraints each type accepts: frictionless-py's `supported_constraints` + v2 additions. */

const BOUNDS = ['required', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'enum'];

export const SUPPORTED_CONSTRAINTS: Record<string, readonly string[]> = {
  string: ['required', 'minLength', 'maxLength', 'pattern', 'enum'],
  integer: BOUNDS, number: BOUNDS, date: BOUNDS, time: BOUNDS, datetime: BOUNDS, year: BOUNDS, yearmonth: BOUNDS,
  boolean: ['required', 'enum'],
  duration: ['required', 'enum'],
  geopoint: ['required', 'enum'],
  geojson: ['required', 'enum'],
  any: ['required', 'enum'],
  // jsonSchema is v2 (fl-py ignores it): objects and arrays only
  object: ['required', 'minLength', 'maxLength', 'enum', 'jsonSchema'],
  array: ['required', 'minLength', 'maxLength', 'enum', 'jsonSchema'],
  list: ['required', 'minLength', 'maxLength'],
};

/** Check order within a field (fl-py order; v2-only checks last). */
export const CONSTRAINT_ORDER = ['required', 'minLength', 'maxLength', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'enum', 'jsonSchema'];

/** Types that may declare v2 `categories`. */
export const CATEGORY_TYPES = ['string', 'integer'];

/** Longest cell a `pattern` is tested on; longer cells fail it (keeps a worst case bounded). */
export const PATTERN_MAX_CHARS = 10_000;
