import { getAuth } from "firebase-admin/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firebaseApp } from "../../src/adapters/firebase-app.js";
import type { RouteInfo } from "../../src/http/route.js";
import { signInTestUser } from "../support/role-tokens.js";
import { someClientCode } from "./api-fixtures.js";
import { type ApiTestStack, startApiTestStack, type TestRole } from "./api-test-stack.js";

/**
 * The route × principal matrix, generated from the router's own table (`GET /v1/routes`): every
 * route — whichever feature added it — is called with no token, a malformed token, a token of
 * another project, and each role. Writes by allowed roles send an invalid body, so an allowed caller
 * gets a 4xx validation answer and nothing is written.
 */
let stack: ApiTestStack;
let routes: RouteInfo[];
const samples: Record<string, string> = {};

beforeAll(async () => {
  stack = await startApiTestStack("access");
  samples.code = await someClientCode(stack.legacy);
  const order = await stack.legacy.query(
    "SELECT delivery_no FROM deliveries WHERE client_code ~ '^[0-9]{7}$' AND status IN ('01','02','03','04','05','06','07') LIMIT 1",
  );
  samples.orderId = (order.rows[0] as { delivery_no: string }).delivery_no;
  const table = await stack.call("GET", "/v1/routes", { token: stack.tokens.admin });
  routes = (table.body as { routes: RouteInfo[] }).routes;
});

afterAll(async () => {
  await stack?.stop();
});

/** A syntactically valid value for each path parameter, real where one exists. */
function concretePath(route: RouteInfo): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === "code") return samples.code ?? "";
    if (name === "key") return "matrix-flag";
    if (route.path.startsWith("/v1/orders/")) return samples.orderId ?? "";
    if (route.path.startsWith("/v1/sync/conflicts/")) return "customer-1000001-balance";
    return "matrix-id";
  });
}

/** A token of another project: well-formed, but not issued for this API. */
function foreignToken(real: string): string {
  const [header, payload, signature] = real.split(".");
  const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
  const forged = {
    ...claims,
    aud: "someone-elses-project",
    iss: "https://securetoken.google.com/someone-elses-project",
    role: "admin",
  };
  return [header, Buffer.from(JSON.stringify(forged)).toString("base64url"), signature].join(".");
}

/** OFREP evaluations are POSTs that write nothing. */
function isRead(route: RouteInfo): boolean {
  return route.method === "GET" || route.path.startsWith("/ofrep/");
}

const rank: Record<TestRole, number> = { viewer: 0, operator: 1, admin: 2 };
type Principal = "none" | "malformed" | "foreign" | TestRole;
const principals: Principal[] = ["none", "malformed", "foreign", "viewer", "operator", "admin"];

function tokenOf(principal: Principal): string | undefined {
  if (principal === "none") return undefined;
  if (principal === "malformed") return "not.a.token";
  if (principal === "foreign") return foreignToken(stack.tokens.admin);
  return stack.tokens[principal];
}

/** What a principal must get: 401 without a valid token, 403 below the role, else the route's own answer. */
function expectedClass(route: RouteInfo, principal: Principal): "401" | "403" | "allowed" {
  if (route.access === "public") return "allowed";
  if (principal === "none" || principal === "malformed" || principal === "foreign") return "401";
  return rank[principal] >= rank[route.access] ? "allowed" : "403";
}

describe("route × principal matrix", () => {
  it("covers every route of the router, each with a declared access rule", () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) expect(["public", "viewer", "operator", "admin"]).toContain(route.access);
    console.log(
      `route × principal matrix: ${routes.length} routes × ${principals.length} principals = ${routes.length * principals.length} calls`,
    );
  });

  it("answers each principal as its access rule says, and never 5xx", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const path = concretePath(route);
      for (const principal of principals) {
        const answer = await stack.call(route.method, path, {
          token: tokenOf(principal),
          body: route.method === "GET" ? undefined : { definitelyNotAField: true },
          headers: route.precondition ? { "if-match": '"matrix"' } : {},
        });
        const expected = expectedClass(route, principal);
        const ok =
          expected === "allowed"
            ? answer.status < 500 &&
              answer.status !== 401 &&
              answer.status !== 403 &&
              (isRead(route) || answer.status >= 400)
            : answer.status === Number(expected) &&
              (answer.headers.get("content-type") ?? "").includes("application/problem+json");
        if (!ok)
          failures.push(`${route.method} ${path} as ${principal}: ${answer.status} (expected ${expected})`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("accounts that lost access", () => {
  it("refuses a disabled account and a revoked session on reads, not only on writes", async () => {
    const auth = getAuth(firebaseApp(stack.authProject));
    const disabled = await signInTestUser("access-disabled", "viewer");
    const revoked = await signInTestUser("access-revoked", "operator");
    const read = (token: string) => stack.call("GET", `/v1/customers/${samples.code}`, { token });
    // Fresh users: no instance has their status cached yet.
    await auth.updateUser(disabled.uid, { disabled: true });
    expect((await read(disabled.token)).status).toBe(401);
    // Revocation counts sessions signed in before it, to the second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await auth.revokeRefreshTokens(revoked.uid);
    expect((await read(revoked.token)).status).toBe(401);
    expect(
      (await stack.call("PATCH", `/v1/customers/${samples.code}`, { token: revoked.token, body: {} })).status,
    ).toBe(401);
  });
});
