import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { rocDateTimeToIso } from "../../taiwan/roc-date.js";
import type { ChangeMessage } from "../change-message.js";
import type { ConflictPolicy } from "../conflicts/conflict-policy.js";
import { writeConflicts } from "../conflicts/firestore-conflict-writes.js";
import { type FieldEditTimes, fieldEditedAt } from "../field-edit-times.js";
import { advanceLedger, type FlatRow, type SyncLedgerEntry } from "../ledger/sync-ledger.js";
import { writeAppliedSample } from "../status/apply-lag.js";
import type { AppliedChangeJournal, JournaledApply } from "./applied-change-journal.js";
import { PermanentApplyError } from "./apply-errors.js";
import { type ApplyOutcome, mergeForApply, nextSuperseded } from "./apply-outcome.js";
import { editAfterDelete, withPendingVendorDelete } from "./edit-after-delete.js";
import { type LeaseSettlement, LedgerLease } from "./ledger-lease.js";
import type { LegacyGateway } from "./legacy-gateway.js";
import { deleteRow, selectRowForUpdate, upsertStatement } from "./legacy-records.js";
import { incomingRow } from "./record-rows.js";

/**
 * new → PostgreSQL in three steps: (1) the record's lease is taken in its Firestore ledger, after
 * the duplicate, stale and stage checks (ledger-lease.ts), (2) the PostgreSQL transaction merges,
 * journals its decision and commits, (3) the ledger is advanced and the lease dropped, with the
 * conflict records and the lag sample, in one write. PostgreSQL commits first, the ledger second;
 * the lease keeps syncApplyToNew off the record meanwhile (it nacks), so the two directions never
 * decide about one record at once. If step 3 never happens the message is redelivered and step 2
 * replays the journaled decision: nothing is merged or changed twice.
 */
/**
 * The lease must outlive any PostgreSQL work it protects: the gateway destroys a connection at its
 * timeout and PostgreSQL notices a gone client within a second (client_connection_check_interval),
 * so after `timeoutMs` plus that second plus a margin for clock skew nothing of the apply can commit.
 */
export function leaseMsFor(legacyTimeoutMs: number): number {
  return legacyTimeoutMs + 5_000;
}

export class ApplyToLegacyService {
  private readonly lease: LedgerLease;

  constructor(
    private readonly db: Firestore,
    private readonly legacy: LegacyGateway,
    private readonly policy: ConflictPolicy,
    private readonly journal: AppliedChangeJournal,
    private readonly now: () => Date = () => new Date(),
    leaseMs = leaseMsFor(10_000),
  ) {
    this.lease = new LedgerLease(db, now, leaseMs);
  }

  async apply(message: ChangeMessage): Promise<ApplyOutcome> {
    const incoming = message.op === "upsert" ? incomingRow(message) : null;
    const claim = await this.lease.claim(message);
    if (claim.outcome) return claim.outcome;
    let applied: JournaledApply;
    try {
      applied = await this.applyToLegacy(message, incoming, claim.ledger);
    } catch (error) {
      await this.lease.release(message).catch(() => undefined);
      throw error;
    }
    await this.lease.settle(message, claim, this.settlement(message, applied));
    return applied.outcome;
  }

