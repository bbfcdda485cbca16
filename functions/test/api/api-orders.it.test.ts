import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { legacyChecksum, someClientCode } from "./api-fixtures.js";
import { type ApiTestStack, startApiTestStack } from "./api-test-stack.js";

let stack: ApiTestStack;
let code: string;

beforeAll(async () => {
  stack = await startApiTestStack("orders");
  code = await someClientCode(stack.legacy, 2);
});

afterAll(async () => {
  await stack?.stop();
});

interface OrderBody {
  id: string;
  status: string;
  customerCode: string;
}

describe("orders of a legacy-side customer", () => {
  it("lists a customer's orders newest first, paginated", async () => {
    const withOrders = await stack.legacy.query(
      "SELECT client_code FROM deliveries WHERE client_code ~ '^[0-9]{7}$' GROUP BY client_code HAVING count(*) > 6 LIMIT 1",
    );
    const busy = (withOrders.rows[0] as { client_code: string }).client_code;
    const first = (
      await stack.call("GET", `/v1/customers/${busy}/orders?pageSize=3`, { token: stack.tokens.viewer })
    ).body as {
      items: OrderBody[];
      nextPageToken: string;
    };
    expect(first.items).toHaveLength(3);
    const next = (
      await stack.call("GET", `/v1/customers/${busy}/orders?pageSize=3&pageToken=${first.nextPageToken}`, {
        token: stack.tokens.viewer,
      })
    ).body as { items: OrderBody[] };
    const ids = [...first.items, ...next.items].map((order) => order.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("creates an order (draft, numbered D + ROC date + sequence) and moves it through legal transitions", async () => {
    const created = await stack.call("POST", `/v1/customers/${code}/orders`, {
      token: stack.tokens.operator,
      body: { items: [{ sizeKg: 20, quantity: 2 }], urgent: true },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const order = created.body as OrderBody;
    expect(order).toMatchObject({ status: "draft", customerCode: code });
    expect(order.id).toMatch(/^D\d{11}$/);
    expect(created.headers.get("location")).toBe(`/v1/orders/${order.id}`);
    const unconditional = await stack.call("POST", `/v1/orders/${order.id}:transition`, {
      token: stack.tokens.operator,
      body: { to: "confirmed" },
    });
    expect(unconditional.status, "a transition without If-Match could undo someone else's").toBe(428);
    let etag = created.headers.get("etag") ?? "";
    for (const to of ["confirmed", "assigned", "in-delivery", "delivered"]) {
      const moved = await stack.call("POST", `/v1/orders/${order.id}:transition`, {
        token: stack.tokens.operator,
        body: { to },
        headers: { "if-match": etag },
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      etag = moved.headers.get("etag") ?? "";
    }
    const row = await stack.legacy.query(
      "SELECT status, qty_20, urgent FROM deliveries WHERE delivery_no = $1",
      [order.id],
    );
    expect(row.rows[0]).toEqual({ status: "05", qty_20: 2, urgent: "V" });
    const audit = await stack.call("GET", `/v1/audit?entity=order&key=${order.id}`, {
      token: stack.tokens.admin,
    });
    expect((audit.body as { items: { action: string }[] }).items.map((entry) => entry.action)).toEqual([
      "transition",
      "transition",
      "transition",
      "transition",
      "create",
    ]);
  });

  it("refuses an illegal transition with 409 and changes nothing", async () => {
    const answer = await stack.call("POST", `/v1/customers/${code}/orders`, {
      token: stack.tokens.operator,
      body: { items: [{ sizeKg: 4, quantity: 1 }] },
    });
    const created = answer.body as OrderBody;
    const ifMatch = { "if-match": answer.headers.get("etag") ?? "" };
    const before = await legacyChecksum(stack.legacy);
    const illegal = await stack.call("POST", `/v1/orders/${created.id}:transition`, {
      token: stack.tokens.operator,
      body: { to: "delivered" },
      headers: ifMatch,
    });
    expect(illegal.status).toBe(409);
    expect((illegal.body as { type: string }).type).toContain("order-illegal-transition");
    expect(await legacyChecksum(stack.legacy)).toBe(before);
    const cancelled = await stack.call("POST", `/v1/orders/${created.id}:transition`, {
      token: stack.tokens.operator,
      body: { to: "cancelled" },
      headers: ifMatch,
    });
    expect(cancelled.status).toBe(200);
    const reopened = await stack.call("POST", `/v1/orders/${created.id}:transition`, {
      token: stack.tokens.operator,
      body: { to: "confirmed" },
      headers: { "if-match": cancelled.headers.get("etag") ?? "" },
    });
    expect(reopened.status).toBe(409);
  });

  it("numbers concurrent creates uniquely", async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        stack.call("POST", `/v1/customers/${code}/orders`, {
          token: stack.tokens.operator,
          body: { meteredKg: "12.5" },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => (answer.body as OrderBody).id)).size).toBe(6);
  });

  it("creates one order per Idempotency-Key, however often or however concurrently it is retried", async () => {
    const countOrders = async () =>
      Number(
        (await stack.legacy.query("SELECT count(*) AS n FROM deliveries WHERE client_code = $1", [code]))
          .rows[0].n,
      );
    const before = await countOrders();
    const send = (key: string) =>
      stack.call("POST", `/v1/customers/${code}/orders`, {
        token: stack.tokens.operator,
        body: { items: [{ sizeKg: 20, quantity: 1 }] },
        headers: { "idempotency-key": key },
      });
    const first = await send("retry-key-1");
    const retried = await send("retry-key-1");
    expect(first.status).toBe(201);
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(first.body);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    const racing = await Promise.all([send("race-key-1"), send("race-key-1"), send("race-key-1")]);
    const created = racing.filter((answer) => answer.status === 201);
    expect(racing.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
    expect(new Set(created.map((answer) => (answer.body as OrderBody).id)).size).toBe(1);
    expect(await countOrders()).toBe(before + 2);
    const reused = await stack.call("POST", `/v1/customers/${code}/orders`, {
      token: stack.tokens.operator,
      body: { items: [{ sizeKg: 4, quantity: 1 }] },
      headers: { "idempotency-key": "retry-key-1" },
    });
    expect(reused.status).toBe(422);
    expect(await countOrders()).toBe(before + 2);
  });

  it("rejects a body naming another customer, unknown fields and a missing customer", async () => {
    const other = await someClientCode(stack.legacy, 4);
    const mismatch = await stack.call("POST", `/v1/customers/${code}/orders`, {
      token: stack.tokens.operator,
      body: { customerCode: other, meteredKg: "1" },
    });
    expect(mismatch.status).toBe(400);
    const unknown = await stack.call("POST", `/v1/customers/${code}/orders`, {
      token: stack.tokens.operator,
      body: { meteredKg: "1", colour: "red" },
    });
    expect(unknown.status).toBe(400);
    const missing = await stack.call("POST", "/v1/customers/9999999/orders", {
      token: stack.tokens.operator,
      body: { meteredKg: "1" },
    });
    expect(missing.status).toBe(404);
    const wrongType = await stack.call("POST", `/v1/customers/${code}/orders`, {
      token: stack.tokens.operator,
      rawBody: "meteredKg=1",
      contentType: "text/plain",
    });
    expect(wrongType.status).toBe(415);
  });
});

describe("reference data and the import report", () => {
  it("lists products and drivers from the vendor tables", async () => {
    const products = (await stack.call("GET", "/v1/products", { token: stack.tokens.viewer })).body as {
      items: { code: string }[];
    };
    const count = await stack.legacy.query("SELECT count(*)::int AS n FROM products");
    expect(products.items).toHaveLength((count.rows[0] as { n: number }).n);
    const drivers = (await stack.call("GET", "/v1/drivers", { token: stack.tokens.viewer })).body as {
      items: unknown[];
    };
    expect(drivers.items.length).toBeGreaterThan(0);
  });

  it("accounts for every clients and deliveries row", async () => {
    const answer = await stack.call("GET", "/v1/import-report", { token: stack.tokens.admin });
    const report = answer.body as { clients: { rowsSeen: number }; deliveries: { rowsSeen: number } };
    const counts = await stack.legacy.query(
      "SELECT (SELECT count(*) FROM clients)::int AS clients, (SELECT count(*) FROM deliveries)::int AS deliveries",
    );
    expect({ clients: report.clients.rowsSeen, deliveries: report.deliveries.rowsSeen }).toEqual(
      counts.rows[0],
    );
  });
});
