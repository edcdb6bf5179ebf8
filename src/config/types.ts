import type { Lang } from '../i18n.js';

/** The project configuration (`.satudatarc.json` etc.). The token is never read from here. */
export interface SatudataConfig {
  portal?: string;
  organization?: string;
  lang?: Lang;
  profile?: 'satudata' | 'frictionless';
  maxUploadMB?: number;
  timeoutSeconds?: number;
  tokenEnv?: string;
  /** `push` loads tabular resources into the CKAN DataStore too (as `--datastore`). */
  datastore?: boolean;
}

export interface LoadedConfig {
  config: SatudataConfig;
  /** The file it came from, if any (the repository's, else the user's own). */
  filepath?: string;
  /** The user's own config file (in the user's config folder), if any. */
  userFile?: string;
  /**
   * Who named `config.portal`: the user's own config, or a repository's (`project`), which is not
   * trusted with a token from the environment.
   */
  portalFrom?: 'user' | 'project';
}
