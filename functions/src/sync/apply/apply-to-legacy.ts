import type { DocumentSnapshot, Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { assignmentRef } from "../../migration/firestore-stage-assignment-store.js";
import { rocDateTimeToIso } from "../../taiwan/roc-date.js";
import type { ChangeMessage } from "../change-message.js";
import type { ConflictPolicy } from "../conflicts/conflict-policy.js";
import { writeConflictsInTransaction } from "../conflicts/firestore-conflict-writes.js";
import {
  advanceLedger,
  alreadyApplied,
  assertLeaseFree,
  type FlatRow,
  LedgerLeaseHeldError,
  ledgerFromSnapshot,
  ledgerRef,
  readLedgerInTransaction,
  type SyncLedgerEntry,
  writeLedgerInTransaction,
} from "../ledger/sync-ledger.js";
import type { AppliedChangeJournal, JournaledApply } from "./applied-change-journal.js";
import { type ApplyOutcome, mergeForApply, nextSuperseded } from "./apply-outcome.js";
import type { LegacyGateway } from "./legacy-gateway.js";
import { deleteRow, latestCapturedId, selectRowForUpdate, upsertRow } from "./legacy-records.js";
import { incomingRow } from "./record-rows.js";
import { replicates, stageFromSnapshot } from "./stage-gate.js";

/**
 * new → PostgreSQL in three steps: (1) a Firestore transaction checks the ledger and takes the
 * record's lease, (2) the PostgreSQL transaction merges, journals its decision and commits, (3) a
 * Firestore transaction advances the ledger and drops the lease. PostgreSQL commits first, the ledger
 * second; the lease keeps syncApplyToNew off the record meanwhile (it nacks), so the two directions
 * never decide about one record at once. If step 3 never happens the message is redelivered and step
 * 2 replays the journaled decision: nothing is merged or changed twice.
 */
export class ApplyToLegacyService {
  constructor(
    private readonly db: Firestore,
    private readonly legacy: LegacyGateway,
    private readonly policy: ConflictPolicy,
    private readonly journal: AppliedChangeJournal,
    private readonly now: () => Date = () => new Date(),
    private readonly leaseMs = 15_000,
  ) {}

  async apply(message: ChangeMessage): Promise<ApplyOutcome> {
    const incoming = message.op === "upsert" ? incomingRow(message) : null;
    const claim = await this.claim(message);
    if (claim.outcome) return claim.outcome;
    let applied: JournaledApply;
    try {
      applied = await this.applyToLegacy(message, incoming, claim.ledger);
    } catch (error) {
      await this.release(message).catch(() => undefined);
      throw error;
    }
    await this.db.runTransaction(async (tx) => {
      const ledger = await readLedgerInTransaction(this.db, tx, message);
      // Lost the lease (expired and taken): the change is redelivered and replayed from the journal.
      if (ledger.lease?.holder !== message.changeId)
        throw new LedgerLeaseHeldError(`${message.entity}:${message.key}`);
      const merge = applied.merge;
      if (merge) writeConflictsInTransaction(this.db, tx, targetOf(message), merge.manual, this.now());
      // A replay after legacy changes were applied meanwhile keeps their newer base.
      const baseMovedOn = ledger.legacyVersion > applied.claimedLegacyVersion;
      const base = merge ? (baseMovedOn ? ledger.base : merge.base) : null;
      const changes = merge
        ? { base, superseded: nextSuperseded(ledger, "new", message.sourceVersion, merge) }
        : { base };
      writeLedgerInTransaction(this.db, tx, { ...advanceLedger(ledger, message, changes), lease: null });
    });
    return applied.outcome;
  }

  /** Phase 1: duplicate/stale/stage checks and the record's lease, in one Firestore transaction (one read). */
  private claim(message: ChangeMessage) {
    return this.db.runTransaction(async (tx) => {
      const [ledgerDoc, assignment] = await tx.getAll(
        ledgerRef(this.db, message.entity, message.key),
        assignmentRef(this.db, message.customerCode),
      );
      const ledger = ledgerFromSnapshot(ledgerDoc as DocumentSnapshot, message);
      const done = alreadyApplied(ledger, message);
      if (done) return { outcome: done, ledger };
      const now = this.now().getTime();
      assertLeaseFree(ledger, message.changeId, now);
      if (!replicates(stageFromSnapshot(assignment as DocumentSnapshot), "new")) {
        writeLedgerInTransaction(this.db, tx, advanceLedger(ledger, message));
        return { outcome: "skipped-stage" as const, ledger };
      }
      const leased = { ...ledger, lease: { holder: message.changeId, until: now + this.leaseMs } };
      writeLedgerInTransaction(this.db, tx, leased);
      return { outcome: undefined, ledger: leased };
    });
  }

  /**
   * Phase 2: the PostgreSQL transaction (sync origin), merged against the leased ledger and
   * journaled with the rows it writes. A change already in the journal is replayed, not re-merged.
   */
  private async applyToLegacy(
    message: ChangeMessage,
    incoming: FlatRow | null,
    ledger: SyncLedgerEntry,
  ): Promise<JournaledApply> {
    await this.journal.ensureTable((work) => this.legacy.inSyncTransaction(work));
    return this.legacy.inSyncTransaction(async (client) => {
      // The row lock comes first: a concurrent delivery of this change waits here, then replays.
      const current = await selectRowForUpdate(client, message.entity, message.key);
      const journaled = await this.journal.find(client, message.changeId);
      if (journaled) return journaled;
      const applied: JournaledApply =
        incoming === null
          ? {
              outcome: await this.deleteFromLegacy(client, message),
              claimedLegacyVersion: ledger.legacyVersion,
            }
          : await this.mergeIntoLegacy(client, message, incoming, current, ledger);
      await this.journal.record(client, message, applied);
      return applied;
    });
  }

  private async deleteFromLegacy(client: pg.PoolClient, message: ChangeMessage): Promise<ApplyOutcome> {
    return (await deleteRow(client, message.entity, message.key)) ? "deleted" : "unchanged";
  }

  private release(message: ChangeMessage): Promise<void> {
    return this.db.runTransaction(async (tx) => {
      const ledger = await readLedgerInTransaction(this.db, tx, message);
      if (ledger.lease?.holder === message.changeId)
        writeLedgerInTransaction(this.db, tx, { ...ledger, lease: null });
    });
  }

  private async mergeIntoLegacy(
    client: pg.PoolClient,
    message: ChangeMessage,
    incoming: FlatRow,
    current: FlatRow | null,
    ledger: SyncLedgerEntry,
  ): Promise<JournaledApply> {
    const merge = mergeForApply({
      entity: message.entity,
      incomingSide: "new",
      incomingVersion: message.sourceVersion,
      incoming,
      current,
      ledger,
      newestSide: newestSide(message, current),
      policy: this.policy,
    });
    if (merge.changed) await upsertRow(client, message.entity, merge.merged);
    const tombstones = Object.values(merge.superseded.legacy);
    if (tombstones.length > 0) {
      // Legacy changes captured up to now carry the overwritten value; later ones are real edits.
      const below = (await latestCapturedId(client, message.entity, message.key)) + 1;
      for (const tombstone of tombstones) tombstone.belowVersion = below;
    }
    return {
      outcome: merge.changed ? "applied" : "unchanged",
      merge,
      claimedLegacyVersion: ledger.legacyVersion,
    };
  }
}

/** The vendor stamps upd_date/upd_time (ROC date, Taipei time); unreadable stamps lose to the change. */
function newestSide(message: ChangeMessage, current: FlatRow | null): "legacy" | "new" {
  if (!current) return "new";
  const stamp = rocDateTimeToIso(asText(current.upd_date), asText(current.upd_time));
  if (!stamp.ok) return "new";
  return Date.parse(message.committedAt) >= Date.parse(stamp.value) ? "new" : "legacy";
}

function asText(value: unknown): string | null {
  return typeof value === "string" ? value.trim() : null;
}

function targetOf(message: ChangeMessage) {
  return { entity: message.entity, key: message.key, customerCode: message.customerCode };
}
