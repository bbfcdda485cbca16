import type { Firestore } from "firebase-admin/firestore";
import { DomainError } from "../../domain/domain-error.js";
import type { DrainPort } from "../../migration/migration-ports.js";
import { collections } from "../firestore-records.js";
import { ledgerRef } from "../ledger/sync-ledger.js";
import type { SyncVerifier } from "./sync-verifier.js";

export class DrainTimeoutError extends DomainError {
  constructor(customerCode: string, pending: number) {
    super(
      "SYNC_DRAIN_TIMEOUT",
      `${pending} new-side change(s) of ${customerCode} have not reached legacy yet.`,
    );
  }
}

export class DrainVerificationFailedError extends DomainError {
  constructor(customerCode: string, mismatches: number) {
    super("SYNC_DRAIN_NOT_EQUAL", `After draining, ${customerCode} still differs in ${mismatches} field(s).`);
  }
}

/**
 * Rollback's drain: waits until every new-side change of the customer is applied to legacy —
 * no unpublished outbox entry, and every published one at or below the ledger's applied version —
 * then verifies both sides are equal.
 */
export class SyncDrain implements DrainPort {
  constructor(
    private readonly db: Firestore,
    private readonly verifier: SyncVerifier,
    private readonly options: { timeoutMs: number; pollMs: number } = { timeoutMs: 60_000, pollMs: 250 },
  ) {}

  async pending(customerCode: string): Promise<number> {
    const [unpublished, published] = await Promise.all(
      [collections.outbox, collections.outboxPublished].map((name) =>
        this.db.collection(name).where("customerCode", "==", customerCode).get(),
      ),
    );
    const applied = new Map<string, number>();
    let pending = unpublished?.size ?? 0;
    for (const entry of published?.docs ?? []) {
      if (entry.get("publishError") !== undefined) continue; // rejected: never delivered
      const id = `${entry.get("entity")}:${entry.get("key")}`;
      if (!applied.has(id)) {
        const ledger = await ledgerRef(this.db, entry.get("entity"), entry.get("key")).get();
        applied.set(id, (ledger.get("newVersion") as number | undefined) ?? 0);
      }
      if ((applied.get(id) ?? 0) < (entry.get("sourceVersion") as number)) pending += 1;
    }
    return pending;
  }

  async drainToLegacy(customerCode: string): Promise<void> {
    const deadline = Date.now() + this.options.timeoutMs;
    let pending = await this.pending(customerCode);
    while (pending > 0) {
      if (Date.now() >= deadline) throw new DrainTimeoutError(customerCode, pending);
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
      pending = await this.pending(customerCode);
    }
    const result = await this.verifier.verifyCustomer(customerCode);
    if (!result.equal) throw new DrainVerificationFailedError(customerCode, result.mismatches.length);
  }
}
