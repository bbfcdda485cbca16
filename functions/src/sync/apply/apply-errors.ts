import { DomainError } from "../../domain/domain-error.js";

/** The message can never be applied (bad content): acknowledge it and keep it as a dead letter. */
export class PermanentApplyError extends DomainError {
  constructor(reason: string) {
    super("SYNC_PERMANENT_FAILURE", reason);
  }
}

/** PostgreSQL SQLSTATE classes that retrying cannot fix: data exceptions (22) and constraint violations (23). */
export function isPermanentDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^(22|23)[0-9A-Z]{3}$/.test(code);
}
