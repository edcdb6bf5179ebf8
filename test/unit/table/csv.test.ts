import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../../src/table/open.js';
import { FIXTURES, openFdsTo, readAll, sourceError, tempFile } from './helpers.js';

const fx = (name: string) => join(FIXTURES, name);

describe('CSV reader on the real samples', () => {
  it('jakarta-kode-wilayah: CR-only line endings give 268 records of 11 cells', async () => {
    const { rows, table } = await readAll({ path: fx('jakarta-kode-wilayah-2014.csv') });
    expect(table.dialect.lineTerminator).toBe('\r');
    expect(rows).toHaveLength(268);
    expect(rows.every((r) => r.cells.length === 11)).toBe(true);
    expect(rows[0]!.cells.slice(0, 3)).toEqual(['tahun', 'nomor_provinsi', 'nama_provinsi']);
  });

  it('bps-pengangguran: the UTF-8 BOM is not part of the first cell; blank row 2 has cells', async () => {
    const { rows, table } = await readAll({ path: fx('bps-pengangguran-terbuka-pendidikan-1986-2024.csv') });
    expect(table.encoding).toBe('utf-8');
    expect(String(rows[0]!.cells[0])).toMatch(/^Pengangguran Terbuka/);
    expect(rows).toHaveLength(33);
    expect(rows[2]!.cells.slice(0, 3)).toEqual(['No.', 'Pendidikan Tertinggi Yang Ditamatkan', '1986']);
  });

  it('bnpb: mixed bytes are read as windows-1252 (quotes and bullets decoded), the 11-cell row kept', async () => {
    const { rows, table } = await readAll({ path: fx('bnpb-bencana-kecelakaan-transportasi-2011-2014.csv') });
    expect(table.encoding).toBe('windows-1252');
    expect(table.dialect.delimiter).toBe(',');
    expect(rows).toHaveLength(60);
    expect(rows.filter((r) => r.cells.length === 11)).toHaveLength(1);
    const text = rows.flatMap((r) => r.cells).join(' ');
    expect(text).toContain('•');
    expect(text).toContain('Jum’at');
    expect(text).not.toMatch(/[\x80-\x9f]/);
  });

  it('bnpb with utf-8 declared: encoding-error with byte offset, row, hex bytes and the fix', async () => {
    const path = fx('bnpb-bencana-kecelakaan-transportasi-2011-2014.csv');
    const bytes = readFileSync(path);
    const err = await sourceError({ path, encoding: 'utf-8' });
    expect(err?.type).toBe('encoding-error');
    expect(err!.note).toMatch(/byte offset \d+ \(row \d+\)/);
    expect(err!.note).toMatch(/0x[0-9a-f]{2}/);
    expect(err!.note).toMatch(/save the file as UTF-8/);
    expect(err!.noteId).toMatch(/Simpan ulang berkas sebagai UTF-8/);
    const offset = Number(/byte offset (\d+)/.exec(err!.note)![1]);
    const hex = /byte\(s\) (0x[0-9a-f]{2})/.exec(err!.note)![1];
    expect(bytes[offset]).toBe(parseInt(hex!, 16));
    expect(bytes.subarray(0, offset).toString('utf8')).not.toContain('\ufffd'); // the first bad byte
    // The row is the CSV record holding that byte: count records before it with the parser's rules.
    const row = Number(/\(row (\d+)\)/.exec(err!.note)![1]);
    const before = bytes.subarray(0, offset).toString('latin1');
    expect(row).toBe(before.split('\r\n').length);
  });

  it('jabar: quoted decimal commas stay one cell', async () => {
    const { rows } = await readAll({ path: fx('jabar-persentase-balita-stunting-kabkota.csv') });
    expect(rows.every((r) => r.cells.length === 8)).toBe(true);
    expect(rows.some((r) => r.cells.includes('1,91'))).toBe(true);
  });
});

