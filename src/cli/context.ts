import type { Readable } from 'node:stream';
import type { Lang } from '../i18n.js';

export interface Out {
  write(chunk: string): void;
  readonly isTTY: boolean;
}

/**
 * Everything a command may touch of the outside world, passed down explicitly so that tests can
 * run commands in-process. Only src/cli touches `process`.
 */
export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: Readable & { isTTY?: boolean };
  stdout: Out;
  stderr: Out;
  lang: Lang;
  /** Colours allowed on stderr/stdout (a TTY without NO_COLOR, and no --no-color). */
  color: boolean;
  /** Prompts allowed: stdin is a TTY and --yes was not given. Commands combine this with their own --yes. */
  interactive: boolean;
  debug: boolean;
  /** Register a secret (an API token): every later write to stdout/stderr has it masked. */
  addSecret(secret: string): void;
}

/** Wrap a stream so that registered secrets never reach it. */
export function redactingOut(target: { write(s: string): unknown; isTTY?: boolean }, secrets: Set<string>): Out {
  return {
    write(chunk: string) {
      let s = chunk;
      for (const secret of secrets) if (secret.length >= 4 && s.includes(secret)) s = s.split(secret).join('***');
      target.write(s);
    },
    get isTTY() {
      return Boolean(target.isTTY);
    },
  };
}

/**
 * An error message as a terminal may show it: text from a portal, a file name or a proxy can hold
 * escape sequences (colours, hyperlinks, a changed window title) or bidi overrides; they are dropped.
 * Line breaks and tabs stay.
 */
export function terminalSafe(text: string): string {
  return text
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

export function redact(text: string, secrets: Iterable<string>): string {
  let s = text;
  for (const secret of secrets) if (secret.length >= 4 && s.includes(secret)) s = s.split(secret).join('***');
  return s;
}
