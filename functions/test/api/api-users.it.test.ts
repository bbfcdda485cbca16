import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInTestUser, signInWithPassword } from "../support/role-tokens.js";
import { someClientCode } from "./api-fixtures.js";
import { type ApiTestStack, startApiTestStack } from "./api-test-stack.js";

/** Roles managed through the API: the change takes effect at once and is audited. */
let stack: ApiTestStack;

beforeAll(async () => {
  stack = await startApiTestStack("users");
});

afterAll(async () => {
  await stack?.stop();
});

describe("role management", () => {
  it("shows users their role, lets an admin change it, ends the old sessions and audits why", async () => {
    const user = await signInTestUser("users-promoted", "viewer");
    const me = await stack.call("GET", "/v1/me", { token: user.token });
    expect(me.body).toMatchObject({ uid: user.uid, email: user.email, role: "viewer" });
    const code = await someClientCode(stack.legacy);
    // A second passes so the revocation is after the session's sign-in, to the second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const set = await stack.call("PUT", `/v1/users/${user.uid}/role`, {
      token: stack.tokens.admin,
      body: { role: "operator", reason: "runs the morning shift" },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ uid: user.uid, role: "operator" });
    // The old token (role viewer) is refused at once, on reads too.
    expect((await stack.call("GET", `/v1/customers/${code}`, { token: user.token })).status).toBe(401);
    const fresh = await signInWithPassword(user.email, user.password);
    expect((await stack.call("GET", "/v1/me", { token: fresh })).body).toMatchObject({ role: "operator" });
    const audit = await stack.call("GET", `/v1/audit?entity=user&key=${user.uid}`, {
      token: stack.tokens.admin,
    });
    expect((audit.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({
        action: "set-role",
        before: { role: "viewer" },
        after: { role: "operator" },
        reason: "runs the morning shift",
      }),
    ]);
  });

  it("lets only admins list users or set roles", async () => {
    const user = await signInTestUser("users-operator", "operator");
    expect((await stack.call("GET", "/v1/users", { token: user.token })).status).toBe(403);
    const attempt = await stack.call("PUT", `/v1/users/${user.uid}/role`, {
      token: user.token,
      body: { role: "admin", reason: "promote myself" },
    });
    expect(attempt.status).toBe(403);
    const listed = await stack.call("GET", "/v1/users?pageSize=200", { token: stack.tokens.admin });
    expect((listed.body as { items: { uid: string }[] }).items.map((item) => item.uid)).toContain(user.uid);
  });
});
