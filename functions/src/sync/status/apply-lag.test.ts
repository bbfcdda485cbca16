import { describe, expect, it } from "vitest";
import type { ChangeApplier } from "../apply/apply-handler.js";
import type { ApplyOutcome } from "../apply/apply-outcome.js";
import type { ChangeMessage } from "../change-message.js";
import { type AppliedSample, type ApplyLagRecorder, LagRecordingApplier } from "./apply-lag.js";

class ListRecorder implements ApplyLagRecorder {
  readonly samples: AppliedSample[] = [];
  async record(sample: AppliedSample): Promise<void> {
    this.samples.push(sample);
  }
}

const message = (source: "legacy" | "new"): ChangeMessage => ({
  changeId: "3f1e7a52-5d0c-4f7b-9a55-0d6c8b1e2a10",
  source,
  entity: "customer",
  key: "0100001",
  customerCode: "0100001",
  op: "upsert",
  sourceVersion: 1,
  committedAt: "2026-11-28T12:00:00.000Z",
  data: {},
});

const applier = (outcome: ApplyOutcome): ChangeApplier => ({ apply: async () => outcome });

describe("LagRecordingApplier", () => {
  it("records commit → apply lag for changes that took effect, by direction", async () => {
    const recorder = new ListRecorder();
    const clock = () => new Date("2026-11-28T12:00:00.250Z");
    expect(await new LagRecordingApplier(applier("applied"), recorder, clock).apply(message("new"))).toBe(
      "applied",
    );
    expect(recorder.samples).toEqual([
      {
        direction: "new-to-legacy",
        committedAt: new Date("2026-11-28T12:00:00.000Z"),
        appliedAt: new Date("2026-11-28T12:00:00.250Z"),
      },
    ]);
  });

  it("records nothing for duplicates and stale changes, and survives a failing recorder", async () => {
    const recorder = new ListRecorder();
    await new LagRecordingApplier(applier("duplicate"), recorder).apply(message("legacy"));
    await new LagRecordingApplier(applier("stale"), recorder).apply(message("legacy"));
    expect(recorder.samples).toEqual([]);
    const failing: ApplyLagRecorder = { record: async () => Promise.reject(new Error("firestore down")) };
    await expect(new LagRecordingApplier(applier("applied"), failing).apply(message("legacy"))).resolves.toBe(
      "applied",
    );
  });
});
