import { DomainError } from "../domain/domain-error.js";
import type { ErrorCode } from "./error-code.js";

/**
 * Errors of the platform around the domain (configuration, HTTP, dependencies). They share
 * the domain's base class; http/problem.ts is the one place that turns codes into HTTP answers.
 */
export { DomainError, type ErrorCode };

export class ConfigError extends DomainError {
  constructor(message: string) {
    super("CONFIG_INVALID", message);
  }
}

export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super("VALIDATION_FAILED", message);
  }
}

/** Too many requests from one caller; `retryAfterSeconds` is what the Retry-After header should say. */
export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("RATE_LIMITED", message);
  }
}

/** Declares a DomainError subclass with a fixed code, for the many errors that need nothing more. */
function coded(code: ErrorCode) {
  return class extends DomainError {
    constructor(message: string) {
      super(code, message);
    }
  };
}

export class NotFoundError extends coded("NOT_FOUND") {}
export class PreconditionFailedError extends coded("PRECONDITION_FAILED") {}
export class PreconditionRequiredError extends coded("PRECONDITION_REQUIRED") {}
export class ConflictError extends coded("CONFLICT") {}
export class UnauthenticatedError extends coded("UNAUTHENTICATED") {}
export class ForbiddenError extends coded("FORBIDDEN") {}
export class DependencyUnavailableError extends coded("DEPENDENCY_UNAVAILABLE") {}
export class MethodNotAllowedError extends coded("METHOD_NOT_ALLOWED") {}
export class UnsupportedMediaTypeError extends coded("UNSUPPORTED_MEDIA_TYPE") {}
/** The same Idempotency-Key was sent again with a different request (method, path or body). */
export class IdempotencyKeyReusedError extends coded("IDEMPOTENCY_KEY_REUSED") {}
