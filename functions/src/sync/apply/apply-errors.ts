import { DomainError } from "../../domain/domain-error.js";

/** The message can never be applied (bad content): acknowledge it and keep it as a dead letter. */
export class PermanentApplyError extends DomainError {
  constructor(reason: string) {
    super("SYNC_PERMANENT_FAILURE", reason);
  }
}

/**
 * Legacy inserted a number Firestore still holds for another customer's order: the vendor reused
 * a deleted order's number and the delete has not arrived yet. Not permanent: the change is
 * redelivered (Pub/Sub backoff) and applies once the delete has.
 */
export class NumberReusedError extends DomainError {
  constructor(entity: string, key: string, owner: string) {
    super(
      "SYNC_RECORD_BUSY",
      `${entity} ${key} still belongs to customer ${owner} here: waiting for legacy's delete of it; the message will be redelivered.`,
    );
  }
}

/** PostgreSQL SQLSTATE classes that retrying cannot fix: data exceptions (22) and constraint violations (23). */
export function isPermanentDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^(22|23)[0-9A-Z]{3}$/.test(code);
}
