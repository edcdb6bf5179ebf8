/**
 * Seeded generator of differential cases: small tables + Table Schemas (+ packages) that exercise every
 * field type and format, every constraint, primary/unique/foreign keys within and across resources,
 * missing values (schema and field level), CSV dialects, blank rows, extra and missing cells, duplicate and
 * blank labels, BOMs, encodings, CSV and XLSX. Plain JavaScript (no build step): the vitest test and
 * `npm run differential` (scripts/differential.js) share it.
 *
 * A case is { id, seed, desc, files: { path: string | Buffer | { sheet: rows } }, target, schema? }:
 * `target` is validated in the case folder, with `schema` as --schema for a bare file.
 */

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
  };
  return r;
}

const NAMES = ['id', 'kode', 'nama', 'nilai', 'jumlah', 'tanggal', 'jam', 'waktu', 'tahun', 'bulan', 'lama', 'lokasi', 'aktif', 'email', 'tautan', 'data', 'daftar', 'induk_id', 'kategori', 'catatan'];

/** Field kinds: type, format and descriptor extras, with generators of valid and invalid cells. */
const KINDS = [
  { type: 'string', valid: (r) => r.pick(['Makassar', 'Gowa', 'Maros', 'Takalar', 'Bone', 'a', 'AAA11', 'kode 7', 'Ujung Pandang']), invalid: null },
  { type: 'string', format: 'email', valid: (r) => r.pick(['a@b.id', 'dinas@makassar.go.id', 'x.y@z.co']), invalid: (r) => r.pick(['not-an-email', 'a@', '@b.id']) },
  { type: 'string', format: 'uri', valid: (r) => r.pick(['https://satudata.makassarkota.go.id', 'http://a.b/c?d=1', 'ftp://x.y/z']), invalid: (r) => r.pick(['satudata', 'www.makassar', '/a/b']) },
  { type: 'string', format: 'uuid', valid: (r) => r.pick(['123e4567-e89b-12d3-a456-426614174000', '9b2b1a0c-3b1f-4e6b-8f5e-2f1b7c9d0a11']), invalid: (r) => r.pick(['123e4567', 'zzzz-zzzz', '123e4567e89b12d3a456426614174000x']) },
  { type: 'string', format: 'binary', valid: (r) => r.pick(['aGVsbG8=', 'TWFrYXNzYXI=', '']), invalid: (r) => r.pick(['a', 'abcde']) },
  { type: 'date', format: '%Y/%m/%d', valid: (r) => `20${r.int(10, 29)}/0${r.int(1, 9)}/${r.int(10, 28)}`, invalid: (r) => r.pick(['2020-01-01', '2020/13/01']) },
  { type: 'time', format: '%H:%M', valid: (r) => `${r.int(10, 23)}:${r.int(10, 59)}`, invalid: (r) => r.pick(['10:00:00', '24:10', 'x']) },
  { type: 'time', format: 'any', valid: (r) => r.pick(['10:30', '10:30:15', '3pm']), invalid: (r) => r.pick(['kapan', '99:99']) },
  { type: 'datetime', format: '%d/%m/%Y %H:%M', valid: (r) => `${r.int(10, 28)}/0${r.int(1, 9)}/20${r.int(10, 29)} ${r.int(10, 23)}:${r.int(10, 59)}`, invalid: (r) => r.pick(['2020-01-01T10:00:00', '31/02/2020 10:00']) },
  { type: 'datetime', format: 'any', valid: (r) => r.pick(['2020-01-02 10:00', '2021-12-31T23:59:59']), invalid: (r) => r.pick(['nanti', 'x']) },
  { type: 'integer', valid: (r) => r.pick([String(r.int(-20, 120)), '+7', '007', '-0']), invalid: (r) => r.pick(['1.5', 'abc', '1e3', '12a', '', ' 5', '1_000']) },
  { type: 'integer', extra: { bareNumber: false }, valid: (r) => r.pick(['Rp 100', '50%', '€7', String(r.int(0, 99))]), invalid: (r) => r.pick(['x', '1.5']) },
  { type: 'integer', extra: { groupChar: '.' }, valid: (r) => r.pick(['1.000', '25', '1.234.567']), invalid: (r) => r.pick(['1,5', 'a']) },
  { type: 'number', valid: (r) => r.pick([String(r.int(-50, 50)), (r.int(0, 9999) / 100).toString(), '1e3', '-0.5', 'NaN', 'INF']), invalid: (r) => r.pick(['1,5', 'abc', '1.2.3', '--1']) },
  { type: 'number', extra: { decimalChar: ',', groupChar: '.' }, valid: (r) => r.pick(['1.234,5', '0,25', '12', '1.000']), invalid: (r) => r.pick(['1,2,3', 'x']) },
  { type: 'number', extra: { bareNumber: false }, valid: (r) => r.pick(['Rp 1.5', '15%', '$3']), invalid: (r) => r.pick(['Rp', 'abc']) },
  { type: 'boolean', valid: (r) => r.pick(['true', 'false', 'True', 'FALSE', '1', '0', 'yes', 'no']), invalid: (r) => r.pick(['ya', 'maybe', '2']) },
  { type: 'boolean', extra: { trueValues: ['ya', 'Y'], falseValues: ['tidak', 'T'] }, valid: (r) => r.pick(['ya', 'Y', 'tidak', 'T']), invalid: (r) => r.pick(['true', 'yes']) },
  { type: 'date', valid: (r) => `20${r.int(10, 29)}-0${r.int(1, 9)}-${r.int(10, 28)}`, invalid: (r) => r.pick(['2020-13-01', '2020-02-30', '01/02/2020', '2020-1-1x']) },
  { type: 'date', format: '%d/%m/%Y', valid: (r) => `${r.int(10, 28)}/0${r.int(1, 9)}/20${r.int(10, 29)}`, invalid: (r) => r.pick(['2020-01-01', '31/02/2020', '1/13/2020']) },
  { type: 'date', format: 'any', valid: (r) => r.pick(['2020-01-02', '2021-12-31']), invalid: (r) => r.pick(['kemarin', 'x']) },
  { type: 'time', valid: (r) => `${r.int(10, 23)}:${r.int(10, 59)}:${r.int(10, 59)}`, invalid: (r) => r.pick(['25:00:00', '12:60:00', 'noon']) },
  { type: 'datetime', valid: (r) => `20${r.int(10, 29)}-0${r.int(1, 9)}-${r.int(10, 28)}T${r.int(10, 23)}:${r.int(10, 59)}:00${r.pick(['', 'Z'])}`, invalid: (r) => r.pick(['2020-01-01', '2020-01-01 10:00', 'x']) },
  { type: 'year', valid: (r) => String(r.int(1990, 2030)), invalid: (r) => r.pick(['20', '2020.5', 'th2020']) },
  { type: 'yearmonth', valid: (r) => `20${r.int(10, 29)}-0${r.int(1, 9)}`, invalid: (r) => r.pick(['2020-13', '2020/01', '2020']) },
  { type: 'duration', valid: (r) => r.pick(['P1Y', 'P1M2D', 'PT1H', 'P1DT2H3M4S', 'PT0.5S']), invalid: (r) => r.pick(['1 hari', 'P', 'PT']) },
  { type: 'geopoint', valid: (r) => `${r.int(100, 140)}.5,${r.int(-10, 5)}.25`, invalid: (r) => r.pick(['200,100', 'a,b', '1']) },
  { type: 'geopoint', format: 'array', valid: (r) => `[${r.int(100, 140)}, ${r.int(-10, 5)}]`, invalid: (r) => r.pick(['[1]', '1,2', '[a,b]']) },
  { type: 'geopoint', format: 'object', valid: (r) => `{"lon": ${r.int(100, 140)}, "lat": ${r.int(-10, 5)}}`, invalid: (r) => r.pick(['{"lon": 1}', '[1,2]']) },
  { type: 'object', valid: (r) => r.pick(['{"a": 1}', '{}', '{"kota": "Makassar"}']), invalid: (r) => r.pick(['[1]', '{a}', '"x"']) },
  { type: 'array', valid: (r) => r.pick(['[1, 2]', '[]', '["a"]']), invalid: (r) => r.pick(['{"a":1}', '[1', 'a']) },
  { type: 'geojson', valid: (r) => r.pick(['{"type": "Point", "coordinates": [119.4, -5.1]}']), invalid: (r) => r.pick(['{"type": "Nope"}', '[1]']) },
  { type: 'any', valid: (r) => r.pick(['x', '1', 'true', '']), invalid: null },
];

