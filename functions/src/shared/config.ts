import { z } from "zod";
import { ConfigError } from "./errors.js";

const hostPort = z.string().regex(/^[\w.-]+:\d{1,5}$/, "must be host:port");
const secretVersion = z
  .string()
  .regex(/^projects\/[^/]+\/secrets\/[^/]+\/versions\/[^/]+$/, "must be projects/…/secrets/…/versions/…");

/** Page tokens are HMAC-signed; a short key could be guessed offline from one token a client holds. */
export const PAGE_TOKEN_KEY_MIN_LENGTH = 32;

/**
 * The page-token signing key of demo- projects that set none, so the local stack and the tests need no
 * setup. It is public (it is in this file): parseFunctionEnv never lets a non-demo project use a plain
 * key, and resolvePageTokenKey refuses it when it turns up in Secret Manager.
 */
export const DEMO_PAGE_TOKEN_KEY = "demo-page-token-key:NOT-A-SECRET:local-emulators-and-tests-only";

/**
 * Any variable with this suffix points a Google or Firebase client at an emulator. Matched by suffix,
 * not by list, so hosts a later SDK starts honouring are caught too. Honoured today (node_modules):
 * firebase-admin: FIREBASE_AUTH_EMULATOR_HOST (ID tokens are then accepted *unsigned*),
 * FIREBASE_DATABASE_EMULATOR_HOST, FIREBASE_STORAGE_EMULATOR_HOST, CLOUD_TASKS_EMULATOR_HOST,
 * CLOUD_EVENTARC_EMULATOR_HOST, DATA_CONNECT_EMULATOR_HOST; @google-cloud/firestore:
 * FIRESTORE_EMULATOR_HOST; @google-cloud/pubsub: PUBSUB_EMULATOR_HOST; @google-cloud/storage:
 * STORAGE_EMULATOR_HOST. The emulator clients also drop credentials and TLS.
 */
const emulatorHostVariable = /_EMULATOR_HOST$/;

/**
 * Set by the managed runtime and by nothing in the local stack: Cloud Run services (and so Cloud
 * Functions 2nd gen) set K_SERVICE, K_REVISION and K_CONFIGURATION; 1st gen sets K_SERVICE and
 * K_REVISION; Cloud Run jobs set CLOUD_RUN_JOB. functions-framework, which starts every function
 * locally and in the tests, reads PORT, FUNCTION_TARGET, FUNCTION_SIGNATURE_TYPE, FUNCTION_SOURCE and
 * CLOUD_RUN_TIMEOUT_SECONDS but sets none of these (build/src/options.js) — so FUNCTION_TARGET is no
 * signal. The Firebase CLI's own functions emulator does set K_SERVICE/K_REVISION; this repository does
 * not use it (firebase.json has no "functions"), and would have to revisit this list if it did.
 */
const managedRuntimeVariables: ReadonlySet<string> = new Set([
  "K_SERVICE",
  "K_REVISION",
  "K_CONFIGURATION",
  "CLOUD_RUN_JOB",
]);

/** The project id assumed when GCLOUD_PROJECT is unset (the local stack's), so it must count as demo-. */
const DEFAULT_PROJECT = "demo-luckygas";

/**
 * Everything a function reads from its environment, validated once at start-up so a
 * misconfigured deployment fails loudly instead of on the first request.
 */
