/**
 * The local audit trail of pushes: one JSON line per run in `<package folder>/.satudata/push-log.jsonl`.
 * It records who pushed what where and the outcome, never the token (the caller passes a redactor too,
 * as a second guard for error messages).
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PushResult } from './push.js';

export interface PushLogLine {
  time: string;
  portal: string;
  dataset: string;
  organization: string;
  user?: string;
  dryRun: boolean;
  outcome: 'ok' | 'failed';
  result?: Pick<PushResult, 'dataset' | 'resources'>;
  error?: { code: string; message: string };
}

export function pushLogPath(dir: string): string {
  return join(dir, '.satudata', 'push-log.jsonl');
}

export async function appendPushLog(dir: string, line: PushLogLine, redact: (s: string) => string): Promise<void> {
  await mkdir(join(dir, '.satudata'), { recursive: true });
  await appendFile(pushLogPath(dir), redact(JSON.stringify(line)) + '\n', 'utf8');
}
