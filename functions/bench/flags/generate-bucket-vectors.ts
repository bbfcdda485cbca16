/**
 * Run ONCE (and again only on purpose): records which bucket flagd-core's `fractional` puts each
 * synthetic customer code in. The checked-in vectors make an upgrade that re-buckets customers
 * (moving them between migration stages) fail the unit test instead of surprising production.
 *   npx tsx functions/bench/flags/generate-bucket-vectors.ts
 */
import { writeFileSync } from "node:fs";
import { FlagdCore } from "@openfeature/flagd-core";
import { bucketVectorFlag, bucketVectorFlagKey } from "../../src/flags/testdata/bucket-vector-flag.js";

const core = new FlagdCore();
core.setConfigurations(JSON.stringify({ flags: { [bucketVectorFlagKey]: bucketVectorFlag } }));
const vectors: Record<string, string> = {};
for (let n = 1; n <= 200; n++) {
  const code = String(n).padStart(7, "0");
  const result = core.resolveStringEvaluation(bucketVectorFlagKey, "unbucketed", { targetingKey: code });
  vectors[code] = result.variant ?? "unbucketed";
}
const target = new URL("../../src/flags/testdata/fractional-buckets.json", import.meta.url);
writeFileSync(target, `${JSON.stringify({ flagKey: bucketVectorFlagKey, vectors }, null, 2)}\n`);
console.log(`wrote ${Object.keys(vectors).length} vectors to ${target.pathname}`);
