import type { FunctionEnv } from "./config.js";
import { ConfigError } from "./errors.js";

/** Reads one secret version; the Secret Manager adapter implements it in production. */
export interface SecretReader {
  read(resourceName: string): Promise<string>;
}

/** The legacy URL comes from the environment locally and from Secret Manager in the cloud. */
export async function resolveLegacyDatabaseUrl(config: FunctionEnv, secrets: SecretReader): Promise<string> {
  if (config.LEGACY_DATABASE_URL) return config.LEGACY_DATABASE_URL;
  if (config.LEGACY_DATABASE_URL_SECRET) return secrets.read(config.LEGACY_DATABASE_URL_SECRET);
  throw new ConfigError("No legacy database URL configured");
}
