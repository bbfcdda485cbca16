import type { DocumentSnapshot, Firestore, Timestamp } from "firebase-admin/firestore";
import { assignmentRef } from "../../migration/firestore-stage-assignment-store.js";
import type { ChangeMessage } from "../change-message.js";
import {
  alreadyApplied,
  assertLeaseFree,
  LedgerLeaseHeldError,
  ledgerFromSnapshot,
  ledgerRef,
  readLedgerInTransaction,
  type SyncLedgerEntry,
  writeLedgerInTransaction,
} from "../ledger/sync-ledger.js";
import type { DocumentSetter } from "../status/apply-lag.js";
import type { ApplyOutcome } from "./apply-outcome.js";
import { replicates, stageFromSnapshot } from "./stage-gate.js";

/** Phase 1's answer: nothing to do (`outcome`), or the leased ledger and when the lease was written. */
export type LeaseClaim =
  | { outcome: ApplyOutcome; ledger?: undefined }
  | { outcome?: undefined; ledger: SyncLedgerEntry; writtenAt: Timestamp };

/** What phase 3 commits: the ledger to write and the other documents that go with it. */
export interface LeaseSettlement {
  ledger(current: SyncLedgerEntry): SyncLedgerEntry;
  alongside(writer: DocumentSetter): void;
}

// gRPC codes for "the document changed since it was read": another writer got there first.
const concurrentWriteCodes = new Set([6 /* ALREADY_EXISTS */, 9 /* FAILED_PRECONDITION */, 10 /* ABORTED */]);
const isConcurrentWrite = (error: unknown) =>
  concurrentWriteCodes.has((error as { code?: unknown } | null)?.code as number);
const claimAttempts = 5;

/**
 * The record lease syncApplyToLegacy holds around its PostgreSQL transaction, as optimistic
 * writes: each write carries a precondition on the ledger's update time, so a write that lost a
 * race fails instead of overwriting. The usual change costs two Firestore round trips in all —
 * one read and one write to claim, one write to settle — instead of two transactions (four) and
 * a separate lag sample (five).
 */
export class LedgerLease {
  constructor(
    private readonly db: Firestore,
    private readonly now: () => Date,
    private readonly leaseMs: number,
  ) {}

  /** Duplicate/stale/stage checks, then the lease (or the skip recorded), written only if unchanged. */
  async claim(message: ChangeMessage): Promise<LeaseClaim> {
    for (let attempt = 1; ; attempt += 1) {
      const [ledgerDoc, assignment] = (await this.db.getAll(
        ledgerRef(this.db, message.entity, message.key),
        assignmentRef(this.db, message.customerCode),
      )) as [DocumentSnapshot, DocumentSnapshot];
      const ledger = ledgerFromSnapshot(ledgerDoc, message);
      const done = alreadyApplied(ledger, message);
      if (done) return { outcome: done };
      const now = this.now().getTime();
      assertLeaseFree(ledger, message.changeId, now);
      // Out of stage: acknowledged and nothing recorded. A skipped change never advances the ledger,
      // so should its stage turn on again (a rollback in flight), a redelivery still applies it.
      if (!replicates(stageFromSnapshot(assignment), "new")) return { outcome: "skipped-stage" };
      const next = { ...ledger, lease: { holder: message.changeId, until: now + this.leaseMs } };
      try {
        const writtenAt = await this.writeIfUnchanged(ledgerDoc, next);
        return { ledger: next, writtenAt };
      } catch (error) {
        if (!isConcurrentWrite(error) || attempt >= claimAttempts) throw error;
      }
    }
  }

  /**
   * Phase 3: the settled ledger (lease dropped) with its companions, in one batch guarded by the
   * claim's write time. If the ledger moved meanwhile (a duplicate delivery re-took the lease, or
   * it expired), a transaction re-reads it and settles only while this change still holds it.
   */
  async settle(
    message: ChangeMessage,
    claim: { writtenAt: Timestamp; ledger: SyncLedgerEntry },
    settlement: LeaseSettlement,
  ) {
    const ref = ledgerRef(this.db, message.entity, message.key);
    const batch = this.db.batch();
    batch.update(ref, { ...settlement.ledger(claim.ledger) }, { lastUpdateTime: claim.writtenAt });
    settlement.alongside(batch);
    try {
      await batch.commit();
      return;
    } catch (error) {
      if (!isConcurrentWrite(error)) throw error;
    }
    await this.db.runTransaction(async (tx) => {
      const ledger = await readLedgerInTransaction(this.db, tx, message);
      // Lost the lease (expired and taken): the change is redelivered and replayed from the journal.
      if (ledger.lease?.holder !== message.changeId)
        throw new LedgerLeaseHeldError(`${message.entity}:${message.key}`);
      writeLedgerInTransaction(this.db, tx, settlement.ledger(ledger));
      settlement.alongside(tx);
    });
  }

  /** Drops the lease after a failed PostgreSQL transaction, if this change still holds it. */
  release(message: ChangeMessage): Promise<void> {
    return this.db.runTransaction(async (tx) => {
      const ledger = await readLedgerInTransaction(this.db, tx, message);
      if (ledger.lease?.holder === message.changeId)
        writeLedgerInTransaction(this.db, tx, { ...ledger, lease: null });
    });
  }

  private async writeIfUnchanged(doc: DocumentSnapshot, ledger: SyncLedgerEntry): Promise<Timestamp> {
    const result = doc.exists
      ? await doc.ref.update({ ...ledger }, { lastUpdateTime: doc.updateTime as Timestamp })
      : await doc.ref.create(ledger);
    return result.writeTime;
  }
}
