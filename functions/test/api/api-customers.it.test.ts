import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { legacyChecksum, pinStage, someClientCode, unusedClientCode } from "./api-fixtures.js";
import { type ApiTestStack, startApiTestStack } from "./api-test-stack.js";

let stack: ApiTestStack;
let operator: string;
let viewer: string;
let admin: string;

beforeAll(async () => {
  stack = await startApiTestStack("customers");
  ({ operator, viewer, admin } = stack.tokens);
});

afterAll(async () => {
  await stack?.stop();
});

const newCustomerBody = (code: string) => ({
  code,
  shortName: "測試小吃店",
  address: "臺東縣臺東市中華路一段100號",
  phones: "0912-345-678",
  areaCode: "H",
  customerType: "commercial",
  taxId: "04595257",
});

describe("reading customers", () => {
  it("gets one customer with a strong ETag; the same ETag while nothing changes", async () => {
    const code = await someClientCode(stack.legacy);
    const first = await stack.call("GET", `/v1/customers/${code}`, { token: viewer });
    const second = await stack.call("GET", `/v1/customers/${code}`, { token: viewer });
    expect(first.status).toBe(200);
    expect((first.body as { code: string }).code).toBe(code);
    expect(first.headers.get("etag")).toMatch(/^"L-[\w-]+"$/);
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
  });

  it("answers 404 for an unknown customer and 400 with a field path for a malformed code", async () => {
    const unknown = await stack.call("GET", `/v1/customers/${await unusedClientCode(stack.legacy)}`, {
      token: viewer,
    });
    expect(unknown.status).toBe(404);
    const malformed = await stack.call("GET", "/v1/customers/12x", { token: viewer });
    expect(malformed.status).toBe(400);
    expect((malformed.body as { errors: { path: string }[] }).errors[0]?.path).toBe("path.code");
    // A broken percent-escape is the caller's mistake, not the server's (it was a 500).
    const badEscape = await stack.call("GET", "/v1/customers/%E0%A4%A", { token: viewer });
    expect(badEscape.status, JSON.stringify(badEscape.body)).toBe(400);
  });

  it("pages through the list by code with an opaque token and no overlap", async () => {
    const first = await stack.call("GET", "/v1/customers?pageSize=7", { token: viewer });
    const page1 = first.body as { items: { code: string }[]; nextPageToken: string };
    expect(page1.items).toHaveLength(7);
    const second = await stack.call("GET", `/v1/customers?pageSize=7&pageToken=${page1.nextPageToken}`, {
      token: viewer,
    });
    const page2 = second.body as { items: { code: string }[] };
    const codes = [...page1.items, ...page2.items].map((item) => item.code);
    expect(new Set(codes).size).toBe(14);
    expect([...codes].sort()).toEqual(codes);
  });

  it("refuses page tokens it did not give out for this query: hand-made, edited or from other filters", async () => {
    const first = await stack.call("GET", "/v1/customers?pageSize=3&area=H", { token: viewer });
    const token = (first.body as { nextPageToken: string }).nextPageToken;
    const lastCode = (first.body as { items: { code: string }[] }).items.at(-1)?.code ?? "";
    const handMade = Buffer.from(lastCode).toString("base64url");
    for (const query of [
      `area=H&pageToken=${handMade}`,
      `area=H&pageToken=${token}x`,
      `area=K&pageToken=${token}`,
    ]) {
      const answer = await stack.call("GET", `/v1/customers?pageSize=3&${query}`, { token: viewer });
      expect(answer.status, query).toBe(400);
      expect((answer.body as { errors: { path: string }[] }).errors[0]?.path).toBe("query.pageToken");
    }
  });

  it("filters by area, type and text, and rejects bad filters with field paths", async () => {
    const byArea = (await stack.call("GET", "/v1/customers?area=H&pageSize=20", { token: viewer })).body as {
      items: { area: { code: string } }[];
    };
    expect(byArea.items.length).toBeGreaterThan(0);
    expect(byArea.items.every((item) => item.area.code === "H")).toBe(true);
    const byType = (await stack.call("GET", "/v1/customers?type=residential&pageSize=20", { token: viewer }))
      .body as {
      items: { customerType: string }[];
    };
    expect(byType.items.every((item) => item.customerType === "residential")).toBe(true);
    const code = await someClientCode(stack.legacy, 3);
    const byText = (await stack.call("GET", `/v1/customers?q=${code}`, { token: viewer })).body as {
      items: { code: string }[];
    };
    expect(byText.items.map((item) => item.code)).toEqual([code]);
    const phone = await stack.legacy.query(
      "SELECT client_code, phone FROM clients WHERE client_code ~ '^[0-9]{7}$' AND phone ~ '^0[0-9]{1,3}-[0-9]{6,8}$' LIMIT 1",
    );
    const withPhone = phone.rows[0] as { client_code: string; phone: string };
    const digits = withPhone.phone.replaceAll("-", "");
    const byDigits = (await stack.call("GET", `/v1/customers?q=${digits}`, { token: viewer })).body as {
      items: { code: string }[];
    };
    expect(byDigits.items.map((item) => item.code)).toContain(withPhone.client_code);
    // The same number as +886 (the trunk 0 dropped) finds the customer too.
    const international = `+886 ${digits.slice(1)}`;
    const byCountryCode = (
      await stack.call("GET", `/v1/customers?q=${encodeURIComponent(international)}`, { token: viewer })
    ).body as { items: { code: string }[] };
    expect(byCountryCode.items.map((item) => item.code)).toContain(withPhone.client_code);
    const bad = await stack.call("GET", "/v1/customers?pageSize=0&stage=nope&colour=red", { token: viewer });
    expect(bad.status).toBe(400);
    const paths = (bad.body as { errors: { path: string }[] }).errors.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(["query.pageSize", "query.stage"]));
  });

  it("filters by migration stage: customers without an assignment are off", async () => {
    const code = await someClientCode(stack.legacy, 5);
    await pinStage(stack.projectId, code, "dualwrite");
    const inStage = (await stack.call("GET", "/v1/customers?stage=dualwrite", { token: viewer })).body as {
      items: { code: string; migration: { stage: string } }[];
    };
    expect(inStage.items.map((item) => item.code)).toEqual([code]);
    expect(inStage.items.map((item) => item.migration.stage)).toEqual(["dualwrite"]);
    const off = (await stack.call("GET", `/v1/customers?stage=off&q=${code}`, { token: viewer })).body as {
      items: unknown[];
    };
    expect(off.items).toEqual([]);
  });
});

