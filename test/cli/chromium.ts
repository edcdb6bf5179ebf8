/**
 * Headless Chromium for the HTML report test (Debian's `chromium`, installed by
 * test/cli/ensure-chromium.sh, which .ci/run calls). Missing Chromium is a failure, never a skip.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function chromiumPath(): string {
  for (const name of ['chromium', 'chromium-browser']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  throw new Error('Chromium is not installed: run test/cli/ensure-chromium.sh (needs root and the Debian mirrors).');
}

// --no-sandbox: CI runs as root, where Chromium refuses its sandbox. No network is needed or wanted.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--hide-scrollbars', '--force-device-scale-factor=1'];

/** The DOM after Chromium has parsed, styled and laid out the page. */
export function dumpDom(file: string): string {
  return execFileSync(chromiumPath(), [...FLAGS, '--dump-dom', pathToFileURL(file).href], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
}

/** Screenshot at a phone-sized window; returns the PNG bytes. */
export function screenshot(file: string, png: string, width: number, height: number): Buffer {
  execFileSync(chromiumPath(), [...FLAGS, `--screenshot=${png}`, `--window-size=${width},${height}`, pathToFileURL(file).href], { timeout: 60_000, stdio: 'ignore' });
  return readFileSync(png);
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(1, 4).toString('ascii') !== 'PNG') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
