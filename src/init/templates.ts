/**
 * The files init writes, rendered from templates/init/. Template names avoid leading dots because
 * npm drops `.gitignore` from published packages; the table maps each to its place in the repository.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/init/', import.meta.url));

export function readTemplate(name: string): string {
  return readFileSync(TEMPLATE_DIR + name, 'utf8');
}

/** The running satudata's version: generated CI files pin it, so a data repository's checks do not change under it. */
export function satudataVersion(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
  return pkg.version;
}

/** Replace `{{name}}` placeholders; unknown names are left visible rather than silently emptied. */
export function render(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (Object.hasOwn(vars, k) ? vars[k] : undefined) ?? m);
}

/** Static templates: [template name, destination relative to the repository]. */
export const STATIC_FILES: readonly [string, string][] = [
  ['github-workflow.yml', '.github/workflows/satudata.yml'],
  ['gitlab-ci.yml', '.gitlab-ci.yml'],
  ['gitignore', '.gitignore'],
];
