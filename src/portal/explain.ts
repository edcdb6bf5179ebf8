/**
 * Turning portal answers into messages a data officer can act on: the dataset lookup that refuses names
 * taken elsewhere (issue 4 item 4), CKAN 409 field errors mapped back to datapackage.json names, and a
 * short summary of a failed validation report.
 */
import { PortalError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { packageFieldOf, type CkanDatasetDraft } from '../metadata/mapping.js';
import type { CkanClient } from './client.js';
import type { RemoteDataset } from './plan.js';
import { PORTAL_CODES } from './response.js';

/**
 * package_show by name: undefined when the name is free (404). A 403 means the name belongs to a
 * dataset this token cannot see; a dataset of another organization is refused too: no silent renaming.
 */
export async function lookupDataset(client: CkanClient, name: string, orgId: string, orgName: string, lang: Lang): Promise<RemoteDataset | undefined> {
  const en = lang === 'en';
  const hint = en
    ? 'Dataset names are unique across the whole portal. Choose another "name" in datapackage.json, or ask the portal admin who owns it.'
    : 'Nama dataset unik di seluruh portal. Pilih "name" lain di datapackage.json, atau tanyakan admin portal siapa pemiliknya.';
  let remote: RemoteDataset;
  try {
    remote = await client.action<RemoteDataset>('package_show', { id: name });
  } catch (e) {
    if (e instanceof PortalError && e.code === PORTAL_CODES.notFound) return undefined;
    if (e instanceof PortalError && e.code === PORTAL_CODES.forbidden) {
      throw new PortalError(en ? `The dataset name "${name}" is already taken on the portal by a dataset this token cannot see.` : `Nama dataset "${name}" sudah dipakai di portal oleh dataset yang tidak dapat dilihat token ini.`, {
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
      en ? `The dataset name "${name}" is already used by the organization "${org?.name ?? remote.owner_org}", not "${orgName}".` : `Nama dataset "${name}" sudah dipakai organisasi "${org?.name ?? remote.owner_org}", bukan "${orgName}".`,
      { code: 'E_NAME_TAKEN', hint },
    );
  }
  return remote;
}

/** Rewrite a 409 so each CKAN field is named as in datapackage.json; other errors pass through. */
export function explainPortalError(e: PortalError, draft: CkanDatasetDraft, lang: Lang): PortalError {
  if (!e.fieldErrors || e.code !== PORTAL_CODES.validation) return e;
  const en = lang === 'en';
  const lines = Object.entries(e.fieldErrors).map(([k, msgs]) => {
    const idx = /^extras\[(\d+)\]/.exec(k);
    const field = idx ? packageFieldOf(`extras.${draft.extras[Number(idx[1])]?.key ?? ''}`) : packageFieldOf(k);
    return `  - ${field}: ${msgs.join('; ')}`;
  });
  const taken = Object.values(e.fieldErrors).flat().some((m) => /already in use/i.test(m));
  return new PortalError((en ? 'The portal rejected the dataset:\n' : 'Portal menolak dataset:\n') + lines.join('\n'), {
    code: e.code,
    status: e.status,
    ckanType: e.ckanType,
    fieldErrors: e.fieldErrors,
    hint: taken
      ? en ? 'The name is used by another dataset on the portal (perhaps a private one in another organization). Choose another "name".' : 'Nama dipakai dataset lain di portal (mungkin dataset privat organisasi lain). Pilih "name" lain.'
      : e.hint,
  });
}