describe("writing customers on the legacy side (stage off)", () => {
  it("creates with 201, Location and ETag; a duplicate code is 409 and changes nothing", async () => {
    const code = await unusedClientCode(stack.legacy);
    const created = await stack.call("POST", "/v1/customers", {
      token: operator,
      body: newCustomerBody(code),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get("location")).toBe(`/v1/customers/${code}`);
    const row = await stack.legacy.query(
      "SELECT short_name, area, client_type FROM clients WHERE client_code = $1",
      [code],
    );
    expect(row.rows[0]).toEqual({ short_name: "測試小吃店", area: "H-鹿野線", client_type: "商業" });
    const read = await stack.call("GET", `/v1/customers/${code}`, { token: viewer });
    expect(read.headers.get("etag")).toBe(created.headers.get("etag"));
    const before = await legacyChecksum(stack.legacy);
    const duplicate = await stack.call("POST", "/v1/customers", {
      token: operator,
      body: { ...newCustomerBody(code), shortName: "別家" },
    });
    expect(duplicate.status).toBe(409);
    expect(await legacyChecksum(stack.legacy)).toBe(before);
  });

  it("patches with If-Match (merge patch), needs it (428) and refuses a stale one (412)", async () => {
    const code = await someClientCode(stack.legacy, 10);
    const read = await stack.call("GET", `/v1/customers/${code}`, { token: viewer });
    const etag = read.headers.get("etag") ?? "";
    const without = await stack.call("PATCH", `/v1/customers/${code}`, {
      token: operator,
      body: { remark: "x" },
    });
    expect(without.status).toBe(428);
    const patched = await stack.call("PATCH", `/v1/customers/${code}`, {
      token: operator,
      rawBody: JSON.stringify({ remark: "請走後門", cylinders: { "regular-20kg": 3 } }),
      contentType: "application/merge-patch+json",
      headers: { "if-match": etag },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.headers.get("etag")).not.toBe(etag);
    const row = await stack.legacy.query("SELECT remark, cyl_20 FROM clients WHERE client_code = $1", [code]);
    expect(row.rows[0]).toEqual({ remark: "請走後門", cyl_20: 3 });
    const stale = await stack.call("PATCH", `/v1/customers/${code}`, {
      token: operator,
      body: { remark: "late" },
      headers: { "if-match": etag },
    });
    expect(stale.status).toBe(412);
  });

  it("a change made by the vendor application invalidates the ETag", async () => {
    const code = await someClientCode(stack.legacy, 11);
    const etag =
      (await stack.call("GET", `/v1/customers/${code}`, { token: viewer })).headers.get("etag") ?? "";
    await stack.legacy.query("UPDATE clients SET balance = coalesce(balance, 0) + 1 WHERE client_code = $1", [
      code,
    ]);
    const answer = await stack.call("PATCH", `/v1/customers/${code}`, {
      token: operator,
      body: { remark: "x" },
      headers: { "if-match": etag },
    });
    expect(answer.status).toBe(412);
  });

  it("of two concurrent PATCHes with the same ETag exactly one wins, the other gets 412", async () => {
    const code = await someClientCode(stack.legacy, 12);
    const etag =
      (await stack.call("GET", `/v1/customers/${code}`, { token: viewer })).headers.get("etag") ?? "";
    const answers = await Promise.all(
      ["甲", "乙", "丙", "丁"].map((remark) =>
        stack.call("PATCH", `/v1/customers/${code}`, {
          token: operator,
          body: { remark },
          headers: { "if-match": etag },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412]);
    const winner = answers.find((answer) => answer.status === 200)?.body as { remark: string };
    const row = await stack.legacy.query("SELECT remark FROM clients WHERE client_code = $1", [code]);
    expect(row.rows[0]).toEqual({ remark: winner.remark });
  });

  it("records who, when, before and after of every write; only admins read the audit", async () => {
    const code = await someClientCode(stack.legacy, 13);
    const etag =
      (await stack.call("GET", `/v1/customers/${code}`, { token: viewer })).headers.get("etag") ?? "";
    const patched = await stack.call("PATCH", `/v1/customers/${code}`, {
      token: operator,
      body: { remark: "audited" },
      headers: { "if-match": etag },
    });
    const audit = await stack.call("GET", `/v1/audit?entity=customer&key=${code}`, { token: admin });
    const entries = (audit.body as { items: { before: { remark: string | null } }[] }).items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "update",
      entity: "customer",
      key: code,
      who: { email: expect.stringContaining("-operator-"), role: "operator" },
      after: { remark: "audited" },
      correlationId: patched.headers.get("x-correlation-id"),
    });
    expect(entries[0]?.before.remark).not.toBe("audited");
    expect((await stack.call("GET", "/v1/audit", { token: operator })).status).toBe(403);
  });
});

describe("a customer whose stage makes the new system authoritative", () => {
  it("writes to Firestore with an outbox entry in the same transaction, never to legacy", async () => {
    const code = await unusedClientCode(stack.legacy);
    await pinStage(stack.projectId, code, "complete");
    const created = await stack.call("POST", "/v1/customers", {
      token: operator,
      body: newCustomerBody(code),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get("etag")).toBe('"N-1"');
    const patched = await stack.call("PATCH", `/v1/customers/${code}`, {
      token: operator,
      body: { remark: "新系統" },
      headers: { "if-match": '"N-1"' },
    });
    expect(patched.headers.get("etag")).toBe('"N-2"');
    const stale = await stack.call("PATCH", `/v1/customers/${code}`, {
      token: operator,
      body: { remark: "舊" },
      headers: { "if-match": '"N-1"' },
    });
    expect(stale.status).toBe(412);
    const record = await stack.db.collection("customers").doc(code).get();
    expect(record.get("version")).toBe(2);
    expect(record.get("data.remark")).toBe("新系統");
    const outbox = await stack.db.collection("syncOutbox").where("customerCode", "==", code).get();
    expect(outbox.docs.map((doc) => doc.get("sourceVersion")).sort()).toEqual([1, 2]);
    expect((await stack.legacy.query("SELECT 1 FROM clients WHERE client_code = $1", [code])).rowCount).toBe(
      0,
    );
    const read = await stack.call("GET", `/v1/customers/${code}`, { token: viewer });
    expect((read.body as { migration: { stage: string } }).migration.stage).toBe("complete");
  });

  it("in shadow, reads legacy and records a per-field comparison with the new side", async () => {
    const code = await someClientCode(stack.legacy, 20);
    await pinStage(stack.projectId, code, "shadow");
    const read = await stack.call("GET", `/v1/customers/${code}`, { token: viewer });
    expect(read.headers.get("etag")).toMatch(/^"L-/);
    const comparisons = await stack.db.collection("readComparisons").where("key", "==", code).get();
    expect(comparisons.docs.map((doc) => doc.get("missingOn"))).toEqual(["new"]);
  });
});
