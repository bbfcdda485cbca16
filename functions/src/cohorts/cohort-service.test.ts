import { describe, expect, it } from "vitest";
import type { AuditContext } from "../audit/audit-draft.js";
import { NotFoundError } from "../shared/errors.js";
import type { CandidateFacts } from "./cohort-candidate-facts.js";
import { CohortMembersTakenError, CohortRefusedError } from "./cohort-errors.js";
import { createFakeCohortService } from "./fake-cohort-service.js";
import { plainCandidates } from "./synthetic-candidates.js";

const admin: AuditContext = {
  principal: { uid: "demo-admin", email: "admin@luckygas.test", role: "admin" },
  correlationId: "test-correlation",
};

function factsOf(count: number, first = 1_000_000): CandidateFacts[] {
  return plainCandidates(count, first).map(({ inOtherCohortOrWave: _taken, ...facts }) => facts);
}

/** 500 customers in area A and 500 in B, alike otherwise: 50 A-pinned volunteers skew a 60-cohort. */
const twoAreas = [
  ...plainCandidates(500, 1_000_000, { area: "A" }),
  ...plainCandidates(500, 1_100_000, { area: "B" }),
].map(({ inOtherCohortOrWave: _taken, ...facts }) => facts);
const skewed = {
  count: 60,
  strata: ["area" as const],
  include: twoAreas.slice(0, 50).map((c) => c.customerCode),
};

describe("CohortService", () => {
  it("stores a created cohort with its request, report and members, and audits who and why", async () => {
    const { service, store } = createFakeCohortService(factsOf(400));
    const created = await service.create({ count: 20, seed: 7, reason: "first pilot" }, admin);
    expect(created).toMatchObject({ outcome: "accepted", size: 20, status: "ready", reason: "first pilot" });
    expect(created.request).toMatchObject({ count: 20, seed: 7 });
    expect(store.claims.size).toBe(20);
    expect([...store.claims.values()].every((member) => member.cohortId === created.id)).toBe(true);
    expect(store.audit).toEqual([
      expect.objectContaining({ action: "create", entity: "cohort", key: created.id, reason: "first pilot" }),
    ]);
    expect(await service.get(created.id)).toEqual(created);
  });

  it("excludes the members of stored cohorts and customers already moved off `off`, and counts them", async () => {
    const moved = ["1000000", "1000001", "1000002"];
    const { service } = createFakeCohortService(factsOf(400), { moved });
    const first = await service.create({ count: 40 }, admin);
    const second = await service.preview({ count: 40 });
    const rule = second.excluded.rules.find((counted) => counted.rule === "otherCohortOrWave");
    expect(rule).toMatchObject({ excluded: 43, matched: 43 });
    if (second.outcome === "refused") throw new Error("the second cohort was refused");
    const firstMembers = new Set(
      (await service.members(first.id, 100, undefined)).items.map((m) => m.customerCode),
    );
    for (const member of second.members) {
      expect(firstMembers.has(member.customerCode)).toBe(false);
      expect(moved).not.toContain(member.customerCode);
    }
  });

  it("refuses to store a cohort outside its limits and stores nothing", async () => {
    const { service, store } = createFakeCohortService(twoAreas);
    expect((await service.preview(skewed)).outcome).toBe("refused");
    await expect(service.create(skewed, admin)).rejects.toBeInstanceOf(CohortRefusedError);
    expect(store.cohorts.size + store.claims.size + store.audit.length).toBe(0);
  });

  it("stores a forced cohort with its reason and its breaches", async () => {
    const { service, store } = createFakeCohortService(twoAreas);
    const created = await service.create({ ...skewed, force: true, reason: "volunteers first" }, admin);
    expect(created.outcome).toBe("forced");
    expect(created.report.breaches.length).toBeGreaterThan(0);
    expect(store.audit[0]?.reason).toBe("volunteers first");
  });

  it("draws around customers claimed since the last preview, and the claim itself is all or nothing", async () => {
    const { service, store } = createFakeCohortService(factsOf(100));
    const drawn = await service.preview({ count: 10, seed: 3 });
    if (drawn.outcome === "refused") throw new Error("refused");
    const stolen = drawn.members[0]?.customerCode ?? "";
    const claim = { customerCode: stolen, cohortId: "c00000000-other0", stratum: "", pinned: false };
    store.claims.set(stolen, claim);
    const created = await service.create({ count: 10, seed: 3 }, admin);
    expect(created.size).toBe(10);
    expect((await service.members(created.id, 20, undefined)).items.map((m) => m.customerCode)).not.toContain(
      stolen,
    );
    const late = { ...created, id: "c00000000-late00" };
    const members = [
      { ...claim, cohortId: late.id },
      { ...claim, customerCode: "1000099", cohortId: late.id },
    ];
    const audit = { ...admin, who: { uid: "demo-admin", email: null, role: "admin" as const } };
    const draft = {
      ...audit,
      when: new Date(),
      action: "create",
      entity: "cohort" as const,
      key: late.id,
      reason: null,
    };
    await expect(store.create(late, members, draft)).rejects.toBeInstanceOf(CohortMembersTakenError);
    expect(store.cohorts.has(late.id)).toBe(false);
    expect(store.claims.get("1000099")?.cohortId).not.toBe(late.id);
  });

  it("pages members by code and answers 404 for an unknown cohort", async () => {
    const { service } = createFakeCohortService(factsOf(200));
    const created = await service.create({ count: 25 }, admin);
    const first = await service.members(created.id, 10, undefined);
    const second = await service.members(created.id, 10, first.lastCode);
    const third = await service.members(created.id, 10, second.lastCode);
    const codes = [...first.items, ...second.items, ...third.items].map((member) => member.customerCode);
    expect(codes).toHaveLength(25);
    expect([...codes].sort()).toEqual(codes);
    expect(third.lastCode).toBeUndefined();
    await expect(service.get("c00000000-nosuch")).rejects.toBeInstanceOf(NotFoundError);
  });
});
