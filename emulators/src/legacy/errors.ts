/**
 * Errors of the legacy world. Each has a stable `code` so callers (the launcher, `npm start`,
 * the seed CLI) can react to the kind of failure without parsing messages.
 */
export class LegacyError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class PortInUseError extends LegacyError {
  constructor(
    readonly port: number,
    detail = "",
  ) {
    super("PORT_IN_USE", `Port ${port} on 127.0.0.1 is already in use${detail}`);
  }
}

export class PostgresStartError extends LegacyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("POSTGRES_START_FAILED", message, options);
  }
}

export class PostgresStopError extends LegacyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("POSTGRES_STOP_FAILED", message, options);
  }
}

export class SeedMismatchError extends LegacyError {
  constructor(existingKey: string, requestedKey: string) {
    super(
      "SEED_MISMATCH",
      `This database was seeded with ${existingKey}; refusing to mix in ${requestedKey}. ` +
        "Use a fresh database (or drop the seeded one) to seed with other parameters.",
    );
  }
}

export class InvalidDatabaseNameError extends LegacyError {
  constructor(name: string) {
    super("INVALID_DATABASE_NAME", `Invalid database name "${name}": use [a-z_][a-z0-9_]{0,62}`);
  }
}
