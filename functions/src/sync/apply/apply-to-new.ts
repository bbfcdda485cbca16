import type { DocumentSnapshot, Firestore, Transaction } from "firebase-admin/firestore";
import { assignmentRef } from "../../migration/firestore-stage-assignment-store.js";
import type { ChangeMessage } from "../change-message.js";
import type { ConflictPolicy } from "../conflicts/conflict-policy.js";
import { writeConflicts } from "../conflicts/firestore-conflict-writes.js";
import { type FieldEditTimes, fieldEditedAt, recordFieldEditTimes } from "../field-edit-times.js";
import {
  previousVersionOf,
  recordRef,
  tombstoneRef,
  writeRecordInTransaction,
} from "../firestore-records.js";
import {
  advanceLedger,
  alreadyApplied,
  assertLeaseFree,
  type FlatRow,
  ledgerFromSnapshot,
  ledgerRef,
  type SyncLedgerEntry,
  writeLedgerInTransaction,
} from "../ledger/sync-ledger.js";
import { writeAppliedSample } from "../status/apply-lag.js";
import { NumberReusedError, PermanentApplyError } from "./apply-errors.js";
import { type ApplyOutcome, mergeForApply, nextSuperseded } from "./apply-outcome.js";
import { heldAgainstDelete, legacyEditOfNewDelete } from "./edit-after-delete.js";
import { domainToRow, firestoreSafe, incomingRow, rowToDomain } from "./record-rows.js";
import { replicates, stageFromSnapshot } from "./stage-gate.js";

const updatedBy = "sync:legacy";

/** legacy → Firestore. Record, ledger, conflicts and the lag sample are written in ONE Firestore transaction. */
export class ApplyToNewService {
  constructor(
    private readonly db: Firestore,
    private readonly policy: ConflictPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async apply(message: ChangeMessage): Promise<ApplyOutcome> {
    const incoming = message.op === "upsert" ? incomingRow(message) : null;
    return this.db.runTransaction(async (tx) => {
      const outcome = await this.decide(tx, message, incoming);
      writeAppliedSample(this.db, tx, message, outcome);
      return outcome;
    });
  }

  private async decide(
    tx: Transaction,
    message: ChangeMessage,
    incoming: FlatRow | null,
  ): Promise<ApplyOutcome> {
    // One round trip for everything the decision needs.
    const [ledgerDoc, record, tombstone, assignment] = await tx.getAll(
      ledgerRef(this.db, message.entity, message.key),
      recordRef(this.db, message.entity, message.key),
      tombstoneRef(this.db, message.entity, message.key),
      assignmentRef(this.db, message.customerCode),
    );
    const ledger = ledgerFromSnapshot(ledgerDoc as DocumentSnapshot, message);
    const done = alreadyApplied(ledger, message);
    if (done) return done;
    assertLeaseFree(ledger, message.changeId, this.now().getTime());
    // Out of stage: nothing recorded, so the ledger never moves past a change that was not applied.
    if (!replicates(stageFromSnapshot(assignment as DocumentSnapshot), "legacy")) return "skipped-stage";
    if (!record || !tombstone) throw new Error("getAll returned fewer documents than asked for");
    const previousVersion = previousVersionOf(record, tombstone);
    if (incoming === null) return this.delete(tx, message, ledger, record, previousVersion);
    if (!record.exists && legacyEditOfNewDelete(message, ledger, tombstone.get("origin")))
      return this.editOfDeleted(tx, message, incoming, ledger);
    const current = record.exists ? domainToRow(message.entity, record.get("data")) : null;
    if (current && current.client_code !== message.customerCode) throw ownedElsewhere(message, current);
    const merge = mergeForApply({
      entity: message.entity,
      incomingSide: "legacy",
      incomingVersion: message.sourceVersion,
      incoming,
      current,
      ledger,
      newestSideOf: newestSideOf(message, recordFieldEditTimes(record)),
      policy: this.policy,
    });
    let written = previousVersion;
    if (merge.changed) {
      const data = firestoreSafe(rowToDomain(message.entity, merge.merged, record.get("data")));
      written = writeRecordInTransaction(this.db, tx, {
        ...target(message),
        data: data as unknown as Record<string, unknown>,
        previousVersion,
        previous: record,
        origin: "sync",
        updatedBy,
      });
    }
    // Stale new-side values still in flight are below the version this write created.
    for (const tombstone of Object.values(merge.superseded.new)) tombstone.belowVersion = written;
    writeConflicts(this.db, tx, target(message), merge.manual, this.now());
    const superseded = nextSuperseded(ledger, "legacy", message.sourceVersion, merge);
    writeLedgerInTransaction(this.db, tx, advanceLedger(ledger, message, { base: merge.base, superseded }));
    return merge.changed ? "applied" : "unchanged";
  }

  /** A legacy edit of a record deleted on the new side: stale; money and quantities held for a person. */
  private editOfDeleted(
    tx: Transaction,
    message: ChangeMessage,
    incoming: FlatRow,
    ledger: SyncLedgerEntry,
  ): ApplyOutcome {
    const base = ledger.deleted?.side === "new" ? ledger.deleted.base : ledger.base;
    writeConflicts(
      this.db,
      tx,
      target(message),
      heldAgainstDelete(message, incoming, base, this.policy, "new"),
      this.now(),
    );
    writeLedgerInTransaction(this.db, tx, advanceLedger(ledger, message));
    return "stale";
  }

  private delete(
    tx: Transaction,
    message: ChangeMessage,
    ledger: SyncLedgerEntry,
    record: DocumentSnapshot,
    previousVersion: number,
  ): ApplyOutcome {
    if (record.exists)
      writeRecordInTransaction(this.db, tx, {
        ...target(message),
        data: null,
        previousVersion,
        previous: record,
        origin: "sync",
        updatedBy,
      });
    // Remembered so a new-side edit of the record still in flight cannot bring it back to legacy.
    const deleted = { side: "legacy" as const, base: ledger.base, version: previousVersion + 1 };
    writeLedgerInTransaction(this.db, tx, advanceLedger(ledger, message, { base: null, deleted }));
    return record.exists ? "deleted" : "unchanged";
  }
}

/**
 * An order number names one order of one customer: a change moving it is a collision, not an edit
 * (a dead letter). A legacy INSERT of the number is the vendor reusing a deleted order's number:
 * that delete is still on its way (another customer's stream), so the insert waits for it.
 */
function ownedElsewhere(message: ChangeMessage, current: FlatRow): Error {
  const owner = String(current.client_code);
  if (message.created) return new NumberReusedError(message.entity, message.key, owner);
  return new PermanentApplyError(
    `${message.entity} ${message.key} belongs to customer ${owner}, not ${message.customerCode}`,
  );
}

function target(message: ChangeMessage) {
  return { entity: message.entity, key: message.key, customerCode: message.customerCode };
}

/**
 * newest-wins compares when people edited the field: the vendor's commit against the last edit of
 * that field made through the API here (`fieldEditedAt`), never `updatedAt`, which sync writes
 * bump too. No person edit of the field here: legacy wins; a tie goes to the change.
 */
function newestSideOf(message: ChangeMessage, times: FieldEditTimes) {
  const committed = Date.parse(message.committedAt);
  return (column: string): "legacy" | "new" => {
    const edited = fieldEditedAt(times, column);
    return edited === undefined || committed >= edited ? "legacy" : "new";
  };
}
