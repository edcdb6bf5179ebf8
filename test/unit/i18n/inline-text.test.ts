/**
 * User-facing text lives in the message catalogues (src/messages/{id,en}/*.ts), keyed by code. This
 * test reads every source file and fails when text in one language is written inline again: a
 * ternary on the language that yields a string, an inline `{ id: '…', en: '…' }` pair, or an error
 * of the readers / pattern engine built from a literal instead of `notes(code, vars)`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const SRC = join(ROOT, 'src');

/** Files allowed to hold inline bilingual text, each with the reason. Keep this list short. */
const ALLOW: Record<string, { rules: string[]; why: string }> = {
  'src/cli/help-text.ts': {
    rules: ['inline-pair'],
    why: "the command line's own catalogue (help of every command and option, keyed by command and flag), with its own completeness test",
  },
};

const LIT = '[`\'"]';
const LANG_TEST = String.raw`(?:\b\w*[Ll]ang\s*[!=]==?\s*['"](?:id|en)['"]|(?<![.\w])(?:isEn|isId)\b)`;
const RULES: Array<{ name: string; re: RegExp }> = [
  // lang === 'en' ? 'text' : …   /   isEn ? `text` : …
  { name: 'language-ternary', re: new RegExp(`${LANG_TEST}\\s*\\)?\\s*\\?\\s*${LIT}`, 'g') },
  // lang === 'en' ? value : 'text'
  { name: 'language-ternary', re: new RegExp(`${LANG_TEST}\\s*\\)?\\s*\\?[^:;\\n]*:\\s*${LIT}`, 'g') },
  // { id: 'teks', en: 'text' }
  { name: 'inline-pair', re: new RegExp(`\\bid:\\s*${LIT}[^\\n]*\\n?\\s*[^\\n]*\\ben:\\s*${LIT}`, 'g') },
  // new TableSourceError('format-error', `literal note`, …)
  { name: 'literal-source-error', re: new RegExp(`new TableSourceError\\(\\s*[^,()]+,\\s*${LIT}`, 'g') },
  // new PatternRefusal('syntax', `literal detail`)
  { name: 'literal-pattern-refusal', re: new RegExp(`new PatternRefusal\\(\\s*[^,()]+,\\s*${LIT}`, 'g') },
];

export function findings(text: string, file = '<text>'): string[] {
  const out: string[] = [];
  for (const { name, re } of RULES) {
    if (ALLOW[file]?.rules.includes(name)) continue;
    for (const m of text.matchAll(re)) {
      const line = text.slice(0, m.index).split('\n').length;
      out.push(`${file}:${line} ${name}: ${m[0].replace(/\s+/g, ' ').slice(0, 80)}`);
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return p === join(SRC, 'messages') ? [] : sourceFiles(p);
    return d.name.endsWith('.ts') ? [p] : [];
  });
}

describe('user-facing text lives in the catalogues', () => {
  const files = sourceFiles(SRC);

  it('reads the whole of src/ (except the catalogues themselves)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.includes('/messages/'))).toBe(false);
  });

  it('no source file writes text in one language inline', () => {
    const found = files.flatMap((f) => findings(readFileSync(f, 'utf8'), relative(ROOT, f)));
    expect(found).toEqual([]);
  });

  it('every allowed file still exists and still needs its exemption', () => {
    for (const [file, { rules }] of Object.entries(ALLOW)) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const all = RULES.filter((r) => rules.includes(r.name)).flatMap((r) => [...text.matchAll(r.re)]);
      expect(all.length, file).toBeGreaterThan(0);
    }
  });

  it.each([
    [`const s = lang === 'en' ? 'Run again' : 'Jalankan lagi';`],
    [`const s = ctx.lang !== "id"\n  ? \`Internal error: \${m}\`\n  : \`Galat internal: \${m}\`;`],
    [`const s = isEn ? 'rows' : 'baris';`],
    [`const s = (lang === 'id') ? note : 'the file';`],
    [`const t = { id: 'Berkas rusak', en: 'Broken file' };`],
    [`const t = {\n  id: \`Kolom \${n}\`,\n  en: \`Column \${n}\`,\n};`],
    [`throw new TableSourceError('format-error', \`invalid excel file "\${label}"\`, 'Berkas rusak');`],
    [`throw new PatternRefusal('too-large', 'longer than 10 characters');`],
  ])('catches inline text: %s', (text) => {
    expect(findings(text)).not.toEqual([]);
  });

  it.each([
    [`throw new TableSourceError('format-error', ...notes('source.zip.encrypted', { label }));`],
    [`const what = (lang === 'id' && e.noteId) || msg(lang, 'report.messages.format-error.what', { note });`],
    [`if (lang === 'en') return message;`],
    [`const print = res.id ? fingerprint(res) : null;`],
    [`return { id: say('id'), en: say('en') };`],
  ])('lets catalogue-based code pass: %s', (text) => {
    expect(findings(text)).toEqual([]);
  });
});
