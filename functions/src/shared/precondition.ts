import { PreconditionFailedError } from "./errors.js";

/**
 * The precondition of a state-changing request on a versioned record (RFC 9110 §13.1):
 * - `{ kind: "any" }` — `If-Match: *`: only "the record exists", never "skip the check";
 * - `{ kind: "tags", tags }` — one or more strong entity tags, any of which may be current;
 * - `{ kind: "absent" }` — `If-None-Match: *` on a create: only if nothing is there yet.
 */
export type Precondition = { kind: "any" } | { kind: "tags"; tags: string[] } | { kind: "absent" };

/** Whether a record with `current` ETag (undefined: no record) satisfies the precondition. */
export function preconditionHolds(precondition: Precondition, current: string | undefined): boolean {
  switch (precondition.kind) {
    case "any":
      return current !== undefined;
    case "absent":
      return current === undefined;
    case "tags":
      return current !== undefined && precondition.tags.includes(current);
  }
}

/** Refuses (412) a write whose precondition the stored record does not satisfy. */
export function assertPrecondition(precondition: Precondition, current: string | undefined): void {
  if (!preconditionHolds(precondition, current)) {
    throw new PreconditionFailedError(
      precondition.kind === "absent"
        ? "It exists already; read it and send If-Match instead."
        : "The record changed since you read it; read it again and retry.",
    );
  }
}
