import { afterEach, describe, expect, it } from "vitest";
import { FakeFlagStore } from "./fake-flag-store.js";
import { withRollout, withSchedule, withState, withTargetingList, withWeights } from "./flag-edits.js";
import type { FlagDefinition } from "./flag-model.js";
import { InMemoryFlagProvider } from "./in-memory-flag-provider.js";

const base: FlagDefinition = {
  state: "ENABLED",
  variants: { on: true, off: false },
  defaultVariant: "off",
};
const providers: InMemoryFlagProvider[] = [];
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.onClose()));
});

/** Stores the definition (so the flagd schema check runs) and evaluates it with real flagd-core. */
async function evaluator(definition: FlagDefinition) {
  const store = new FakeFlagStore();
  await store.writeFlag({ key: "f", definition, expectedVersion: 0, updatedBy: "t", reason: "test" });
  const provider = new InMemoryFlagProvider(store);
  providers.push(provider);
  await provider.initialize();
  return (customer: string) => provider.evaluateUntyped("f", { targetingKey: customer })?.variant;
}

const customers = Array.from({ length: 400 }, (_, i) => `C${String(i).padStart(5, "0")}`);

describe("flag edits (evaluated by flagd-core)", () => {
  it("a rollout percentage on a flag without targeting creates a two-bucket split", async () => {
    const evaluate = await evaluator(withRollout(base, "on", 25));
    const on = customers.filter((code) => evaluate(code) === "on").length;
    expect(on).toBeGreaterThan(60);
    expect(on).toBeLessThan(140);
  });

  it("raising the rollout keeps customers already on (bucket order is preserved)", async () => {
    const at25 = withRollout(base, "on", 25);
    const at60 = withRollout(at25, "on", 60);
    expect(at60.targeting).toEqual({
      fractional: [
        ["on", 60],
        ["off", 40],
      ],
    });
    const [before, after] = await Promise.all([evaluator(at25), evaluator(at60)]);
    expect(customers.filter((code) => before(code) === "on" && after(code) !== "on")).toEqual([]);
  });

  it("weights must name known variants and sum to 100", () => {
    expect(() => withWeights(base, { on: 50, off: 40 })).toThrow(/sum to 90/);
    expect(() => withWeights(base, { on: 50, maybe: 50 })).toThrow(/unknown variant/);
    expect(withWeights(base, { off: 30, on: 70 }).targeting).toEqual({
      fractional: [
        ["off", 30],
        ["on", 70],
      ],
    });
  });

  it("targeting lists win over the rollout, move a customer between lists, and can be emptied", async () => {
    const rolled = withRollout(base, "on", 0);
    const listed = withTargetingList(rolled, "on", ["C00001", "C00002"], []);
    const evaluate = await evaluator(listed);
    expect([evaluate("C00001"), evaluate("C00002"), evaluate("C00003")]).toEqual(["on", "on", "off"]);
    const moved = withTargetingList(listed, "off", ["C00002"], []);
    expect((moved.targeting as { if: unknown[] }).if.slice(0, 4)).toEqual([
      { in: [{ var: "targetingKey" }, ["C00001"]] },
      "on",
      { in: [{ var: "targetingKey" }, ["C00002"]] },
      "off",
    ]);
    const emptied = withTargetingList(withTargetingList(moved, "on", [], ["C00001"]), "off", [], ["C00002"]);
    expect(emptied.targeting).toEqual(rolled.targeting);
  });

  it("a schedule serves the normal targeting only inside its window", async () => {
    const now = Date.now();
    const future = withSchedule(base, { start: new Date(now + 3_600_000), outsideVariant: "off" });
    const current = withSchedule(withRollout(base, "on", 100), {
      start: new Date(now - 3_600_000),
      end: new Date(now + 3_600_000),
      outsideVariant: "off",
    });
    const past = withSchedule(withRollout(base, "on", 100), {
      end: new Date(now - 60_000),
      outsideVariant: "off",
    });
    expect((await evaluator(withState(withRollout(future, "on", 100), "ENABLED")))("C00001")).toBe("off");
    expect((await evaluator(current))("C00001")).toBe("on");
    expect((await evaluator(past))("C00001")).toBe("off");
    expect(withSchedule(current, null).targeting).toEqual({
      fractional: [
        ["on", 100],
        ["off", 0],
      ],
    });
  });

  it("schedule and targeting lists compose in a fixed order, whichever is edited first", () => {
    const start = new Date("2030-01-01T00:00:00Z");
    const a = withTargetingList(withSchedule(base, { start, outsideVariant: "off" }), "on", ["C1"], []);
    const b = withSchedule(withTargetingList(base, "on", ["C1"], []), { start, outsideVariant: "off" });
    expect(a).toEqual(b);
  });

  it("never mutates the definition it is given", () => {
    const frozen = structuredClone(base);
    withTargetingList(withRollout(frozen, "on", 10), "on", ["C1"], []);
    withState(frozen, "DISABLED");
    expect(frozen).toEqual(base);
  });
});