  /** Phase 3's writes: the ledger advanced past the change, its conflicts, its lag sample. */
  private settlement(message: ChangeMessage, applied: JournaledApply): LeaseSettlement {
    const merge = applied.merge;
    return {
      ledger: (ledger: SyncLedgerEntry) => {
        // A replay after legacy changes were applied meanwhile keeps their newer base.
        const baseMovedOn = ledger.legacyVersion > applied.claimedLegacyVersion;
        // An edit that lost to a delete leaves the deleted record's (null) base as it is.
        const keepBase = baseMovedOn || applied.outcome === "stale";
        const base = merge ? (keepBase ? ledger.base : merge.base) : null;
        const changes = merge
          ? { base, superseded: nextSuperseded(ledger, "new", message.sourceVersion, merge) }
          : { base, ...deletedByNew(ledger, applied) };
        return { ...advanceLedger(ledger, message, changes), lease: null };
      },
      alongside: (writer) => {
        if (merge) writeConflicts(this.db, writer, targetOf(message), merge.manual, this.now());
        writeAppliedSample(this.db, writer, message, applied.outcome);
      },
    };
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
      const found = await this.journal.find(client, message);
      if (found.journaled) return found.journaled;
      if (incoming === null) {
        const deleted: JournaledApply = {
          outcome: await this.deleteFromLegacy(client, message),
          claimedLegacyVersion: ledger.legacyVersion,
          // Under the row lock: every vendor change of the row made before the delete is below this.
          deletedBelow: found.latestCapturedId + 1,
        };
        await this.journal.record(client, message, deleted);
        return deleted;
      }
      assertSameCustomer(message, current);
      const afterDelete =
        current === null
          ? editAfterDelete(
              message,
              incoming,
              withPendingVendorDelete(ledger, found.latestCapturedOp),
              this.policy,
            )
          : undefined;
      if (afterDelete) {
        await this.journal.record(client, message, afterDelete);
        return afterDelete;
      }
      const merged = this.merge(message, incoming, current, ledger, found);
      // The row and its journal entry in one round trip.
      const write = merged.merge?.changed ? upsertStatement(message.entity, merged.merge.merged) : undefined;
      await this.journal.record(client, message, merged, write);
      return merged;
    });
  }

  private async deleteFromLegacy(client: pg.PoolClient, message: ChangeMessage): Promise<ApplyOutcome> {
    return (await deleteRow(client, message.entity, message.key)) ? "deleted" : "unchanged";
  }

  /** Merges the change into the locked row (pure); `latestCapturedId` bounds the legacy tombstones. */
  private merge(
    message: ChangeMessage,
    incoming: FlatRow,
    current: FlatRow | null,
    ledger: SyncLedgerEntry,
    captured: { latestCapturedId: number; vendorEditTimes: FieldEditTimes },
  ): JournaledApply {
    const merge = mergeForApply({
      entity: message.entity,
      incomingSide: "new",
      incomingVersion: message.sourceVersion,
      incoming,
      current,
      ledger,
      newestSideOf: newestSideOf(message, current, captured.vendorEditTimes),
      policy: this.policy,
    });
    // Legacy changes captured up to now carry the overwritten value; later ones are real edits.
    // (Under the row lock nothing new is captured for the row before this transaction commits.)
    for (const tombstone of Object.values(merge.superseded.legacy))
      tombstone.belowVersion = captured.latestCapturedId + 1;
    return {
      outcome: merge.changed ? "applied" : "unchanged",
      merge,
      claimedLegacyVersion: ledger.legacyVersion,
    };
  }
}

/** A new-side delete carried to legacy: remembered, so older vendor edits in flight stay stale. */
function deletedByNew(
  ledger: SyncLedgerEntry,
  applied: JournaledApply,
): Pick<SyncLedgerEntry, "deleted"> | object {
  if (applied.deletedBelow === undefined) return {};
  return { deleted: { side: "new" as const, base: ledger.base, version: applied.deletedBelow } };
}

/**
 * newest-wins compares when people edited the field: the new side's commit against the vendor's
 * last captured edit of that column. A column with no capture in the retained history falls back to
 * the row's upd_date/upd_time stamp (ROC date, Taipei time), which the vendor sets on every edit;
 * an unreadable stamp loses to the change, and so does a tie.
 */
function newestSideOf(message: ChangeMessage, current: FlatRow | null, times: FieldEditTimes) {
  const committed = Date.parse(message.committedAt);
  const stamp = current ? rocDateTimeToIso(asText(current.upd_date), asText(current.upd_time)) : undefined;
  const stamped = stamp?.ok ? Date.parse(stamp.value) : undefined;
  return (column: string): "legacy" | "new" => {
    const edited = fieldEditedAt(times, column) ?? stamped;
    return edited === undefined || committed >= edited ? "new" : "legacy";
  };
}

function asText(value: unknown): string | null {
  return typeof value === "string" ? value.trim() : null;
}

function targetOf(message: ChangeMessage) {
  return { entity: message.entity, key: message.key, customerCode: message.customerCode };
}

/**
 * An order number names one order of one customer. A change that would move an existing order to
 * another customer is two orders that collided on a number, never an edit: keep it as a dead letter.
 */
function assertSameCustomer(message: ChangeMessage, current: FlatRow | null): void {
  if (current && current.client_code !== message.customerCode) {
    throw new PermanentApplyError(
      `${message.entity} ${message.key} belongs to customer ${String(current.client_code)}, not ${message.customerCode}`,
    );
  }
}