const lists = (r) => ({ type: 'list', extra: { itemType: r.pick(['string', 'integer']), delimiter: r.pick([',', ';']) } });

/** A constraint for a kind, with values that satisfy and break it (null when none fits). */
function constraintFor(r, kind) {
  const t = kind.type;
  const c = [];
  c.push(() => ({ required: true }));
  if (t === 'string' && !kind.format) {
    c.push(() => ({ minLength: r.int(2, 5) }), () => ({ maxLength: r.int(3, 8) }), () => ({ enum: ['Makassar', 'Gowa', 'Maros'] }));
    c.push(() => ({ pattern: r.pick(['[A-Z]{3}[0-9]{2}', '[A-Za-z ]+', 'M.*', 'Gowa|Maros', '\\p{Lu}\\w+']) }));
  }
  if (t === 'integer' && !kind.extra) c.push(() => ({ minimum: r.int(-5, 20) }), () => ({ maximum: r.int(20, 100) }), () => ({ enum: [1, 2, 3, 10] }), () => ({ exclusiveMinimum: 0 }), () => ({ exclusiveMaximum: 50 }));
  if (t === 'number' && !kind.extra) c.push(() => ({ minimum: 0 }), () => ({ maximum: 10.5 }));
  if (t === 'date' && !kind.format) c.push(() => ({ minimum: '2015-01-01' }), () => ({ maximum: '2025-06-30' }));
  if (t === 'year') c.push(() => ({ minimum: 2000 }), () => ({ maximum: 2020 }));
  if (t === 'array' || t === 'object') c.push(() => ({ minLength: 1 }));
  return r.pick(c)();
}

