import { PubSub } from "@google-cloud/pubsub";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIsolatedDatabase } from "../../../../emulators/src/legacy/isolated-database.js";
import { sampleClientRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { JsonLogger } from "../../../src/shared/logger.js";
import { applySyncSchema } from "../../../src/sync/capture/sync-schema.js";
import type { ChangeMessage } from "../../../src/sync/change-message.js";
import { LegacyChangeSource } from "../../../src/sync/relay/legacy-change-source.js";
import { PubSubChangePublisher } from "../../../src/sync/relay/pubsub-change-publisher.js";
import type { ChangePublisher } from "../../../src/sync/relay/relay-ports.js";
import { RelayService } from "../../../src/sync/relay/relay-service.js";
import { testEnv, uniqueProjectId } from "../../support/test-env.js";
import { insertRow, orderedPullSubscription, pullMessages } from "./relay-test-support.js";

/**
 * The legacy relay publishes with no transaction open on the vendor database: it claims by lease
 * in one short statement. Real PostgreSQL and the real Pub/Sub emulator; the publisher below only
 * holds the real one's publish until the test lets it go.
 */
const env = testEnv();
const logger = new JsonLogger("ERROR");
let pool: pg.Pool;
let pubsub: PubSub;
let databaseName: string;

/** The real publisher, held at a gate: a publish that takes as long as the test wants. */
class GatedPublisher implements ChangePublisher {
  private release: () => void = () => undefined;
  readonly reached: Promise<void>;
  private markReached: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  constructor(private readonly inner: ChangePublisher) {
    this.reached = new Promise((resolve) => {
      this.markReached = resolve;
    });
  }
  open(): void {
    this.release();
  }
  async publishAll(messages: ChangeMessage[]): Promise<Set<string>> {
    this.markReached();
    await this.gate;
    return this.inner.publishAll(messages);
  }
}

async function openTransactions(): Promise<number> {
  const result = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = $1 AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()`,
    [databaseName],
  );
  return result.rows[0]?.n ?? 0;
}

const unpublished = async (code: string) =>
  Number(
    (
      await pool.query(
        "SELECT count(*)::int AS n FROM sync.changes WHERE customer_code = $1 AND published_at IS NULL",
        [code],
      )
    ).rows[0].n,
  );

beforeAll(async () => {
  const url = await createIsolatedDatabase(env.LEGACY_ADMIN_URL, "relay_claim_lease");
  databaseName = new URL(url).pathname.slice(1);
  pool = new pg.Pool({ connectionString: url, max: 8 });
  await applySyncSchema(pool);
  pubsub = new PubSub({ projectId: uniqueProjectId("claim-lease"), apiEndpoint: env.PUBSUB_EMULATOR_HOST });
});

afterAll(async () => {
  await pubsub?.close();
  await pool?.end();
});

describe("legacy relay claim", () => {
  it("holds no transaction open while it publishes, and another relay takes none of the claimed customer's changes", async () => {
    const subscription = await orderedPullSubscription(pubsub, "lease-a", "lease-a-sub");
    await insertRow(pool, "clients", sampleClientRow({ client_code: "0610001" }));
    const gated = new GatedPublisher(new PubSubChangePublisher(pubsub, "lease-a"));
    const first = new RelayService(new LegacyChangeSource(pool), gated, logger);
    const draining = first.drain({ deadline: Date.now() + 30_000, batchSize: 100 });
    await gated.reached;
    // A vendor write of the same customer arrives while the first relay publishes.
    await pool.query("UPDATE clients SET remark = 'during publish' WHERE client_code = '0610001'");

    expect(await openTransactions()).toBe(0);
    const second = new RelayService(
      new LegacyChangeSource(pool),
      new PubSubChangePublisher(pubsub, "lease-a"),
      logger,
    );
    // The later change must wait for the earlier one: publishing it now would reorder the customer.
    expect((await second.drain({ deadline: Date.now() + 5_000, batchSize: 100 })).published).toBe(0);

    gated.open();
    expect((await draining).published).toBe(2); // its next claim takes the later change
    const received = await pullMessages(subscription, 2);
    expect(received.map((r) => r.message.sourceVersion)).toEqual(
      [...received.map((r) => r.message.sourceVersion)].sort((a, b) => a - b),
    );
    expect(await unpublished("0610001")).toBe(0);
  });

  it("a claim whose lease ran out is taken by the next relay, and the late relay marks nothing of it", async () => {
    await orderedPullSubscription(pubsub, "lease-b", "lease-b-sub");
    await insertRow(pool, "clients", sampleClientRow({ client_code: "0610002" }));
    const gated = new GatedPublisher(new PubSubChangePublisher(pubsub, "lease-b"));
    const slow = new RelayService(new LegacyChangeSource(pool, 500), gated, logger);
    const draining = slow.drain({ deadline: Date.now() + 30_000, batchSize: 100 });
    await gated.reached;
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const next = new RelayService(
      new LegacyChangeSource(pool),
      new PubSubChangePublisher(pubsub, "lease-b"),
      logger,
    );
    expect((await next.drain({ deadline: Date.now() + 5_000, batchSize: 100 })).published).toBe(1);
    const markedAt = await pool.query(
      "SELECT published_at FROM sync.changes WHERE customer_code = '0610002' ORDER BY id",
    );
    gated.open();
    await draining; // its marks find another token: they change nothing
    const after = await pool.query(
      "SELECT published_at FROM sync.changes WHERE customer_code = '0610002' ORDER BY id",
    );
    expect(after.rows).toEqual(markedAt.rows);
    expect(await unpublished("0610002")).toBe(0);
  });

  it("a failed publish gives its claim back at once", async () => {
    await insertRow(pool, "clients", sampleClientRow({ client_code: "0610003" }));
    const failing: ChangePublisher = { publishAll: async () => new Set() };
    const report = await new RelayService(new LegacyChangeSource(pool), failing, logger).drain({
      deadline: Date.now() + 5_000,
      batchSize: 100,
    });
    expect(report.failed).toBe(1);
    const claims = await pool.query(
      "SELECT claim_token, claimed_until FROM sync.changes WHERE customer_code = '0610003'",
    );
    expect(claims.rows).toEqual([{ claim_token: null, claimed_until: null }]);
    const retried = await new RelayService(
      new LegacyChangeSource(pool),
      new PubSubChangePublisher(pubsub, "lease-b"),
      logger,
    ).drain({ deadline: Date.now() + 5_000, batchSize: 100 });
    expect(retried.published).toBe(1);
  });
});
