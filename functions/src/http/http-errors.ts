import { DomainError } from "../shared/errors.js";

export class MethodNotAllowedError extends DomainError {
  readonly code = "METHOD_NOT_ALLOWED";
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = "UNSUPPORTED_MEDIA_TYPE";
}

export class PreconditionRequiredError extends DomainError {
  readonly code = "PRECONDITION_REQUIRED";
}
