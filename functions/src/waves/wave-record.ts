import type { MigrationStage } from "../domain/customer.js";
import { timeOrderedId, timeOrderedIdSchema } from "../shared/time-ordered-id.js";

/** `w…-……`: sorts by age (shared/time-ordered-id.ts). */
export const waveIdSchema = timeOrderedIdSchema("w", "wave");

export function newWaveId(now: Date): string {
  return timeOrderedId("w", now);
}

/**
 * idle: at `stage`, nothing to do. running: moving every customer to `target`. paused: an
 * operator stopped it between customers; resume carries on. failed: a customer could not move;
 * the reasons are in `failure` and per customer, and advance or rollback tries again.
 */
export type WaveStatus = "idle" | "running" | "paused" | "failed";

/** The result of one check before a step (see wave-gates.ts). */
export interface GateResult {
  gate: string;
  passed: boolean;
  detail: string;
}

export interface WaveRecord {
  id: string;
  cohortId: string;
  createdAt: Date;
  createdBy: { uid: string; email: string | null };
  reason: string;
  /** The stage every customer of the wave has reached. */
  stage: MigrationStage;
  /** Where a running, paused or failed step goes; null when idle. */
  target: MigrationStage | null;
  direction: "advance" | "rollback" | null;
  status: WaveStatus;
  /** Why the last step failed; null otherwise. */
  failure: string | null;
  gates: GateResult[];
  progress: { done: number; total: number; startedAt: Date | null };
  /** Optimistic concurrency: every change is made at the version it read. */
  version: number;
}

/** One customer of a wave: where it stands and what the last step did to it. */
export interface WaveCustomer {
  customerCode: string;
  stage: MigrationStage;
  outcome: "pending" | "moved" | "failed";
  detail: string | null;
  updatedAt: Date;
}
