import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.js";
import { vendorStamp } from "../sync/apply/sync-fixtures.js";
import { type PilotStack, startPilotStack } from "./support/pilot-stack.js";

/**
 * A 1% pilot over the generated register (5,000 customers), end to end: cohort, wave, backfill
 * into dualwrite, shadow, live; edits through the API, by the vendor application and by its
 * nightly balance job reach the other side; a rollback while API writes are still being sent
 * ends with every acknowledged write in legacy and the customers served from legacy again.
 */
let pilot: PilotStack;
let waveId = "";
let members: string[] = [];

beforeAll(async () => {
  pilot = await startPilotStack("pilot", 1);
}, 300_000);

afterAll(async () => {
  await pilot?.stop();
});

interface WaveBody {
  id: string;
  stage: string;
  status: string;
  failure: string | null;
  progress: { done: number; total: number };
  customers: Record<string, number>;
  gates: { gate: string; passed: boolean; detail: string }[];
}

async function settledWave(timeoutMs = 240_000): Promise<WaveBody> {
  const read = async () =>
    (await pilot.call("GET", `/v1/waves/${waveId}`, { as: "viewer" })).body as WaveBody;
  return eventually(read, (wave) => wave.status !== "running", timeoutMs);
}

async function step(action: "advance" | "rollback", reason: string): Promise<WaveBody> {
  const answer = await pilot.call("POST", `/v1/waves/${waveId}:${action}`, { body: { reason } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  return settledWave();
}

const legacyRemark = async (code: string) =>
  (await pilot.sync.pool.query("SELECT remark FROM clients WHERE client_code = $1", [code])).rows[0]
    ?.remark as string | null;
const newSide = async (code: string) =>
  (await pilot.sync.db.collection("customers").doc(code).get()).get("data");

/** 503 answers with Retry-After seen: the rollback's hold refusing a new-side write. */
let heldAnswers = 0;

/** PATCH with the current ETag; a 503 with Retry-After (the rollback's hold) is waited out and sent again. */
async function patchRemark(code: string, remark: string): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const current = await pilot.call("GET", `/v1/customers/${code}`, { as: "operator" });
    const etag = current.headers.get("etag") ?? "";
    const answer = await pilot.call("PATCH", `/v1/customers/${code}`, {
      as: "operator",
      body: { remark },
      headers: { "if-match": etag },
    });
    if (answer.status === 200) return true;
    if (answer.status === 503) heldAnswers += 1;
    if (answer.status === 503 || answer.status === 412) {
      await new Promise((resolve) =>
        setTimeout(resolve, Number(answer.headers.get("retry-after") ?? "0.2") * 200),
      );
      continue;
    }
    throw new Error(`PATCH ${code}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return false;
}

describe("a 1% pilot", () => {
  it("draws a 1% cohort and makes it a wave", async () => {
    const preview = await pilot.call("POST", "/v1/cohorts:preview", {
      as: "viewer",
      body: { percent: 1, seed: 11 },
    });
    expect((preview.body as { outcome: string }).outcome).toBe("accepted");
    const cohort = await pilot.call("POST", "/v1/cohorts", {
      body: { percent: 1, seed: 11, reason: "pilot 1%" },
    });
    expect(cohort.status, JSON.stringify(cohort.body)).toBe(201);
    const { id: cohortId, size } = cohort.body as { id: string; size: number };
    const wave = await pilot.call("POST", "/v1/waves", { body: { cohortId, reason: "pilot wave 1" } });
    expect(wave.status, JSON.stringify(wave.body)).toBe(201);
    expect(wave.body).toMatchObject({ stage: "off", status: "idle", progress: { total: size } });
    waveId = (wave.body as WaveBody).id;
    const listed = await pilot.call("GET", `/v1/waves/${waveId}/customers?pageSize=100`, { as: "viewer" });
    members = (listed.body as { items: { customerCode: string }[] }).items.map((item) => item.customerCode);
    expect(members).toHaveLength(size);
  });

  it("backfills every customer into dualwrite so each verifies equal, then takes it through shadow", async () => {
    const dualwrite = await step("advance", "start the pilot");
    expect(dualwrite, JSON.stringify(dualwrite)).toMatchObject({
      stage: "dualwrite",
      status: "idle",
      progress: { done: members.length },
    });
    expect(dualwrite.customers.dualwrite).toBe(members.length);
    const verified = await pilot.call("POST", "/v1/sync/verify", { body: { customers: members } });
    expect(verified.body).toMatchObject({ verified: members.length, equal: members.length, unequal: [] });
    expect(await step("advance", "compare reads")).toMatchObject({ stage: "shadow", status: "idle" });
  });

  it("carries API edits, vendor edits and the nightly balance job to the other side", async () => {
    const [byApi = "", byVendor = ""] = members;
    expect(await patchRemark(byApi, "edited in the new office screen")).toBe(true);
    const stamp = vendorStamp();
    await pilot.sync.pool.query(
      "UPDATE clients SET remark = 'edited in the vendor app', upd_date = $2, upd_time = $3 WHERE client_code = $1",
      [byVendor, stamp.upd_date, stamp.upd_time],
    );
    // The vendor's nightly job recomputes balances without touching upd_date.
    await pilot.sync.pool.query(
      "UPDATE clients SET balance = coalesce(balance, 0) + 100 WHERE client_code = ANY($1)",
      [members],
    );
    const expected = await pilot.sync.pool.query(
      "SELECT client_code, balance, remark FROM clients WHERE client_code = ANY($1)",
      [members],
    );
    for (const row of expected.rows as { client_code: string; balance: number; remark: string | null }[]) {
      const copied = await eventually(
        () => newSide(row.client_code),
        (data) => data?.balance === row.balance && (data?.remark ?? null) === row.remark,
        60_000,
      );
      expect({ code: row.client_code, balance: copied?.balance, remark: copied?.remark ?? null }).toEqual({
        code: row.client_code,
        balance: row.balance,
        remark: row.remark,
      });
    }
    expect(await legacyRemark(byApi)).toBe("edited in the new office screen");
  });

  it("goes live on a fresh verification, and rolls back under API writes without losing one", async () => {
    const live = await step("advance", "serve from the new system");
    expect(live, JSON.stringify(live)).toMatchObject({ stage: "live", status: "idle" });
    expect(live.gates.every((gate) => gate.passed)).toBe(true);
    const writers = members.slice(0, 4);
    const acknowledged = new Map<string, string>();
    let writing = true;
    const sending = Promise.all(
      writers.map(async (code) => {
        for (let n = 0; writing || n < 3; n += 1) {
          const remark = `live write ${n}`;
          if (await patchRemark(code, remark)) acknowledged.set(code, remark);
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const rolledBack = await step("rollback", "invoice totals differ");
    writing = false;
    await sending;
    expect(rolledBack, JSON.stringify(rolledBack)).toMatchObject({
      stage: "shadow",
      status: "idle",
      failure: null,
    });
    expect(acknowledged.size).toBe(writers.length);
    // The hold refused writes while each customer drained; they went through again, to legacy.
    expect(heldAnswers).toBeGreaterThan(0);
    for (const [code, remark] of acknowledged) {
      // At once, not eventually: the drain put every write the new side took into legacy before the flip.
      expect(await legacyRemark(code), code).toBe(remark);
      const route = await pilot.call("GET", `/v1/migration/customers/${code}`, { as: "viewer" });
      expect(route.body).toMatchObject({ stage: "shadow", route: { readFrom: "legacy" } });
    }
  });
});
