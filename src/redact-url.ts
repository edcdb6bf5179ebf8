/**
 * `https://user:pass@host/x` → `https://***@host/x`: a URL (or a message quoting URLs) as it may be
 * shown or logged. Pure; used by config (portal URLs), validate (remote resources) and init.
 */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/gi, '$1***@');
}