describe('CSV reader: dialect and detection', () => {
  it('sniffs a semicolon file (synthetic, id-ID Excel style)', async () => {
    const { rows, table } = await readAll({ path: fx('synthetic-semicolon-id.csv') });
    expect(table.dialect.delimiter).toBe(';');
    expect(rows[1]!.cells).toEqual(['Mariso', '60.499', '1,82']);
  });

  it('.tsv defaults to tab (synthetic)', async () => {
    const { rows, table } = await readAll({ path: fx('synthetic-tab.tsv') });
    expect(table.dialect.delimiter).toBe('\t');
    expect(rows[1]!.cells).toEqual(['7371010', 'Mariso', 'kota, pesisir']);
  });

  it('a declared delimiter wins over sniffing', async () => {
    const { rows } = await readAll({ path: fx('synthetic-semicolon-id.csv'), dialect: { delimiter: ',' } });
    expect(rows[1]!.cells).toEqual(['Mariso;"60.499";1', '82']); // a mid-cell quote is literal
  });

  it('falls back to comma for a one-column file', async () => {
    const { table } = await readAll({ path: tempFile('one.csv', 'nama\nMariso\n') });
    expect(table.dialect.delimiter).toBe(',');
  });

  it('a UTF-16LE file with BOM is decoded', async () => {
    const path = tempFile('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a;b\n1;2\n', 'utf16le')]));
    const { rows, table } = await readAll({ path });
    expect(table.encoding).toBe('utf-16le');
    expect(rows.map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('an unknown declared encoding is an encoding-error', async () => {
    const err = await sourceError({ path: fx('synthetic-tab.tsv'), encoding: 'klingon-8' });
    expect(err?.type).toBe('encoding-error');
    expect(err!.note).toMatch(/unknown encoding: klingon-8/);
  });

  it('invalid UTF-8 after the first chunk is an encoding-error with its position', async () => {
    const head = 'id,nama\n' + Array.from({ length: 40000 }, (_, i) => `${i + 1},Kelurahan ${i}\n`).join('');
    const path = tempFile('late.csv', Buffer.concat([Buffer.from(head), Buffer.from([0x31, 0x2c, 0x92, 0x0a])]));
    const table = await openTable({ path });
    expect(table.encoding).toBe('utf-8');
    const err = await sourceError({ path });
    expect(err?.type).toBe('encoding-error');
    expect(err!.note).toContain(`byte offset ${Buffer.byteLength(head) + 2} (row 40002)`);
    await table.close();
  });
});

