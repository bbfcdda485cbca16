import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySyncSchema } from "../../../src/sync/capture/sync-schema.js";
import { recordRef, writeRecordInTransaction } from "../../../src/sync/firestore-records.js";
import { appliedSample, appliedSamplesCollection } from "../../../src/sync/status/apply-lag.js";
import type { SyncStatus } from "../../../src/sync/status/sync-status.js";
import { type ApiTestStack, startApiTestStack } from "../../api/api-test-stack.js";

/** GET /v1/sync/status through the real api function, emulators and PostgreSQL. */
let stack: ApiTestStack;

beforeAll(async () => {
  stack = await startApiTestStack("syncstatus", { scale: 0.005, syncSchema: false });
});

afterAll(async () => {
  await stack?.stop();
});

describe("GET /v1/sync/status", () => {
  it("answers 503 with a clear problem while legacy change capture is not installed", async () => {
    const answer = await stack.call("GET", "/v1/sync/status", { token: stack.tokens.viewer });
    expect(answer.status).toBe(503);
    expect(JSON.stringify(answer.body)).toContain("syncLegacyRelay");
  });

  it("reports backlog, lag percentiles, dead letters, conflicts and the breaker to a viewer", async () => {
    await applySyncSchema(stack.legacy);
    const codes = await stack.legacy.query<{ client_code: string }>(
      "SELECT client_code FROM clients ORDER BY client_code LIMIT 3",
    );
    for (const { client_code } of codes.rows)
      await stack.legacy.query(
        "UPDATE clients SET balance = coalesce(balance, 0) + 7 WHERE client_code = $1",
        [client_code],
      );
    const db = stack.db;
    await db.runTransaction(async (tx) => {
      const ref = recordRef(db, "customer", "0600001");
      await tx.get(ref);
      writeRecordInTransaction(db, tx, {
        entity: "customer",
        key: "0600001",
        customerCode: "0600001",
        data: { code: "0600001" },
        previousVersion: 0,
        previous: null,
        origin: "api",
        updatedBy: "operator@luckygas.test",
      });
    });
    const appliedAt = new Date();
    for (let lag = 10; lag <= 1000; lag += 10)
      await db
        .collection(appliedSamplesCollection)
        .doc(`00000000-0000-4000-8000-${String(lag).padStart(12, "0")}`)
        .set(
          appliedSample("legacy-to-new", new Date(appliedAt.getTime() - lag), Timestamp.fromDate(appliedAt)),
        );
    await db
      .collection("syncDeadLetters")
      .doc("syncApplyToLegacy-1")
      .set({ function: "syncApplyToLegacy", status: "open" });
    // Dealt with by an operator: no longer counted.
    await db
      .collection("syncDeadLetters")
      .doc("syncApplyToLegacy-2")
      .set({ function: "syncApplyToLegacy", status: "replayed" });
    await db.collection("syncConflicts").doc("a").set({ status: "open" });
    await db.collection("syncConflicts").doc("b").set({ status: "resolved" });
    await db
      .collection("syncState")
      .doc("legacyBreaker")
      .set({ state: "open", changedAt: appliedAt.toISOString() });
    await db
      .collection("syncVerifications")
      .doc("0600001")
      .set({ equal: false, verifiedAt: FieldValue.serverTimestamp() });

    const answer = await stack.call("GET", "/v1/sync/status", { token: stack.tokens.viewer });
    expect(answer.status).toBe(200);
    const status = answer.body as SyncStatus;
    expect(status.directions["legacy-to-new"]).toMatchObject({
      backlog: 3,
      deadLetters: 0,
      lag: { samples: 100, p50Ms: 500, p95Ms: 950, p99Ms: 990 },
    });
    expect(status.directions["legacy-to-new"].oldestUnpublishedAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(status.directions["new-to-legacy"]).toMatchObject({
      backlog: 1,
      deadLetters: 1,
      lag: { samples: 0, p50Ms: null },
    });
    expect(status).toMatchObject({
      openConflicts: 1,
      legacyBreaker: { state: "open" },
      lastVerification: { customerCode: "0600001", equal: false },
    });
  });

  it("refuses callers without a token, and unknown query parameters", async () => {
    expect((await stack.call("GET", "/v1/sync/status")).status).toBe(401);
    const answer = await stack.call("GET", "/v1/sync/status?verbose=1", { token: stack.tokens.viewer });
    expect(answer.status).toBe(400);
  });
});
