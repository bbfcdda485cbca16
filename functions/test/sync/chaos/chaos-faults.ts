import type pg from "pg";
import type { RestartableFirestore } from "../../../../emulators/src/services/restartable-firestore.js";
import type { RunningFunction } from "../../support/function-harness.js";
import type { LatencyProxy } from "./latency-proxy.js";

export interface FaultTargets {
  toNew: RunningFunction;
  toLegacy: RunningFunction;
  legacyRelay: RunningFunction;
  outboxRelay: RunningFunction;
  firestore: RestartableFirestore;
  /** Stops the legacy database, waits `ms`, starts it again (the functions' connections die). */
  legacyOutage(ms: number): Promise<void>;
  proxy: LatencyProxy;
  /** A direct pool to legacy, as the vendor application has. */
  pool: pg.Pool;
  /** Customers whose rows a long vendor transaction locks. */
  lockTargets: () => string[];
  /** Stops Pub/Sub delivery and starts it again (the service keeps counting attempts). */
  restartDelivery(): Promise<void>;
  sizes: { outageMs: number; lockMs: number; slowMs: number; slowDelayMs: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A vendor transaction that holds row locks on clients and their deliveries for `ms`, then commits nothing. */
async function holdRowLocks(targets: FaultTargets): Promise<void> {
  const client = await targets.pool.connect().catch(() => undefined);
  if (!client) return;
  try {
    await client.query("BEGIN");
    const codes = targets.lockTargets();
    await client.query("SELECT 1 FROM clients WHERE client_code = ANY($1) FOR UPDATE", [codes]);
    await client.query("SELECT 1 FROM deliveries WHERE client_code = ANY($1) FOR UPDATE", [codes]);
    await sleep(targets.sizes.lockMs);
    await client.query("ROLLBACK");
  } catch {
    // The outage fault stopped the server under it: the locks went with the connection.
  } finally {
    client.release(true);
  }
}

/**
 * The faults, in the order they are applied, cycling while the workload runs. Each is something
 * that happens to the deployed system; none is kinder than the real event.
 */
export const faultTable: { name: string; run: (t: FaultTargets) => Promise<void> }[] = [
  // A new revision rolls out: graceful stop, cold start.
  { name: "restart syncApplyToNew", run: (t) => t.toNew.restart() },
  // An instance dies mid-apply: nothing in flight finishes, its lease and locks are left behind.
  { name: "kill syncApplyToLegacy", run: (t) => t.toLegacy.killAndRestart() },
  // A relay dies between claim and mark: its claimed changes wait for the lease, then go again.
  { name: "kill syncLegacyRelay", run: (t) => t.legacyRelay.killAndRestart() },
  // An outbox relay dies after publishing, before moving entries: they are published again.
  { name: "kill syncOutboxRelay", run: (t) => t.outboxRelay.killAndRestart() },
  // The vendor's office locks rows in a long transaction (20 s at full size): in the background.
  {
    name: "vendor transaction holds row locks",
    run: async (t) => {
      void holdRowLocks(t);
    },
  },
  // The vendor database slows down: every statement of the functions waits on the network.
  {
    name: "slow legacy statements",
    run: async (t) => {
      t.proxy.delayMs = t.sizes.slowDelayMs;
      await sleep(t.sizes.slowMs);
      t.proxy.delayMs = 0;
    },
  },
  // Firestore unavailable for seconds: the emulator stops and starts again with its data.
  { name: "restart Firestore", run: async (t) => void (await t.firestore.restart({ downMs: 1_000 })) },
  // Subscribers come and go; Pub/Sub keeps each message's delivery count across them.
  { name: "restart Pub/Sub delivery", run: (t) => t.restartDelivery() },
  // The vendor database refuses connections for a while.
  { name: "legacy database down", run: (t) => t.legacyOutage(t.sizes.outageMs) },
];

export const newFaultCounts = (): Record<string, number> =>
  Object.fromEntries(faultTable.map((f) => [f.name, 0]));

/** Every fault of the table has happened at least once. */
export const allFaultsRan = (counts: Record<string, number>) => Object.values(counts).every((n) => n > 0);

/** Cycles through the table, `pauseMs` apart, until `done()` and every fault ran at least once. */
export async function runFaults(
  targets: FaultTargets,
  options: { pauseMs: number; done: () => boolean; counts: Record<string, number> },
): Promise<void> {
  const { counts } = options;
  for (let round = 0; ; round += 1) {
    const fault = faultTable[round % faultTable.length];
    if (!fault) break;
    if (round >= faultTable.length && options.done()) break;
    await sleep(options.pauseMs);
    await fault.run(targets);
    counts[fault.name] = (counts[fault.name] ?? 0) + 1;
  }
}
