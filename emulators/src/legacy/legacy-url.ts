/** Kept apart from legacy-postgres.ts so reading the local URL does not load the embedded server. */
export const legacyDatabaseName = "legacy";
/** Development-only credential for a server bound to 127.0.0.1; never used outside the emulator. */
export const defaultLegacyPassword = "legacy-dev";

export function postgresUrl(port: number, password: string, database: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}
