/** The file's own checks after it was read: the `hash` and `bytes` a descriptor declares against the file's. */
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
