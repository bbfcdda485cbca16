import { type Firestore, Timestamp } from "firebase-admin/firestore";
import { deadLettersCollection } from "../apply/dead-letters.js";
import { conflictsCollection } from "../conflicts/conflict-record.js";
import { collections } from "../firestore-records.js";
import { appliedSamplesCollection } from "./apply-lag.js";
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

/** New → legacy backlog, from the `syncOutbox` (indexes: published+committedAt, published+publishedAt). */
export class OutboxBacklogReader implements BacklogReader {
  constructor(private readonly db: Firestore) {}

  async read(now: Date): Promise<BacklogFigures> {
    const outbox = this.db.collection(collections.outbox);
    const unpublished = outbox.where("published", "==", false);
    const since = Timestamp.fromMillis(now.getTime() - 5 * 60_000);
    const [backlog, oldest, published] = await Promise.all([
      unpublished.count().get(),
      unpublished.orderBy("committedAt").limit(1).get(),
      outbox.where("published", "==", true).where("publishedAt", ">", since).count().get(),
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
      .select("lagMs")
      .get();
    return snapshot.docs
      .map((doc) => doc.get("lagMs"))
      .filter((lag): lag is number => typeof lag === "number");
  }
}

export class FirestoreSyncSignals implements SyncSignalsReader {
  constructor(private readonly db: Firestore) {}

  async deadLetters(functionName: string): Promise<number> {
    const count = await this.db
      .collection(deadLettersCollection)
      .where("function", "==", functionName)
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
