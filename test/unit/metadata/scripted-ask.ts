/** A scripted Ask for flow tests: answers by matching the prompt message; records every prompt and every rejection. */
import type { Ask, Choice, Validate } from '../../../src/metadata/ask.js';

export interface Script {
  /**
   * [pattern on the message, answer or attempts]: with several attempts, all but the last must be
   * rejected by the prompt's `validate`. An empty string accepts the offered default. Confirm: "y"/"n";
   * checkbox: values separated by "|".
   */
  rules: [RegExp, string | string[]][];
  /** Throw this (e.g. an ExitPromptError) when a message matches. */
  interruptAt?: RegExp;
}

export interface Recorded {
  kind: string;
  message: string;
  default?: unknown;
  choices?: Choice[];
  rejections: string[];
}

export function scriptedAsk(script: Script): Ask & { log: Recorded[] } {
  const log: Recorded[] = [];
  const find = (message: string): string[] | undefined => {
    const rule = script.rules.find(([re]) => re.test(message));
    if (!rule) return undefined;
    return Array.isArray(rule[1]) ? rule[1] : [rule[1]];
  };
  const interrupt = (message: string) => {
    if (script.interruptAt?.test(message)) {
      const e = new Error('User force closed the prompt with SIGINT');
      e.name = 'ExitPromptError';
      throw e;
    }
  };
  async function answerText(kind: string, message: string, def: string | undefined, validate?: Validate, choices?: Choice[]): Promise<string> {
    interrupt(message);
    const rec: Recorded = { kind, message, default: def, choices, rejections: [] };
    log.push(rec);
    // No rule: accept the default (or answer empty, which only an optional prompt accepts).
    const answers = find(message) ?? [''];
    for (let i = 0; i < answers.length; i++) {
      const a = answers[i]!;
      const value = a === '' && def !== undefined ? def : a;
      if (choices && !choices.some((c) => c.value === value)) throw new Error(`answer "${value}" is not a choice of: ${message}`);
      const r = validate ? await validate(value) : true;
      if (r === true) {
        if (i !== answers.length - 1) throw new Error(`answer "${value}" was expected to be rejected: ${message}`);
        return value;
      }
      rec.rejections.push(r);
      if (i === answers.length - 1) throw new Error(`last answer "${value}" rejected (${r}): ${message}`);
    }
    throw new Error('unreachable');
  }
  return {
    log,
    input: (o) => answerText('input', o.message, o.default, o.validate),
    select: async <T extends string>(o: { message: string; choices: Choice<T>[]; default?: T }) => (await answerText('select', o.message, o.default, undefined, o.choices)) as T,
    confirm: async (o) => {
      interrupt(o.message);
      log.push({ kind: 'confirm', message: o.message, default: o.default, rejections: [] });
      const a = find(o.message);
      return a ? a[0] === 'y' : Boolean(o.default);
    },
    password: (o) => answerText('password', o.message, undefined),
    checkbox: async <T extends string>(o: { message: string; choices: Choice<T>[] }) => {
      log.push({ kind: 'checkbox', message: o.message, rejections: [] });
      return (find(o.message)?.[0] ?? '').split('|').filter(Boolean) as T[];
    },
  };
}
