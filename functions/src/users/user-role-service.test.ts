import { describe, expect, it } from "vitest";
import { FakeAuditLog } from "../audit/fake-audit-log.js";
import { FakeUserDirectory } from "./fake-user-directory.js";
import { type RoleChangeRequest, UserRoleService } from "./user-role-service.js";

const when = new Date("2026-11-28T00:00:00Z");
const admin = { uid: "boss", email: "boss@luckygas.test", role: "admin" as const };

function setUp() {
  const users = new FakeUserDirectory([
    { uid: "boss", email: "boss@luckygas.test", claims: { role: "admin" } },
    { uid: "clerk", email: "clerk@luckygas.test", claims: { role: "viewer", depot: "taitung" } },
    { uid: "newbie", email: "newbie@luckygas.test" },
  ]);
  const audit = new FakeAuditLog();
  const service = new UserRoleService({ users, audit, now: () => when });
  return { users, audit, service };
}

const request = (change: Partial<RoleChangeRequest>): RoleChangeRequest => ({
  uid: "clerk",
  role: "operator",
  reason: "runs the morning dispatch",
  by: admin,
  correlationId: "c-1",
  ...change,
});

describe("UserRoleService.setRole", () => {
  it("sets the role claim, keeps the other claims and ends the user's sessions", async () => {
    const { service, users } = setUp();
    const updated = await service.setRole(request({}));
    expect(updated).toEqual({
      uid: "clerk",
      email: "clerk@luckygas.test",
      role: "operator",
      disabled: false,
    });
    expect(users.claimsOf("clerk")).toEqual({ role: "operator", depot: "taitung" });
    expect(users.revokedUids).toEqual(["clerk"]);
  });

  it("removes the role with null, leaving the other claims", async () => {
    const { service, users } = setUp();
    expect((await service.setRole(request({ role: null }))).role).toBeNull();
    expect(users.claimsOf("clerk")).toEqual({ depot: "taitung" });
  });

  it("audits who changed which role from what to what, and why", async () => {
    const { service, audit } = setUp();
    await service.setRole(request({ uid: "newbie", role: "viewer", reason: "  new hire  " }));
    expect(audit.entries).toEqual([
      {
        who: { uid: "boss", email: "boss@luckygas.test", role: "admin" },
        when,
        action: "set-role",
        entity: "user",
        key: "newbie",
        before: { role: null },
        after: { role: "viewer" },
        reason: "new hire",
        correlationId: "c-1",
      },
    ]);
  });

  it("audits the command line as a system actor without a role", async () => {
    const { service, audit } = setUp();
    await service.setRole(request({ by: { uid: "cli:ops", email: null, role: null } }));
    expect(audit.entries[0]?.who).toEqual({ uid: "cli:ops", email: null, role: null });
  });

  it("refuses an admin removing their own admin role, changing nothing", async () => {
    const { service, users, audit } = setUp();
    users.add({ uid: "deputy", claims: { role: "admin" } });
    await expect(service.setRole(request({ uid: "boss", role: "operator" }))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(users.claimsOf("boss")).toEqual({ role: "admin" });
    expect(users.revokedUids).toEqual([]);
    expect(audit.entries).toEqual([]);
  });

  it("refuses demoting the last active admin, counting disabled admins as none", async () => {
    const { service, users } = setUp();
    users.add({ uid: "retired", claims: { role: "admin" }, disabled: true });
    const cli = { uid: "cli:ops", email: null, role: null };
    await expect(service.setRole(request({ uid: "boss", role: null, by: cli }))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    users.add({ uid: "deputy", claims: { role: "admin" } });
    expect((await service.setRole(request({ uid: "boss", role: null, by: cli }))).role).toBeNull();
  });

  it("finds another admin on a later page of the directory", async () => {
    const { service, users } = setUp();
    for (let index = 0; index < 1_001; index += 1) users.add({ uid: `u${String(index).padStart(4, "0")}` });
    users.add({ uid: "zz-deputy", claims: { role: "admin" } });
    const by = { uid: "zz-deputy", role: "admin" as const };
    expect((await service.setRole(request({ uid: "boss", role: "viewer", by }))).role).toBe("viewer");
  });

  it("lets an admin keep or re-confirm their own admin role", async () => {
    const { service } = setUp();
    expect((await service.setRole(request({ uid: "boss", role: "admin" }))).role).toBe("admin");
  });

  it("answers NotFound for an unknown user and refuses a blank reason before touching anything", async () => {
    const { service, users } = setUp();
    await expect(service.setRole(request({ uid: "ghost" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(service.setRole(request({ reason: "   " }))).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(users.claimsOf("clerk")).toEqual({ role: "viewer", depot: "taitung" });
  });

  it("puts the old claim back and rethrows when the audit entry cannot be recorded", async () => {
    const { service, users, audit } = setUp();
    const outage = new Error("Firestore unavailable");
    audit.record = async () => {
      throw outage;
    };
    await expect(service.setRole(request({}))).rejects.toBe(outage);
    expect(users.claimsOf("clerk")).toEqual({ role: "viewer", depot: "taitung" });
    // Revoked after the claim is back: no token refreshed in between keeps the unaudited role.
    expect(users.revokedUids).toEqual(["clerk"]);
  });

  it("says so when the old claim cannot be put back either", async () => {
    const { service, users, audit } = setUp();
    audit.record = async () => {
      throw new Error("Firestore unavailable");
    };
    let calls = 0;
    const setRole = users.setRole.bind(users);
    users.setRole = async (uid, role) => {
      calls += 1;
      if (calls > 1) throw new Error("Auth unavailable");
      return setRole(uid, role);
    };
    await expect(service.setRole(request({}))).rejects.toThrow(/neither audited nor put back/);
  });
});
