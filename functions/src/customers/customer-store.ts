import type { AuditDraft } from "../audit/audit-draft.js";
import type { Customer, CustomerType, MigrationStage } from "../domain/customer.js";
import type { Precondition } from "../shared/precondition.js";

/** A record with the ETag of the version that was read. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/**
 * One side (legacy or new) of customer storage. `update` runs `change` inside the side's own
 * transaction after checking `precondition` against the current version, so a stale edit never lands.
 */
export interface CustomerSide {
  get(code: string): Promise<Versioned<Customer> | undefined>;
  /** Throws ConflictError when the code exists. Commits `audit`, completed, with the write. */
  create(customer: Customer, audit: AuditDraft): Promise<Versioned<Customer>>;
  update(
    code: string,
    precondition: Precondition,
    change: (current: Customer) => Customer,
    audit: AuditDraft,
  ): Promise<{ before: Customer; after: Versioned<Customer> }>;
}

export interface CustomerListFilter {
  area?: string;
  type?: CustomerType;
  /** Only customers in these stages / not in these stages (resolved from assignments). */
  includeCodes?: readonly string[];
  excludeCodes?: readonly string[];
  q?: string;
  pageSize: number;
  /** Last code of the previous page (keyset pagination). */
  after?: string;
}

export interface CustomerPage {
  items: Customer[];
  /** Last code scanned when more may follow. */
  lastCode?: string;
}

/** Port: the customer list over the complete customer table (legacy while most customers are `off`). */
export interface CustomerLister {
  list(filter: CustomerListFilter): Promise<CustomerPage>;
}

/** Port: the persisted stage assignments, for the list's stage filter. */
export interface StageDirectory {
  /** Codes whose assignment has this stage. */
  codesInStage(stage: MigrationStage): Promise<string[]>;
  /** Codes with an assignment other than `off`. */
  codesNotOff(): Promise<string[]>;
  /** The assigned stage of each code that has an assignment. */
  stagesOf(codes: readonly string[]): Promise<Map<string, MigrationStage>>;
}
