import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { legacyChecksum, someClientCode } from "./api-fixtures.js";
import { type ApiTestStack, startApiTestStack } from "./api-test-stack.js";
import { type FieldKind, malformedBody } from "./malformed-bodies.js";

/** ≈1,000 generated malformed bodies per write route: only 4xx answers, and nothing written. */
const runsPerRoute = 1_000;
let stack: ApiTestStack;
let code: string;
let etag: string;
let orderId: string;

const firestoreCollections = ["customers", "orders", "syncOutbox", "audit"];

async function firestoreCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of firestoreCollections) {
    counts[name] = (await stack.db.collection(name).count().get()).data().count;
  }
  return counts;
}

beforeAll(async () => {
  stack = await startApiTestStack("fuzz");
  code = await someClientCode(stack.legacy, 1);
  etag =
    (await stack.call("GET", `/v1/customers/${code}`, { token: stack.tokens.viewer })).headers.get("etag") ??
    "";
  const order = await stack.call("POST", `/v1/customers/${code}/orders`, {
    token: stack.tokens.operator,
    body: { meteredKg: "3" },
  });
  orderId = (order.body as { id: string }).id;
});

afterAll(async () => {
  await stack?.stop();
});

const customerFields: Record<string, FieldKind> = {
  shortName: "string",
  invoiceTitle: "nullableString",
  taxId: "nullableString",
  address: "string",
  phones: "nullableString",
  areaCode: "nullableString",
  customerType: "enum",
  pricingMethod: "enum",
  paymentMethod: "enum",
  cylinders: "object",
  timeSlot: "enum",
  vehicle: "enum",
  closedDays: "object",
  subscription: "boolean",
  sameDay: "boolean",
  terminated: "boolean",
  usage: "object",
  creditLimit: "nullableNumber",
  remark: "nullableString",
};
const orderFields: Record<string, FieldKind> = {
  items: "array",
  // A decimal written as text: any non-string is wrong (a random string could be a valid "12").
  meteredKg: "nullableString",
  emptiesReturned: "number",
  amount: "nullableNumber",
  driverCode: "nullableString",
  urgent: "boolean",
  remark: "nullableString",
  timeSlot: "enum",
  deliveryDate: "nullableString",
  orderDate: "string",
};

interface WriteRoute {
  name: string;
  method: string;
  path: () => string;
  bodies: () => fc.Arbitrary<{ json?: unknown; raw?: string }>;
  headers?: () => Record<string, string>;
}

const routes: WriteRoute[] = [
  {
    name: "POST /v1/customers",
    method: "POST",
    path: () => "/v1/customers",
    bodies: () =>
      malformedBody(
        { code: "9000001", shortName: "新客戶", address: "臺東縣臺東市中華路一段1號" },
        { ...customerFields, code: "string" },
      ),
  },
  {
    name: "PATCH /v1/customers/{code}",
    method: "PATCH",
    path: () => `/v1/customers/${code}`,
    bodies: () => malformedBody({ remark: "fuzz" }, customerFields),
    // A current ETag, so only the body can be what is refused.
    headers: () => ({ "if-match": etag }),
  },
  {
    name: "POST /v1/customers/{code}/orders",
    method: "POST",
    path: () => `/v1/customers/${code}/orders`,
    bodies: () => malformedBody({ items: [{ sizeKg: 20, quantity: 1 }] }, orderFields),
  },
  {
    name: "POST /v1/orders/{id}:transition",
    method: "POST",
    path: () => `/v1/orders/${orderId}:transition`,
    bodies: () => malformedBody({ to: "confirmed" }, { to: "enum" }),
  },
];

describe.each(routes)("$name", (route) => {
  it(`answers ${runsPerRoute} malformed bodies with 4xx and writes nothing`, async () => {
    const legacyBefore = await legacyChecksum(stack.legacy);
    const firestoreBefore = await firestoreCounts();
    const statuses = new Map<number, number>();
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(route.bodies(), async (body) => {
        const answer = await stack.call(route.method, route.path(), {
          token: stack.tokens.operator,
          headers: route.headers?.(),
          ...(body.raw !== undefined ? { rawBody: body.raw } : { body: body.json }),
        });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        expect(
          answer.status,
          `${JSON.stringify(body)} → ${JSON.stringify(answer.body)}`,
        ).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: runsPerRoute },
    );
    expect(await legacyChecksum(stack.legacy)).toBe(legacyBefore);
    expect(await firestoreCounts()).toEqual(firestoreBefore);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${route.name}: ${runsPerRoute} malformed bodies in ${seconds.toFixed(1)} s (${(runsPerRoute / seconds).toFixed(0)} req/s) →`,
      Object.fromEntries(statuses),
    );
  });
});
