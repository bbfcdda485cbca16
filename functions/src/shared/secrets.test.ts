import { describe, expect, it } from "vitest";
import { DEMO_PAGE_TOKEN_KEY, type FunctionEnv, functionEnvSchema } from "./config.js";
import { ConfigError } from "./errors.js";
import { resolveLegacyDatabaseUrl, resolvePageTokenKey, type SecretReader } from "./secrets.js";

const keySecret = "projects/luckygas-prod/secrets/page-token-key/versions/2";
const storedKey = "k3y-from-secret-manager-0123456789abcdef";

function config(env: Record<string, string>): FunctionEnv {
  return functionEnvSchema.parse({ LEGACY_DATABASE_URL: "postgres://x@localhost/db", ...env });
}

/** SecretReader holding fixed secret versions; records which ones were read. */
class FixedSecrets implements SecretReader {
  readonly reads: string[] = [];
  constructor(private readonly versions: Record<string, string>) {}
  async read(resourceName: string): Promise<string> {
    this.reads.push(resourceName);
    const value = this.versions[resourceName];
    if (value === undefined) throw new Error(`no secret ${resourceName}`);
    return value;
  }
}

describe("resolvePageTokenKey", () => {
  it("uses PAGE_TOKEN_KEY without reading any secret", async () => {
    const secrets = new FixedSecrets({ [keySecret]: storedKey });
    const key = await resolvePageTokenKey(
      config({ PAGE_TOKEN_KEY: DEMO_PAGE_TOKEN_KEY, PAGE_TOKEN_KEY_SECRET: keySecret }),
      secrets,
    );
    expect(key).toBe(DEMO_PAGE_TOKEN_KEY);
    expect(secrets.reads).toEqual([]);
  });

  it("reads PAGE_TOKEN_KEY_SECRET from Secret Manager", async () => {
    const secrets = new FixedSecrets({ [keySecret]: storedKey });
    expect(await resolvePageTokenKey(config({ PAGE_TOKEN_KEY_SECRET: keySecret }), secrets)).toBe(storedKey);
    expect(secrets.reads).toEqual([keySecret]);
  });

  it("refuses a secret payload shorter than 32 characters, without echoing it", async () => {
    const secrets = new FixedSecrets({ [keySecret]: "short-key" });
    const resolving = resolvePageTokenKey(config({ PAGE_TOKEN_KEY_SECRET: keySecret }), secrets);
    await expect(resolving).rejects.toThrow(ConfigError);
    await expect(resolving).rejects.not.toThrow(/short-key/);
  });

  it("refuses the public demo key stored as a production secret", async () => {
    const secrets = new FixedSecrets({ [keySecret]: DEMO_PAGE_TOKEN_KEY });
    await expect(resolvePageTokenKey(config({ PAGE_TOKEN_KEY_SECRET: keySecret }), secrets)).rejects.toThrow(
      /demo/,
    );
  });

  it("throws ConfigError when neither is configured", async () => {
    await expect(resolvePageTokenKey(config({}), new FixedSecrets({}))).rejects.toThrow(ConfigError);
  });
});

describe("resolveLegacyDatabaseUrl", () => {
  it("prefers the plain URL, else reads the secret", async () => {
    const secretName = "projects/luckygas-prod/secrets/legacy-database-url/versions/1";
    const secrets = new FixedSecrets({ [secretName]: "postgres://app@10.0.0.5/luckygas" });
    expect(await resolveLegacyDatabaseUrl(config({}), secrets)).toBe("postgres://x@localhost/db");
    const fromSecret = functionEnvSchema.parse({ LEGACY_DATABASE_URL_SECRET: secretName });
    expect(await resolveLegacyDatabaseUrl(fromSecret, secrets)).toBe("postgres://app@10.0.0.5/luckygas");
  });
});
