import { open } from 'node:fs/promises';

const BLOCK = 1 << 20;

/** Every byte of the file at `path`, in order, through one reused 1 MiB buffer. */
export async function readFileBlocks(path: string, each: (block: Uint8Array) => void): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const block = Buffer.allocUnsafe(BLOCK);
    for (let base = 0; ; ) {
      const { bytesRead } = await fh.read(block, 0, BLOCK, base);
      if (bytesRead === 0) return;
      each(block.subarray(0, bytesRead));
      base += bytesRead;
    }
  } finally {
    await fh.close();
  }
}
