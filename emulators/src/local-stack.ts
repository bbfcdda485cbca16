import { defaultLegacyPassword, legacyDatabaseName, postgresUrl } from "./legacy/legacy-url.js";
import { stackConfigSchema } from "./stack-config.js";

/** Where `npm start` serves what a command line talks to. */
export interface LocalStack {
  apiUrl: string;
  /** host:port, the form FIREBASE_AUTH_EMULATOR_HOST takes. */
  authEmulatorHost: string;
  legacyDatabaseUrl: string;
}

const portsSchema = stackConfigSchema.pick({ API_PORT: true, AUTH_PORT: true, LEGACY_DB_PORT: true });

/**
 * The addresses of the running local stack, read from the same variables and defaults `npm start`
 * reads (stack-config.ts), so a tool needs no flags against it. Only the ports are read: a
 * PROJECT_ID or SEED meant for something else must not stop a tool that never uses them.
 */
export function localStack(env: NodeJS.ProcessEnv = process.env): LocalStack {
  const parsed = portsSchema.safeParse({
    API_PORT: env.API_PORT,
    AUTH_PORT: env.AUTH_PORT,
    LEGACY_DB_PORT: env.LEGACY_DB_PORT,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid local stack port: ${issues.join("; ")}`);
  }
  const ports = parsed.data;
  return {
    apiUrl: `http://127.0.0.1:${ports.API_PORT}`,
    authEmulatorHost: `127.0.0.1:${ports.AUTH_PORT}`,
    legacyDatabaseUrl: postgresUrl(ports.LEGACY_DB_PORT, defaultLegacyPassword, legacyDatabaseName),
  };
}
