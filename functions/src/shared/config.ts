import { z } from "zod";
import { ConfigError } from "./errors.js";

const hostPort = z.string().regex(/^[\w.-]+:\d{1,5}$/, "must be host:port");

/**
 * Everything a function reads from its environment, validated once at start-up so a
 * misconfigured deployment fails loudly instead of on the first request.
 */
export const functionEnvSchema = z.object({
  GCLOUD_PROJECT: z.string().min(1).default("demo-luckygas"),
  FIRESTORE_EMULATOR_HOST: hostPort.optional(),
  PUBSUB_EMULATOR_HOST: hostPort.optional(),
  FIREBASE_AUTH_EMULATOR_HOST: hostPort.optional(),
  LEGACY_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL")
    .optional(),
  /** Secret Manager resource holding the legacy URL in production (projects/…/secrets/…/versions/…). */
  LEGACY_DATABASE_URL_SECRET: z
    .string()
    .regex(/^projects\/[^/]+\/secrets\/[^/]+\/versions\/[^/]+$/)
    .optional(),
  /** Comma-separated browser origins allowed to call the API cross-origin (local dashboard). */
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  LOG_LEVEL: z.enum(["DEBUG", "INFO", "WARNING", "ERROR"]).default("INFO"),
  /** Bulk-SMS gateway origin (Mitake-style HTTP API; the local stack's stub). Unset: order SMS disabled. */
  SMS_PROVIDER_URL: z.url().optional(),
  /** Gateway credentials locally; in the cloud use SMS_CREDENTIALS_SECRET instead. */
  SMS_USERNAME: z.string().min(1).optional(),
  SMS_PASSWORD: z.string().min(1).optional(),
  /** Secret Manager version holding {"username","password"} JSON (projects/…/secrets/…/versions/…). */
  SMS_CREDENTIALS_SECRET: z
    .string()
    .regex(/^projects\/[^/]+\/secrets\/[^/]+\/versions\/[^/]+$/)
    .optional(),
  /** NT$ charged per SMS segment, as decimal text. */
  SMS_PRICE_PER_SEGMENT: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .default("0.85"),
  /** Project whose Firebase Auth issues the ID tokens the API accepts; defaults to GCLOUD_PROJECT. */
  FIREBASE_AUTH_PROJECT: z
    .string()
    .regex(/^[a-z][a-z0-9-]{4,61}[a-z0-9]$/)
    .optional(),
  /** Share (0..1) of shadow/live reads whose per-field comparison is recorded in `readComparisons`. */
  READ_COMPARISON_SAMPLE_RATIO: z.coerce.number().min(0).max(1).default(0.1),
  /** How often each instance adds its flag evaluation counts to Firestore (one batched write per flush). */
  FLAG_COUNTS_FLUSH_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Sync relays: how long one scheduled call drains (Cloud Scheduler calls every minute). */
  RELAY_DRAIN_SECONDS: z.coerce.number().int().min(1).max(540).default(50),
  /** Sync relays: changes claimed and published per batch. */
  RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(200),
  /** Sync relays: "continuous" (local stack) drains whenever the source signals, from cold start on. */
  RELAY_MODE: z.enum(["scheduled", "continuous"]).default("scheduled"),
  /** Sync apply: conflict policy per field group as JSON (sync/conflicts/conflict-policy.ts); absent → defaults. */
  SYNC_CONFLICT_POLICY: z.string().optional(),
  /** Sync apply: legacy statement timeout and how long the open breaker waits before a trial call. */
  SYNC_LEGACY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  SYNC_BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /**
   * Sync apply: legacy connections per instance. Each apply holds one for a short transaction of
   * several round trips; too few and concurrent pushes queue for a connection (at 50 changes/s,
   * 5 connections were the bottleneck of new → legacy).
   */
  SYNC_LEGACY_POOL_MAX: z.coerce.number().int().min(1).max(100).default(20),
});
export type FunctionEnv = z.infer<typeof functionEnvSchema>;

export function parseFunctionEnv(env: NodeJS.ProcessEnv = process.env): FunctionEnv {
  const parsed = functionEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid function environment:\n  ${lines.join("\n  ")}`);
  }
  const config = parsed.data;
  if (!config.LEGACY_DATABASE_URL && !config.LEGACY_DATABASE_URL_SECRET) {
    throw new ConfigError("Set LEGACY_DATABASE_URL (local) or LEGACY_DATABASE_URL_SECRET (Secret Manager).");
  }
  return config;
}
