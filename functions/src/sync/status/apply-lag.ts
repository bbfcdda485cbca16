import { type Firestore, Timestamp } from "firebase-admin/firestore";
import type { ChangeApplier } from "../apply/apply-handler.js";
import type { ApplyOutcome } from "../apply/apply-outcome.js";
import type { ChangeMessage } from "../change-message.js";
import type { SyncDirection } from "./status-ports.js";

/** `syncApplied/{changeId}`: one lag sample per applied change, expiring after a day (TTL on expireAt). */
export const appliedSamplesCollection = "syncApplied";

export interface AppliedSample {
  direction: SyncDirection;
  committedAt: Date;
  appliedAt: Date;
}

/** Port: where apply functions leave one lag sample per change they applied. */
export interface ApplyLagRecorder {
  record(sample: AppliedSample, changeId: string): Promise<void>;
}

export class FirestoreApplyLagRecorder implements ApplyLagRecorder {
  constructor(private readonly db: Firestore) {}

  async record(sample: AppliedSample, changeId: string): Promise<void> {
    // Keyed by changeId: a redelivered change is one sample, not two.
    await this.db
      .collection(appliedSamplesCollection)
      .doc(changeId)
      .set({
        direction: sample.direction,
        committedAt: Timestamp.fromDate(sample.committedAt),
        appliedAt: Timestamp.fromDate(sample.appliedAt),
        lagMs: sample.appliedAt.getTime() - sample.committedAt.getTime(),
        expireAt: Timestamp.fromMillis(sample.appliedAt.getTime() + 24 * 3600_000),
      });
  }
}

const measured: ReadonlySet<ApplyOutcome> = new Set(["applied", "unchanged", "deleted"]);

/**
 * Wraps an apply function's applier: after a change took effect, records its lag from source
 * commit. Recording is best effort: losing a sample must never make Pub/Sub redeliver a change.
 */
export class LagRecordingApplier implements ChangeApplier {
  constructor(
    private readonly inner: ChangeApplier,
    private readonly recorder: ApplyLagRecorder,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async apply(message: ChangeMessage): Promise<ApplyOutcome> {
    const outcome = await this.inner.apply(message);
    if (measured.has(outcome)) {
      const sample: AppliedSample = {
        direction: message.source === "legacy" ? "legacy-to-new" : "new-to-legacy",
        committedAt: new Date(message.committedAt),
        appliedAt: this.clock(),
      };
      await this.recorder.record(sample, message.changeId).catch(() => undefined);
    }
    return outcome;
  }
}
