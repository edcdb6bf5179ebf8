import type { Lang } from '../i18n.js';

/**
 * What a value of a type/format should look like, for people: used by the text report to say what was
 * expected when a cell has a type-error. `spec` is the frictionless note's "type/format" part.
 */
export function expectedValue(spec: string, lang: Lang): string {
  const [type = 'string', format = 'default'] = spec.split('/');
  const id = lang === 'id';
  const pattern = format.includes('%') ? strftimeExample(format) : undefined;
  switch (type) {
    case 'integer':
      return id ? 'bilangan bulat tanpa titik atau koma, contoh 1250' : 'a whole number without separators, e.g. 1250';
    case 'number':
      return id ? 'angka dengan titik sebagai pemisah desimal, contoh 12.5' : 'a number with a dot as decimal separator, e.g. 12.5';
    case 'boolean':
      return id ? 'nilai benar/salah: true atau false' : 'a true/false value: true or false';
    case 'date':
      if (pattern) return id ? `tanggal dengan format ${format}, contoh ${pattern}` : `a date in the format ${format}, e.g. ${pattern}`;
      return id ? 'tanggal dengan format TTTT-BB-HH, contoh 2023-12-31' : 'a date as YYYY-MM-DD, e.g. 2023-12-31';
    case 'time':
      if (pattern) return id ? `waktu dengan format ${format}, contoh ${pattern}` : `a time in the format ${format}, e.g. ${pattern}`;
      return id ? 'waktu dengan format JJ:MM:DD, contoh 09:30:00' : 'a time as hh:mm:ss, e.g. 09:30:00';
    case 'datetime':
      if (pattern) return id ? `tanggal-waktu dengan format ${format}, contoh ${pattern}` : `a date-time in the format ${format}, e.g. ${pattern}`;
      return id ? 'tanggal dan waktu ISO 8601, contoh 2023-12-31T09:30:00' : 'an ISO 8601 date-time, e.g. 2023-12-31T09:30:00';
    case 'year':
      return id ? 'tahun empat digit, contoh 2024' : 'a four-digit year, e.g. 2024';
    case 'yearmonth':
      return id ? 'tahun-bulan, contoh 2024-03' : 'a year-month, e.g. 2024-03';
    case 'duration':
      return id ? 'durasi ISO 8601, contoh P1DT2H' : 'an ISO 8601 duration, e.g. P1DT2H';
    case 'geopoint':
      return id ? 'koordinat "bujur, lintang", contoh "119.41, -5.14"' : 'a point as "longitude, latitude", e.g. "119.41, -5.14"';
    case 'geojson':
      return id ? 'objek GeoJSON yang valid' : 'a valid GeoJSON object';
    case 'object':
      return id ? 'objek JSON, contoh {"a": 1}' : 'a JSON object, e.g. {"a": 1}';
    case 'array':
      return id ? 'larik JSON, contoh [1, 2]' : 'a JSON array, e.g. [1, 2]';
    case 'list':
      return id ? 'daftar nilai dipisah koma, contoh a,b,c' : 'a comma-separated list, e.g. a,b,c';
    case 'string':
      if (format === 'email') return id ? 'alamat email, contoh nama@makassarkota.go.id' : 'an e-mail address, e.g. name@makassarkota.go.id';
      if (format === 'uri') return id ? 'alamat URL lengkap, contoh https://data.makassarkota.go.id' : 'a full URL, e.g. https://data.makassarkota.go.id';
      if (format === 'uuid') return id ? 'UUID, contoh 123e4567-e89b-12d3-a456-426614174000' : 'a UUID';
      if (format === 'binary') return id ? 'data base64' : 'base64 data';
      return id ? 'teks (bukan angka atau tanggal dari Excel)' : 'text (not an Excel number or date)';
    default:
      return `${type}/${format}`;
  }
}

/** An example value for a strptime pattern, e.g. %d/%m/%Y → 31/12/2023. */
export function strftimeExample(format: string): string {
  const map: Record<string, string> = { Y: '2023', y: '23', m: '12', d: '31', H: '09', M: '30', S: '00', b: 'Dec', B: 'December', p: 'AM', I: '09', f: '000000', z: '+0800', j: '365', a: 'Sun', A: 'Sunday', '%': '%' };
  return format.replace(/%(.)/g, (m, c: string) => map[c] ?? m);
}
