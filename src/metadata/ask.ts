/**
 * The prompt interface the flows use. Commands pass the real @inquirer/prompts implementation; tests
 * pass a scripted one, so every flow is tested without a terminal.
 */
import { checkbox, confirm, input, password, select } from '@inquirer/prompts';
import type { Writable, Readable } from 'node:stream';
import { styleText } from 'node:util';
import { msg, type Lang, type MsgCode } from '../i18n.js';

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
 * a fresh one (the CLI's stderr stream ignores end(), as a terminal does; another stream may not).
 */
export function inquirerAsk(io: { input: Readable; output: () => Writable; lang?: Lang }): Ask {
  const context = () => ({ input: io.input, output: io.output(), clearPromptOnDone: false });
  const t = promptTheme(io.lang ?? 'id');
  return {
    input: (o) => input({ message: o.message, default: o.default, validate: o.validate }, context()),
    select: <T extends string>(o: { message: string; choices: Choice<T>[]; default?: T }) =>
      select<T>({ message: o.message, choices: o.choices, default: o.default, pageSize: 12, theme: t.select }, context()),
    confirm: (o) => confirm({ ...o, theme: t.confirm }, context()),
    password: (o) => password({ message: o.message, mask: '*' }, context()),
    checkbox: <T extends string>(o: { message: string; choices: Choice<T>[] }) => checkbox<T>({ message: o.message, choices: o.choices, theme: t.checkbox }, context()),
  };
}

/** The prompts' own words (key hints, yes/no) in the user's language. */
const KEY_ACTIONS: Record<string, MsgCode> = { navigate: 'prompt.key.navigate', select: 'prompt.key.select', submit: 'prompt.key.submit', all: 'prompt.key.all', invert: 'prompt.key.invert' };

export function promptTheme(lang: Lang) {
  const keysHelpTip = (keys: [string, string][]): string =>
    keys.map(([key, action]) => `${styleText('bold', key)} ${styleText('dim', KEY_ACTIONS[action] ? msg(lang, KEY_ACTIONS[action]) : action)}`).join(styleText('dim', ' • '));
  if (lang === 'en') return { select: {}, checkbox: {}, confirm: {} };
  return {
    select: { style: { keysHelpTip }, i18n: { disabledError: msg(lang, 'prompt.disabled') } },
    checkbox: { style: { keysHelpTip }, i18n: { disabledError: msg(lang, 'prompt.disabled') } },
    // Typed answers: "y"/"ya", "t"/"tidak" (and the English y/n, which inquirer always accepts).
    confirm: { keywords: { yes: msg(lang, 'prompt.yes'), no: msg(lang, 'prompt.no'), error: ({ yes, no }: { yes: string; no: string }) => msg(lang, 'prompt.answer_with', { yes, no }) } },
  };
}
