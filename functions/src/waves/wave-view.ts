import { type MigrationStage, migrationStages } from "../domain/customer.js";
import type { WaveRecord } from "./wave-record.js";

/** What GET /v1/waves/{id} answers: the record, live progress and the customers per stage. */
export interface WaveView extends Omit<WaveRecord, "progress" | "version"> {
  /** `rate`: customers per second moved since the step started (null before the first). */
  progress: {
    done: number;
    total: number;
    rate: number | null;
    etaSeconds: number | null;
    startedAt: Date | null;
  };
  customers: Record<MigrationStage, number>;
}

/**
 * Progress counts the customers at the step's target now (their stage assignments are the truth,
 * whoever moved them); the rate is of those moved since the step started.
 */
export function waveView(wave: WaveRecord, stages: readonly MigrationStage[], now: Date): WaveView {
  const customers = Object.fromEntries(migrationStages.map((stage) => [stage, 0])) as Record<
    MigrationStage,
    number
  >;
  for (const stage of stages) customers[stage] += 1;
  const total = stages.length;
  const done = wave.target ? customers[wave.target] : total;
  const { version: _version, progress, ...rest } = wave;
  const moved = done - progress.done;
  const elapsed = progress.startedAt ? (now.getTime() - progress.startedAt.getTime()) / 1000 : 0;
  const rate = wave.target && moved > 0 && elapsed > 0 ? moved / elapsed : null;
  const etaSeconds = rate ? Math.ceil((total - done) / rate) : null;
  return {
    ...rest,
    progress: {
      done,
      total,
      rate,
      etaSeconds: done >= total ? 0 : etaSeconds,
      startedAt: progress.startedAt,
    },
    customers,
  };
}
