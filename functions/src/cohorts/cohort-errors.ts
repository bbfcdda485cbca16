import { ConflictError, ValidationError } from "../shared/errors.js";
import type { ExclusionRule } from "./cohort-exclusions.js";
import type { LimitFinding } from "./cohort-limit-checks.js";

/**
 * Requests that cannot be met with the data at hand. They are validation errors (400 with a
 * path per problem) because the request has to change: a smaller size, a customer un-pinned,
 * a rule switched off. A cohort outside the limits is not an error: it is a refused result.
 */

/** The size exceeds the eligible customers, or the pinned volunteers exceed the size. */
export class CohortSizeError extends ValidationError {
  constructor(message: string, path: string) {
    super(message, [{ path, message }]);
  }
}

/** Pinned volunteers that are not customers at all. */
export class PinnedCustomerUnknownError extends ValidationError {
  constructor(readonly unknown: readonly { customerCode: string; index: number }[]) {
    super(
      `pinned ${unknown.length === 1 ? "customer is" : "customers are"} not known: ${unknown.map((u) => u.customerCode).join(", ")}`,
      unknown.map(({ customerCode, index }) => ({
        path: `body.include.${index}`,
        message: `customer ${customerCode} is not known`,
      })),
    );
  }
}

const remedy: Record<ExclusionRule, string> = {
  terminated: "terminated (exclude.terminated)",
  overCreditLimit: "over its credit limit (exclude.overCreditLimit)",
  activeOrder: "an order confirmed, assigned or in delivery (exclude.activeOrder)",
  importRejected: "rejected by the import report (exclude.importRejected)",
  otherCohortOrWave: "in another cohort or wave (exclude.otherCohortOrWave)",
  deny: "on the deny list (exclude.deny)",
};

export interface ExcludedPin {
  customerCode: string;
  index: number;
  rules: readonly ExclusionRule[];
}

/** Pinned volunteers an exclusion rule removes: un-pin them or switch the rule off. */
export class PinnedCustomerExcludedError extends ValidationError {
  constructor(readonly excluded: readonly ExcludedPin[]) {
    const describe = (pin: ExcludedPin) =>
      `customer ${pin.customerCode} is excluded: ${pin.rules.map((rule) => remedy[rule]).join("; ")}`;
    super(
      `${excluded.map(describe).join(". ")}. Un-pin the customer or switch the rule off (take it off the deny list).`,
      excluded.map((pin) => ({ path: `body.include.${pin.index}`, message: describe(pin) })),
    );
  }
}

/** A cohort outside its limits, asked to be stored without `force`: the request has to change. */
export class CohortRefusedError extends ValidationError {
  constructor(readonly breaches: readonly LimitFinding[]) {
    super(
      `The cohort is outside its limits (${breaches.map((breach) => breach.message).join("; ")}): preview it, change the request, or force it with a reason.`,
      breaches.map((breach) => ({ path: `body.limits.${breach.limit}`, message: breach.message })),
    );
  }
}

/** Customers another cohort claimed between drawing this one and storing it. */
export class CohortMembersTakenError extends ConflictError {
  constructor(readonly taken: readonly string[]) {
    super(
      `${taken.length} of the drawn customers joined another cohort meanwhile (${taken.slice(0, 10).join(", ")}${taken.length > 10 ? ", …" : ""}): draw the cohort again.`,
    );
  }
}
