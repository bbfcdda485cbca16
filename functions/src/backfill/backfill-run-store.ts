import type { ChunkWritten } from "./firestore-backfill-writer.js";

/** How far one customer got: copied (records and ledgers written), then done (sync turned on). */
export type CustomerBackfillState = { state: "copied"; txSnapshot: string } | { state: "done" };

export interface BackfillProgress {
  runId: string;
  total: number;
  done: number;
  documents: number;
  rejected: number;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  /** Customers per second since the start; 0 before the first is done. */
  rate: number;
  /** Seconds to go at that rate; null until there is a rate. */
  etaSeconds: number | null;
}

/** Port: a backfill run's progress, per customer, so a run killed mid-way resumes where it was. */
export interface BackfillRunStore {
  /** Starts the run (or finds it) and answers the state of each customer it already got to. */
  begin(runId: string, customerCodes: readonly string[]): Promise<Map<string, CustomerBackfillState>>;
  copied(
    runId: string,
    customerCodes: readonly string[],
    txSnapshot: string,
    written: ChunkWritten,
  ): Promise<void>;
  done(runId: string, customerCodes: readonly string[]): Promise<void>;
  progress(runId: string): Promise<BackfillProgress | undefined>;
}

/** Rate and ETA from the counters: the one definition both stores use. */
export function withRate(
  counters: Omit<BackfillProgress, "rate" | "etaSeconds">,
  now: Date,
): BackfillProgress {
  const end = counters.finishedAt ?? now;
  const seconds = Math.max((end.getTime() - counters.startedAt.getTime()) / 1000, 0.001);
  const rate = counters.done / seconds;
  const etaSeconds = rate > 0 ? Math.ceil((counters.total - counters.done) / rate) : null;
  return { ...counters, rate, etaSeconds };
}
