import { describe, expect, it } from 'vitest';
import { checkSameBytes, type LocalPackage } from '../../../src/portal/local.js';
import type { LocalResource } from '../../../src/portal/plan.js';
import type { Report, ReportTask } from '../../../src/validate/types.js';
import { DataInvalidError } from '../../../src/errors.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

function setup(path: string | string[], validated: string | undefined, local: string) {
  const lp: LocalPackage = { file: '/p/datapackage.json', dir: '/p', pkg: { resources: [{ name: 'r', path }] } };
  const locals: LocalResource[] = [{ draft: { name: 'r', description: '', format: 'CSV', mimetype: 'text/csv', schema: '', localPath: 'r.csv' }, file: '/p/r.csv', sha256: local, bytes: 3 }];
  const task = { name: 'r', package: 'datapackage.json', stats: { errors: 0, warnings: 0, seconds: 0, ...(validated ? { sha256: validated } : {}) } } as unknown as ReportTask;
  const report = { valid: true, partial: false, stats: { tasks: 1, errors: 0, warnings: 0, seconds: 0 }, warnings: [], errors: [], tasks: [task] } as Report;
  return () => checkSameBytes(lp, locals, report, 'en');
}

describe('checkSameBytes: push sends the bytes validate checked', () => {
  it('same SHA-256: fine', () => expect(setup('r.csv', A, A)).not.toThrow());
  it('validation recorded no hash (partial): nothing to compare', () => expect(setup('r.csv', undefined, A)).not.toThrow());
  it('a multipart resource (hashed as all its parts) is not compared with its first part', () => expect(setup(['r.csv', 's.csv'], A, B)).not.toThrow());
  it('a file that changed after validation is refused (exit 1), nothing uploaded', () => {
    let err: unknown;
    try {
      setup('r.csv', A, B)();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataInvalidError);
    expect((err as DataInvalidError).code).toBe('E_FILE_CHANGED');
    expect((err as Error).message).toMatch(/changed after it was validated; nothing was uploaded/);
  });
});
