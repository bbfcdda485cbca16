/**
 * Cost of evaluating the migration flag for all 5,000 customers through our provider behind the
 * OpenFeature client (with evaluation counting on), against bare flagd-core on the same definition.
 * Also times the provider's own synchronous `evaluate` (what the OFREP handler uses) to separate
 * our cost from the SDK client's per-call hook pipeline, and the client in front of a provider that
 * answers a constant: the SDK's own floor, so "our share" of a client call is measured, not guessed.
 * Target: provider ≤ 1.5× the bare cost.   npx tsx functions/bench/flags/flags-bench.ts
 */
import { FlagdCore } from "@openfeature/flagd-core";
import { OpenFeature, type Provider } from "@openfeature/server-sdk";
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

  // The floor of any provider behind the client: one that answers a constant without evaluating.
  await OpenFeature.setProviderAndWait("bench-floor", constantProvider);
  const floorClient = OpenFeature.getClient("bench-floor");

  const bare = new FlagdCore();
  bare.setConfigurations(JSON.stringify(buildFlagdConfig(await store.read())));

  const viaClient = async () => {
    for (const code of codes) await client.getStringDetails(flagKey, "off", { targetingKey: code });
  };
  const viaProvider = async () => {
    for (const code of codes) provider.evaluate("string", flagKey, "off", { targetingKey: code });
  };
  const viaFloor = async () => {
    for (const code of codes) await floorClient.getStringDetails(flagKey, "off", { targetingKey: code });
  };
  const viaBare = async () => {
    for (const code of codes) bare.resolveStringEvaluation(flagKey, "off", { targetingKey: code });
  };
  await assertSameAnswers(client, bare);

  // Interleaved rounds: on a shared machine the load drifts, and it then hits every variant alike.
  const [bareRate = 0, providerRate = 0, clientRate = 0, floorRate = 0] = await medianRates([
    viaBare,
    viaProvider,
    viaClient,
    viaFloor,
  ]);
  console.log(`customers per round : ${customerCount}, rounds: ${rounds} (median)`);
  console.log(`bare flagd-core     : ${format(bareRate)} evaluations/s`);
  console.log(
    `provider, direct    : ${format(providerRate)} evaluations/s  (${ratio(bareRate, providerRate)})`,
  );
  console.log(`provider via client : ${format(clientRate)} evaluations/s  (${ratio(bareRate, clientRate)})`);
  console.log(`client, constant prov: ${format(floorRate)} evaluations/s  (SDK floor: no evaluation at all)`);
  console.log(
    `our share via client : ${(((1 / clientRate - 1 / floorRate) / (1 / clientRate)) * 100).toFixed(0)}% of each client call`,
  );
  console.log("target: provider ≤ 1.5× bare cost; the client line adds the OpenFeature SDK's hook pipeline.");
  await recorder.flush();
  await OpenFeature.close();
}

const constantProvider: Provider = {
  metadata: { name: "constant" },
  runsOn: "server",
  resolveBooleanEvaluation: async (_key, value) => ({ value }),
  resolveNumberEvaluation: async (_key, value) => ({ value }),
  resolveObjectEvaluation: async (_key, value) => ({ value }),
  resolveStringEvaluation: async () => ({ value: "off", variant: "off", reason: "STATIC" }),
};

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

/** Warms up for two rounds (JIT, json-logic compile caches), then times `rounds` interleaved rounds of each. */
async function medianRates(variants: (() => Promise<void>)[]): Promise<number[]> {
  for (const round of variants) for (let i = 0; i < 2; i++) await round();
  const rates: number[][] = variants.map(() => []);
  for (let i = 0; i < rounds; i++) {
    for (const [index, round] of variants.entries()) {
      const started = process.hrtime.bigint();
      await round();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      rates[index]?.push(customerCount / seconds);
    }
  }
  return rates.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0);
}

function ratio(bareRate: number, rate: number): string {
  return `${(bareRate / rate).toFixed(2)}× bare cost`;
}

function format(rate: number): string {
  return Math.round(rate).toLocaleString("en-US");
}

await main();
