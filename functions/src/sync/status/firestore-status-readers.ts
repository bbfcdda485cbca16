import { type Firestore, Timestamp } from "firebase-admin/firestore";
import { deadLettersCollection } from "../apply/dead-letters.js";
import { conflictsCollection } from "../conflicts/conflict-record.js";
import { collections } from "../firestore-records.js";
import { appliedSamplesCollection, lagOfSample } from "./apply-lag.js";
import type {
  BacklogFigures,
  BacklogReader,
  LagSampleReader,
  SyncDirection,
  SyncSignalsReader,
  VerificationSummary,
} from "./status-ports.js";

/** Most recent samples ranked per direction: enough for a stable p99, bounded read cost. */
const maxLagSamples = 5_000;

const toDate = (value: unknown): Date | null => (value instanceof Timestamp ? value.toDate() : null);

/** New → legacy backlog: `syncOutbox` holds only pending entries; relayed ones are in `syncOutboxPublished`. */
export class OutboxBacklogReader implements BacklogReader {
  constructor(private readonly db: Firestore) {}

  async read(now: Date): Promise<BacklogFigures> {
    const unpublished = this.db.collection(collections.outbox);
    const relayed = this.db.collection(collections.outboxPublished);
    const since = Timestamp.fromMillis(now.getTime() - 5 * 60_000);
    const [backlog, oldest, published] = await Promise.all([
      unpublished.count().get(),
      unpublished.orderBy("committedAt").limit(1).get(),
      relayed.where("publishedAt", ">", since).count().get(),
    ]);
    return {
      backlog: backlog.data().count,
      oldestUnpublishedAt: toDate(oldest.docs[0]?.get("committedAt")),
      publishedLast5Minutes: published.data().count,
    };
  }
}

export class FirestoreLagSampleReader implements LagSampleReader {
  constructor(private readonly db: Firestore) {}

  async lagsSince(direction: SyncDirection, since: Date): Promise<number[]> {
    const snapshot = await this.db
      .collection(appliedSamplesCollection)
      .where("direction", "==", direction)
      .where("appliedAt", ">=", Timestamp.fromDate(since))
      .orderBy("appliedAt", "desc")
      .limit(maxLagSamples)
      .select("committedAt", "appliedAt")
      .get();
    return snapshot.docs.map(lagOfSample).filter((lag): lag is number => lag !== null);
  }
}

export class FirestoreSyncSignals implements SyncSignalsReader {
  constructor(private readonly db: Firestore) {}

  async deadLetters(functionName: string): Promise<number> {
    const count = await this.db
      .collection(deadLettersCollection)
      .where("function", "==", functionName)
      .where("status", "==", "open") // replayed or discarded ones are dealt with
      .count()
      .get();
    return count.data().count;
  }

  async openConflicts(): Promise<number> {
    const count = await this.db.collection(conflictsCollection).where("status", "==", "open").count().get();
    return count.data().count;
  }

  async lastVerification(): Promise<VerificationSummary | null> {
    const snapshot = await this.db
      .collection("syncVerifications")
      .orderBy("verifiedAt", "desc")
      .limit(1)
      .get();
    const doc = snapshot.docs[0];
    const verifiedAt = toDate(doc?.get("verifiedAt"));
    if (!doc || !verifiedAt) return null;
    return { customerCode: doc.id, equal: doc.get("equal") === true, verifiedAt: verifiedAt.toISOString() };
  }

  async legacyBreaker(): Promise<{ state: string; changedAt: string | null } | null> {
    const doc = await this.db.collection("syncState").doc("legacyBreaker").get();
    const state = doc.get("state");
    if (typeof state !== "string") return null;
    const changedAt = doc.get("changedAt");
    return { state, changedAt: typeof changedAt === "string" ? changedAt : null };
  }
}
