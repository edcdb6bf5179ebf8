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
}

export interface LoadedConfig {
  config: SatudataConfig;
  /** The file it came from, if any. */
  filepath?: string;
}
