import type { Report } from '../validate/types.js';

/** The frictionless-shaped JSON report, 2-space indented as frictionless prints it. */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
