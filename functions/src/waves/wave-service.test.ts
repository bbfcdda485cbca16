import { describe, expect, it } from "vitest";
import type { AuditContext } from "../audit/audit-draft.js";
import type { MigrationStage } from "../domain/customer.js";
import { FakeWaveStore } from "./fake-wave-store.js";
import { WaveService } from "./wave-service.js";

const admin: AuditContext & { reason: string } = {
  principal: { uid: "demo-admin", email: "admin@luckygas.test", role: "admin" },
  correlationId: "c",
  reason: "pilot",
};

function setUp(members = ["1000001", "1000002", "1000003"]) {
  const waves = new FakeWaveStore();
  const stages = new Map<string, MigrationStage>();
  const kicked: string[] = [];
  let clock = new Date("2026-12-01T02:00:00Z");
  const cohorts = {
    get: async (id: string) => ({ id }) as never,
    members: async (id: string) => ({
      items: members.map((customerCode) => ({ customerCode, cohortId: id, stratum: "s", pinned: false })),
      lastCode: undefined,
    }),
  };
  const service = new WaveService({
    waves,
    cohorts,
    stages: {
      stagesOf: async (codes) =>
        new Map(
          codes.flatMap((code) => (stages.has(code) ? [[code, stages.get(code) as MigrationStage]] : [])),
        ),
    },
    runner: { kick: (id) => void kicked.push(id) },
    clock: () => {
      clock = new Date(clock.getTime() + 1_000);
      return clock;
    },
  });
  return { service, waves, stages, kicked };
}

describe("WaveService", () => {
  it("creates a wave at off, idle, and one wave per cohort", async () => {
    const { service } = setUp();
    const wave = await service.create("c00000000-aaaaaa", admin);
    expect(wave).toMatchObject({
      stage: "off",
      status: "idle",
      progress: { done: 3, total: 3 },
      customers: { off: 3 },
    });
    await expect(service.create("c00000000-aaaaaa", admin)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("advances one stage per call, in the background, and refuses a second call while it runs", async () => {
    const { service, kicked, waves } = setUp();
    const { id } = await service.create("c00000000-aaaaaa", admin);
    const started = await service.advance(id, admin);
    expect(started).toMatchObject({
      stage: "off",
      target: "dualwrite",
      status: "running",
      progress: { done: 0, total: 3 },
    });
    expect(kicked).toEqual([id]);
    await expect(service.advance(id, admin)).rejects.toThrow(/running/);
    await waves.update(id, (await waves.get(id))?.version ?? 0, {
      stage: "dualwrite",
      target: null,
      direction: null,
      status: "idle",
    });
    expect(await service.advance(id, admin)).toMatchObject({ target: "shadow" });
    expect(waves.audit.map((entry) => entry.action)).toEqual(["create", "advance", "advance"]);
  });

  it("shows progress from the customers' stages", async () => {
    const { service, stages } = setUp();
    const { id } = await service.create("c00000000-aaaaaa", admin);
    await service.advance(id, admin);
    stages.set("1000001", "dualwrite");
    expect(await service.get(id)).toMatchObject({
      progress: { done: 1, total: 3 },
      customers: { off: 2, dualwrite: 1 },
    });
  });

  it("does not start a wave while an earlier one is paused or failed", async () => {
    const { service, waves } = setUp();
    const first = await service.create("c00000000-aaaaaa", admin);
    const second = await service.create("c00000000-bbbbbb", admin);
    await service.advance(first.id, admin);
    await service.pause(first.id, admin);
    await expect(service.advance(second.id, admin)).rejects.toThrow(/cannot start while .* is paused/);
    const current = await waves.get(first.id);
    await waves.update(first.id, current?.version ?? 0, { status: "failed" });
    await expect(service.advance(second.id, admin)).rejects.toThrow(/failed/);
  });

  it("pauses only a running step and resumes only a paused one, kicking the runner again", async () => {
    const { service, kicked } = setUp();
    const { id } = await service.create("c00000000-aaaaaa", admin);
    await expect(service.pause(id, admin)).rejects.toThrow(/not running/);
    await service.advance(id, admin);
    expect((await service.pause(id, admin)).status).toBe("paused");
    await expect(service.advance(id, admin)).rejects.toThrow(/paused/);
    expect((await service.resume(id, admin)).status).toBe("running");
    expect(kicked).toEqual([id, id]);
  });

  it("rolls a live wave back to shadow, even in the middle of its advance, and a complete one to rampdown", async () => {
    const { service, waves } = setUp();
    const { id } = await service.create("c00000000-aaaaaa", admin);
    const current = await waves.get(id);
    await waves.update(id, current?.version ?? 0, {
      stage: "shadow",
      target: "live",
      direction: "advance",
      status: "running",
    });
    expect(await service.rollback(id, admin)).toMatchObject({
      target: "shadow",
      direction: "rollback",
      status: "running",
    });
    const later = await waves.get(id);
    await waves.update(id, later?.version ?? 0, {
      stage: "complete",
      target: null,
      direction: null,
      status: "idle",
    });
    expect(await service.rollback(id, admin)).toMatchObject({ target: "rampdown", direction: "rollback" });
  });
});