function makeField(r, name, v2) {
  let kind = r.chance(v2 ? 0.04 : 0) ? lists(r) : r.pick(KINDS);
  if (kind.type === 'list') {
    const it = kind.extra.itemType;
    kind = { ...kind, valid: (rr) => (it === 'integer' ? [rr.int(1, 9), rr.int(1, 9)] : ['a', 'b']).join(kind.extra.delimiter), invalid: it === 'integer' ? (rr) => 'x' + kind.extra.delimiter + '1' : null };
  }
  const field = { name, type: kind.type };
  if (kind.format) field.format = kind.format;
  Object.assign(field, structuredClone(kind.extra ?? {}));
  if (r.chance(0.08) && (!kind.format || r.chance(0.1)) && (!kind.extra || r.chance(0.1))) delete field.type; // default type: string (rarely with a format it lacks)
  if (r.chance(0.35)) field.constraints = constraintFor(r, kind);
  if (r.chance(0.15)) field.constraints = { ...(field.constraints ?? {}), unique: true };
  if (v2 && r.chance(0.12)) field.missingValues = r.pick([['n/a'], ['-', ''], [], ['0'], [{ value: '-', label: 'tidak ada' }, { value: '' }]]);
  if (v2 && (kind.type === 'object' || kind.type === 'array') && r.chance(0.15)) field.constraints = { ...(field.constraints ?? {}), jsonSchema: kind.type === 'object' ? { type: 'object', required: ['a'] } : { type: 'array', maxItems: 1 } };
  if (v2 && kind.type === 'string' && !kind.format && r.chance(0.1)) field.categories = r.pick([['Makassar', 'Gowa'], [{ value: 'Makassar', label: 'Kota Makassar' }, { value: 'Maros' }]]);
  return { field, kind };
}

/** One cell: valid most of the time, sometimes invalid, missing, or a missing-value marker. */
function cellFor(r, col, missingMarkers) {
  const roll = r.next();
  if (roll < 0.1) return '';
  if (roll < 0.15 && missingMarkers.length) return r.pick(missingMarkers);
  if (roll < 0.27 && col.kind.invalid) return col.kind.invalid(r);
  if (roll < 0.3 && col.field.constraints?.enum) return String(r.pick(col.field.constraints.enum));
  return col.kind.valid(r);
}

function csvText(rows, dialect) {
  const d = dialect?.delimiter ?? ',';
  const q = dialect?.quoteChar ?? '"';
  const quote = (s) => (s.includes(d) || s.includes(q) || s.includes('\n') || s.includes('\r') ? q + s.split(q).join(q + q) + q : s);
  return rows.map((row) => row.map((c) => quote(String(c))).join(d)).join('\n') + '\n';
}

