import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PubSub } from "@google-cloud/pubsub";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type LegacyPostgres,
  startLegacyPostgres,
} from "../../../../emulators/src/legacy/legacy-postgres.js";
import { findFreePort } from "../../../../emulators/src/ports.js";
import type { OrderedPushDelivery } from "../../../../emulators/src/services/ordered-push-delivery.js";
import { sampleClientRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { JsonLogger } from "../../../src/shared/logger.js";
import { upsertRow } from "../../../src/sync/apply/legacy-records.js";
import { LegacyChangeSource } from "../../../src/sync/relay/legacy-change-source.js";
import { OutboxChangeSource } from "../../../src/sync/relay/outbox-change-source.js";
import { PubSubChangePublisher } from "../../../src/sync/relay/pubsub-change-publisher.js";
import type { ChangeSource } from "../../../src/sync/relay/relay-ports.js";
import { RelayService } from "../../../src/sync/relay/relay-service.js";
import { SyncVerifier } from "../../../src/sync/verify/sync-verifier.js";
import { testEnv } from "../../support/test-env.js";
import { type ApplyStack, serveTopology, startApplyStack } from "../apply/apply-stack.js";
import { prng } from "./chaos-workload.js";
import { checkConvergence } from "./update-checks.js";
import { editedColumns, type LoggedWrite, uniqueValue, writeLegacy, writeNew } from "./update-workload.js";

/**
 * Convergence of concurrent updates (four client columns), the fault test's first form, kept in
 * `npm test` while the grown fault test (sync-chaos.it.test.ts, `npm run test:chaos`) still finds
 * defects (functions/src/sync/apply/README.md, "Known limits"). Through the real path: capture/outbox → relays → Pub/Sub emulator topics → the
 * topology's subscriptions → push to the apply functions (OrderedPushDelivery: Cloud Pub/Sub's
 * per-key ordering, backoff and dead-lettering; every sixth delivery POSTed 2–3 times at once). Meanwhile:
 * concurrent edits on both sides, apply functions killed and restarted mid-stream, legacy
 * unreachable for a while. After quiescence both sides
 * agree except on fields held by open conflicts, no acknowledged write is lost, nothing echoes.
 * Size: UPDATE_CHAOS_CUSTOMERS, UPDATE_CHAOS_CHANGES, UPDATE_CHAOS_OUTAGE_MS.
 */
const customers = Number(process.env.UPDATE_CHAOS_CUSTOMERS ?? 40);
const changes = Number(process.env.UPDATE_CHAOS_CHANGES ?? 1_000);
const outageMs = Number(process.env.UPDATE_CHAOS_OUTAGE_MS ?? 3_000);
const random = prng(Number(process.env.CHAOS_SEED ?? 20261128));
const dataDir = join(tmpdir(), `luckygas-update-chaos-${randomBytes(4).toString("hex")}`, "data");
const codes = Array.from({ length: customers }, (_, i) => String(7_000_000 + i).padStart(7, "0"));
let postgres: LegacyPostgres;
let port: number;
let stack: ApplyStack;
let pubsub: PubSub;
let deliveries = new Map<string, OrderedPushDelivery>();

beforeAll(async () => {
  port = await findFreePort();
  postgres = await startLegacyPostgres({ port, dataDir });
  stack = await startApplyStack("sync-update-chaos", {
    legacyUrl: postgres.url,
    extraEnv: { SYNC_BREAKER_HALF_OPEN_MS: "500", SYNC_LEGACY_TIMEOUT_MS: "3000" },
  });
  // Real topics and subscriptions from the shared topology; every delivery is POSTed 1–3 times.
  pubsub = new PubSub({ projectId: stack.projectId, apiEndpoint: testEnv().PUBSUB_EMULATOR_HOST });
  // One attempt in six arrives 2 or 3 times at once (a failed copy nacks the attempt).
  deliveries = await serveTopology(pubsub, stack, {
    copies: () => (random() < 1 / 6 ? 2 + Math.floor(random() * 2) : 1),
  });
  for (const code of codes) await stack.setStage(code, "dualwrite");
  const client = await stack.pool.connect();
  try {
    for (const code of codes) await upsertRow(client, "customer", sampleClientRow({ client_code: code }));
  } finally {
    client.release();
  }
}, 180_000);
afterAll(async () => {
  await Promise.all([...deliveries.values()].map((delivery) => delivery.stop()));
  await pubsub?.close();
  await stack?.stop();
  await postgres?.stop().catch(() => undefined);
  await rm(join(dataDir, ".."), { recursive: true, force: true });
});

function relayLoop(relay: RelayService, running: () => boolean): Promise<void> {
  return (async () => {
    while (running()) {
      await relay.drain({ deadline: Date.now() + 2_000, batchSize: 100 }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
}

async function pendingChanges(): Promise<number> {
  const legacy = await stack.pool
    .query("SELECT count(*)::int AS n FROM sync.changes WHERE published_at IS NULL")
    .then((r) => r.rows[0].n as number)
    .catch(() => 1);
  const outbox = (await stack.db.collection("syncOutbox").count().get()).data().count;
  const delivering = [...deliveries.values()].reduce((sum, delivery) => sum + delivery.pending, 0);
  return legacy + outbox + delivering;
}

async function quiesce(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietChecks = 0;
  while (quietChecks < 3 && Date.now() < deadline) {
    quietChecks = (await pendingChanges()) === 0 ? quietChecks + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (quietChecks < 3)
    throw new Error(`not quiescent after ${timeoutMs} ms: ${await pendingChanges()} pending`);
}

it(
  `converges: ${customers} customers, ${changes} changes, duplicates, restarts, legacy outage`,
  async () => {
    const logger = new JsonLogger("ERROR");
    let running = true;
    const relay = (source: ChangeSource, topic: string) =>
      relayLoop(new RelayService(source, new PubSubChangePublisher(pubsub, topic), logger), () => running);
    const relays = [
      relay(new LegacyChangeSource(stack.pool), "legacy-changes"),
      relay(new OutboxChangeSource(stack.db), "new-changes"),
    ];
    await quiesce(120_000);

    const both = new Set(codes.slice(0, Math.ceil(customers * 0.25)));
    const log: LoggedWrite[] = [];
    const failed = { legacy: 0, new: 0 };
    let restarts = 0;
    let seq = 0;
    const workers = 4;
    const perWorker = Math.ceil(changes / workers);
    const edit = async (worker: number) => {
      for (let n = 0; n < perWorker && seq < changes; n += 1) {
        const mine = codes.filter((_, i) => i % workers === worker);
        const code = mine[Math.floor(random() * mine.length)] as string;
        const index = codes.indexOf(code);
        const side = both.has(code)
          ? random() < 0.5
            ? "legacy"
            : "new"
          : index % 2 === 0
            ? "legacy"
            : "new";
        const column = editedColumns[Math.floor(random() * editedColumns.length)] ?? "remark";
        seq += 1;
        const write: LoggedWrite = { seq, side, code, column, value: uniqueValue(column, seq) };
        // A refused write (legacy down, contention) is retried as a user would, until acknowledged:
        // every one of the CHAOS_CHANGES writes ends up acknowledged and in the log.
        for (;;) {
          try {
            await (side === "legacy" ? writeLegacy(stack.pool, write) : writeNew(stack.db, write));
            log.push(write);
            break;
          } catch {
            failed[side] += 1;
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        }
      }
    };
    const chaos = (async () => {
      for (let round = 0; round < 6; round += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await (round % 2 === 0 ? stack.toNew : stack.toLegacy).restart();
        restarts += 1;
        if (round === 2) {
          await postgres.stop();
          await new Promise((resolve) => setTimeout(resolve, outageMs));
          postgres = await startLegacyPostgres({ port, dataDir });
        }
      }
    })();
    await Promise.all([...Array.from({ length: workers }, (_, w) => edit(w)), chaos]);
    await quiesce(300_000);
    running = false;
    await Promise.all(relays);

    const verifier = new SyncVerifier(stack.db, stack.pool);
    const report = await checkConvergence({ db: stack.db, pool: stack.pool, verifier, codes, log });
    const deadLetters = (await stack.db.collection("syncDeadLetters").count().get()).data().count;
    const counts = {
      customers,
      bothSides: both.size,
      writes: {
        legacy: log.filter((w) => w.side === "legacy").length,
        new: log.filter((w) => w.side === "new").length,
        refused: failed,
      },
      toNew: deliveries.get("legacy-changes-apply")?.counts,
      toLegacy: deliveries.get("new-changes-apply")?.counts,
      restarts,
      outageMs,
      ...report.counts,
      deadLetters,
    };
    console.log(`chaos counts ${JSON.stringify(counts)}`);
    expect(restarts).toBeGreaterThanOrEqual(5);
    expect(report.unexplainedMismatches).toEqual([]);
    expect(report.lostWrites).toEqual([]);
    expect(report.counts.echoes).toBe(0);
    expect(deadLetters).toBe(0);
    for (const [name, delivery] of deliveries) {
      expect(delivery.counts.deadLettered).toBe(0);
      // The apply subscriptions carried the workload, duplicated; nothing reached the dead-letter intakes.
      if (name.endsWith("-apply")) expect(delivery.counts.duplicates).toBeGreaterThan(0);
      else expect(delivery.counts.messages).toBe(0);
    }
  },
  Math.max(900_000, changes * 150),
);
