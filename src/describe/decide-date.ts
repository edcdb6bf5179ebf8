/** Date/time columns: one family for the whole column, and a strptime `format` that reads all values. */
import type { Field } from '../schema/types.js';
import type { ColumnTally } from './column-scorer.js';
import type { ColumnIdentity } from './decide.js';
import { monthAlternation } from './months.js';
import { note } from './note.js';
import type { FieldChoice } from './types.js';
import { mf } from '../i18n.js';
import { at } from '../invariant.js';

function titled(f: Field, id: ColumnIdentity): Field {
  return id.title !== undefined && id.title !== f.name ? { ...f, title: id.title } : f;
}

export function decideDate(t: ColumnTally, id: ColumnIdentity): FieldChoice {
  const d = t.dates;
  const str = titled({ name: id.name, type: 'string' }, id);
  const families = [d.isoDate, d.numeric.count, d.isoDatetime.count, d.time.count, d.monthName.count].filter((n) => n > 0).length;
  const mixed = (): FieldChoice => ({ field: str, fallbacks: [], notes: [note('warning', 'mixed-date-formats', mf('describe.decide-date.column_mixes_several_date', { name: id.name }), id.name)] });
  if (families !== 1) return mixed();
  const typed = (type: string, format?: string): Field => titled(format ? { name: id.name, type, format } : { name: id.name, type }, id);

  if (d.isoDate > 0) return { field: typed('date'), fallbacks: [str], notes: [] };

  if (d.numeric.count > 0) {
    if (d.numeric.seps.size !== 1) return mixed();
    const sep = at([...d.numeric.seps], 0);
    const { dmOk, mdOk } = d.numeric;
    if (!dmOk && !mdOk) {
      const rows = [d.numeric.dmOnlyRow, d.numeric.mdOnlyRow].filter((r): r is number => r !== undefined);
      return { field: str, fallbacks: [], notes: [note('warning', 'date-order-mixed', mf('describe.decide-date.column_has_dates_valid', { name: id.name }), id.name, rows)] };
    }
    const monthFirst = mdOk && !dmOk;
    const format = monthFirst ? `%m${sep}%d${sep}%Y` : `%d${sep}%m${sep}%Y`;
    const notes = [];
    if (monthFirst) {
      notes.push(note('info', 'date-month-first', mf('describe.decide-date.column_uses_month_day', { name: id.name, format }), id.name, d.numeric.mdOnlyRow !== undefined ? [d.numeric.mdOnlyRow] : undefined));
    } else if (dmOk && mdOk) {
      notes.push(note('warning', 'date-order-ambiguous', mf('describe.decide-date.column_every_date_reads', { name: id.name, format }), id.name));
    }
    return { field: typed('date', format), fallbacks: [str], notes };
  }

  if (d.isoDatetime.count > 0) {
    const dt = d.isoDatetime;
    if (dt.seps.size !== 1 || (dt.seconds !== 0 && dt.seconds !== dt.count) || (dt.zone !== 0 && dt.zone !== dt.count)) return mixed();
    const sep = at([...dt.seps], 0);
    if (sep === 'T' && dt.seconds === dt.count) return { field: typed('datetime'), fallbacks: [str], notes: [] };
    const format = `%Y-%m-%d${sep}%H:%M${dt.seconds ? ':%S' : ''}${dt.zone ? '%z' : ''}`;
    return { field: typed('datetime', format), fallbacks: [str], notes: [] };
  }

  if (d.time.count > 0) {
    const tm = d.time;
    if ((tm.seconds !== 0 && tm.seconds !== tm.count) || (tm.zone !== 0 && tm.zone !== tm.count)) return mixed();
    if (tm.seconds === tm.count && tm.unpadded === 0 && tm.zone === 0) return { field: typed('time'), fallbacks: [str], notes: [] };
    const format = `%H:%M${tm.seconds ? ':%S' : ''}${tm.zone ? '%z' : ''}`;
    return { field: typed('time', format), fallbacks: [str], notes: [] };
  }

  // Indonesian month names: strptime's %B/%b only know English names, so a standard validator cannot
  // read `31 Desember 2023` as a date. Keep the text, pin its shape with a pattern, and say so.
  const forms = d.monthName.forms;
  const months = `(?:${monthAlternation()})\\.?`;
  const parts: string[] = [];
  if (forms.has('dmy')) parts.push(`[0-3]?[0-9][ -]${months}[ -][0-9]{4}`);
  if (forms.has('my')) parts.push(`${months}[ -][0-9]{4}`);
  const field: Field = { ...str, constraints: { pattern: parts.length === 1 ? at(parts, 0) : parts.map((p) => `(?:${p})`).join('|') } };
  return { field, fallbacks: [str], notes: [note('info', 'month-names', mf('describe.decide-date.column_holds_dates_with', { name: id.name }), id.name)] };
}
