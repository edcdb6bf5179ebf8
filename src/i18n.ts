import { id as ID_MESSAGES } from './messages/id.js';
import { en as EN_MESSAGES } from './messages/en.js';

/** Languages of user-facing text. Bahasa Indonesia is the default. */
export type Lang = 'id' | 'en';

export const LANGS: readonly Lang[] = ['id', 'en'];

export function isLang(v: unknown): v is Lang {
  return v === 'id' || v === 'en';
}

/** A message in both languages; `t(msg, lang)` picks one. */
export interface Msg {
  id: string;
  en: string;
}

export function t(msg: Msg, lang: Lang): string {
  return msg[lang];
}

/** Replace `{name}` placeholders. */
export function fmt(template: string, vars: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (vars[k] === undefined ? m : String(vars[k])));
}

/** The code of a message in the catalogues (src/messages/id.ts, src/messages/en.ts). */
export type MsgCode = keyof typeof ID_MESSAGES;

export const CATALOGUES: Readonly<Record<Lang, Readonly<Record<MsgCode, string>>>> = { id: ID_MESSAGES, en: EN_MESSAGES };

/**
 * The text of message `code` in `lang`, its `{name}` placeholders replaced by `vars` (every
 * placeholder named in `vars` is replaced, whatever its value, as a template literal would).
 */
export function msg(lang: Lang | undefined, code: MsgCode, vars?: Record<string, unknown>): string {
  const text = CATALOGUES[lang ?? 'id'][code];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(vars, k) ? String(vars[k]) : m));
}

/** Message `code` in both languages, for tables that hold a `Msg`. */
export function m(code: MsgCode): Msg {
  return { id: ID_MESSAGES[code], en: EN_MESSAGES[code] };
}

/**
 * Message `code` in both languages with its placeholders filled, for code that carries a `Msg`. A
 * value of `vars` that is itself a `Msg` is put in each language's own words.
 */
export function mf(code: MsgCode, vars: Record<string, unknown> = {}): Msg {
  const pick = (lang: Lang) => Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, isMsg(v) ? v[lang] : v]));
  return { id: msg('id', code, pick('id')), en: msg('en', code, pick('en')) };
}

function isMsg(v: unknown): v is Msg {
  return typeof v === 'object' && v !== null && typeof (v as Msg).id === 'string' && typeof (v as Msg).en === 'string';
}

/**
 * Message `code` in English, then in Bahasa Indonesia: the `note` (English, frictionless-style) and
 * `noteId` of errors that carry both. `vars` as for `mf`.
 */
export function notes(code: MsgCode, vars: Record<string, unknown> = {}): [en: string, id: string] {
  const both = mf(code, vars);
  return [both.en, both.id];
}
