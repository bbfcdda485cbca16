import { describe, expect, it } from "vitest";
import { type FunctionEnv, functionEnvSchema } from "../shared/config.js";
import { ConfigError } from "../shared/errors.js";
import type { SecretReader } from "../shared/secrets.js";
import { smsCredentialsSource } from "./sms-credentials.js";

const secretName = "projects/demo/secrets/sms/versions/1";

function config(env: Record<string, string>): FunctionEnv {
  return functionEnvSchema.parse({ LEGACY_DATABASE_URL: "postgres://x@localhost/db", ...env });
}

/** SecretReader that answers from a list and counts reads. */
class ScriptedSecrets implements SecretReader {
  reads = 0;
  constructor(private readonly answers: (string | Error)[]) {}
  async read(): Promise<string> {
    const answer = this.answers[this.reads++] ?? new Error("no more answers");
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

describe("smsCredentialsSource", () => {
  it("prefers local env credentials and never reads a secret then", async () => {
    const secrets = new ScriptedSecrets([]);
    const source = smsCredentialsSource(
      config({ SMS_USERNAME: "u", SMS_PASSWORD: "p", SMS_CREDENTIALS_SECRET: secretName }),
      secrets,
    );
    expect(await source()).toEqual({ username: "u", password: "p" });
    expect(secrets.reads).toBe(0);
  });

  it("reads the secret once, and again only after a failed read", async () => {
    const secrets = new ScriptedSecrets([new Error("unavailable"), '{"username":"lg","password":"s3"}']);
    const source = smsCredentialsSource(config({ SMS_CREDENTIALS_SECRET: secretName }), secrets);
    await expect(source()).rejects.toThrow("unavailable");
    expect(await source()).toEqual({ username: "lg", password: "s3" });
    expect(await source()).toEqual({ username: "lg", password: "s3" });
    expect(secrets.reads).toBe(2);
  });

  it("refuses a secret that is not {username, password} JSON", async () => {
    await expect(
      smsCredentialsSource(config({ SMS_CREDENTIALS_SECRET: secretName }), new ScriptedSecrets(["nope"]))(),
    ).rejects.toThrow(ConfigError);
    const extra = new ScriptedSecrets(['{"username":"a","password":"b","token":"c"}']);
    await expect(
      smsCredentialsSource(config({ SMS_CREDENTIALS_SECRET: secretName }), extra)(),
    ).rejects.toThrow(ConfigError);
  });

  it("fails at composition when no credentials are configured at all", () => {
    expect(() => smsCredentialsSource(config({}), new ScriptedSecrets([]))).toThrow(ConfigError);
  });
});
