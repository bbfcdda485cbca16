import type { ErrorCode } from "../shared/error-code.js";

export type { ErrorCode };

/**
 * Base of every error the code base raises on purpose: `code` is stable and safe to show or
 * match on, and typed, so http/problem.ts can map every code to a status without a fallback.
 * Abstract because a code belongs to a named error class, never to an ad-hoc instance.
 */
export abstract class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
