/**
 * The prompt interface the flows use. Commands pass the real @inquirer/prompts implementation; tests
 * pass a scripted one, so every flow is tested without a terminal.
 */
import { checkbox, confirm, input, password, select } from '@inquirer/prompts';
import type { Writable, Readable } from 'node:stream';

export type Validate = (value: string) => true | string | Promise<true | string>;

export interface Choice<T extends string = string> {
  value: T;
  name: string;
}

export interface Ask {
  input(o: { message: string; default?: string; validate?: Validate }): Promise<string>;
  select<T extends string>(o: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  confirm(o: { message: string; default?: boolean }): Promise<boolean>;
  password(o: { message: string }): Promise<string>;
  checkbox<T extends string>(o: { message: string; choices: Choice<T>[] }): Promise<T[]>;
}

/** True for the error @inquirer/prompts throws on Ctrl-C (or a closed input). */
export function isPromptExit(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

/**
 * @inquirer/prompts over the given streams (prompts go to stderr so stdout stays machine-readable).
 * `output` is a factory: inquirer ends its output stream when a prompt finishes, so each prompt gets
 * a fresh one (process.stderr ignores end(), a wrapper stream does not).
 */
export function inquirerAsk(io: { input: Readable; output: () => Writable }): Ask {
  const context = () => ({ input: io.input, output: io.output(), clearPromptOnDone: false });
  return {
    input: (o) => input({ message: o.message, default: o.default, validate: o.validate }, context()),
    select: <T extends string>(o: { message: string; choices: Choice<T>[]; default?: T }) =>
      select<T>({ message: o.message, choices: o.choices, default: o.default, pageSize: 12 }, context()),
    confirm: (o) => confirm(o, context()),
    password: (o) => password({ message: o.message, mask: '*' }, context()),
    checkbox: <T extends string>(o: { message: string; choices: Choice<T>[] }) => checkbox<T>({ message: o.message, choices: o.choices }, context()),
  };
}
