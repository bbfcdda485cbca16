import { OpenFeature } from "@openfeature/server-sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { MigrationStage } from "../domain/customer.js";
import { FakeFlagStore } from "../flags/fake-flag-store.js";
import { InMemoryFlagProvider } from "../flags/in-memory-flag-provider.js";
import { CustomerStageService } from "./customer-stage-service.js";
import { FakeMigrationAuditLog } from "./fake-migration-audit-log.js";
import { FakeStageAssignmentStore } from "./fake-stage-assignment-store.js";
import { FakeVerification } from "./fake-verification.js";
import { StageSkippedError } from "./migration-errors.js";
import type { DrainPort, LevellingPort } from "./migration-ports.js";
import { MigrationRouter } from "./migration-router.js";
import { migrationFlagKey, OpenFeatureMigrationFlag } from "./openfeature-migration-flag.js";

class FakeDrain implements DrainPort {
  readonly calls: string[] = [];
  failing = false;
  async drainToLegacy(code: string): Promise<void> {
    if (this.failing) throw new Error("legacy unreachable");
    this.calls.push(code);
  }
}

const allStages = Object.fromEntries(
  ["off", "dualwrite", "shadow", "live", "rampdown", "complete"].map((s) => [s, s]),
);
const everyoneAt = (stage: MigrationStage) => ({
  state: "ENABLED",
  variants: allStages,
  defaultVariant: stage,
});

let domain = 0;
const providers: InMemoryFlagProvider[] = [];
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.onClose()));
});

async function setUp(initial: MigrationStage) {
  const parts = await setUpParts(initial);
  const { flag, assignments, verification, drain } = parts;
  const service = new CustomerStageService({ flag, assignments, verification, drain });
  return { service, ...parts };
}

async function setUpParts(initial: MigrationStage) {
  const flags = new FakeFlagStore();
  let flagVersion = 0;
  const setFlag = async (stage: MigrationStage) => {
    await flags.writeFlag({
      key: migrationFlagKey,
      definition: everyoneAt(stage),
      expectedVersion: flagVersion,
      updatedBy: "t",
      reason: "test",
    });
    flagVersion += 1;
  };
  await setFlag(initial);
  const provider = new InMemoryFlagProvider(flags);
  providers.push(provider);
  const name = `stage-test-${domain++}`;
  await OpenFeature.setProviderAndWait(name, provider);
  const audit = new FakeMigrationAuditLog();
  const assignments = new FakeStageAssignmentStore(undefined, audit);
  const verification = new FakeVerification();
  const drain = new FakeDrain();
  const flag = new OpenFeatureMigrationFlag(OpenFeature.getClient(name));
  return { flag, setFlag, assignments, audit, verification, drain };
}

