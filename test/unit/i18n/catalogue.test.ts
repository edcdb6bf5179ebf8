import { describe, it, expect } from 'vitest';
import { id } from '../../../src/messages/id.js';
import { en } from '../../../src/messages/en.js';
import { msg, m } from '../../../src/i18n.js';

const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!))].sort();

describe('message catalogues', () => {
  const idKeys = Object.keys(id).sort();
  const enKeys = Object.keys(en).sort();

  it('have exactly the same keys in both languages', () => {
    expect(idKeys.filter((k) => !(k in en))).toEqual([]);
    expect(enKeys.filter((k) => !(k in id))).toEqual([]);
    expect(idKeys.length).toBeGreaterThan(0);
  });

  it('use the same placeholders per key in both languages', () => {
    const id_ = id as Record<string, string>;
    const en_ = en as Record<string, string>;
    const diff = idKeys.filter((k) => k in en_ && placeholders(id_[k]!).join() !== placeholders(en_[k]!).join());
    expect(diff).toEqual([]);
  });

  it('have no empty text', () => {
    const empty = [...Object.entries(id), ...Object.entries(en)].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('key every message by a dotted code', () => {
    expect(idKeys.filter((k) => !/^[a-z][\w-]*(\.[\w-]+)+$/.test(k))).toEqual([]);
  });
});

describe('msg()', () => {
  const code = Object.keys(id).find((k) => placeholders((id as Record<string, string>)[k]!).length > 0) as keyof typeof id;

  it('picks the language and fills every placeholder', () => {
    const names = placeholders(id[code]);
    const vars = Object.fromEntries(names.map((n) => [n, `<${n}>`]));
    for (const lang of ['id', 'en'] as const) {
      const out = msg(lang, code, vars);
      expect(out).not.toMatch(/\{\w+\}/);
      for (const n of names) expect(out).toContain(`<${n}>`);
    }
    expect(msg('id', code)).toBe(id[code]);
    expect(msg('en', code)).toBe(en[code]);
  });

  it('m() gives both languages of a code', () => {
    expect(m(code)).toEqual({ id: id[code], en: en[code] });
  });
});
