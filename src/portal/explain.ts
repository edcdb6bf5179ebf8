/**
 * Turning portal answers into messages a data officer can act on: the dataset lookup that refuses names
 * taken elsewhere (issue 4 item 4), CKAN 409 field errors mapped back to datapackage.json names, and a
 * short summary of a failed validation report.
 */
import { PortalError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { packageFieldOf, type CkanDatasetDraft } from '../ckan/mapping.js';
import type { CkanClient } from './client.js';
import type { RemoteDataset } from './plan.js';
import { PORTAL_CODES } from './response.js';
import { msg } from '../i18n.js';

/**
 * package_show by name: undefined when the name is free (404). A 403 means the name belongs to a
 * dataset this token cannot see; a dataset of another organization is refused too: no silent renaming.
 */
export async function lookupDataset(client: CkanClient, name: string, orgId: string, orgName: string, lang: Lang): Promise<RemoteDataset | undefined> {
  const hint = msg(lang, 'portal.explain.dataset_names_are_unique');
  let remote: RemoteDataset;
  try {
    remote = await client.action<RemoteDataset>('package_show', { id: name });
  } catch (e) {
    if (e instanceof PortalError && e.code === PORTAL_CODES.notFound) return undefined;
    if (e instanceof PortalError && e.code === PORTAL_CODES.forbidden) {
      throw new PortalError(msg(lang, 'portal.explain.the_dataset_name_is', { name }), {
        code: 'E_NAME_TAKEN',
        status: 403,
        hint,
      });
    }
    throw e;
  }
  const org = remote.organization as { id?: string; name?: string } | null | undefined;
  const sameOrg = remote.owner_org === orgId || org?.id === orgId || org?.name === orgName;
  if (!sameOrg) {
    throw new PortalError(
      msg(lang, 'portal.explain.the_dataset_name_is_2', { name, value: org?.name ?? remote.owner_org, orgName }),
      { code: 'E_NAME_TAKEN', hint },
    );
  }
  return remote;
}

/** Rewrite a 409 so each CKAN field is named as in datapackage.json; other errors pass through. */
export function explainPortalError(e: PortalError, draft: CkanDatasetDraft, lang: Lang): PortalError {
  if (!e.fieldErrors || e.code !== PORTAL_CODES.validation) return e;
  const lines = Object.entries(e.fieldErrors).map(([k, msgs]) => {
    const idx = /^extras\[(\d+)\]/.exec(k);
    const field = idx ? packageFieldOf(`extras.${draft.extras[Number(idx[1])]?.key ?? ''}`) : packageFieldOf(k);
    return `  - ${field}: ${msgs.join('; ')}`;
  });
  const taken = Object.values(e.fieldErrors).flat().some((m) => /already in use/i.test(m));
  return new PortalError((msg(lang, 'portal.explain.the_portal_rejected_the')) + lines.join('\n'), {
    code: e.code,
    status: e.status,
    ckanType: e.ckanType,
    fieldErrors: e.fieldErrors,
    hint: taken
      ? msg(lang, 'portal.explain.the_name_is_used')
      : e.hint,
  });
}

