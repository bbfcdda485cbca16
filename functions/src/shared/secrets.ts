import { DEMO_PAGE_TOKEN_KEY, type FunctionEnv, PAGE_TOKEN_KEY_MIN_LENGTH } from "./config.js";
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

/**
 * The HMAC key for page tokens: PAGE_TOKEN_KEY locally (parseFunctionEnv fills in the demo key for
 * demo- projects), PAGE_TOKEN_KEY_SECRET from Secret Manager in the cloud. The secret's payload is
 * checked like the variable is, because nothing validated it before it reached here.
 */
export async function resolvePageTokenKey(config: FunctionEnv, secrets: SecretReader): Promise<string> {
  if (config.PAGE_TOKEN_KEY) return config.PAGE_TOKEN_KEY;
  if (!config.PAGE_TOKEN_KEY_SECRET) throw new ConfigError("No page token key configured");
  const key = await secrets.read(config.PAGE_TOKEN_KEY_SECRET);
  // The messages name the secret, never its payload.
  if (key.length < PAGE_TOKEN_KEY_MIN_LENGTH) {
    throw new ConfigError(
      `${config.PAGE_TOKEN_KEY_SECRET} holds a page token key shorter than ${PAGE_TOKEN_KEY_MIN_LENGTH} characters`,
    );
  }
  if (key === DEMO_PAGE_TOKEN_KEY) {
    throw new ConfigError(`${config.PAGE_TOKEN_KEY_SECRET} holds the public demo page token key`);
  }
  return key;
}