describe('CSV reader: batches, stats and release', () => {
  const big = 'a,b\n' + Array.from({ length: 5000 }, (_, i) => `${i},"x\ny"`).join('\n') + '\n';

  it('yields rows in order in non-empty batches of at most 2048 rows', async () => {
    const table = await openTable({ path: tempFile('big.csv', big) });
    let next = 1;
    let batches = 0;
    for await (const b of table.batches) {
      batches++;
      expect(b.length).toBeGreaterThan(0);
      expect(b.length).toBeLessThanOrEqual(2048);
      for (const r of b) expect(r.rowNumber).toBe(next++);
    }
    expect(next - 1).toBe(5001);
    expect(batches).toBeGreaterThan(1);
  });

  it('stats() gives bytes, md5 and sha256 of the raw file', async () => {
    const path = fx('bnpb-bencana-kecelakaan-transportasi-2011-2014.csv');
    const { table } = await readAll({ path });
    const bytes = readFileSync(path);
    expect(table.stats()).toEqual({
      bytes: bytes.length,
      md5: createHash('md5').update(bytes).digest('hex'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('stopping early (break) closes the file', async () => {
    const path = tempFile('break.csv', big.repeat(30));
    const table = await openTable({ path });
    expect(openFdsTo(path)).toHaveLength(1);
    for await (const b of table.batches) {
      expect(b.length).toBeGreaterThan(0);
      break;
    }
    expect(openFdsTo(path)).toHaveLength(0);
    await table.close(); // safe after break
  });

  it('close() without iterating releases the file, twice is fine', async () => {
    const path = tempFile('noiter.csv', 'a\n1\n');
    const table = await openTable({ path });
    await table.close();
    await table.close();
    expect(openFdsTo(path)).toHaveLength(0);
  });
});

describe('CSV reader: hostile files', () => {
  it('binary garbage is a format-error "not a text/CSV file"', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const err = await sourceError({ path: tempFile('garbage.csv', bytes) });
    expect(err?.type).toBe('format-error');
    expect(err!.note).toMatch(/not a text\/CSV file/);
  });

  it('an xlsx renamed to .csv says it is a zip/Excel file', async () => {
    const err = await sourceError({ path: tempFile('renamed.csv', readFileSync(fx('bps-tpt-provinsi-2026.xlsx'))) });
    expect(err?.type).toBe('format-error');
    expect(err!.note).toMatch(/zip archive/);
  });

  it('a 10 MiB single cell gives a format-error (default maxCellChars), not a hang', async () => {
    const path = tempFile('huge.csv', `a,b\n1,"${'x'.repeat(10 * 1024 * 1024 + 10)}"\n`);
    const err = await sourceError({ path });
    expect(err?.type).toBe('format-error');
    expect(err!.note).toMatch(/row 2.*larger than 10485760 characters/);
  });

  it('an unterminated quote is a format-error naming the row', async () => {
    const err = await sourceError({ path: tempFile('open-quote.csv', 'a,b\n1,2\n3,"Jl. Sudirman\n4,5\n') });
    expect(err?.type).toBe('format-error');
    expect(err!.note).toMatch(/row 3: the quoted cell in column 2 is never closed/);
  });

  it('a missing file is a scheme-error in frictionless style', async () => {
    const err = await sourceError({ path: '/nonexistent/data.csv' });
    expect(err?.type).toBe('scheme-error');
    expect(err!.note).toBe("[Errno 2] No such file or directory: '/nonexistent/data.csv'");
    expect(err!.noteId).toMatch(/tidak ditemukan/);
  });

  it('an empty file has no rows', async () => {
    const { rows, table } = await readAll({ path: tempFile('empty.csv', '') });
    expect(rows).toEqual([]);
    expect(table.stats().bytes).toBe(0);
  });
});

describe('CSV reader: files past the first 512 KiB (the next chunk is read while one is parsed)', () => {
  // ~2.3 MiB: rows with 2-, 3- and 4-byte UTF-8 characters, so the 64 KiB reads cut characters apart.
  const rows = Array.from({ length: 45_000 }, (_, i) => `${i},"Jl. Ratulangi ${i}, café",€${i % 97},😀${i}`);
  const text = 'id,alamat,harga,emoji\n' + rows.join('\n') + '\n';

  it('every row, in order, with the cells and the hashes of one read', async () => {
    const path = tempFile('ahead.csv', text);
    const { rows: got, table } = await readAll({ path });
    expect(got).toHaveLength(45_001);
    expect(got[0]!.cells).toEqual(['id', 'alamat', 'harga', 'emoji']);
    got.forEach((r, i) => expect(r.rowNumber).toBe(i + 1));
    expect(got[25_000]!.cells).toEqual(['24999', 'Jl. Ratulangi 24999, café', `€${24999 % 97}`, '😀24999']);
    const bytes = Buffer.from(text);
    expect(bytes.length).toBeGreaterThan(2 << 20);
    expect(table.stats()).toEqual({ bytes: bytes.length, md5: createHash('md5').update(bytes).digest('hex'), sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('a byte that is not UTF-8 at ~1.5 MiB: the encoding-error names its row, and the file is closed', async () => {
    const bytes = Buffer.from(text);
    const bad = bytes.indexOf(Buffer.from('café'), 1_500_000) + 3; // the é's first byte
    expect(bad).toBeGreaterThan(1_500_000);
    bytes[bad] = 0xff;
    const row = bytes.subarray(0, bad).toString('latin1').split('\n').length;
    const path = tempFile('ahead-bad.csv', bytes);
    const err = await sourceError({ path });
    expect(err?.type).toBe('encoding-error');
    expect(err!.note).toContain(`row ${row}`);
    expect(openFdsTo(path)).toHaveLength(0);
  });

  it('stopping past the first 512 KiB, a read still in flight: the file is closed, nothing is left pending', async () => {
    const path = tempFile('ahead-stop.csv', text);
    const table = await openTable({ path });
    let seen = 0;
    for await (const b of table.batches) {
      seen += b.length;
      if (seen > 12_000) break; // past the first 512 KiB (~6,000 rows)
    }
    expect(openFdsTo(path)).toHaveLength(0);
    await table.close();
  });
});
