import { DomainError, ValidationError } from "../shared/errors.js";

/** One schema or structure problem, located by a JSON pointer into the flagd flag-set document. */
export interface FlagDefinitionIssue {
  path: string;
  message: string;
}

/** A flag definition (or shared evaluator set) that does not satisfy the flagd schema or structure rules. */
/**
 * A ValidationError, so the API's problem answer lists every issue with its JSON path, but with
 * its own code so callers can tell a bad definition from a malformed request.
 */
export class FlagDefinitionInvalidError extends ValidationError {
  override readonly code = "INVALID_FLAG_DEFINITION";
  /** JSON pointer of the most specific problem, e.g. `/flags/migration-stage/defaultVariant`. */
  readonly path: string;
  constructor(issues: readonly FlagDefinitionIssue[]) {
    const first = issues[0] ?? { path: "", message: "invalid flag definition" };
    super(`invalid flag definition at ${first.path || "/"}: ${first.message}`, [...issues]);
    this.name = "FlagDefinitionInvalidError";
    this.path = first.path;
  }
}

/** A write based on a version that is no longer current (the API maps this to HTTP 412). */
export class FlagVersionConflictError extends DomainError {
  constructor(
    readonly key: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      "VERSION_CONFLICT",
      `flag ${key}: expected version ${expectedVersion} but stored version is ${actualVersion}`,
    );
    this.name = "FlagVersionConflictError";
  }
}
