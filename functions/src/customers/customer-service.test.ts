import { describe, expect, it } from "vitest";
import { auditDraft } from "../audit/audit-draft.js";
import { FakeAuditLog } from "../audit/fake-audit-log.js";
import type { MigrationStage } from "../domain/customer.js";
import { routeForStage } from "../migration/migration-stage.js";
import { newCustomer } from "./customer-edits.js";
import { CustomerService } from "./customer-service.js";
import type { CustomerLister, CustomerListFilter, StageDirectory } from "./customer-store.js";
import { FakeCustomerSide } from "./fake-customer-side.js";
import { FakeReadComparisonRecorder } from "./read-comparison.js";

/** Test data written straight to a side, as a seeding script would. */
const seedDraft = auditDraft(
  { principal: { uid: "seed", role: "admin" }, correlationId: "seed" },
  { action: "create", entity: "customer", key: "1000000" },
  new Date(),
);

const principal = { uid: "u1", email: "op@luckygas.test", role: "operator" as const };
const context = { principal, correlationId: "c-1" };

function setup(stages: Record<string, MigrationStage> = {}) {
  const audit = new FakeAuditLog();
  const sides = { legacy: new FakeCustomerSide(audit), new: new FakeCustomerSide(audit) };
  const comparisons = new FakeReadComparisonRecorder();
  const listed: CustomerListFilter[] = [];
  const lister: CustomerLister = {
    list: async (filter) => {
      listed.push(filter);
      return { items: [] };
    },
  };
  const directory: StageDirectory = {
    codesInStage: async (stage) => Object.keys(stages).filter((code) => stages[code] === stage),
    codesNotOff: async () => Object.keys(stages).filter((code) => stages[code] !== "off"),
    stagesOf: async (codes) =>
      new Map(codes.flatMap((code) => (stages[code] ? [[code, stages[code]] as const] : []))),
  };
  const routing = {
    routeFor: async (code: string) => {
      const stage = stages[code] ?? "off";
      return { stage, ...routeForStage(stage) };
    },
  };
  const service = new CustomerService({
    routing,
    sides,
    lister,
    stages: directory,
    comparisons,
    now: () => new Date("2026-11-28T00:00:00Z"),
  });
  return { service, sides, audit, comparisons, listed };
}

const input = (code: string) => ({ code, shortName: "店", address: "臺東縣臺東市中華路一段1號" });

describe("CustomerService routing", () => {
  it("writes only to the authoritative side of the customer's stage", async () => {
    const { service, sides } = setup({ "2000000": "live" });
    await service.create(input("1000000"), context);
    await service.create(input("2000000"), context);
    expect([...sides.legacy.records.keys()]).toEqual(["1000000"]);
    expect([...sides.new.records.keys()]).toEqual(["2000000"]);
  });

  it("audits every write with who, before and after", async () => {
    const { service, audit } = setup();
    const created = await service.create(input("1000000"), context);
    await service.patch("1000000", { remark: "x" }, { kind: "tags", tags: [created.etag] }, context);
    expect(
      audit.entries.map((entry) => [entry.action, entry.before?.remark ?? null, entry.after?.remark]),
    ).toEqual([
      ["create", null, null],
      ["update", null, "x"],
    ]);
    expect(audit.entries[1]?.who).toEqual({ uid: "u1", email: "op@luckygas.test", role: "operator" });
  });

  it("in shadow, answers from legacy and records which fields differ on the new side", async () => {
    const { service, sides, comparisons } = setup({ "1000000": "shadow" });
    const customer = newCustomer(input("1000000"), new Date());
    await sides.legacy.create(customer, seedDraft);
    await sides.new.create({ ...customer, remark: "differs" }, seedDraft);
    const read = await service.get("1000000");
    expect(read.value.remark).toBeNull();
    expect(read.value.migration.stage).toBe("shadow");
    expect(comparisons.recorded.map((c) => [c.servedFrom, c.mismatchedFields, c.missingOn])).toEqual([
      ["legacy", ["remark"], null],
    ]);
  });

  it("does not compare in stage off", async () => {
    const { service, comparisons } = setup();
    await service.create(input("1000000"), context);
    await service.get("1000000");
    expect(comparisons.recorded).toEqual([]);
  });

  it("turns the stage filter into codes: off excludes assigned customers, other stages include theirs", async () => {
    const { service, listed } = setup({ "1000000": "dualwrite", "2000000": "off" });
    await service.list({ stage: "off", pageSize: 5 });
    await service.list({ stage: "dualwrite", pageSize: 5 });
    expect(listed.map((filter) => [filter.excludeCodes, filter.includeCodes])).toEqual([
      [["1000000"], undefined],
      [undefined, ["1000000"]],
    ]);
  });

  it("refuses a stale ETag and leaves the record as it was", async () => {
    const { service, sides } = setup();
    const created = await service.create(input("1000000"), context);
    await service.patch("1000000", { remark: "first" }, { kind: "tags", tags: [created.etag] }, context);
    await expect(
      service.patch("1000000", { remark: "second" }, { kind: "tags", tags: [created.etag] }, context),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(sides.legacy.records.get("1000000")?.customer.remark).toBe("first");
  });
});
