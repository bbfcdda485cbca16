import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LegacyPostgres,
  startLegacyPostgres,
} from "../../../../emulators/src/legacy/legacy-postgres.js";
import { findFreePort } from "../../../../emulators/src/ports.js";
import { type ApplyStack, startApplyStack } from "./apply-stack.js";
import { eventually, pushChange } from "./apply-support.js";
import { legacyRowOf, remarkFromNew } from "./sync-fixtures.js";

/**
 * A legacy outage: a second PostgreSQL of the test's own is stopped mid-stream. Deliveries are
 * nacked (non-2xx, so Pub/Sub redelivers), the breaker opens and is published to Firestore,
 * and after the restart the redelivered changes apply — nothing is dropped.
 */
const dataDir = join(tmpdir(), `luckygas-breaker-${randomBytes(4).toString("hex")}`, "data");
let port: number;
let postgres: LegacyPostgres;
let stack: ApplyStack;
const code = "0888001";

beforeAll(async () => {
  port = await findFreePort();
  postgres = await startLegacyPostgres({ port, dataDir });
  stack = await startApplyStack("sync-breaker", {
    legacyUrl: postgres.url,
    extraEnv: { SYNC_BREAKER_HALF_OPEN_MS: "500", SYNC_LEGACY_TIMEOUT_MS: "3000" },
  });
  await stack.setStage(code, "live");
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await postgres?.stop().catch(() => undefined);
  await rm(join(dataDir, ".."), { recursive: true, force: true });
});

const fromNew = (version: number, remark: string) => remarkFromNew(code, version, remark);
const breakerState = async () =>
  (await stack.db.collection("syncState").doc("legacyBreaker").get()).get("state");

describe("legacy outage", () => {
  it("nacks while legacy is down, opens the breaker, and applies the redelivered changes after the restart", async () => {
    expect(await pushChange(stack.toLegacy, stack.projectId, fromNew(1, "before outage"))).toBeLessThan(300);
    await postgres.stop();

    const during = [fromNew(2, "during outage 1"), fromNew(3, "during outage 2")];
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1)
      for (const message of during) statuses.push(await pushChange(stack.toLegacy, stack.projectId, message));
    expect(statuses.every((status) => status >= 500)).toBe(true);
    expect(await eventually(breakerState, (state) => state === "open", 10_000)).toBe("open");

    postgres = await startLegacyPostgres({ port, dataDir });
    // Pub/Sub redelivers in order until acknowledged; do the same.
    for (const message of during) {
      const status = await eventually(
        () => pushChange(stack.toLegacy, stack.projectId, message),
        (s) => s < 300,
        30_000,
      );
      expect(status).toBeLessThan(300);
    }
    expect((await legacyRowOf(stack.pool, code))?.remark).toBe("during outage 2");
    expect(await eventually(breakerState, (state) => state === "closed", 10_000)).toBe("closed");
    const ledger = await stack.db.collection("syncLedger").doc(`customer:${code}`).get();
    expect(ledger.get("newVersion")).toBe(3);
  });
});
