import { DomainError } from "../domain/domain-error.js";

/**
 * Errors of the platform around the domain (configuration, HTTP, dependencies). They share
 * the domain's base class; http/problem.ts is the one place that turns codes into HTTP answers.
 */
export { DomainError };

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

/** Declares a DomainError subclass with a fixed code, for the many errors that need nothing more. */
function coded(code: string) {
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
