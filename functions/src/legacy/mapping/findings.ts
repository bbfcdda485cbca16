import { DomainError } from "../../domain/domain-error.js";

/**
 * What the import noticed about one row. A repair means the new system reads a value
 * differently from its literal text (912345678 → 0912345678); a warning means the value was
 * kept as-is but a human should look at it (an invalid 統一編號, an unparsed address).
 * Either way the legacy text is kept, so nothing is lost.
 */
export interface Finding {
  code: string;
  /** Legacy column name. */
  field: string;
  detail: string;
}
export type Repair = Finding;
export type Warning = Finding;

export interface RejectionReason {
  code: string;
  detail: string;
}

/** Thrown by the mapping for a row that cannot become a domain record at all. */
export class LegacyRowRejectedError extends DomainError {
  constructor(readonly reason: RejectionReason) {
    super("LEGACY_ROW_REJECTED", `${reason.code}: ${reason.detail}`);
    this.name = "LegacyRowRejectedError";
  }
}
