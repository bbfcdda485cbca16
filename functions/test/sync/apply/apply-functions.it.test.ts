import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientRowToCustomer } from "../../../src/legacy/mapping/client-mapping.js";
import { sampleClientRow, sampleDeliveryRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { upsertRow } from "../../../src/sync/apply/legacy-records.js";
import { type ApplyStack, startApplyStack } from "./apply-stack.js";
import { change, pushChange, pushRaw } from "./apply-support.js";
import { apiEdit, customerWith, legacyEdit, legacyRowOf } from "./sync-fixtures.js";

/** Both apply functions through the exact Pub/Sub push body: idempotency, order, echo, stages, bad input. */
let stack: ApplyStack;

beforeAll(async () => {
  stack = await startApplyStack("sync-apply");
  for (const code of ["0200001", "0200002", "0200003", "0200004", "0200005", "0200006"])
    await stack.setStage(code, "dualwrite");
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const customerDoc = (code: string) => stack.db.collection("customers").doc(code).get();
const outboxFor = async (code: string) =>
  (await stack.db.collection("syncOutbox").where("customerCode", "==", code).get()).size;
const capturedFor = async (code: string) =>
  Number(
    (await stack.pool.query("SELECT count(*) AS n FROM sync.changes WHERE customer_code = $1", [code]))
      .rows[0].n,
  );

describe("syncApplyToNew (legacy → Firestore)", () => {
  it("applies a change once: the same message pushed twice writes one version and no outbox entry", async () => {
    const row = sampleClientRow({ client_code: "0200001", remark: "first" });
    const message = change({
      source: "legacy",
      entity: "customer",
      key: "0200001",
      customerCode: "0200001",
      data: row,
      sourceVersion: 7,
    });
    expect(await pushChange(stack.toNew, stack.projectId, message)).toBeLessThan(300);
    expect(await pushChange(stack.toNew, stack.projectId, message)).toBeLessThan(300);
    const doc = await customerDoc("0200001");
    expect(doc.get("version")).toBe(1);
    expect(doc.get("origin")).toBe("sync");
    expect(doc.get("data.remark")).toBe("first");
    expect(await outboxFor("0200001")).toBe(0);
    const ledger = await stack.db.collection("syncLedger").doc("customer:0200001").get();
    expect(ledger.get("legacyVersion")).toBe(7);
    expect(ledger.get("base.remark")).toBe("first");
  });

  it("ignores an older change that arrives after a newer one", async () => {
    const newer = change({
      source: "legacy",
      entity: "customer",
      key: "0200002",
      customerCode: "0200002",
      sourceVersion: 20,
      data: sampleClientRow({ client_code: "0200002", remark: "newer" }),
    });
    const older = change({
      source: "legacy",
      entity: "customer",
      key: "0200002",
      customerCode: "0200002",
      sourceVersion: 12,
      data: sampleClientRow({ client_code: "0200002", remark: "older" }),
    });
    expect(await pushChange(stack.toNew, stack.projectId, newer)).toBeLessThan(300);
    expect(await pushChange(stack.toNew, stack.projectId, older)).toBeLessThan(300);
    const doc = await customerDoc("0200002");
    expect(doc.get("data.remark")).toBe("newer");
    expect(doc.get("version")).toBe(1);
  });

  it("applies orders too, and a delete removes the record", async () => {
    const delivery = sampleDeliveryRow({ delivery_no: "D11411280101", client_code: "0200001" });
    const upsert = change({
      source: "legacy",
      entity: "order",
      key: delivery.delivery_no,
      customerCode: "0200001",
      sourceVersion: 30,
      data: delivery,
    });
    expect(await pushChange(stack.toNew, stack.projectId, upsert)).toBeLessThan(300);
    expect(
      (await stack.db.collection("orders").doc(delivery.delivery_no).get()).get("data.customerCode"),
    ).toBe("0200001");
    const remove = change({
      source: "legacy",
      entity: "order",
      key: delivery.delivery_no,
      customerCode: "0200001",
      sourceVersion: 31,
      op: "delete",
    });
    expect(await pushChange(stack.toNew, stack.projectId, remove)).toBeLessThan(300);
    expect((await stack.db.collection("orders").doc(delivery.delivery_no).get()).exists).toBe(false);
  });

  it("in stage off acknowledges without writing, and never moves the ledger past the skipped change", async () => {
    const message = change({
      source: "legacy",
      entity: "customer",
      key: "0209999",
      customerCode: "0209999",
      sourceVersion: 3,
      data: sampleClientRow({ client_code: "0209999" }),
    });
    expect(await pushChange(stack.toNew, stack.projectId, message)).toBeLessThan(300);
    expect((await customerDoc("0209999")).exists).toBe(false);
    const ledger = await stack.db.collection("syncLedger").doc("customer:0209999").get();
    expect(ledger.get("legacyVersion") ?? 0).toBe(0);
    // Its stage turns on (a rollback reversed, a wave resumed): the same change, redelivered, applies.
    await stack.setStage("0209999", "dualwrite");
    expect(await pushChange(stack.toNew, stack.projectId, message)).toBeLessThan(300);
    expect((await customerDoc("0209999")).exists).toBe(true);
  });
});

describe("syncApplyToLegacy (Firestore → PostgreSQL)", () => {
  it("upserts the mapped row once, under sync origin so the capture trigger records nothing (no echo)", async () => {
    const customer = clientRowToCustomer(
      sampleClientRow({ client_code: "0200003", remark: "from new" }),
    ).customer;
    const message = change({
      source: "new",
      entity: "customer",
      key: "0200003",
      customerCode: "0200003",
      sourceVersion: 4,
      data: customer,
    });
    expect(await pushChange(stack.toLegacy, stack.projectId, message)).toBeLessThan(300);
    expect(await pushChange(stack.toLegacy, stack.projectId, message)).toBeLessThan(300);
    const rows = await stack.pool.query("SELECT * FROM clients WHERE client_code = '0200003'");
    expect(rows.rows).toEqual([sampleClientRow({ client_code: "0200003", remark: "from new" })]);
    expect(await capturedFor("0200003")).toBe(0);
  });

  it("a plain vendor write IS captured (the echo check above can fail)", async () => {
    await stack.pool.query("UPDATE clients SET remark = 'vendor' WHERE client_code = '0200003'");
    expect(await capturedFor("0200003")).toBe(1);
  });

  it("ignores an older new-side version after a newer one", async () => {
    const make = (version: number, remark: string) =>
      change({
        source: "new",
        entity: "customer",
        key: "0200004",
        customerCode: "0200004",
        sourceVersion: version,
        data: clientRowToCustomer(sampleClientRow({ client_code: "0200004", remark })).customer,
      });
    expect(await pushChange(stack.toLegacy, stack.projectId, make(9, "v9"))).toBeLessThan(300);
    expect(await pushChange(stack.toLegacy, stack.projectId, make(8, "v8"))).toBeLessThan(300);
    const rows = await stack.pool.query("SELECT remark FROM clients WHERE client_code = '0200004'");
    expect(rows.rows[0].remark).toBe("v9");
  });
});

describe("a record deleted and re-created", () => {
  it("keeps counting versions, so the new side's first edits after it still reach legacy", async () => {
    const code = "0200006";
    const row = sampleClientRow({ client_code: code, remark: "first life" });
    expect(await legacyEdit(stack.pool, stack.toNew, stack.projectId, row)).toBeLessThan(300);
    const edit = await apiEdit(stack.db, customerWith(code, { remark: "edited in new" }));
    expect(await pushChange(stack.toLegacy, stack.projectId, edit)).toBeLessThan(300);
    expect((await legacyRowOf(stack.pool, code))?.remark).toBe("edited in new");

    // The vendor deletes the client, then enters it again under the same code.
    await stack.pool.query("DELETE FROM clients WHERE client_code = $1", [code]);
    const deletion = change({
      source: "legacy",
      entity: "customer",
      key: code,
      customerCode: code,
      op: "delete",
      sourceVersion: 900_000,
      data: null,
    });
    expect(await pushChange(stack.toNew, stack.projectId, deletion)).toBeLessThan(300);
    expect((await customerDoc(code)).exists).toBe(false);
    const again = sampleClientRow({ client_code: code, remark: "second life" });
    const client = await stack.pool.connect();
    try {
      await upsertRow(client, "customer", again);
    } finally {
      client.release();
    }
    const reentry = change({
      source: "legacy",
      entity: "customer",
      key: code,
      customerCode: code,
      sourceVersion: 900_001,
      data: again,
    });
    expect(await pushChange(stack.toNew, stack.projectId, reentry)).toBeLessThan(300);
    const recreated = await customerDoc(code);
    expect(recreated.get("version")).toBeGreaterThan(edit.sourceVersion);

    const firstEdit = await apiEdit(stack.db, customerWith(code, { remark: "edited after re-entry" }));
    expect(firstEdit.sourceVersion).toBeGreaterThan(edit.sourceVersion);
    expect(await pushChange(stack.toLegacy, stack.projectId, firstEdit)).toBeLessThan(300);
    expect((await legacyRowOf(stack.pool, code))?.remark).toBe("edited after re-entry");
  });
});

describe("bad input", () => {
  it.each([
    ["not base64 JSON", "%%%not-base64%%%"],
    ["JSON that is no change message", Buffer.from(JSON.stringify({ hello: "world" })).toString("base64")],
    [
      "an unknown entity",
      Buffer.from(
        JSON.stringify({
          ...change({ source: "legacy", entity: "customer", key: "0200005", customerCode: "0200005" }),
          entity: "invoice",
        }),
      ).toString("base64"),
    ],
    [
      "a row failing its schema",
      Buffer.from(
        JSON.stringify(
          change({
            source: "legacy",
            entity: "customer",
            key: "0200005",
            customerCode: "0200005",
            data: { client_code: "0200005" },
          }),
        ),
      ).toString("base64"),
    ],
  ])("acknowledges %s and keeps it in syncDeadLetters", async (_label, data) => {
    const before = (await stack.db.collection("syncDeadLetters").get()).size;
    expect(
      await pushRaw(stack.toNew, stack.projectId, "legacy-changes", data, { customerCode: "0200005" }),
    ).toBeLessThan(300);
    const letters = await stack.db.collection("syncDeadLetters").get();
    expect(letters.size).toBe(before + 1);
    expect((await customerDoc("0200005")).exists).toBe(false);
  });

  it("keeps applying other customers' messages after a bad one", async () => {
    await pushRaw(stack.toLegacy, stack.projectId, "new-changes", "bm90IGpzb24=");
    const customer = clientRowToCustomer(sampleClientRow({ client_code: "0200005" })).customer;
    const message = change({
      source: "new",
      entity: "customer",
      key: "0200005",
      customerCode: "0200005",
      sourceVersion: 1,
      data: customer,
    });
    expect(await pushChange(stack.toLegacy, stack.projectId, message)).toBeLessThan(300);
    expect((await stack.pool.query("SELECT 1 FROM clients WHERE client_code = '0200005'")).rowCount).toBe(1);
  });
});
