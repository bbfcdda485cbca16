import { z } from "zod";

const port = z.coerce.number().int().min(1024).max(65_535);

/**
 * The local stack's settings, all overridable from the environment and validated before
 * anything starts. Defaults follow the README's table.
 */
export const stackConfigSchema = z.object({
  PROJECT_ID: z
    .string()
    .regex(/^demo-[a-z0-9-]+$/, "must start with demo- so no emulator ever talks to a real project")
    .default("demo-luckygas"),
  API_PORT: port.default(8080),
  /** Functions other than the API listen on consecutive ports from here, in deployables.ts order. */
  FUNCTIONS_BASE_PORT: port.default(8090),
  DASHBOARD_PORT: port.default(5000),
  FIRESTORE_PORT: port.default(8180),
  PUBSUB_PORT: port.default(8085),
  AUTH_PORT: port.default(9099),
  LEGACY_DB_PORT: port.default(5433),
  EMULATOR_HUB_PORT: port.default(4400),
  EMULATOR_LOGGING_PORT: port.default(4500),
  SEED: z.coerce.number().int().min(0).default(20261128),
  SCALE: z.coerce.number().positive().max(20).default(1),
});
export type StackConfig = z.infer<typeof stackConfigSchema>;

export function parseStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const keys = Object.keys(stackConfigSchema.shape);
  const relevant = Object.fromEntries(
    keys.filter((key) => env[key] !== undefined).map((key) => [key, env[key]]),
  );
  const parsed = stackConfigSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid stack configuration:\n${lines.join("\n")}`);
  }
  const config = parsed.data;
  const ports = keys.filter((key) => key.endsWith("_PORT")).map((key) => config[key as keyof StackConfig]);
  if (new Set(ports).size !== ports.length)
    throw new Error("Invalid stack configuration: two services share a port");
  return config;
}
