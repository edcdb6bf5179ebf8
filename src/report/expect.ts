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
      return msg(lang, 'report.expect.a_whole_number_without');
    case 'number':
      return msg(lang, 'report.expect.a_number_with_a');
    case 'boolean':
      return msg(lang, 'report.expect.a_true_false_value');
    case 'date':
      if (pattern) return msg(lang, 'report.expect.a_date_in_the', { format, pattern });
      return msg(lang, 'report.expect.a_date_as_yyyy');
    case 'time':
      if (pattern) return msg(lang, 'report.expect.a_time_in_the', { format, pattern });
      return msg(lang, 'report.expect.a_time_as_hh');
    case 'datetime':
      if (pattern) return msg(lang, 'report.expect.a_date_time_in', { format, pattern });
      return msg(lang, 'report.expect.an_iso_8601_date');
    case 'year':
      return msg(lang, 'report.expect.a_four_digit_year');
    case 'yearmonth':
      return msg(lang, 'report.expect.a_year_month_e');
    case 'duration':
      return msg(lang, 'report.expect.an_iso_8601_duration');
    case 'geopoint':
      return msg(lang, 'report.expect.a_point_as_longitude');
    case 'geojson':
      return msg(lang, 'report.expect.a_valid_geojson_object');
    case 'object':
      return msg(lang, 'report.expect.a_json_object_e');
    case 'array':
      return msg(lang, 'report.expect.a_json_array_e');
    case 'list':
      return msg(lang, 'report.expect.a_comma_separated_list');
    case 'string':
      if (format === 'email') return msg(lang, 'report.expect.an_e_mail_address');
      if (format === 'uri') return msg(lang, 'report.expect.a_full_url_e');
      if (format === 'uuid') return msg(lang, 'report.expect.a_uuid');
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
