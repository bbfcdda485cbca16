import { PubSub } from "@google-cloud/pubsub";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIsolatedDatabase } from "../../../../emulators/src/legacy/isolated-database.js";
import { legacyClientRowSchema } from "../../../src/legacy/legacy-rows.js";
import { sampleClientRow, sampleDeliveryRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { JsonLogger } from "../../../src/shared/logger.js";
import { applySyncSchema } from "../../../src/sync/capture/sync-schema.js";
import { LegacyChangeSource } from "../../../src/sync/relay/legacy-change-source.js";
import { PubSubChangePublisher } from "../../../src/sync/relay/pubsub-change-publisher.js";
import { RelayService } from "../../../src/sync/relay/relay-service.js";
import { testEnv, uniqueProjectId } from "../../support/test-env.js";
import {
  insertRow,
  orderedPullSubscription,
  pullMessages,
  versionsByCustomer,
} from "./relay-test-support.js";

/** The legacy relay against the real PostgreSQL and the real Pub/Sub emulator. */
const env = testEnv();
const projectId = uniqueProjectId("legacy-relay");
const logger = new JsonLogger("ERROR");
let pool: pg.Pool;
let pubsub: PubSub;

const relayOn = (topic: string, source = new LegacyChangeSource(pool)) =>
  new RelayService(source, new PubSubChangePublisher(pubsub, topic), logger);
const drainAll = (relay: RelayService, batchSize: number) =>
  relay.drain({ deadline: Date.now() + 60_000, batchSize });

async function unpublishedCount(): Promise<number> {
  const result = await pool.query<{ n: string }>(
    "SELECT count(*) AS n FROM sync.changes WHERE published_at IS NULL",
  );
  return Number(result.rows[0]?.n);
}

beforeAll(async () => {
  const url = await createIsolatedDatabase(env.LEGACY_ADMIN_URL, "relay_legacy");
  pool = new pg.Pool({ connectionString: url, max: 8 });
  await applySyncSchema(pool);
  pubsub = new PubSub({ projectId, apiEndpoint: env.PUBSUB_EMULATOR_HOST });
});

afterAll(async () => {
  await pubsub?.close();
  await pool?.end();
});

describe("legacy relay", () => {
  it("publishes the row exactly as `pg` returns it, ordered by customer, then marks it published", async () => {
    const subscription = await orderedPullSubscription(pubsub, "legacy-changes", "relay-shape");
    await insertRow(pool, "clients", sampleClientRow({ client_code: "0300001", avg_daily_kg: "12.50" }));
    await pool.query("UPDATE clients SET balance = 880 WHERE client_code = '0300001'");
    const report = await drainAll(relayOn("legacy-changes"), 100);
    expect(report).toMatchObject({ published: 2, failed: 0, rejected: 0 });

    const received = await pullMessages(subscription, 2);
    const selected = await pool.query("SELECT * FROM clients WHERE client_code = '0300001'");
    expect(received.map((r) => r.message.op)).toEqual(["upsert", "upsert"]);
    expect(received[1]?.message.data).toEqual(legacyClientRowSchema.parse(selected.rows[0]));
    expect(received[1]?.message.data?.avg_daily_kg).toBe("12.50");
    expect(received[1]?.message.data?.same_day).toBe(" ");
    expect(received[0]?.attributes).toMatchObject({
      source: "legacy",
      entity: "customer",
      customerCode: "0300001",
    });
    expect(received[0]?.orderingKey).toBe("0300001");
    expect(await unpublishedCount()).toBe(0);
    expect((await drainAll(relayOn("legacy-changes"), 100)).published).toBe(0);
  });

  it("two concurrent relays publish every change exactly once, in order per customer", async () => {
    const subscription = await orderedPullSubscription(pubsub, "legacy-changes", "relay-concurrent");
    const customers = Array.from({ length: 12 }, (_, i) => `04${String(i).padStart(5, "0")}`);
    for (const code of customers) await insertRow(pool, "clients", sampleClientRow({ client_code: code }));
    // Interleaved changes across customers, from several connections at once.
    await Promise.all(
      customers.map(async (code, c) => {
        for (let round = 0; round < 20; round += 1) {
          if (round % 5 === 0)
            await insertRow(
              pool,
              "deliveries",
              sampleDeliveryRow({ delivery_no: `D${c}-${round}`, client_code: code }),
            );
          else await pool.query("UPDATE clients SET balance = $2 WHERE client_code = $1", [code, round]);
        }
      }),
    );
    const expected = await pool.query<{ id: string }>(
      "SELECT id FROM sync.changes WHERE published_at IS NULL ORDER BY id",
    );
    expect(expected.rows.length).toBe(12 * 21);

    // Small batches so the two relays interleave many claims.
    const [first, second] = await Promise.all([
      drainAll(relayOn("legacy-changes"), 7),
      drainAll(relayOn("legacy-changes"), 11),
    ]);
    const received = await pullMessages(subscription, expected.rows.length);
    const versions = received.map((r) => r.message.sourceVersion);
    expect(first.published + second.published).toBe(expected.rows.length);
    expect(first.published).toBeGreaterThan(0);
    expect(second.published).toBeGreaterThan(0);
    expect([...versions].sort((a, b) => a - b)).toEqual(expected.rows.map((r) => Number(r.id)));
    for (const [, perCustomer] of versionsByCustomer(received))
      expect(perCustomer).toEqual([...perCustomer].sort((a, b) => a - b));
    expect(await unpublishedCount()).toBe(0);
  });

  it("leaves changes unpublished when publishing fails, and the next drain delivers them", async () => {
    await pool.query(
      "UPDATE clients SET remark = 'while the topic is missing' WHERE client_code = '0300001'",
    );
    // One relay (one publisher) for both drains, as a long-running relay retries.
    const relay = relayOn("legacy-changes-missing");
    const failing = await drainAll(relay, 100);
    expect(failing).toMatchObject({ published: 0, failed: 1 });
    expect(await unpublishedCount()).toBe(1);

    const subscription = await orderedPullSubscription(pubsub, "legacy-changes-missing", "relay-retry");
    const retried = await drainAll(relay, 100);
    expect(retried).toMatchObject({ published: 1, failed: 0 });
    const received = await pullMessages(subscription, 1);
    expect(received.map((r) => r.message.data?.remark)).toEqual(["while the topic is missing"]);
    expect(await unpublishedCount()).toBe(0);
  });
});
