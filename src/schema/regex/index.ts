/**
 * satudata's linear-time regular expressions (no backtracking: a match costs at most
 * (length + 1) x program size steps). Used for every pattern a descriptor supplies: Table Schema
 * `pattern` constraints and the `pattern`/`patternProperties` of `jsonSchema` constraints.
 */
import type { Flavor } from './charset.js';
import { notes } from '../../i18n.js';
import { Machine } from './machine.js';
import { parse, PatternRefusal } from './parse.js';

/** Longest pattern source read (the program-size cap refuses far shorter ones anyway). */
const MAX_SOURCE = 20_000;

export { PatternRefusal, type RefusalKind } from './parse.js';
export { MAX_PROGRAM } from './machine.js';
export type { Flavor } from './charset.js';

export interface SafeRegex {
  /** Whole-value match for `xsd` patterns; a match anywhere for `ecma` ones (like RegExp#test). */
  test(s: string): boolean;
  /** Instructions of the compiled program. */
  readonly size: number;
  /** Instructions visited by the last `test` (never above (length + 1) x size). */
  readonly steps: number;
  toString(): string;
}

/** Compiles `src`; throws `PatternRefusal` for a syntax error or a construct it cannot run. */
export function compileRegex(src: string, flavor: Flavor): SafeRegex {
  if (src.length > MAX_SOURCE) {
    throw new PatternRefusal('too-large', ...notes('pattern.limit.source', { max: MAX_SOURCE }));
  }
  const machine = new Machine(parse(src, flavor));
  const anywhere = flavor === 'ecma';
  return {
    test: (s: string) => machine.run(s, anywhere),
    get size() { return machine.size; },
    get steps() { return machine.steps; },
    toString: () => `/${src}/${flavor}`,
  };
}
