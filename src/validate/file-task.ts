import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Resource } from '../schema/types.js';
import type { ReportTask } from './types.js';
import { buildError } from './build-error.js';

/** A non-tabular resource (PDF, image, ...): frictionless checks that it can be read, and its bytes/hash. */
export async function fileTask(name: string, place: string, absPath: string, resource: Resource): Promise<ReportTask> {
  const started = performance.now();
  const task: ReportTask = { name, type: 'file', valid: true, place, labels: [], stats: { errors: 0, warnings: 0, seconds: 0 }, warnings: [], errors: [] };
  const md5 = createHash('md5');
  const sha = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(absPath)) {
      const b = chunk as Buffer;
      bytes += b.length;
      md5.update(b);
      sha.update(b);
    }
    const stats = { md5: md5.digest('hex'), sha256: sha.digest('hex'), bytes };
    Object.assign(task.stats, stats);
    if (typeof resource.bytes === 'number' && resource.bytes !== bytes) {
      task.errors.push(buildError('byte-count', `expected is "${resource.bytes}" and actual is "${bytes}"`));
    }
    if (typeof resource.hash === 'string') {
      const m = /^(?:(\w+):)?([0-9a-fA-F]+)$/.exec(resource.hash.trim());
      const algo = (m?.[1] ?? 'md5').toLowerCase();
      const expected = (m?.[2] ?? '').toLowerCase();
      const actual = algo === 'md5' ? stats.md5 : algo === 'sha256' ? stats.sha256 : undefined;
      if (actual === undefined) task.warnings.push(`hash algorithm "${algo}" is not supported: the hash was not checked`);
      else if (actual !== expected) task.errors.push(buildError('hash-count', `expected is "${expected}" and actual is "${actual}"`));
    }
  } catch (e) {
    task.errors.push(buildError('scheme-error', `[Errno 2] No such file or directory: '${absPath}'`));
  }
  task.stats.errors = task.errors.length;
  task.stats.warnings = task.warnings.length;
  task.valid = task.errors.length === 0;
  task.stats.seconds = Math.round(performance.now() - started) / 1000;
  return task;
}
