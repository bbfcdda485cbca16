import type { BulkWriter, Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import type { BackfillRunStore, CustomerBackfillState } from "./backfill-run-store.js";
import {
  type ChunkWritten,
  type PreparedChunk,
  prepareBackfillChunk,
  writeBackfillChunk,
} from "./firestore-backfill-writer.js";
import { readBackfillSnapshot } from "./legacy-backfill-snapshot.js";
import { republishUnseenCaptures } from "./republish-unseen-captures.js";

/** Turns the customer's sync on (off → dualwrite); the backfill calls it only once the copy is written. */
export type TurnSyncOn = (customerCode: string) => Promise<void>;

export interface BackfillServiceDeps {
  db: Firestore;
  pool: pg.Pool;
  runs: BackfillRunStore;
  /** Customers per snapshot and BulkWriter flush (about 40 deliveries each on the generated data). */
  chunkCustomers?: number;
  /**
   * BulkWriter's own ramp (500 writes/s, +50% every 5 minutes: Firestore's 500/50/5 rule for
   * fresh key ranges) unless false. Keep it against Firestore; off measures the rest of the cost.
   */
  throttling?: boolean;
  /** Called after each chunk, for progress bars and logs. */
  onChunk?: (done: number, total: number) => void;
}

export interface BackfillOutcome {
  runId: string;
  customers: number;
  /** Customers done, in this call or before it. */
  done: number;
  documents: number;
  removed: number;
  rejected: ChunkWritten["rejected"];
  /** Customers whose sync could not be turned on: copied, not done; the run can be resumed for them. */
  notTurnedOn: { customerCode: string; reason: string }[];
  /** Captured changes made after a copy's snapshot, published again for the sync to apply. */
  republished: number;
  /**
   * Where the time went, in milliseconds (the benchmark prints them): waiting for the read-ahead of
   * the next chunk (legacy snapshot and Firestore reads, which otherwise overlap the writes), the
   * Firestore reads themselves, the BulkWriter flush, progress records, stage flips, republishing.
   */
  timings: Record<
    "readAheadWait" | "firestoreReads" | "firestoreWrites" | "progress" | "turnOn" | "republish",
    number
  >;
}

/** Customers whose sync is turned on at the same time (each is one stage transaction). */
const turnOnConcurrency = 8;

/**
 * Brings the new side level with legacy for customers about to enter `dualwrite`, then turns
 * their sync on. Per chunk of customers: one legacy snapshot (rows, delivery history, the newest
 * capture of each row), a BulkWriter copy of records and ledgers, the stage flip per customer,
 * and the captures the snapshot could not see published again. Legacy changes made while a
 * customer was `off` were skipped by the sync; the ones before the snapshot are in the copy, the
 * ones after it are republished: none is lost. Reading the next chunk overlaps writing this one.
 */
export class BackfillService {
  constructor(private readonly deps: BackfillServiceDeps) {}

  /** `shouldStop` is asked between chunks (a paused wave): the run ends there and can be resumed. */
  async run(
    runId: string,
    customerCodes: readonly string[],
    turnOn: TurnSyncOn,
    shouldStop: () => Promise<boolean> = async () => false,
  ): Promise<BackfillOutcome> {
    const codes = [...new Set(customerCodes)].sort();
    const states = await this.deps.runs.begin(runId, codes);
    const outcome: BackfillOutcome = {
      runId,
      customers: codes.length,
      done: codes.filter((code) => states.get(code)?.state === "done").length,
      documents: 0,
      removed: 0,
      rejected: [],
      notTurnedOn: [],
      republished: 0,
      timings: {
        readAheadWait: 0,
        firestoreReads: 0,
        firestoreWrites: 0,
        progress: 0,
        turnOn: 0,
        republish: 0,
      },
    };
    // Copied before a kill: the stored snapshot still tells which captures to publish again.
    const copied = codes.filter((code) => states.get(code)?.state === "copied");
    for (const [txSnapshot, group] of groupBySnapshot(copied, states))
      await this.finish(runId, group, txSnapshot, turnOn, outcome);
    const todo = chunks(
      codes.filter((code) => !states.has(code)),
      this.deps.chunkCustomers ?? 25,
    );
    // ONE BulkWriter for the run, so its 500/50/5 ramp paces the whole backfill, not each chunk anew.
    const writer = this.deps.db.bulkWriter({ throttling: this.deps.throttling ?? true });
    try {
      await this.copyAll(runId, todo, { writer, turnOn, shouldStop }, outcome);
    } finally {
      await writer.close().catch(() => undefined);
    }
    return outcome;
  }

  /**
   * Three stages in flight at once: the next chunk is read ahead, this chunk is written, and the
   * chunk before (once written) has its stage flips and republish. Flips go chunk by chunk in order.
   */
  private async copyAll(
    runId: string,
    todo: string[][],
    {
      writer,
      turnOn,
      shouldStop,
    }: { writer: BulkWriter; turnOn: TurnSyncOn; shouldStop: () => Promise<boolean> },
    outcome: BackfillOutcome,
  ): Promise<void> {
    let next = todo[0] ? this.read(todo[0]) : undefined;
    let finishing: Promise<void> = Promise.resolve();
    let before: { group: string[]; txSnapshot: string; copying: Promise<void> } | undefined;
    const finishBefore = async () => {
      if (!before) return;
      const { group, txSnapshot, copying } = before;
      await copying;
      await finishing;
      finishing = this.finish(runId, group, txSnapshot, turnOn, outcome);
      finishing.catch(() => undefined); // surfaces at the next await
    };
    for (let index = 0; index < todo.length && next; index += 1) {
      if (await shouldStop()) break;
      const started = performance.now();
      const prepared = await next;
      outcome.timings.readAheadWait += performance.now() - started;
      const following = todo[index + 1];
      next = following ? this.read(following) : undefined;
      const group = todo[index] ?? [];
      const copying = this.copy(runId, group, prepared, writer, outcome);
      copying.catch(() => undefined); // surfaces when awaited
      await finishBefore();
      before = { group, txSnapshot: prepared.snapshot.txSnapshot, copying };
    }
    await finishBefore();
    await finishing;
  }

  /** Writes one prepared chunk and records its customers as copied, with the snapshot to finish from. */
  private async copy(
    runId: string,
    group: string[],
    prepared: PreparedChunk,
    writer: BulkWriter,
    outcome: BackfillOutcome,
  ) {
    const written = await writeBackfillChunk(this.deps.db, writer, prepared, runId);
    outcome.documents += written.documents;
    outcome.removed += written.removed;
    outcome.rejected.push(...written.rejected);
    outcome.timings.firestoreReads += written.readMs;
    outcome.timings.firestoreWrites += written.writeMs;
    const started = performance.now();
    await this.deps.runs.copied(runId, group, prepared.snapshot.txSnapshot, written);
    outcome.timings.progress += performance.now() - started;
  }

  /** Turns the sync on for each copied customer, republishes what the copy missed, marks them done. */
  private async finish(
    runId: string,
    group: string[],
    txSnapshot: string,
    turnOn: TurnSyncOn,
    outcome: BackfillOutcome,
  ) {
    const on: string[] = [];
    let started = performance.now();
    const queue = [...group];
    const worker = async () => {
      for (let code = queue.shift(); code !== undefined; code = queue.shift()) {
        try {
          await turnOn(code);
          on.push(code);
        } catch (error) {
          outcome.notTurnedOn.push({
            customerCode: code,
            reason: error instanceof Error ? error.message : String(error),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: turnOnConcurrency }, worker));
    outcome.timings.turnOn += performance.now() - started;
    if (on.length === 0) return;
    started = performance.now();
    outcome.republished += await republishUnseenCaptures(this.deps.pool, on, txSnapshot);
    outcome.timings.republish += performance.now() - started;
    started = performance.now();
    await this.deps.runs.done(runId, on);
    outcome.timings.progress += performance.now() - started;
    outcome.done += on.length;
    this.deps.onChunk?.(outcome.done, outcome.customers);
  }

  /** The next chunk's snapshot and Firestore reads, done while this one is written; a failure surfaces when awaited. */
  private read(codes: readonly string[]): Promise<PreparedChunk> {
    const reading = readBackfillSnapshot(this.deps.pool, codes).then((snapshot) =>
      prepareBackfillChunk(this.deps.db, snapshot),
    );
    reading.catch(() => undefined);
    return reading;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

function groupBySnapshot(codes: readonly string[], states: ReadonlyMap<string, CustomerBackfillState>) {
  const groups = new Map<string, string[]>();
  for (const code of codes) {
    const state = states.get(code);
    if (state?.state !== "copied") continue;
    groups.set(state.txSnapshot, [...(groups.get(state.txSnapshot) ?? []), code]);
  }
  return groups;
}
