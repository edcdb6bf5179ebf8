/**
 * The HTML dashboard rendered by a real browser: the text a walidata sees on a phone, and a
 * screenshot that is really drawn (much larger than a blank page of the same size).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCkan, type FakeCkan } from '../fake-ckan/server.js';
import { fixture, NOW, statusSeed } from '../fixtures/status/seed.js';
import { dumpDom, pngSize, screenshot } from './chromium.js';
import { runCli } from './status-helpers.js';

let ckan: FakeCkan;
let dir: string;
beforeAll(async () => {
  ckan = await startFakeCkan(statusSeed());
  dir = mkdtempSync(join(tmpdir(), 'status-html-'));
});
afterAll(async () => {
  await ckan.close();
});

/** Visible text of a serialised DOM: drop <head>, tags and entities' markup. */
function visibleText(dom: string): string {
  return dom
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('status --format html', () => {
  it('is one self-contained page in Bahasa Indonesia that Chromium renders on a phone', async () => {
    const file = join(dir, 'laporan.html');
    const r = await runCli(['status', '--portal', ckan.url, '--register', fixture('daftar.csv'), '--now', NOW, '--format', 'html', '-o', file, '--fail-on', 'never']);
    expect(r.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    // No external resources of any kind: no scripts, links, images, fonts or imports.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=|href=/i);
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('name="viewport"');

    const text = visibleText(dumpDom(file));
    expect(text).toContain('Audit Satu Data');
    expect(text).toContain('Kartu skor per perangkat daerah (terburuk di atas)');
    expect(text).toMatch(/53 Perangkat daerah 30 Diharapkan 22 Ada 1 Kosong 7 Belum ada 7 Terlambat/);
    // The per-agency table: present / empty / missing / stale side by side.
    expect(text).toMatch(/Tabel per perangkat daerah Perangkat daerah Diharapkan Ada Kosong Belum ada Terlambat /);
    expect(text).toMatch(/Badan Penanggulangan Bencana Daerah 2 1 1 0 0 /);
    expect(text).toContain('Kosong Jumlah Kejadian Bencana Banjir Berdasarkan Kecamatan (jumlah-kejadian-bencana-banjir-berdasarkan-kecamatan; ada di portal tanpa sumber daya aktif: belum terbit)');
    expect(text).toMatch(/Di luar daftar \(20\) statistik-layanan-kominfo-01, /);
    // Worst first: the organization missing from the portal, then the ones with nothing published.
    const cards = text.slice(text.indexOf('Kartu skor'), text.indexOf('Tabel per perangkat daerah'));
    expect(cards.indexOf('uptd-pengelolaan-sampah')).toBeLessThan(cards.indexOf('Dinas Pendidikan'));
    expect(cards.indexOf('Dinas Pendidikan')).toBeLessThan(cards.indexOf('Dinas Kesehatan'));
    expect(cards).toContain('tidak ada di portal');
    // Activity ranking: Diskominfo (20 datasets updated this year) first.
    const ranking = text.slice(text.indexOf('Peringkat keaktifan'), text.indexOf('Dataset yang belum ada, kosong, terlambat atau tidak valid'));
    expect(ranking).toMatch(/^Peringkat keaktifan Jumlah dataset yang diperbarui dalam 12 bulan terakhir\. Dinas Komunikasi dan Informatika: 20 \/ 20/);
    // Each missing or stale dataset with its due date.
    expect(text).toContain(
      'Terlambat Harga Pangan Pokok di Pasar Tradisional (harga-pangan-pokok-pasar-tradisional, Mingguan; terakhir diperbarui 2025-06-20; jatuh tempo 2025-06-29)',
    );
    expect(text).toContain('Belum ada Taksiran Kerugian Akibat Kebakaran (taksiran-kerugian-akibat-kebakaran, Bulanan; sudah jatuh tempo: belum pernah terbit)');
  });

  it('draws a real page at phone size (the screenshot is far larger than a blank one)', async () => {
    const file = join(dir, 'phone.html');
    await runCli(['status', '--portal', ckan.url, '--register', fixture('daftar.csv'), '--now', NOW, '--format', 'html', '-o', file]);
    const blank = join(dir, 'blank.html');
    writeFileSync(blank, '<!DOCTYPE html><html><body style="background:#f4f6f9"></body></html>');
    const shot = screenshot(file, join(dir, 'phone.png'), 390, 844);
    const empty = screenshot(blank, join(dir, 'blank.png'), 390, 844);
    expect(pngSize(shot)).toEqual({ width: 390, height: 844 });
    expect(shot.length).toBeGreaterThan(10 * empty.length);
    expect(shot.length).toBeGreaterThan(20_000);
  });

  it('speaks English with --lang en', async () => {
    const file = join(dir, 'en.html');
    await runCli(['status', '--portal', ckan.url, '--register', fixture('daftar.csv'), '--now', NOW, '--format', 'html', '-o', file, '--lang', 'en']);
    const text = visibleText(dumpDom(file));
    expect(text).toContain('Scorecard per organization (worst first)');
    expect(text).toContain('Missing Taksiran Kerugian Akibat Kebakaran (taksiran-kerugian-akibat-kebakaran, Monthly; overdue: never published)');
  });
});
