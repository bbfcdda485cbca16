import { describe, expect, it } from "vitest";
import { testRouter } from "../http/test-router.js";
import { CustomerStageService } from "../migration/customer-stage-service.js";
import { FakeMigrationAuditLog } from "../migration/fake-migration-audit-log.js";
import { FakeStageAssignmentStore } from "../migration/fake-stage-assignment-store.js";
import type { MigrationFlagPort } from "../migration/migration-ports.js";
import { registerMigrationRoutes } from "./migration-routes.js";

function setUp() {
  const verified = new Set<string>();
  const pending = new Set<string>();
  const audit = new FakeMigrationAuditLog();
  const assignments = new FakeStageAssignmentStore(undefined, audit);
  const flag: MigrationFlagPort = {
    stageFor: async () => ({ stage: "dualwrite", decidedBy: "flag:test@v1" }),
  };
  const stages = new CustomerStageService({
    flag,
    assignments,
    verification: {
      lastVerification: async (code) =>
        verified.has(code) ? { equal: true, verifiedAt: new Date() } : undefined,
    },
    drain: {
      drainToLegacy: async (code) => {
        if (pending.has(code)) throw new Error("changes pending");
      },
    },
  });
  const { router, call } = testRouter();
  registerMigrationRoutes(router, { stages, assignments, audit, flag });
  return { call, verified, pending, assignments };
}

describe("migration stage routes", () => {
  it("reads without moving anyone, and reports what the flag would say", async () => {
    const { call, assignments } = setUp();
    const answer = await call("GET", "/v1/migration/customers/1000001", { token: "operator" });
    expect(answer.body).toMatchObject({
      stage: "off",
      assignment: null,
      flag: { stage: "dualwrite" },
      route: { readFrom: "legacy" },
    });
    expect(assignments.saves).toBe(0);
  });

  it("lets only admins move a customer, with a reason, and checks the preconditions", async () => {
    const { call, verified, pending } = setUp();
    const advance = (body: unknown, token = "admin") =>
      call("POST", "/v1/migration/customers/1000001:advance", { token, body });
    expect((await advance({ to: "live", reason: "pilot" }, "operator")).status).toBe(403);
    expect((await advance({ to: "live" })).status).toBe(400);
    expect((await advance({ to: "sideways", reason: "x" })).status).toBe(400);
    expect((await advance({ to: "live", reason: "pilot", extra: 1 })).status).toBe(400);
    expect((await advance({ to: "live", reason: "pilot" })).status).toBe(409);
    expect((await advance({ to: "dualwrite", reason: "pilot" })).body).toMatchObject({ stage: "dualwrite" });
    expect((await advance({ to: "shadow", reason: "pilot" })).body).toMatchObject({ stage: "shadow" });
    expect((await advance({ to: "live", reason: "pilot" })).status).toBe(409);
    verified.add("1000001");
    expect((await advance({ to: "live", reason: "pilot" })).body).toMatchObject({ stage: "live" });

    pending.add("1000001");
    const rollback = { token: "admin", body: { to: "dualwrite", reason: "mismatch" } };
    expect((await call("POST", "/v1/migration/customers/1000001:rollback", rollback)).status).toBe(409);
    pending.clear();
    const rolledBack = await call("POST", "/v1/migration/customers/1000001:rollback", rollback);
    expect(rolledBack.body).toMatchObject({ stage: "dualwrite", assignment: { held: true } });
    const read = await call("GET", "/v1/migration/customers/1000001", { token: "operator" });
    expect(read.body).toMatchObject({
      history: [
        { action: "advance", toStage: "dualwrite" },
        { action: "advance", toStage: "shadow" },
        { action: "advance", toStage: "live", actor: "admin@luckygas.test", reason: "pilot" },
        { action: "rollback", toStage: "dualwrite", reason: "mismatch" },
      ],
    });
  });

  it("refuses a customer code that is not a safe id", async () => {
    const { call } = setUp();
    expect((await call("GET", "/v1/migration/customers/a.b", { token: "operator" })).status).toBe(400);
  });
});
