import { randomBytes } from "node:crypto";
import { type App, deleteApp, initializeApp } from "firebase-admin/app";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { EvaluationRecorder } from "../../src/flags/evaluation-recorder.js";
import { FirestoreEvaluationCounts } from "../../src/flags/firestore-evaluation-counts.js";

z.object({ FIRESTORE_EMULATOR_HOST: z.string().min(1) }).parse(process.env);
const projectId = `demo-counts-${randomBytes(4).toString("hex")}`;
const apps: App[] = [];
function instance(now: () => Date = () => new Date()): FirestoreEvaluationCounts {
  const app = initializeApp({ projectId }, `counts-it-${apps.length}`);
  apps.push(app);
  return new FirestoreEvaluationCounts(app, now);
}
afterAll(async () => {
  await Promise.all(apps.map((app) => deleteApp(app)));
});

const counts = (variant: string, exposures: number, conversions: Record<string, number> = {}) => ({
  flagKey: "checkout",
  flagVersion: 3,
  variant,
  evaluations: exposures * 2,
  exposures,
  conversions,
});

describe("FirestoreEvaluationCounts on the emulator", () => {
  it("adds concurrent flushes of several instances without losing counts, across days", async () => {
    const day1 = () => new Date("2026-11-27T23:59:00Z");
    const day2 = () => new Date("2026-11-28T00:01:00Z");
    await Promise.all([
      instance(day1).write([counts("a", 10, { order: 2 }), counts("b", 5)]),
      instance(day1).write([counts("a", 7, { order: 1, call: 1 })]),
      instance(day2).write([counts("b", 3, { order: 4 })]),
    ]);
    // A later flush without conversions must not wipe the stored ones (merge of an empty map).
    await instance(day1).write([counts("a", 1)]);
    const totals = await instance().totalsFor("checkout");
    const byVariant = Object.fromEntries(totals.map((total) => [total.variant, total]));
    expect(byVariant.a).toMatchObject({
      flagVersion: 3,
      exposures: 18,
      evaluations: 36,
      conversions: { order: 3, call: 1 },
    });
    expect(byVariant.b).toMatchObject({ exposures: 8, conversions: { order: 4 } });
  });

  it("receives a recorder's aggregated deltas in one flush, not one write per evaluation", async () => {
    const sink = instance();
    const writes: number[] = [];
    const recorder = new EvaluationRecorder({
      write: async (batch) => {
        writes.push(batch.length);
        await sink.write(batch);
      },
    });
    for (let i = 0; i < 300; i++) {
      recorder.recordEvaluation({
        flagKey: "banner",
        flagVersion: 1,
        variant: i % 3 === 0 ? "festive" : "plain",
        reason: "SPLIT",
        targetingKey: `C${i % 100}`,
      });
    }
    await recorder.flush();
    expect(writes).toEqual([2]);
    const totals = await sink.totalsFor("banner");
    expect(totals.reduce((sum, total) => sum + total.evaluations, 0)).toBe(300);
    expect(totals.reduce((sum, total) => sum + total.exposures, 0)).toBe(100);
  });
});
