/** Human-readable text of a describe result, Bahasa Indonesia by default. Pure. */
import { Chalk } from 'chalk';
import type { Lang } from '../i18n.js';
import type { Dialect, Field, Resource, Schema } from '../schema/types.js';
import type { DescribeNote } from './types.js';
import { msg } from '../i18n.js';

function typeLabel(f: Field): string {
  const parts = [String(f.type ?? 'any')];
  if (f.format) parts.push(`format ${f.format}`);
  if (f.decimalChar) parts.push(`decimalChar "${f.decimalChar}"`);
  if (f.groupChar) parts.push(`groupChar "${f.groupChar}"`);
  if (f.bareNumber === false) parts.push('bareNumber false');
  if (f.trueValues) parts.push(`true ${f.trueValues.join('/')}`);
  if (f.constraints?.enum) parts.push(`enum (${f.constraints.enum.length})`);
  if (f.constraints?.pattern) parts.push('pattern');
  return parts.join(', ');
}

function rowsText(rows: number[] | undefined, lang: Lang): string {
  if (!rows?.length) return '';
  return msg(lang, 'describe.render.rows', { rows: rows.join(', ') });
}

export function renderDescribe(resource: Resource, notes: DescribeNote[], lang: Lang, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const schema = resource.schema as Schema;
  const dialect = (resource.dialect ?? {}) as Dialect;
  const out: string[] = [];
  const where = [resource.format, resource.encoding, dialect.sheetName ? `sheet "${dialect.sheetName}"` : undefined].filter(Boolean).join(', ');
  out.push(c.bold(`${msg(lang, 'describe.render.resource')}: ${resource.name}`) + `  (${resource.path}; ${where})`);
  out.push(`${msg(lang, 'describe.render.dialect')}: ${JSON.stringify(dialect)}`);
  out.push(`missingValues: ${JSON.stringify(schema.missingValues ?? [''])}`);
  out.push('');
  out.push(c.bold(msg(lang, 'describe.render.fields', { length: schema.fields.length })));
  const width = Math.min(40, Math.max(...schema.fields.map((f) => f.name.length), 4));
  schema.fields.forEach((f, i) => {
    const title = f.title && f.title !== f.name ? `  « ${f.title} »` : '';
    out.push(`  ${String(i + 1).padStart(3)}  ${f.name.padEnd(width)}  ${typeLabel(f)}${c.dim(title)}`);
  });
  if (notes.length) {
    out.push('');
    out.push(c.bold(msg(lang, 'describe.render.notes')));
    for (const n of notes) {
      const mark = n.level === 'warning' ? c.yellow('!') : c.cyan('i');
      out.push(`  ${mark} ${n.message[lang]}${rowsText(n.rows, lang)}`);
    }
  }
  return out.join('\n') + '\n';
}
