import { describe, expect, it } from "vitest";
import { FakeAuditLog } from "../audit/fake-audit-log.js";
import { testRouter, testTokens } from "../http/test-router.js";
import { FakeUserDirectory } from "./fake-user-directory.js";
import { UserRoleService } from "./user-role-service.js";
import { registerUserRoutes } from "./user-routes.js";

/** The accounts behind the test tokens, plus a second admin so demotions are allowed. */
function setUp() {
  const { router, verifier, call } = testRouter();
  const users = new FakeUserDirectory(
    Object.values(testTokens).map((claims) => ({
      uid: claims.uid,
      email: claims.email,
      claims: claims.role === undefined ? {} : { role: claims.role },
    })),
  );
  users.add({ uid: "a2", email: "deputy@luckygas.test", claims: { role: "admin" } });
  // Revoking in the directory ends the sessions the router's (fake) Auth checks, as in Firebase.
  const revoke = users.revokeSessions.bind(users);
  users.revokeSessions = async (uid) => {
    await revoke(uid);
    for (const [token, claims] of Object.entries(testTokens)) if (claims.uid === uid) verifier.revoke(token);
  };
  const audit = new FakeAuditLog();
  registerUserRoutes(router, { roles: new UserRoleService({ users, audit }), users });
  return { call, users, audit };
}

const promote = { role: "operator", reason: "covers the afternoon shift" };

describe("GET /v1/me", () => {
  it("shows every signed-in user their own uid, e-mail and role", async () => {
    const { call } = setUp();
    const me = await call("GET", "/v1/me", { token: "viewer" });
    expect(me).toMatchObject({
      status: 200,
      body: { uid: "v", email: "viewer@luckygas.test", role: "viewer" },
    });
    expect((await call("GET", "/v1/me", { token: "admin" })).body).toMatchObject({ role: "admin" });
  });

  it("is 401 without a token and 403 for an account without a role", async () => {
    const { call } = setUp();
    expect((await call("GET", "/v1/me")).status).toBe(401);
    expect((await call("GET", "/v1/me", { token: "none" })).status).toBe(403);
  });
});

describe("GET /v1/users", () => {
  it("lists the users with their roles for admins only", async () => {
    const { call } = setUp();
    const listed = await call("GET", "/v1/users", { token: "admin" });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({
      items: expect.arrayContaining([
        { uid: "n", email: "none@luckygas.test", role: null, disabled: false },
        { uid: "o", email: "operator@luckygas.test", role: "operator", disabled: false },
      ]),
      nextPageToken: null,
    });
    expect((await call("GET", "/v1/users", { token: "operator" })).status).toBe(403);
  });

  it("pages with Auth's own token and refuses bad paging", async () => {
    const { call } = setUp();
    const first = await call("GET", "/v1/users", { token: "admin", query: { pageSize: "3" } });
    const { items, nextPageToken } = first.body as { items: { uid: string }[]; nextPageToken: string };
    expect(items.map((user) => user.uid)).toEqual(["a", "a2", "n"]);
    const query = { pageSize: "3", pageToken: nextPageToken };
    const second = await call("GET", "/v1/users", { token: "admin", query });
    expect(second.body).toMatchObject({ items: [{ uid: "o" }, { uid: "v" }], nextPageToken: null });
    const bads: Record<string, string>[] = [
      { pageSize: "0" },
      { pageSize: "201" },
      { pageToken: "bm9ib2R5" },
      { sort: "uid" },
    ];
    for (const bad of bads) {
      expect((await call("GET", "/v1/users", { token: "admin", query: bad })).status).toBe(400);
    }
  });
});

describe("PUT /v1/users/{uid}/role", () => {
  it("sets the role, answers the updated user, audits it and ends the user's sessions", async () => {
    const { call, users, audit } = setUp();
    expect((await call("GET", "/v1/me", { token: "viewer" })).status).toBe(200);
    const answer = await call("PUT", "/v1/users/v/role", { token: "admin", body: promote });
    expect(answer).toMatchObject({ status: 200, body: { uid: "v", role: "operator", disabled: false } });
    expect(users.claimsOf("v")).toEqual({ role: "operator" });
    expect(audit.entries).toMatchObject([
      {
        who: { uid: "a", email: "admin@luckygas.test", role: "admin" },
        entity: "user",
        action: "set-role",
        key: "v",
        before: { role: "viewer" },
        after: { role: "operator" },
        reason: promote.reason,
        correlationId: answer.headers["x-correlation-id"],
      },
    ]);
    // The old ID token carries the old role: the API refuses it until the user signs in again.
    expect((await call("GET", "/v1/me", { token: "viewer" })).status).toBe(401);
  });

  it("removes a role with null", async () => {
    const { call, users } = setUp();
    const body = { role: null, reason: "left the company" };
    expect((await call("PUT", "/v1/users/o/role", { token: "admin", body })).body).toMatchObject({
      role: null,
    });
    expect(users.claimsOf("o")).toEqual({});
  });

  it("is for admins only", async () => {
    const { call, audit } = setUp();
    expect((await call("PUT", "/v1/users/v/role", { token: "operator", body: promote })).status).toBe(403);
    expect((await call("PUT", "/v1/users/v/role", { body: promote })).status).toBe(401);
    expect(audit.entries).toEqual([]);
  });

  it("refuses an admin removing their own admin role (403) and answers 404 for an unknown user", async () => {
    const { call, users } = setUp();
    const own = await call("PUT", "/v1/users/a/role", { token: "admin", body: promote });
    expect(own.status).toBe(403);
    expect(users.claimsOf("a")).toEqual({ role: "admin" });
    expect((await call("PUT", "/v1/users/ghost/role", { token: "admin", body: promote })).status).toBe(404);
  });

  it("validates the uid, the role and the reason", async () => {
    const { call, audit } = setUp();
    const bad = [
      { path: "/v1/users/bad.uid/role", body: promote },
      { path: `/v1/users/${"x".repeat(129)}/role`, body: promote },
      { path: "/v1/users/v/role", body: { role: "root", reason: "why not" } },
      { path: "/v1/users/v/role", body: { reason: "role left out" } },
      { path: "/v1/users/v/role", body: { role: "viewer" } },
      { path: "/v1/users/v/role", body: { role: "viewer", reason: " " } },
      { path: "/v1/users/v/role", body: { role: "viewer", reason: "x".repeat(501) } },
      { path: "/v1/users/v/role", body: { ...promote, extra: true } },
    ];
    for (const { path, body } of bad) {
      expect((await call("PUT", path, { token: "admin", body })).status, path).toBe(400);
    }
    expect(audit.entries).toEqual([]);
  });
});
