/**
 * The file's own checks after it was read: the `hash` and `bytes` a descriptor declares against the
 * file's; and its state, to notice a file that changed while it was read more than once.
 */
import { statSync } from 'node:fs';
import { buildError } from './build-error.js';
import type { ReportTask } from './types.js';

export function endChecks(job: { expectedHash?: string; expectedBytes?: number }, stats: { bytes: number; md5: string; sha256: string }, task: ReportTask) {
  if (job.expectedHash) {
    const m = /^(?:(\w+):)?([0-9a-fA-F]+)$/.exec(job.expectedHash.trim());
    const algo = (m?.[1] ?? 'md5').toLowerCase();
    const expected = (m?.[2] ?? job.expectedHash).toLowerCase();
    if (algo === 'md5' || algo === 'sha256') {
      const actual = algo === 'md5' ? stats.md5 : stats.sha256;
      if (actual !== expected) task.errors.push(buildError('hash-count', `expected is "${expected}" and actual is "${actual}"`));
    } else {
      task.warnings.push(`hash algorithm "${algo}" is not supported: the hash was not checked`);
    }
  }
  if (job.expectedBytes !== undefined && job.expectedBytes !== stats.bytes) {
    task.errors.push(buildError('byte-count', `expected is "${job.expectedBytes}" and actual is "${stats.bytes}"`));
  }
}

/** size:mtime:inode of the file at `path`: a different state means the file changed between two reads of it. */
export function fileState(path: string): string {
  const st = statSync(path, { bigint: true });
  return `${st.size}:${st.mtimeNs}:${st.ino}`;
}
