/** Bounds on untrusted input; configurable under `limits` in the config file. */
export interface LoadLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxAliasCount: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxFileBytes: 5 * 1024 * 1024,
  maxFiles: 2000,
  maxAliasCount: 100,
};
