import { DomainError } from "../domain/domain-error.js";
import type { ErrorCode } from "../shared/error-code.js";
import { ValidationError } from "../shared/errors.js";

/** RFC 9457 problem details: the one shape every error answer of the API takes. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  correlationId: string;
  errors?: { path: string; message: string }[];
}

export const problemBase = "https://luckygas.example/problems/";

/**
 * The single table from error codes to HTTP statuses. `satisfies Record<ErrorCode, number>`
 * makes a code added to shared/error-code.ts without a status here (or a status for a code
 * that does not exist) a compile error, so there is no run-time fallback to get wrong.
 */
export const statusByCode = {
  // Requests and the platform.
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  PRECONDITION_REQUIRED: 428,
  RATE_LIMITED: 429,
  CONFIG_INVALID: 500,
  DEPENDENCY_UNAVAILABLE: 503,
  // Domain rules.
  ORDER_ILLEGAL_TRANSITION: 409,
  INVALID_FLAG_DEFINITION: 400,
  VERSION_CONFLICT: 412,
  INVALID_STAGE_TRANSITION: 409,
  NOT_VERIFIED: 409,
  DRAIN_FAILED: 409,
  // Internal: raised in Pub/Sub handlers, the SMS sender, the legacy import and the ROC date
  // codecs, or wrapped before a request sees them (a drain failure answers DRAIN_FAILED).
  // They need a status only because the table is total; one that does escape into a request
  // is the server's fault, hence 5xx, except where "busy, retry" is the honest answer.
  SYNC_RECORD_BUSY: 409,
  SYNC_DRAIN_TIMEOUT: 409,
  SYNC_DRAIN_NOT_EQUAL: 409,
  SYNC_PERMANENT_FAILURE: 500,
  SMS_TEMPLATE_INVALID: 500,
  SMS_PROVIDER_UNAVAILABLE: 503,
  SMS_REJECTED: 500,
  SMS_CIRCUIT_OPEN: 503,
  LEGACY_ROW_REJECTED: 500,
  "roc-date-blank": 500,
  "roc-date-format": 500,
  "roc-date-calendar": 500,
  "roc-time-format": 500,
} satisfies Record<ErrorCode, number>;

const internalDetail = "An unexpected error occurred; quote the correlation id when reporting it.";

function kebab(code: ErrorCode): string {
  return code.toLowerCase().replaceAll("_", "-");
}

/**
 * A DomainError answers with the status its code maps to. Anything else is a bug or an
 * unexpected failure underneath: a 500 whose message is not shown, since it may carry
 * internals (SQL, paths, credentials in URLs); the router logs it with the correlation id.
 */
export function toProblem(error: unknown, correlationId: string, instance?: string): Problem {
  if (!(error instanceof DomainError)) {
    return {
      type: `${problemBase}internal`,
      title: "InternalError",
      status: 500,
      detail: internalDetail,
      instance,
      correlationId,
    };
  }
  const status: number = statusByCode[error.code];
  return {
    type: `${problemBase}${kebab(error.code)}`,
    title: error.name,
    status,
    // A 500 is the server's own fault: the client cannot act on its message, which may quote
    // configuration or legacy row content, so only the type says which one it was.
    detail: status === 500 ? internalDetail : error.message,
    instance,
    correlationId,
    ...(error instanceof ValidationError ? { errors: error.issues } : {}),
  };
}
