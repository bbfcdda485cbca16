/**
 * Cost of evaluating the migration flag for all 5,000 customers through our provider behind the
 * OpenFeature client (with evaluation counting on), against bare flagd-core on the same definition.
 * Also times the provider's own synchronous `evaluate` (what the OFREP handler uses) to separate
 * our cost from the SDK client's per-call hook pipeline.
 * Target: provider ≤ 1.5× the bare cost.   npx tsx functions/bench/flags/flags-bench.ts
 */
import { FlagdCore } from "@openfeature/flagd-core";
import { OpenFeature } from "@openfeature/server-sdk";
import { EvaluationRecorder } from "../../src/flags/evaluation-recorder.js";
import { FakeFlagStore } from "../../src/flags/fake-flag-store.js";
import { buildFlagdConfig } from "../../src/flags/flagd-config.js";
import { InMemoryFlagProvider } from "../../src/flags/in-memory-flag-provider.js";

const customerCount = 5_000;
const rounds = 9;
const flagKey = "migration-stage";
const stages = ["off", "dualwrite", "shadow", "live", "rampdown", "complete"];
const migrationFlag = {
  state: "ENABLED",
  variants: Object.fromEntries(stages.map((s) => [s, s])),
  defaultVariant: "off",
  targeting: {
    if: [
      { in: [{ var: "targetingKey" }, ["T0000001", "T0000002", "T0000003"]] },
      "live",
      { starts_with: [{ var: "targetingKey" }, "T00001"] },
      "shadow",
      {
        fractional: [
          ["dualwrite", 20],
          ["off", 80],
        ],
      },
    ],
  },
};
const codes = Array.from({ length: customerCount }, (_, i) => `T${String(i + 1).padStart(7, "0")}`);

async function main(): Promise<void> {
  const store = new FakeFlagStore();
  await store.writeFlag({
    key: flagKey,
    definition: migrationFlag,
    expectedVersion: 0,
    updatedBy: "bench",
    reason: "benchmark set-up",
  });
  const recorder = new EvaluationRecorder({ write: async () => {} });
  const provider = new InMemoryFlagProvider(store, { observer: recorder });
  await OpenFeature.setProviderAndWait("bench", provider);
  const client = OpenFeature.getClient("bench");

  const bare = new FlagdCore();
  bare.setConfigurations(JSON.stringify(buildFlagdConfig(await store.read())));

  const viaClient = async () => {
    for (const code of codes) await client.getStringDetails(flagKey, "off", { targetingKey: code });
  };
  const viaProvider = async () => {
    for (const code of codes) provider.evaluate("string", flagKey, "off", { targetingKey: code });
  };
  const viaBare = async () => {
    for (const code of codes) bare.resolveStringEvaluation(flagKey, "off", { targetingKey: code });
  };
  await assertSameAnswers(client, bare);

  const bareRate = await medianRate(viaBare);
  const providerRate = await medianRate(viaProvider);
  const clientRate = await medianRate(viaClient);
  console.log(`customers per round : ${customerCount}, rounds: ${rounds} (median)`);
  console.log(`bare flagd-core     : ${format(bareRate)} evaluations/s`);
  console.log(
    `provider, direct    : ${format(providerRate)} evaluations/s  (${ratio(bareRate, providerRate)})`,
  );
  console.log(`provider via client : ${format(clientRate)} evaluations/s  (${ratio(bareRate, clientRate)})`);
  console.log("target: provider ≤ 1.5× bare cost; the client line adds the OpenFeature SDK's hook pipeline.");
  await recorder.flush();
  await OpenFeature.close();
}

async function assertSameAnswers(
  client: ReturnType<typeof OpenFeature.getClient>,
  bare: FlagdCore,
): Promise<void> {
  for (const code of codes) {
    const ours = await client.getStringValue(flagKey, "off", { targetingKey: code });
    const theirs = bare.resolveStringEvaluation(flagKey, "off", { targetingKey: code }).value;
    if (ours !== theirs)
      throw new Error(`provider and flagd-core disagree for ${code}: ${ours} vs ${theirs}`);
  }
}

/** Warms up for two rounds (JIT, json-logic compile caches), then times `rounds` rounds. */
async function medianRate(round: () => Promise<void>): Promise<number> {
  for (let i = 0; i < 2; i++) await round();
  const rates: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    await round();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rates.push(customerCount / seconds);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] ?? 0;
}

function ratio(bareRate: number, rate: number): string {
  return `${(bareRate / rate).toFixed(2)}× bare cost`;
}

function format(rate: number): string {
  return Math.round(rate).toLocaleString("en-US");
}

await main();