export const functionEnvSchema = z.object({
  GCLOUD_PROJECT: z.string().min(1).default(DEFAULT_PROJECT),
  FIRESTORE_EMULATOR_HOST: hostPort.optional(),
  PUBSUB_EMULATOR_HOST: hostPort.optional(),
  FIREBASE_AUTH_EMULATOR_HOST: hostPort.optional(),
  LEGACY_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL")
    .optional(),
  /** Secret Manager resource holding the legacy URL in production (projects/…/secrets/…/versions/…). */
  LEGACY_DATABASE_URL_SECRET: secretVersion.optional(),
  /** HMAC key the API signs its page tokens with, locally; demo- projects default to DEMO_PAGE_TOKEN_KEY. */
  PAGE_TOKEN_KEY: z
    .string()
    .min(PAGE_TOKEN_KEY_MIN_LENGTH, `must be at least ${PAGE_TOKEN_KEY_MIN_LENGTH} characters`)
    .optional(),
  /** Secret Manager version holding the page-token key; required outside demo- projects. */
  PAGE_TOKEN_KEY_SECRET: secretVersion.optional(),
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
  SMS_CREDENTIALS_SECRET: secretVersion.optional(),
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
  /**
   * Sync relays: how long one scheduled call may relay. Longer than Cloud Scheduler's minute, so
   * there is no gap between calls; the next call takes over through the run lease.
   */
  RELAY_DRAIN_SECONDS: z.coerce.number().int().min(1).max(540).default(90),
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
  /**
   * API rate limits per instance (http/request-limiter.ts): requests a minute from one client address
   * (checked before the token) and from one signed-in user. The dashboard polls a few routes every
   * few seconds; 600/min per user leaves room for that and a bulk script, not for a runaway loop.
   */
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1_200),
  RATE_LIMIT_PER_USER_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /**
   * Proxies in front of the API that append to X-Forwarded-For: 0 locally (the socket address
   * counts), 1 on Cloud Functions behind Google's front end.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
});
export type FunctionEnv = z.infer<typeof functionEnvSchema>;

/**
 * Parses the environment and refuses the combinations that are unsafe although each value is valid:
 * emulator hosts outside demo- projects, demo- projects on the managed runtime, and plain-text
 * secrets outside demo- projects. Every problem is listed in one ConfigError, values never.
 */
export function parseFunctionEnv(env: NodeJS.ProcessEnv = process.env): FunctionEnv {
  const parsed = functionEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid function environment:\n  ${lines.join("\n  ")}`);
  }
  const config = parsed.data;
  const problems = [
    ...emulatorProblems(config, env),
    ...managedRuntimeProblems(config, env),
    ...secretProblems(config),
  ];
  if (problems.length > 0) throw new ConfigError(`Unsafe function environment:\n  ${problems.join("\n  ")}`);
  return withDemoPageTokenKey(config);
}

interface ProjectSetting {
  variable: "GCLOUD_PROJECT" | "FIREBASE_AUTH_PROJECT";
  id: string;
}

/** Both project ids a function talks to: its own, and the one whose Auth issues the ID tokens. */
function projectSettings(config: FunctionEnv): ProjectSetting[] {
  const settings: ProjectSetting[] = [{ variable: "GCLOUD_PROJECT", id: config.GCLOUD_PROJECT }];
  if (config.FIREBASE_AUTH_PROJECT)
    settings.push({ variable: "FIREBASE_AUTH_PROJECT", id: config.FIREBASE_AUTH_PROJECT });
  return settings;
}

/** demo- project ids are the emulators' convention for projects that exist nowhere in Google Cloud. */
function isDemoProject(id: string): boolean {
  return id.startsWith("demo-");
}

/** A local run: every project id is a demo- one (a single real one makes the run production). */
function isDemoDeployment(config: FunctionEnv): boolean {
  return projectSettings(config).every((setting) => isDemoProject(setting.id));
}

function describeProjects(settings: ProjectSetting[]): string {
  return settings.map((setting) => `${setting.variable}=${setting.id}`).join(", ");
}

// Presence counts, not truthiness: @google-cloud/storage already switches on an empty STORAGE_EMULATOR_HOST.
function presentVariables(env: NodeJS.ProcessEnv, matches: (name: string) => boolean): string[] {
  return Object.keys(env)
    .filter((name) => matches(name) && env[name] !== undefined)
    .sort();
}

function emulatorProblems(config: FunctionEnv, env: NodeJS.ProcessEnv): string[] {
  const hosts = presentVariables(env, (name) => emulatorHostVariable.test(name));
  const realProjects = projectSettings(config).filter((setting) => !isDemoProject(setting.id));
  if (hosts.length === 0 || realProjects.length === 0) return [];
  return [
    `Emulator hosts are set (${hosts.join(", ")}), but ${describeProjects(realProjects)} is not a demo- project. ` +
      "With an emulator host firebase-admin accepts ID tokens without checking their signature " +
      "(FIREBASE_AUTH_EMULATOR_HOST) and the clients send data without credentials to that host. " +
      "Unset them, or run locally with demo- project ids.",
  ];
}

function managedRuntimeProblems(config: FunctionEnv, env: NodeJS.ProcessEnv): string[] {
  const signals = presentVariables(env, (name) => managedRuntimeVariables.has(name));
  const demoProjects = projectSettings(config).filter((setting) => isDemoProject(setting.id));
  if (signals.length === 0 || demoProjects.length === 0) return [];
  const defaulted =
    env.GCLOUD_PROJECT === undefined ? ` (GCLOUD_PROJECT is unset and defaults to ${DEFAULT_PROJECT})` : "";
  return [
    `${describeProjects(demoProjects)} is a demo- project${defaulted}, but ${signals.join(", ")} ` +
      "says this is the Cloud Functions / Cloud Run runtime, where demo- projects do not exist. " +
      "Set the real project id.",
  ];
}

/**
 * Outside demo- projects secrets come from Secret Manager only. A plain environment value is readable by
 * anyone who may view the function's configuration and lands in deploy logs and IaC state. A secret
 * that Cloud Run injects as an environment variable looks the same from inside the process, so that
 * route is refused too: the *_SECRET variables are the one production path.
 */
function secretProblems(config: FunctionEnv): string[] {
  const problems: string[] = [];
  if (!config.LEGACY_DATABASE_URL && !config.LEGACY_DATABASE_URL_SECRET) {
    problems.push("Set LEGACY_DATABASE_URL (local) or LEGACY_DATABASE_URL_SECRET (Secret Manager).");
  }
  if (isDemoDeployment(config)) return problems;
  const projects = describeProjects(projectSettings(config));
  for (const plain of ["LEGACY_DATABASE_URL", "PAGE_TOKEN_KEY"] as const) {
    if (config[plain]) {
      problems.push(
        `${plain} is set in plain text for ${projects}; use ${plain}_SECRET (a Secret Manager version).`,
      );
    }
  }
  if (!config.PAGE_TOKEN_KEY_SECRET) {
    problems.push(
      `PAGE_TOKEN_KEY_SECRET (a Secret Manager version) is required for ${projects}: page tokens are signed with it.`,
    );
  }
  return problems;
}

function withDemoPageTokenKey(config: FunctionEnv): FunctionEnv {
  if (config.PAGE_TOKEN_KEY || config.PAGE_TOKEN_KEY_SECRET || !isDemoDeployment(config)) return config;
  return { ...config, PAGE_TOKEN_KEY: DEMO_PAGE_TOKEN_KEY };
}
