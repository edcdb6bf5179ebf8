import { TableSourceError, type OpenedTable } from '../table/types.js';
import type { Dialect, Schema } from '../schema/types.js';
import type { ReportError } from './types.js';
import { buildError } from './build-error.js';
import { collectKeys, type ForeignKeyPlan } from './keys.js';

/** What a foreign key can point at: a resource that may be read again for its key tuples. */
export interface KeyTarget {
  name: string;
  tabular: boolean;
  schema?: Schema;
  dialect: Dialect;
  open?: () => Promise<OpenedTable>;
  error?: ReportError;
}

const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

/**
 * The foreign keys of `self`, each with the key tuples of the resource it references (read with that
 * resource's own schema and dialect), or the one resource-error that keeps them from being checked.
 * A reference without `resource` (Table Schema v2), with `""` (v1) or naming the resource itself is a
 * self-reference. `others` is undefined for a bare file validated with --schema: a self-reference is
 * still checked (frictionless-py 5.21), a reference to another resource needs a package.
 */
export async function planForeignKeys(self: KeyTarget, others: Map<string, KeyTarget> | undefined): Promise<{ plans: ForeignKeyPlan[]; error?: ReportError }> {
  const plans: ForeignKeyPlan[] = [];
  for (const fk of self.schema?.foreignKeys ?? []) {
    const fields = list(fk.fields);
    const refFields = list(fk.reference.fields);
    const refName = fk.reference.resource ?? '';
    let target: KeyTarget | undefined;
    if (refName === '' || refName === self.name) target = self;
    else if (!others) {
      return { plans, error: buildError('resource-error', `package is required for foreign keys to other resources: resource "${refName}" cannot be looked up for a single file`) };
    } else target = others.get(refName);
    if (!target || !target.tabular || !target.schema || !target.open) {
      return { plans, error: buildError('resource-error', `failed to handle a foreign key for resource "${self.name}" as resource "${refName}" does not exist`) };
    }
    if (target.error) {
      return { plans, error: buildError('resource-error', `failed to handle a foreign key for resource "${self.name}": resource "${refName}" cannot be read`) };
    }
    try {
      const lookup = await collectKeys(target.open, target.dialect, target.schema, refFields);
      plans.push({ fields, referenceName: refName, referenceFields: refFields, lookup });
    } catch (e) {
      if (!(e instanceof TableSourceError)) throw e;
      return { plans, error: buildError('resource-error', `failed to handle a foreign key for resource "${self.name}": resource "${refName || self.name}" cannot be read (${e.note})`) };
    }
  }
  return { plans };
}
