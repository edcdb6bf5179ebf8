import type { Lang } from '../i18n.js';
import { msg } from '../i18n.js';

/**
 * What a value of a type/format should look like, for people: used by the text report to say what was
 * expected when a cell has a type-error. `spec` is the frictionless note's "type/format" part.
 */
export function expectedValue(spec: string, lang: Lang): string {
  const [type = 'string', format = 'default'] = spec.split('/');
  const pattern = format.includes('%') ? strftimeExample(format) : undefined;
  switch (type) {
    case 'integer':
      return msg(lang, 'report.expect.integer');
    case 'number':
      return msg(lang, 'report.expect.number');
    case 'boolean':
      return msg(lang, 'report.expect.boolean');
    case 'date':
      if (pattern) return msg(lang, 'report.expect.date_format', { format, pattern });
      return msg(lang, 'report.expect.date');
    case 'time':
      if (pattern) return msg(lang, 'report.expect.time_format', { format, pattern });
      return msg(lang, 'report.expect.time');
    case 'datetime':
      if (pattern) return msg(lang, 'report.expect.datetime_format', { format, pattern });
      return msg(lang, 'report.expect.datetime');
    case 'year':
      return msg(lang, 'report.expect.year');
    case 'yearmonth':
      return msg(lang, 'report.expect.yearmonth');
    case 'duration':
      return msg(lang, 'report.expect.duration');
    case 'geopoint':
      return msg(lang, 'report.expect.geopoint');
    case 'geojson':
      return msg(lang, 'report.expect.geojson');
    case 'object':
      return msg(lang, 'report.expect.object');
    case 'array':
      return msg(lang, 'report.expect.array');
    case 'list':
      return msg(lang, 'report.expect.list');
    case 'string':
      if (format === 'email') return msg(lang, 'report.expect.email');
      if (format === 'uri') return msg(lang, 'report.expect.uri');
      if (format === 'uuid') return msg(lang, 'report.expect.uuid');
      if (format === 'binary') return msg(lang, 'report.expect.base64_data');
      return msg(lang, 'report.expect.text_not_an_excel');
    default:
      return `${type}/${format}`;
  }
}

/** An example value for a strptime pattern, e.g. %d/%m/%Y → 31/12/2023. */
export function strftimeExample(format: string): string {
  const map: Record<string, string> = { Y: '2023', y: '23', m: '12', d: '31', H: '09', M: '30', S: '00', b: 'Dec', B: 'December', p: 'AM', I: '09', f: '000000', z: '+0800', j: '365', a: 'Sun', A: 'Sunday', '%': '%' };
  return format.replace(/%(.)/g, (m, c: string) => map[c] ?? m);
}
