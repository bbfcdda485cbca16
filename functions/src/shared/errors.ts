/**
 * Base class of every error the domain raises on purpose. `code` is stable (clients and
 * tests match on it); http/problem.ts is the one place that turns codes into HTTP answers.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ConfigError extends DomainError {
  readonly code = "CONFIG_INVALID";
}

export class ValidationError extends DomainError {
  readonly code = "VALIDATION_FAILED";
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message, { issues });
  }
}

export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND";
}

export class PreconditionFailedError extends DomainError {
  readonly code = "PRECONDITION_FAILED";
}

export class ConflictError extends DomainError {
  readonly code = "CONFLICT";
}

export class UnauthenticatedError extends DomainError {
  readonly code = "UNAUTHENTICATED";
}

export class ForbiddenError extends DomainError {
  readonly code = "FORBIDDEN";
}

export class DependencyUnavailableError extends DomainError {
  readonly code = "DEPENDENCY_UNAVAILABLE";
}
