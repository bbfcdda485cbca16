import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import type { StageAssignmentStore } from "../../migration/stage-assignment-store.js";
import { rocDateTimeToIso } from "../../taiwan/roc-date.js";
import type { ChangeMessage } from "../change-message.js";
import type { ConflictPolicy } from "../conflicts/conflict-policy.js";
import { writeConflictsInTransaction } from "../conflicts/firestore-conflict-writes.js";
import type { MergeResult } from "../conflicts/three-way-merge.js";
import {
  advanceLedger,
  alreadyApplied,
  type FlatRow,
  readLedgerInTransaction,
  type SyncLedgerEntry,
  writeLedgerInTransaction,
} from "../ledger/sync-ledger.js";
import { type ApplyOutcome, mergeForApply, nextSuperseded } from "./apply-outcome.js";
import type { LegacyGateway } from "./legacy-gateway.js";
import { deleteRow, latestCapturedId, selectRowForUpdate, upsertRow } from "./legacy-records.js";
import { incomingRow } from "./record-rows.js";
import { replicates, stageOf } from "./stage-gate.js";

/**
 * new → PostgreSQL. A Firestore transaction holds the ledger while the PostgreSQL transaction
 * commits inside it; PostgreSQL commits first, the ledger second. If the ledger commit fails the
 * message is redelivered and re-applied: the row already equals the merge, so nothing changes twice.
 */
export class ApplyToLegacyService {
  constructor(
    private readonly db: Firestore,
    private readonly legacy: LegacyGateway,
    private readonly stages: StageAssignmentStore,
    private readonly policy: ConflictPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async apply(message: ChangeMessage): Promise<ApplyOutcome> {
    const active = replicates(await stageOf(this.stages, message.customerCode), "new");
    const incoming = message.op === "upsert" ? incomingRow(message) : null;
    return this.db.runTransaction(async (tx) => {
      const ledger = await readLedgerInTransaction(this.db, tx, message);
      const done = alreadyApplied(ledger, message);
      if (done) return done;
      if (!active) {
        writeLedgerInTransaction(this.db, tx, advanceLedger(ledger, message));
        return "skipped-stage";
      }
      if (incoming === null) {
        const deleted = await this.legacy.inSyncTransaction((client) =>
          deleteRow(client, message.entity, message.key),
        );
        writeLedgerInTransaction(this.db, tx, advanceLedger(ledger, message, { base: null }));
        return deleted ? "deleted" : "unchanged";
      }
      const merge = await this.legacy.inSyncTransaction((client) =>
        this.mergeIntoLegacy(client, message, incoming, ledger),
      );
      writeConflictsInTransaction(
        this.db,
        tx,
        { entity: message.entity, key: message.key, customerCode: message.customerCode },
        merge.manual,
        this.now(),
      );
      const superseded = nextSuperseded(ledger, "new", incoming, merge);
      writeLedgerInTransaction(this.db, tx, advanceLedger(ledger, message, { base: merge.base, superseded }));
      return merge.changed ? "applied" : "unchanged";
    });
  }

  private async mergeIntoLegacy(
    client: pg.PoolClient,
    message: ChangeMessage,
    incoming: FlatRow,
    ledger: SyncLedgerEntry,
  ): Promise<MergeResult> {
    const current = await selectRowForUpdate(client, message.entity, message.key);
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
    return merge;
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