/** Table content: labels row(s) and data rows, perturbed (blank rows, extra and missing cells, labels). */
function makeTable(r, cols, missingMarkers, opts, keyPools) {
  const desc = [];
  const labels = cols.map((c) => c.field.name);
  const lr = r.next();
  if (lr < 0.06 && labels.length > 1) { labels[r.int(1, labels.length - 1)] = labels[0]; desc.push('duplicate label'); }
  else if (lr < 0.12) { labels[r.int(0, labels.length - 1)] = ''; desc.push('blank label'); }
  else if (lr < 0.17 && labels.length > 1) { labels.pop(); desc.push('missing label'); }
  else if (lr < 0.22) { labels.push('tambahan'); desc.push('extra label'); }
  else if (lr < 0.26 && labels.length > 1) { [labels[0], labels[1]] = [labels[1], labels[0]]; desc.push('swapped labels'); }
  else if (lr < 0.3) { labels[0] = labels[0].toUpperCase(); desc.push('label case'); }
  const rows = [];
  const n = r.int(0, opts.maxRows);
  for (let i = 0; i < n; i++) {
    if (r.chance(0.05)) { rows.push(cols.map(() => '')); desc.push('blank row'); continue; }
    const row = cols.map((c) => (keyPools[c.field.name] && r.chance(0.85) ? r.pick(keyPools[c.field.name]) : cellFor(r, c, c.field.missingValues ?? missingMarkers)));
    const pr = r.next();
    if (pr < 0.05) { row.push(r.pick(['x', '9'])); desc.push('extra cell'); }
    else if (pr < 0.1 && row.length > 1) { row.pop(); desc.push('missing cell'); }
    rows.push(row);
  }
  return { rows: [labels, ...rows], desc };
}

/** Values for key fields drawn from small pools so duplicates and misses happen. */
function keyPool(r, kind) {
  const out = [];
  for (let i = 0; i < 4; i++) out.push(kind.valid(r));
  return [...new Set(out)];
}

function encodeCsv(r, text, desc, allowLatin) {
  const e = r.next();
  if (e < 0.08) { desc.push('BOM'); return { data: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]) }; }
  if (e < 0.14 && allowLatin) { desc.push('latin-1 declared'); return { data: Buffer.from(text.replace(/a/g, 'á'), 'latin1'), encoding: 'latin-1' }; }
  if (e < 0.2) { desc.push('CRLF'); return { data: Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8') }; }
  if (e < 0.26 && allowLatin) { desc.push('windows-1252 undeclared'); return { data: Buffer.from(text.replace(/a/g, 'é'), 'latin1') }; }
  if (e < 0.23) { desc.push('UTF-16LE with BOM'); return { data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) }; }
  return { data: Buffer.from(text, 'utf8') };
}

/** For XLSX: numbers as numbers (as an officer types them), the rest as text. */
function xlsxRows(rows, cols, r) {
  return rows.map((row, i) => row.map((c, j) => {
    if (r && i > 0 && c !== '' && r.chance(0.05)) {
      // typed cells as Excel stores them: dates, booleans
      const t = cols[j]?.field.type;
      const date = new Date(c + 'T00:00:00Z');
      if (t === 'date' && !cols[j].field.format && /^\d{4}-\d\d-\d\d$/.test(c) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(c)) return date;
      if (t === 'boolean' && /^(true|false)$/.test(c)) return c === 'true';
    }
    if (i === 0 || c === '') return c === '' ? null : c;
    const t = cols[j]?.field.type;
    if ((t === 'integer' || t === 'number' || t === 'year') && /^-?\d+(\.\d+)?$/.test(c)) return Number(c);
    return c;
  }));
}

/** The field descriptor of each data column: by position, or by label when fieldsMatch matches by name. */
function columnFields(schema, labels) {
  if (!labels || !schema.fieldsMatch || schema.fieldsMatch === 'exact') return schema.fields;
  // An empty first line is no header at all: columns are the fields by position (frictionless-py too).
  if (labels.every((l) => String(l ?? '').trim() === '')) return schema.fields;
  return labels.map((l) => schema.fields.find((f) => f.name === l));
}

/** A field in a few characters: name:type/format{options}{constraints}. */
export function fieldText(f) {
  const extra = Object.keys(f).filter((k) => !['name', 'type', 'format', 'constraints'].includes(k));
  return `${f.name}:${f.type ?? '(none)'}${f.format ? '/' + f.format : ''}${extra.length ? '+' + extra.join('+') : ''}${f.constraints ? JSON.stringify(f.constraints) : ''}`;
}

