import { readFileSync } from "node:fs";
import { FlagdCore } from "@openfeature/flagd-core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FakeFlagStore } from "./fake-flag-store.js";
import { InMemoryFlagProvider } from "./in-memory-flag-provider.js";
import { bucketVectorFlag, bucketVectorFlagKey } from "./testdata/bucket-vector-flag.js";

/** Generated once by functions/bench/flags/generate-bucket-vectors.ts; never regenerate to make this pass. */
const pinned = z
  .strictObject({ flagKey: z.literal(bucketVectorFlagKey), vectors: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readFileSync(new URL("./testdata/fractional-buckets.json", import.meta.url), "utf8")));

describe("fractional buckets are pinned", () => {
  it("covers the 200 synthetic customer codes 0000001..0000200", () => {
    expect(Object.keys(pinned.vectors)).toHaveLength(200);
  });

  it("flagd-core still puts every customer in the recorded bucket", () => {
    const core = new FlagdCore();
    core.setConfigurations(JSON.stringify({ flags: { [bucketVectorFlagKey]: bucketVectorFlag } }));
    const actual = Object.fromEntries(
      Object.keys(pinned.vectors).map((code) => [
        code,
        core.resolveStringEvaluation(bucketVectorFlagKey, "unbucketed", { targetingKey: code }).variant,
      ]),
    );
    expect(actual).toEqual(pinned.vectors);
  });

  it("our provider buckets exactly as bare flagd-core does", async () => {
    const store = new FakeFlagStore();
    await store.writeFlag({
      key: bucketVectorFlagKey,
      definition: bucketVectorFlag,
      expectedVersion: 0,
      updatedBy: "t",
      reason: "test",
    });
    const provider = new InMemoryFlagProvider(store);
    await provider.initialize();
    for (const [code, variant] of Object.entries(pinned.vectors)) {
      const details = provider.evaluate("string", bucketVectorFlagKey, "unbucketed", { targetingKey: code });
      expect({ code, variant: details.variant, reason: details.reason }).toEqual({
        code,
        variant,
        reason: "SPLIT",
      });
    }
    await provider.onClose();
  });
});
