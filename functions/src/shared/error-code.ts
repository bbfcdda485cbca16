/**
 * Every code a DomainError can carry, in one list so the HTTP mapping in http/problem.ts must
 * name each one (it is a Record over this union) and a test can walk them at run time.
 * Codes are stable: clients and tests match on them and problem `type`s are derived from them.
 * This module imports nothing, so domain/ can depend on it without pulling in the platform.
 */
export const errorCodes = [
  // Requests and the platform (shared/errors.ts).
  "VALIDATION_FAILED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "UNSUPPORTED_MEDIA_TYPE",
  "IDEMPOTENCY_KEY_REUSED",
  "PRECONDITION_REQUIRED",
  "RATE_LIMITED",
  "CONFIG_INVALID",
  "DEPENDENCY_UNAVAILABLE",
  // Orders (domain/order-status.ts).
  "ORDER_ILLEGAL_TRANSITION",
  // Feature flags (flags/flag-errors.ts).
  "INVALID_FLAG_DEFINITION",
  "VERSION_CONFLICT",
  // Migration stages (migration/migration-errors.ts; VERSION_CONFLICT is shared with flags).
  "INVALID_STAGE_TRANSITION",
  "NOT_VERIFIED",
  "DRAIN_FAILED",
  // Sync internals (sync/apply, sync/ledger, sync/verify).
  "SYNC_RECORD_BUSY",
  "SYNC_DRAIN_TIMEOUT",
  "SYNC_DRAIN_NOT_EQUAL",
  "SYNC_PERMANENT_FAILURE",
  // SMS gateway (sms/sms-errors.ts).
  "SMS_TEMPLATE_INVALID",
  "SMS_PROVIDER_UNAVAILABLE",
  "SMS_REJECTED",
  "SMS_CIRCUIT_OPEN",
  // Legacy import mapping (legacy/mapping/findings.ts).
  "LEGACY_ROW_REJECTED",
  // ROC dates (taiwan/roc-date.ts). Lower-case because they predate this list: the import
  // report writes them verbatim as warning details and the mapping branches on them.
  "roc-date-blank",
  "roc-date-format",
  "roc-date-calendar",
  "roc-time-format",
] as const;

export type ErrorCode = (typeof errorCodes)[number];
