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
