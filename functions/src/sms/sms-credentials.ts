import { z } from "zod";
import type { FunctionEnv } from "../shared/config.js";
import { ConfigError } from "../shared/errors.js";
import type { SecretReader } from "../shared/secrets.js";
import type { SmsCredentials } from "./http-sms-provider.js";

/** The Secret Manager payload: `{"username":"…","password":"…"}`. */
export const smsCredentialsSchema = z.strictObject({
  username: z.string().min(1),
  password: z.string().min(1),
});

/**
 * Gateway credentials: from SMS_USERNAME/SMS_PASSWORD locally, from the SMS_CREDENTIALS_SECRET
 * version in the cloud. Read once on first use and kept; a failed read is tried again next time.
 */
export function smsCredentialsSource(
  config: FunctionEnv,
  secrets: SecretReader,
): () => Promise<SmsCredentials> {
  if (config.SMS_USERNAME && config.SMS_PASSWORD) {
    const local = { username: config.SMS_USERNAME, password: config.SMS_PASSWORD };
    return async () => local;
  }
  const secretName = config.SMS_CREDENTIALS_SECRET;
  if (!secretName) {
    throw new ConfigError(
      "Set SMS_USERNAME and SMS_PASSWORD (local) or SMS_CREDENTIALS_SECRET (Secret Manager).",
    );
  }
  let cached: Promise<SmsCredentials> | undefined;
  return () => {
    cached ??= secrets.read(secretName).then(parseSecret);
    cached.catch(() => {
      cached = undefined;
    });
    return cached;
  };
}

function parseSecret(text: string): SmsCredentials {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError("SMS credentials secret is not JSON");
  }
  const parsed = smsCredentialsSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError("SMS credentials secret must be {username, password}");
  return parsed.data;
}