export function generateCase(seed, opts = {}) {
  const r = rng(seed * 2654435761 + 12345);
  const maxRows = opts.maxRows ?? 8;
  const v2 = r.chance(0.3);
  const xlsx = r.chance(0.2);
  const mode = r.chance(0.25) ? 'bare' : 'package';
  const desc = [v2 ? 'v2' : 'v1', xlsx ? 'xlsx' : 'csv', mode];
  const fieldsAt = desc.length;
  const nFields = r.int(1, 6);
  const names = [...NAMES].sort(() => r.next() - 0.5).slice(0, nFields);
  const cols = names.map((nm) => makeField(r, nm, v2));
  const schema = { fields: cols.map((c) => c.field) };
  if (v2) schema.$schema = 'https://datapackage.org/profiles/2.0/tableschema.json';
  let missingMarkers = [''];
  if (r.chance(0.3)) { missingMarkers = r.pick([['', '-'], ['NA'], ['', 'n/a', '0'], []]); schema.missingValues = missingMarkers; desc.push(`missingValues ${JSON.stringify(missingMarkers)}`); }
  if (v2 && schema.missingValues && r.chance(0.3)) schema.missingValues = schema.missingValues.map((v) => ({ value: v, label: `kosong ${v}` }));
  if ([schema, ...schema.fields].some((d) => (d.missingValues ?? []).some((v) => typeof v === 'object'))) desc.push('missingValues as objects');
  const keyPools = {};
  // Keys: a primary key, unique keys (v2), a self-referencing foreign key.
  const keyable = cols.filter((c) => ['string', 'integer', undefined].includes(c.field.type) && !c.field.format && !c.field.bareNumber && !c.field.groupChar);
  if (keyable.length && r.chance(0.4)) {
    const pk = keyable.slice(0, r.chance(0.25) && keyable.length > 1 ? 2 : 1).map((c) => c.field.name);
    schema.primaryKey = r.chance(0.2) && pk.length === 1 ? pk[0] : pk;
    for (const c of keyable.filter((k) => pk.includes(k.field.name))) keyPools[c.field.name] = keyPool(r, c.kind);
    desc.push(`primaryKey ${JSON.stringify(schema.primaryKey)}`);
  }
  if (v2 && keyable.length && r.chance(0.2)) {
    schema.uniqueKeys = [keyable.slice(0, r.int(1, Math.min(2, keyable.length))).map((c) => c.field.name)];
    for (const nm of schema.uniqueKeys[0]) keyPools[nm] ??= keyPool(r, cols.find((c) => c.field.name === nm).kind);
    desc.push(`uniqueKeys ${JSON.stringify(schema.uniqueKeys)}`);
  }
  if (keyable.length >= 4 && r.chance(0.3)) {
    // composite self-reference: (c, d) -> (a, b)
    const [a, b, c, d] = keyable;
    c.field.type = a.field.type; c.kind = a.kind; d.field.type = b.field.type; d.kind = b.kind;
    for (const f of [c.field, d.field]) if (f.type === undefined) delete f.type;
    keyPools[a.field.name] ??= keyPool(r, a.kind);
    keyPools[b.field.name] ??= keyPool(r, b.kind);
    keyPools[c.field.name] = [...keyPools[a.field.name], a.kind.valid(r)];
    keyPools[d.field.name] = [...keyPools[b.field.name]];
    schema.foreignKeys = [{ fields: [c.field.name, d.field.name], reference: { resource: '', fields: [a.field.name, b.field.name] } }];
    desc.push(`composite self foreignKey (${c.field.name},${d.field.name})->(${a.field.name},${b.field.name})`);
  } else if (keyable.length >= 2 && r.chance(0.3)) {
    const [a, b] = keyable;
    b.field.type = a.field.type;
    if (a.field.type === undefined) delete b.field.type;
    b.kind = a.kind;
    keyPools[a.field.name] ??= keyPool(r, a.kind);
    keyPools[b.field.name] = [...keyPools[a.field.name], a.kind.valid(r)];
    const reference = { fields: [a.field.name] };
    const form = r.next();
    if (form < 0.5) reference.resource = '';
    else if (form < 0.7 && mode === 'package') reference.resource = 'data';
    schema.foreignKeys = [{ fields: [b.field.name], reference }];
    desc.push(`self foreignKey ${b.field.name}->${a.field.name} resource=${JSON.stringify(reference.resource)}`);
  }
  const dialect = {};
  if (!xlsx && mode === 'package' && r.chance(0.15)) { dialect.delimiter = r.pick([';', '\t', '|']); desc.push(`delimiter ${JSON.stringify(dialect.delimiter)}`); }
  if (!xlsx && mode === 'package' && r.chance(0.05)) { dialect.quoteChar = "'"; desc.push('quoteChar'); }
  if (!xlsx && mode === 'package' && r.chance(0.04)) { dialect.skipInitialSpace = true; desc.push('skipInitialSpace'); }
  if (mode === 'package' && r.chance(0.05)) { dialect.header = false; desc.push('header false'); }
  if (v2 && r.chance(0.12)) { schema.fieldsMatch = r.pick(['equal', 'subset', 'superset', 'partial']); desc.push(`fieldsMatch ${schema.fieldsMatch}`); }
  desc.splice(fieldsAt, 0, `fields [${cols.map((c) => fieldText(c.field)).join(', ')}]`);
  if (!xlsx && !dialect.delimiter && cols.some((c) => c.field.delimiter === ';')) desc.push('";" inside values, no dialect');
  const table = makeTable(r, cols, missingMarkers, { maxRows }, keyPools);
  // for the allowlist: which field a data column holds (by label under name matching)
  const labelsRow = dialect.header === false ? null : table.rows[0];
  if (dialect.header === false) table.rows.shift();
  if (dialect.skipInitialSpace) table.rows = table.rows.map((row, i) => (i > 0 ? row.map((c) => (c && r.chance(0.3) ? ' ' + c : c)) : row));
  desc.push(...new Set(table.desc));
  const files = {};
  const dataName = xlsx ? 'data.xlsx' : 'data.csv';
  const resource = { name: 'data', path: dataName, schema };
  if (xlsx) files[dataName] = { xlsx: xlsxRows(table.rows, cols, r) };
  else {
    const enc = encodeCsv(r, csvText(table.rows, dialect), desc, mode === 'package');
    files[dataName] = enc.data;
    if (enc.encoding) resource.encoding = enc.encoding;
  }
  if (Object.keys(dialect).length) resource.dialect = dialect;
  // A second resource referenced by a foreign key (across resources), with its own primary key.
  if (mode === 'package' && keyable.length && r.chance(0.3)) {
    const c = keyable[keyable.length - 1];
    const pool = keyPools[c.field.name] ?? keyPool(r, c.kind);
    keyPools[c.field.name] = pool;
    const refField = { name: 'kode_ref', ...(c.field.type ? { type: c.field.type } : {}) };
    const refSchema = { fields: [refField, { name: 'label', type: 'string' }] };
    if (r.chance(0.6)) refSchema.primaryKey = ['kode_ref'];
    const refRows = [['kode_ref', 'label'], ...pool.slice(0, -1).map((v, i) => [v, `L${i}`])];
    if (r.chance(0.2)) refRows.push(['', 'kosong']);
    if (r.chance(0.2) && refRows.length > 1) refRows.push([refRows[1][0], 'dup']);
    files['ref.csv'] = Buffer.from(csvText(refRows), 'utf8');
    (schema.foreignKeys ??= []).push({ fields: [c.field.name], reference: { resource: 'ref', fields: ['kode_ref'] } });
    desc.push(`foreignKey ${c.field.name}->ref.kode_ref${refSchema.primaryKey ? ' (ref has primaryKey)' : ''}`);
    // re-draw the column from the pool so the foreign key is exercised
    for (let i = 1; i < table.rows.length; i++) {
      const idx = cols.indexOf(c);
      if (table.rows[i].length > idx && table.rows[i].some((x) => x !== '') && r.chance(0.8)) table.rows[i][idx] = r.pick(pool);
    }
    if (xlsx) files[dataName] = { xlsx: xlsxRows(table.rows, cols, r) };
    else if (!resource.encoding) files[dataName] = Buffer.from(csvText(table.rows, dialect), 'utf8');
    const pkg = { name: 'kasus', resources: [resource, { name: 'ref', path: 'ref.csv', schema: refSchema }] };
    if (v2) pkg.$schema = 'https://datapackage.org/profiles/2.0/datapackage.json';
    files['datapackage.json'] = JSON.stringify(pkg, null, 1);
    return { id: `s${seed}`, seed, desc: desc.join(', '), fields: columnFields(schema, labelsRow), files, target: 'datapackage.json' };
  }
  if (mode === 'bare') {
    files['schema.json'] = JSON.stringify(schema, null, 1);
    return { id: `s${seed}`, seed, desc: desc.join(', '), fields: columnFields(schema, labelsRow), files, target: dataName, schema: 'schema.json' };
  }
  const pkg = { name: 'kasus', resources: [resource] };
  if (v2) pkg.$schema = 'https://datapackage.org/profiles/2.0/datapackage.json';
  files['datapackage.json'] = JSON.stringify(pkg, null, 1);
  return { id: `s${seed}`, seed, desc: desc.join(', '), fields: columnFields(schema, labelsRow), files, target: 'datapackage.json' };
}
