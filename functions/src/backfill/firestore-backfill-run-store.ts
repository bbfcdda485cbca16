import { FieldValue, type Firestore, Timestamp } from "firebase-admin/firestore";
import { z } from "zod";
import type { BackfillProgress, BackfillRunStore, CustomerBackfillState } from "./backfill-run-store.js";
import { withRate } from "./backfill-run-store.js";
import type { ChunkWritten } from "./firestore-backfill-writer.js";

export const backfillRunsCollection = "backfillRuns";

const timestamp = z.instanceof(Timestamp).transform((value) => value.toDate());
const runSchema = z.object({
  runId: z.string(),
  total: z.int().nonnegative(),
  done: z.int().nonnegative(),
  documents: z.int().nonnegative(),
  rejected: z.int().nonnegative(),
  startedAt: timestamp,
  updatedAt: timestamp,
  finishedAt: timestamp.nullable(),
});
const customerSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("copied"), txSnapshot: z.string() }),
  z.object({ state: z.literal("done") }),
]);

/**
 * `backfillRuns/{runId}` (counters) and `backfillRuns/{runId}/customers/{code}` (each customer's
 * state). Counters move with the per-customer states in one batch, so they never disagree.
 */
export class FirestoreBackfillRunStore implements BackfillRunStore {
  constructor(
    private readonly db: Firestore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async begin(runId: string, customerCodes: readonly string[]): Promise<Map<string, CustomerBackfillState>> {
    const run = this.runRef(runId);
    const at = Timestamp.fromDate(this.now());
    const fresh = {
      runId,
      total: customerCodes.length,
      done: 0,
      documents: 0,
      rejected: 0,
      startedAt: at,
      updatedAt: at,
      finishedAt: null,
    };
    await run.create(fresh).catch((error: { code?: number }) => {
      if (error.code !== 6) throw error; // ALREADY_EXISTS: resuming
    });
    const states = await run.collection("customers").get();
    return new Map(states.docs.map((doc) => [doc.id, customerSchema.parse(doc.data())]));
  }

  async copied(
    runId: string,
    codes: readonly string[],
    txSnapshot: string,
    written: ChunkWritten,
  ): Promise<void> {
    const batch = this.db.batch();
    for (const code of codes) batch.set(this.customerRef(runId, code), { state: "copied", txSnapshot });
    batch.update(this.runRef(runId), {
      documents: FieldValue.increment(written.documents),
      rejected: FieldValue.increment(written.rejected.length),
      updatedAt: Timestamp.fromDate(this.now()),
    });
    await batch.commit();
  }

  async done(runId: string, codes: readonly string[]): Promise<void> {
    const run = this.runRef(runId);
    await this.db.runTransaction(async (tx) => {
      const current = runSchema.parse((await tx.get(run)).data());
      const done = current.done + codes.length;
      for (const code of codes) tx.set(this.customerRef(runId, code), { state: "done" });
      const at = Timestamp.fromDate(this.now());
      tx.update(run, { done, updatedAt: at, ...(done >= current.total ? { finishedAt: at } : {}) });
    });
  }

  async progress(runId: string): Promise<BackfillProgress | undefined> {
    const snapshot = await this.runRef(runId).get();
    return snapshot.exists ? withRate(runSchema.parse(snapshot.data()), this.now()) : undefined;
  }

  private runRef(runId: string) {
    return this.db.collection(backfillRunsCollection).doc(runId);
  }

  private customerRef(runId: string, code: string) {
    return this.runRef(runId).collection("customers").doc(code);
  }
}
