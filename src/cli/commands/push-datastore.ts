/**
 * The `--datastore` step of `satudata push` (issue 16), run once the files are on the portal: notes
 * for resources left without a table, a row progress bar on a terminal (a line per table otherwise),
 * and each resource's `datastore: {action, rows}` added to the push result (JSON, push log, summary).
 */
import type { Ora } from 'ora';
import type { CliContext } from '../context.js';
import { PortalError } from '../../errors.js';
import { msg, type Lang, type MsgCode } from '../../i18n.js';
import type { CkanClient } from '../../portal/client.js';
import type { RemoteDataset } from '../../portal/plan.js';
import type { PushResult } from '../../portal/push.js';
import { batchFromEnv, loadDatastores, planDatastores, type DatastoreSelection } from '../../portal/datastore-push.js';
import type { DatastoreEvent, DatastoreOutcome } from '../../portal/datastore.js';

export type ResultWithDatastore = PushResult & { resources: (PushResult['resources'][number] & { datastore?: DatastoreOutcome })[] };

const bar = (pct: number) => '[' + '#'.repeat(Math.round(pct / 5)).padEnd(20, '.') + ']';

export interface DatastoreStepInput {
  ctx: CliContext;
  client: CkanClient;
  selection: DatastoreSelection;
  /** Read the dataset again (the resources' ids and recorded hashes after the push). */
  reread: () => Promise<RemoteDataset | undefined>;
  result: PushResult;
  spinner?: Ora;
  lang: Lang;
}

export async function datastoreStep(input: DatastoreStepInput): Promise<ResultWithDatastore> {
  const { ctx, lang, spinner, selection } = input;
  const note = (s: string) => ctx.stderr.write(s);
  for (const s of selection.skipped) note(msg(lang, 'datastore.skipped', { name: s.name, reason: s.reason }));
  const result = input.result as ResultWithDatastore;
  if (!selection.targets.length) return result;
  const remote = await input.reread();
  if (!remote) throw new PortalError(msg(lang, 'datastore.not_loaded', { name: selection.targets.map((t) => t.name).join(', ') }).trim());
  let last = 0;
  const onEvent = (e: DatastoreEvent) => {
    const total = e.total ?? 0;
    if (spinner) {
      const pct = total ? Math.min(100, Math.floor((e.rows / total) * 100)) : 100;
      spinner.text = msg(lang, 'datastore.progress', { name: e.name, bar: bar(pct), rows: e.rows, total: e.total ?? '?' });
      if (e.rows === total || Date.now() - last > 100) {
        spinner.render();
        last = Date.now();
      }
    } else if (e.rows === 0) note(msg(lang, 'datastore.loading', { name: e.name, total: e.total ?? '?' }));
  };
  const drifted = new Set(result.resources.filter((r) => r.drift).map((r) => r.name));
  const outcomes = await loadDatastores({ client: input.client, remote, targets: selection.targets, lang, batch: batchFromEnv(ctx.env), onEvent, drifted });
  for (const r of result.resources) {
    const o = outcomes.get(r.name);
    if (!o) continue;
    r.datastore = o;
    if (o.drift) note(msg(lang, 'datastore.drift', { name: r.name, drift: o.drift }));
  }
  return result;
}

/** --dry-run: each table's planned outcome (reads only), added to the plan's result. */
export async function datastorePlanStep(input: { client: CkanClient; selection: DatastoreSelection; remote: RemoteDataset | undefined; result: PushResult; lang: Lang }): Promise<ResultWithDatastore> {
  const result = input.result as ResultWithDatastore;
  const drifted = new Set(result.resources.filter((r) => r.drift).map((r) => r.name));
  const outcomes = await planDatastores(input.client, input.remote, input.selection.targets, input.lang, drifted);
  for (const r of result.resources) {
    const o = outcomes.get(r.name);
    if (o) r.datastore = o;
  }
  return result;
}

/** Summary lines for the tables, after the push summary. */
export function renderDatastore(result: ResultWithDatastore, lang: Lang): string {
  const lines: string[] = [];
  for (const r of result.resources) {
    const d = r.datastore;
    if (!d) continue;
    const action = msg(lang, (d.recreated ? 'datastore.action.recreated' : d.dictionaryOnly ? 'datastore.action.dictionary' : `datastore.action.${d.action}`) as MsgCode);
    lines.push(`  - ${r.name}:`, msg(lang, result.dryRun ? 'datastore.plan' : 'datastore.summary', { action, rows: d.rows }));
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