describe("CustomerStageService", () => {
  it("follows the flag forward and persists the assignment with an audit entry", async () => {
    const { service, assignments, audit } = await setUp("dualwrite");
    expect(await service.currentStage("1000001")).toBe("dualwrite");
    expect(await assignments.get("1000001")).toMatchObject({ stage: "dualwrite", held: false, version: 1 });
    expect(audit.entries).toMatchObject([
      {
        customerCode: "1000001",
        action: "advance",
        fromStage: "off",
        toStage: "dualwrite",
        actor: "flag:migration-stage@v1",
      },
    ]);
  });

  it("writes nothing for customers the flag leaves at off", async () => {
    const { service, assignments } = await setUp("off");
    expect(await service.currentStage("1000001")).toBe("off");
    expect(assignments.saves).toBe(0);
  });

  it("never moves a customer back when the flag is lowered", async () => {
    const { service, setFlag } = await setUp("shadow");
    expect(await service.currentStage("1000001")).toBe("shadow");
    await setFlag("off");
    expect(await service.currentStage("1000001")).toBe("shadow");
  });

  it("stops at shadow until the customer's data is verified, then goes live", async () => {
    const { service, verification } = await setUp("live");
    expect(await service.currentStage("1000001")).toBe("shadow");
    verification.verified.add("1000001");
    expect(await service.currentStage("1000001")).toBe("live");
  });

  it("refuses an explicit advance to live without verification", async () => {
    const { service } = await setUp("shadow");
    await service.currentStage("1000001");
    const advance = service.advance({ customerCode: "1000001", to: "live", actor: "ops", reason: "pilot" });
    await expect(advance).rejects.toMatchObject({ code: "NOT_VERIFIED" });
  });

  it("takes explicit advances one stage at a time: no customer skips a stage", async () => {
    const { service, verification, assignments } = await setUp("off");
    verification.verified.add("1000001");
    const to = (stage: MigrationStage) =>
      service.advance({ customerCode: "1000001", to: stage, actor: "ops", reason: "r" });
    await expect(to("shadow")).rejects.toMatchObject({
      code: "INVALID_STAGE_TRANSITION",
      message: "customer 1000001: stages are taken one at a time; from off the next is dualwrite, not shadow",
    });
    await expect(to("live")).rejects.toBeInstanceOf(StageSkippedError);
    expect(await assignments.get("1000001")).toBeUndefined();
    for (const stage of ["dualwrite", "shadow", "live", "rampdown", "complete"] as const) {
      expect((await to(stage)).stage).toBe(stage);
    }
  });

  it("enters dualwrite only through the backfill, which turns the sync on once the copy is written", async () => {
    const { assignments, verification, drain, flag } = await setUpParts("off");
    const seen: string[] = [];
    const levelling: LevellingPort = {
      async levelNewSide(codes, turnOn) {
        seen.push(`copy ${codes.join(",")} at ${(await assignments.get("1000001"))?.stage ?? "off"}`);
        await turnOn("1000001");
        seen.push(`after turnOn at ${(await assignments.get("1000001"))?.stage}`);
        return { notTurnedOn: [] };
      },
      levelLegacySide: async () => undefined,
    };
    const service = new CustomerStageService({ flag, assignments, verification, drain, levelling });
    const moved = await service.advance({
      customerCode: "1000001",
      to: "dualwrite",
      actor: "ops",
      reason: "pilot",
    });
    expect(moved.stage).toBe("dualwrite");
    expect(seen).toEqual(["copy 1000001 at off", "after turnOn at dualwrite"]);
    const failing: LevellingPort = {
      levelNewSide: async () => ({ notTurnedOn: [] }),
      levelLegacySide: async () => undefined,
    };
    const other = new CustomerStageService({ flag, assignments, verification, drain, levelling: failing });
    await expect(
      other.advance({ customerCode: "1000002", to: "dualwrite", actor: "ops", reason: "r" }),
    ).rejects.toThrow(/without turning its sync on/);
    expect(await assignments.get("1000002")).toBeUndefined();
  });

  it("lets a customer into live only on a verification no older than the limit that found no mismatch", async () => {
    const { service, verification } = await setUp("shadow");
    await service.currentStage("1000001");
    const toLive = () => service.advance({ customerCode: "1000001", to: "live", actor: "ops", reason: "r" });
    verification.record("1000001", { equal: true, verifiedAt: new Date(Date.now() - 11 * 60_000) });
    await expect(toLive()).rejects.toMatchObject({
      code: "NOT_VERIFIED",
      message: expect.stringMatching(/last verified 66\d s ago/),
    });
    verification.record("1000001", { equal: false, verifiedAt: new Date() });
    await expect(toLive()).rejects.toMatchObject({
      code: "NOT_VERIFIED",
      message: expect.stringContaining("differs"),
    });
    verification.record("1000001", { equal: true, verifiedAt: new Date(Date.now() - 9 * 60_000) });
    expect((await toLive()).stage).toBe("live");
  });

  it("lets the flag take a customer live only on a fresh verification too", async () => {
    const { service, verification } = await setUp("live");
    verification.record("1000001", { equal: true, verifiedAt: new Date(Date.now() - 3_600_000) });
    expect(await service.currentStage("1000001")).toBe("shadow");
  });

  it("rolls back from live only after draining, holds the customer there, and audits who/when/why", async () => {
    const { service, verification, drain, audit } = await setUp("live");
    verification.verified.add("1000001");
    await service.currentStage("1000001");
    await service.rollback({
      customerCode: "1000001",
      to: "shadow",
      actor: "ops@luckygas.test",
      reason: "invoice mismatch",
    });
    expect(drain.calls).toEqual(["1000001"]);
    expect(await service.currentStage("1000001")).toBe("shadow");
    const last = audit.entries.at(-1);
    expect(last).toMatchObject({
      action: "rollback",
      fromStage: "live",
      toStage: "shadow",
      actor: "ops@luckygas.test",
    });
    expect(last?.reason).toBe("invoice mismatch");
    expect(last?.at).toBeInstanceOf(Date);

    await service.advance({
      customerCode: "1000001",
      to: "live",
      actor: "ops@luckygas.test",
      reason: "fixed",
    });
    expect(await service.currentStage("1000001")).toBe("live");
  });

  it("holds new-side writes from before the drain, keeps the hold settled after the flip, lifts it on the way back to live or when the drain fails", async () => {
    const parts = await setUpParts("live");
    const steps: string[] = [];
    const holds = {
      hold: async (code: string) => void steps.push(`hold ${code}`),
      settle: async (code: string, stage: string) => void steps.push(`settle ${code} at ${stage}`),
      release: async (code: string) => void steps.push(`release ${code}`),
    };
    const drain = {
      failing: false,
      drainToLegacy: async (code: string) => {
        steps.push(`drain ${code}`);
        if (drain.failing) throw new Error("legacy down");
      },
    };
    parts.verification.verified.add("1000001");
    const service = new CustomerStageService({ ...parts, drain, holds });
    await service.currentStage("1000001");
    const stageNow = async () => steps.push(`stage ${(await parts.assignments.get("1000001"))?.stage}`);
    const originalRelease = holds.release;
    holds.release = async (code) => {
      await stageNow();
      await originalRelease(code);
    };
    await service.rollback({ customerCode: "1000001", to: "shadow", actor: "ops", reason: "r" });
    expect(steps).toEqual(["hold 1000001", "drain 1000001", "settle 1000001 at shadow"]);
    steps.length = 0;
    await service.advance({ customerCode: "1000001", to: "live", actor: "ops", reason: "r" });
    expect(steps).toEqual(["stage shadow", "release 1000001"]);
    drain.failing = true;
    await expect(
      service.rollback({ customerCode: "1000001", to: "shadow", actor: "ops", reason: "r" }),
    ).rejects.toMatchObject({ code: "DRAIN_FAILED" });
    expect(steps.slice(-4)).toEqual(["hold 1000001", "drain 1000001", "stage live", "release 1000001"]);
  });

  it("leaves the stage unchanged when the drain fails", async () => {
    const { service, verification, drain, assignments } = await setUp("live");
    verification.verified.add("1000001");
    await service.currentStage("1000001");
    drain.failing = true;
    const rollback = service.rollback({
      customerCode: "1000001",
      to: "off",
      actor: "ops",
      reason: "incident",
    });
    await expect(rollback).rejects.toMatchObject({ code: "DRAIN_FAILED" });
    expect((await assignments.get("1000001"))?.stage).toBe("live");
  });

  it("does not drain when rolling back while legacy still serves reads", async () => {
    const { service, drain } = await setUp("shadow");
    await service.currentStage("1000001");
    await service.rollback({ customerCode: "1000001", to: "dualwrite", actor: "ops", reason: "noise" });
    expect(drain.calls).toEqual([]);
  });

  it("rejects a 'rollback' that goes up or a rollback of a never-assigned customer", async () => {
    const { service } = await setUp("dualwrite");
    await expect(
      service.rollback({ customerCode: "C0009", to: "off", actor: "a", reason: "r" }),
    ).rejects.toMatchObject({
      code: "INVALID_STAGE_TRANSITION",
    });
    await service.currentStage("1000001");
    await expect(
      service.rollback({ customerCode: "1000001", to: "shadow", actor: "a", reason: "r" }),
    ).rejects.toMatchObject({
      code: "INVALID_STAGE_TRANSITION",
    });
  });
});

describe("MigrationRouter", () => {
  it("answers stage, read side, comparison and write order for a customer", async () => {
    const { service } = await setUp("shadow");
    const route = await new MigrationRouter(service).routeFor("1000001");
    expect(route).toEqual({
      customerCode: "1000001",
      stage: "shadow",
      readFrom: "legacy",
      compare: true,
      writeOrder: ["legacy", "new"],
    });
  });

  it("rejects a customer code that is not a safe id", async () => {
    const { service } = await setUp("off");
    await expect(new MigrationRouter(service).routeFor("a/b")).rejects.toThrow();
  });
});
