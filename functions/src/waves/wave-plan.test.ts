import { describe, expect, it } from "vitest";
import { createFakeCohortService } from "../cohorts/fake-cohort-service.js";
import { syntheticCandidates } from "../cohorts/synthetic-candidates.js";
import { FakeWaveStore } from "./fake-wave-store.js";
import { createWavePlan, planSizes, wavePlanSchema } from "./wave-plan.js";
import { WaveService } from "./wave-service.js";

const admin = {
  principal: { uid: "demo-admin", email: "admin@luckygas.test", role: "admin" as const },
  correlationId: "c",
};

describe("planSizes", () => {
  it("turns cumulative shares into what each wave adds", () => {
    expect(planSizes(4_670, [1, 5, 10])).toEqual([47, 187, 233]);
    expect(planSizes(50, [1, 2])).toEqual([1, 1]);
  });

  it("refuses shares that do not increase or leave nothing for the last wave", () => {
    expect(wavePlanSchema.safeParse({ reason: "r", shares: [5, 1] }).success).toBe(false);
    expect(wavePlanSchema.safeParse({ reason: "r", shares: [1, 100] }).success).toBe(false);
    expect(wavePlanSchema.parse({ reason: "r" }).shares).toEqual([1, 5, 10]);
  });
});

describe("createWavePlan", () => {
  it("creates 1% → 5% → 10% → the rest as disjoint cohorts, each with its idle wave", async () => {
    const facts = syntheticCandidates(2_000, 3).map(({ inOtherCohortOrWave: _taken, ...fact }) => fact);
    const { service: cohorts, store } = createFakeCohortService(facts);
    const waves = new WaveService({
      waves: new FakeWaveStore(),
      cohorts,
      stages: { stagesOf: async () => new Map() },
      runner: { kick: () => undefined },
    });
    const eligible = (await cohorts.preview({ percent: 100 })).report.populationSize;
    const plan = await createWavePlan({ cohorts, waves }, wavePlanSchema.parse({ reason: "rollout" }), admin);
    expect(plan.map((wave) => [wave.stage, wave.status])).toEqual(Array(4).fill(["off", "idle"]));
    const sizes = plan.map((wave) => wave.progress.total);
    expect(sizes.slice(0, 3)).toEqual(planSizes(eligible, [1, 5, 10]));
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(eligible);
    expect(new Set([...store.claims.values()].map((claim) => claim.cohortId)).size).toBe(4);
  });
});
