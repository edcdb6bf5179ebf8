import { clearLine, clearScreenDown, cursorTo, moveCursor, type Direction } from 'node:readline';
import { Writable, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Lang } from '../i18n.js';

/** What a standard stream is made of (process.stdout/stderr, or a test's capture). */
export interface OutTarget {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  hasColors?(count?: number, env?: object): boolean;
  getColorDepth?(env?: object): number;
}

/**
 * The one writer of a standard stream: every command, spinner (ora) and prompt (@inquirer) writes
 * through it, so registered secrets are masked in all of it and tests capture all of it. It looks like a
 * terminal exactly when its target is one: `isTTY`, `columns`, `rows`, the colour queries; the cursor
 * methods write their escape sequences through the same path, as a tty.WriteStream does. `end()` is
 * ignored like on process.stderr: a prompt library ends its output when a prompt finishes, and the
 * stream still serves the rest of the run.
 */
export class Out extends Writable {
  readonly #target: OutTarget;
  readonly #secrets: ReadonlySet<string>;
  readonly #decoder = new StringDecoder('utf8');

  constructor(target: OutTarget, secrets: ReadonlySet<string>) {
    super({ decodeStrings: false });
    this.#target = target;
    this.#secrets = secrets;
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const text = typeof chunk === 'string' ? chunk : this.#decoder.write(chunk);
    if (text) this.#target.write(redact(text, this.#secrets));
    callback();
  }

  override end(...args: unknown[]): this {
    const chunk = typeof args[0] === 'string' || Buffer.isBuffer(args[0]) ? args[0] : undefined;
    if (chunk !== undefined) this.write(chunk);
    const done = args.find((a): a is () => void => typeof a === 'function');
    if (done) process.nextTick(done);
    return this;
  }

  get isTTY(): boolean {
    return Boolean(this.#target.isTTY);
  }
  get columns(): number {
    return this.#target.columns ?? 80;
  }
  get rows(): number {
    return this.#target.rows ?? 24;
  }
  getWindowSize(): [number, number] {
    return [this.columns, this.rows];
  }
  hasColors(count?: number, env?: object): boolean {
    return this.#target.hasColors?.(count, env) ?? false;
  }
  getColorDepth(env?: object): number {
    return this.#target.getColorDepth?.(env) ?? 1;
  }
  cursorTo(x: number, y?: number | (() => void), callback?: () => void): boolean {
    return typeof y === 'function' ? cursorTo(this, x, undefined, y) : cursorTo(this, x, y, callback);
  }
  moveCursor(dx: number, dy: number, callback?: () => void): boolean {
    return moveCursor(this, dx, dy, callback);
  }
  clearLine(dir: Direction, callback?: () => void): boolean {
    return clearLine(this, dir, callback);
  }
  clearScreenDown(callback?: () => void): boolean {
    return clearScreenDown(this, callback);
  }
}

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
  /** Register a secret (an API token): every later write to stdout/stderr (prompts and spinners too) has it masked. */
  addSecret(secret: string): void;
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
