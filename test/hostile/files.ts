/**
 * Generators of the hostile files, written on the fly into a temp folder (nothing big is committed).
 * Large parts are written and deflated in pieces, so the test process itself stays small.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createDeflateRaw } from 'node:zlib';
import * as zlib from 'node:zlib';

/** Write `total` bytes made of `unit` repeated (in 1 MiB pieces), after `head` and before `tail`. */
export function writeRepeated(path: string, head: string, unit: string, total: number, tail = ''): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    const piece = Buffer.from(unit.repeat(Math.max(1, Math.floor((1 << 20) / unit.length))));
    let written = 0;
    while (written < total) {
      const n = Math.min(piece.length, total - written);
      writeSync(fd, piece, 0, n);
      written += n;
    }
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 continued from `prev` (zlib.crc32 where Node has it, else a table loop). */
function crc32(buf: Buffer, prev: number): number {
  const native = (zlib as { crc32?: (b: Buffer, v: number) => number }).crc32;
  if (native) return native(buf, prev);
  let c = (prev ^ 0xffffffff) >>> 0;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Content of one zip entry, given as pieces: repeating `unit` `times` times yields `unit` `times` times. */
export type Piece = string | { unit: string; times: number };

export interface Entry {
  name: string;
  pieces: Piece[];
  /** Deflate level (default 1: fast; 9 reaches the ~1000:1 ratio of a zip bomb). */
  level?: number;
}

interface Packed {
  name: Buffer;
  body: Buffer;
  crc: number;
  size: number;
}

async function pack(entry: Entry): Promise<Packed> {
  const deflate = createDeflateRaw({ level: entry.level ?? 1 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  const write = (b: Buffer) =>
    new Promise<void>((resolve) => {
      crc = crc32(b, crc);
      size += b.length;
      if (deflate.write(b)) resolve();
      else deflate.once('drain', () => resolve());
    });
  for (const p of entry.pieces) {
    if (typeof p === 'string') {
      await write(Buffer.from(p));
      continue;
    }
    const per = Math.max(1, Math.floor((1 << 20) / p.unit.length));
    const block = Buffer.from(p.unit.repeat(Math.min(per, p.times)));
    let left = p.times;
    while (left > 0) {
      const n = Math.min(per, left);
      await write(n === Math.min(per, p.times) ? block : block.subarray(0, n * Buffer.byteLength(p.unit)));
      left -= n;
    }
  }
  deflate.end();
  await done;
  return { name: Buffer.from(entry.name), body: Buffer.concat(out), crc, size };
}

/** A zip (deflated entries, 32-bit sizes: every entry below 4 GiB). */
export async function buildZip(entries: Entry[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const p = await pack(e);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.body.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(p.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc, 16);
    central.writeUInt32LE(p.body.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(p.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, p.name, p.body);
    centrals.push(central, p.name);
    offset += 30 + p.name.length + p.body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';
export const SST_HEAD = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">`;

/** A workbook of one sheet "Lembar1", with the given sheet and (optional) shared strings parts. */
export function buildXlsx(sheet: Piece[], sst?: Piece[], level?: number): Promise<Buffer> {
  const entries: Entry[] = [
    { name: '[Content_Types].xml', pieces: ['<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'] },
    { name: '_rels/.rels', pieces: [`<?xml version="1.0"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`] },
    { name: 'xl/workbook.xml', pieces: [`<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="Lembar1" sheetId="1" r:id="rId1"/></sheets></workbook>`] },
    {
      name: 'xl/_rels/workbook.xml.rels',
      pieces: [`<?xml version="1.0"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
    },
    { name: 'xl/worksheets/sheet1.xml', pieces: sheet, level },
  ];
  if (sst) entries.push({ name: 'xl/sharedStrings.xml', pieces: sst });
  return buildZip(entries);
}
