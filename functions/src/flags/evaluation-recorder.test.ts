import { describe, expect, it } from "vitest";
import { type EvaluationCountSink, EvaluationRecorder, type VariantCounts } from "./evaluation-recorder.js";

class MemorySink implements EvaluationCountSink {
  readonly batches: VariantCounts[][] = [];
  failNext = false;
  async write(batch: readonly VariantCounts[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error("sink down");
    }
    this.batches.push(structuredClone([...batch]));
  }
}

const served = (targetingKey: string, variant: string, flagVersion = 1) => ({
  flagKey: "exp",
  variant,
  reason: "SPLIT",
  flagVersion,
  targetingKey,
});

describe("EvaluationRecorder", () => {
  it("aggregates evaluations and writes nothing until flushed", async () => {
    const sink = new MemorySink();
    const recorder = new EvaluationRecorder(sink);
    for (let i = 0; i < 5; i++) recorder.recordEvaluation(served("C1", "treatment"));
    recorder.recordEvaluation(served("C2", "control"));
    expect(sink.batches).toHaveLength(0);
    await recorder.flush();
    expect(sink.batches).toHaveLength(1);
    const byVariant = Object.fromEntries(sink.batches[0]?.map((c) => [c.variant, c]) ?? []);
    expect(byVariant.treatment).toMatchObject({ evaluations: 5, exposures: 1 });
    expect(byVariant.control).toMatchObject({ evaluations: 1, exposures: 1 });
  });

  it("counts exposure once per customer per flag version, across flushes", async () => {
    const sink = new MemorySink();
    const recorder = new EvaluationRecorder(sink);
    recorder.recordEvaluation(served("C1", "treatment"));
    await recorder.flush();
    recorder.recordEvaluation(served("C1", "treatment"));
    recorder.recordEvaluation(served("C1", "treatment", 2));
    await recorder.flush();
    const second = sink.batches[1] ?? [];
    expect(second.find((c) => c.flagVersion === 1)).toMatchObject({ evaluations: 1, exposures: 0 });
    expect(second.find((c) => c.flagVersion === 2)).toMatchObject({ evaluations: 1, exposures: 1 });
  });

  it("attributes a track event to the served variant once per customer", async () => {
    const sink = new MemorySink();
    const recorder = new EvaluationRecorder(sink);
    recorder.recordEvaluation(served("C1", "treatment"));
    recorder.recordEvaluation(served("C2", "control"));
    recorder.recordTrack({ name: "order-placed", targetingKey: "C1", details: {} });
    recorder.recordTrack({ name: "order-placed", targetingKey: "C1", details: {} });
    recorder.recordTrack({ name: "order-placed", targetingKey: "C9", details: {} });
    await recorder.flush();
    const batch = sink.batches[0] ?? [];
    expect(batch.find((c) => c.variant === "treatment")?.conversions).toEqual({ "order-placed": 1 });
    expect(batch.find((c) => c.variant === "control")?.conversions).toEqual({});
  });

  it("keeps the counts for the next flush when the sink fails", async () => {
    const sink = new MemorySink();
    const recorder = new EvaluationRecorder(sink);
    recorder.recordEvaluation(served("C1", "treatment"));
    sink.failNext = true;
    await expect(recorder.flush()).rejects.toThrow("sink down");
    recorder.recordEvaluation(served("C1", "treatment"));
    await recorder.flush();
    expect(sink.batches[0]).toEqual([
      { flagKey: "exp", flagVersion: 1, variant: "treatment", evaluations: 2, exposures: 1, conversions: {} },
    ]);
  });
});
