import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { someClientCode } from "./api-fixtures.js";
import { type ApiTestStack, startApiTestStack, type TestRole } from "./api-test-stack.js";

/**
 * Every route × no token, forged token, viewer, operator, admin. Writes by allowed roles send
 * an invalid body, so an allowed caller gets the validation answer (400) and nothing is written.
 */
let stack: ApiTestStack;
let code: string;
let orderId: string;

beforeAll(async () => {
  stack = await startApiTestStack("access");
  code = await someClientCode(stack.legacy);
  const order = await stack.legacy.query(
    "SELECT delivery_no FROM deliveries WHERE client_code ~ '^[0-9]{7}$' AND status IN ('01','02','03','04','05','06','07') LIMIT 1",
  );
  orderId = (order.rows[0] as { delivery_no: string }).delivery_no;
});

afterAll(async () => {
  await stack?.stop();
});

interface RouteCase {
  method: string;
  path: () => string;
  minimum: TestRole;
  /** What an allowed caller gets. */
  allowedStatus: number;
}

const invalidBody = { definitelyNotAField: true };
const routes: RouteCase[] = [
  { method: "GET", path: () => "/v1/customers?pageSize=2", minimum: "viewer", allowedStatus: 200 },
  { method: "GET", path: () => `/v1/customers/${code}`, minimum: "viewer", allowedStatus: 200 },
  { method: "POST", path: () => "/v1/customers", minimum: "operator", allowedStatus: 400 },
  { method: "PATCH", path: () => `/v1/customers/${code}`, minimum: "operator", allowedStatus: 400 },
  { method: "GET", path: () => `/v1/customers/${code}/orders`, minimum: "viewer", allowedStatus: 200 },
  { method: "POST", path: () => `/v1/customers/${code}/orders`, minimum: "operator", allowedStatus: 400 },
  { method: "GET", path: () => `/v1/orders/${orderId}`, minimum: "viewer", allowedStatus: 200 },
  { method: "POST", path: () => `/v1/orders/${orderId}:transition`, minimum: "operator", allowedStatus: 400 },
  { method: "GET", path: () => "/v1/products", minimum: "viewer", allowedStatus: 200 },
  { method: "GET", path: () => "/v1/drivers", minimum: "viewer", allowedStatus: 200 },
  { method: "GET", path: () => `/v1/sms-logs?customer=${code}`, minimum: "viewer", allowedStatus: 200 },
  {
    method: "GET",
    path: () => `/v1/audit?entity=customer&key=${code}`,
    minimum: "admin",
    allowedStatus: 200,
  },
  { method: "GET", path: () => "/v1/import-report", minimum: "admin", allowedStatus: 200 },
];
const rank: Record<TestRole, number> = { viewer: 0, operator: 1, admin: 2 };

/** A token of another project: well-formed, but not issued for this API. */
function forgedToken(real: string): string {
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

describe.each(routes)("$method $minimum-route", (route) => {
  const send = (token?: string) =>
    stack.call(route.method, route.path(), {
      token,
      body: route.method === "GET" ? undefined : invalidBody,
    });

  it("answers 401 without a token", async () => {
    const answer = await send();
    expect(answer.status).toBe(401);
    expect(answer.headers.get("content-type")).toContain("application/problem+json");
  });

  it("answers 401 to a forged or malformed token", async () => {
    expect((await send(forgedToken(stack.tokens.admin))).status).toBe(401);
    expect((await send("not.a.token")).status).toBe(401);
  });

  it.each(["viewer", "operator", "admin"] as const)("answers %s by role", async (role) => {
    const answer = await send(stack.tokens[role]);
    const expected = rank[role] >= rank[route.minimum] ? route.allowedStatus : 403;
    expect(answer.status, `${route.method} ${route.path()} as ${role}: ${JSON.stringify(answer.body)}`).toBe(
      expected,
    );
  });
});
