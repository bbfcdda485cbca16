import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LegacyAuditOutbox } from "../../src/audit/legacy-audit-outbox.js";
import { someClientCode } from "./api-fixtures.js";
import { type ApiTestStack, startApiTestStack } from "./api-test-stack.js";

/** The audit trail: committed with each write, queried by entity, actor and time, paged by signed tokens. */
let stack: ApiTestStack;

beforeAll(async () => {
  stack = await startApiTestStack("audit");
});

afterAll(async () => {
  await stack?.stop();
});

interface AuditItem {
  action: string;
  key: string;
  who: { uid: string; email: string | null };
  correlationId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  when: string;
}
interface AuditAnswer {
  items: AuditItem[];
  nextPageToken: string | null;
}

function uidOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
  return String((payload as { user_id: string }).user_id);
}

async function patchRemark(code: string, remark: string, reason?: string) {
  const read = await stack.call("GET", `/v1/customers/${code}`, { token: stack.tokens.viewer });
  return stack.call("PATCH", `/v1/customers/${code}`, {
    token: stack.tokens.operator,
    body: reason === undefined ? { remark } : { remark, reason },
    headers: { "if-match": read.headers.get("etag") ?? "" },
  });
}

const audit = async (query: string) =>
  (await stack.call("GET", `/v1/audit?${query}`, { token: stack.tokens.admin })).body as AuditAnswer;

describe("audit trail", () => {
  it("commits a legacy-side write's entry with it: the write fails when its entry cannot be kept", async () => {
    const code = await someClientCode(stack.legacy, 3);
    const before = await stack.legacy.query("SELECT remark FROM clients WHERE client_code = $1", [code]);
    await stack.legacy.query("ALTER TABLE sync.audit_outbox RENAME TO audit_outbox_away");
    try {
      const refused = await patchRemark(code, "without an audit entry");
      expect(refused.status).toBe(500);
    } finally {
      await stack.legacy.query("ALTER TABLE sync.audit_outbox_away RENAME TO audit_outbox");
    }
    const after = await stack.legacy.query("SELECT remark FROM clients WHERE client_code = $1", [code]);
    expect(after.rows).toEqual(before.rows);
  });

  it("records who, when, what and the correlation id of a legacy-side write", async () => {
    const legacyCode = await someClientCode(stack.legacy, 4);
    const legacyWrite = await patchRemark(legacyCode, "legacy side", "customer asked by phone");
    expect(legacyWrite.status).toBe(200);
    const entries = await audit(`entity=customer&key=${legacyCode}`);
    expect(entries.items).toEqual([
      expect.objectContaining({
        action: "update",
        key: legacyCode,
        who: expect.objectContaining({ uid: uidOf(stack.tokens.operator) }),
        correlationId: legacyWrite.headers.get("x-correlation-id"),
        reason: "customer asked by phone",
        after: expect.objectContaining({ remark: "legacy side" }),
      }),
    ]);
    // Moved to Firestore right after the commit: nothing is left waiting for the sweep.
    expect((await stack.legacy.query("SELECT count(*)::int AS n FROM sync.audit_outbox")).rows).toEqual([
      { n: 0 },
    ]);
  });

  it("filters by actor and time range and pages with signed tokens", async () => {
    const code = await someClientCode(stack.legacy, 6);
    const start = new Date().toISOString();
    for (const remark of ["one", "two", "three"]) expect((await patchRemark(code, remark)).status).toBe(200);
    const actor = uidOf(stack.tokens.operator);
    const first = await audit(`actor=${actor}&from=${encodeURIComponent(start)}&key=${code}&pageSize=2`);
    expect(first.items.map((item) => item.after?.remark)).toEqual(["three", "two"]);
    const second = await audit(
      `actor=${actor}&from=${encodeURIComponent(start)}&key=${code}&pageSize=2&pageToken=${first.nextPageToken}`,
    );
    expect(second.items.map((item) => item.after?.remark)).toEqual(["one"]);
    expect(second.nextPageToken).toBeNull();
    const elsewhere = await stack.call(
      "GET",
      `/v1/audit?actor=someone-else&pageToken=${first.nextPageToken}`,
      {
        token: stack.tokens.admin,
      },
    );
    expect(elsewhere.status).toBe(400);
    expect((await audit(`actor=someone-else&key=${code}`)).items).toEqual([]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await audit(`key=${code}&from=${encodeURIComponent(future)}`)).items).toEqual([]);
  });

  it("moves entries the API committed but did not publish, when the relay sweeps", async () => {
    const id = "0b9e6a2e-2f76-4d35-9d1e-7a3f1f0c0001";
    const entry = {
      who: { uid: "swept-user", email: null, role: "operator" },
      when: new Date(Date.now() - 120_000).toISOString(),
      action: "update",
      entity: "customer",
      key: "1999999",
      before: null,
      after: { remark: "crashed before publish" },
      reason: null,
      correlationId: "sweep-test",
    };
    await stack.legacy.query(
      "INSERT INTO sync.audit_outbox (id, entry, created_at) VALUES ($1, $2, now() - interval '2 minutes')",
      [id, JSON.stringify(entry)],
    );
    expect(await new LegacyAuditOutbox(stack.legacy, stack.db).sweep()).toBe(1);
    expect((await audit("actor=swept-user")).items).toEqual([
      expect.objectContaining({ correlationId: "sweep-test" }),
    ]);
  });
});

describe("one audit trail for every kind of change", () => {
  it("finds flag changes and stage changes by entity, with who, why and the request's correlation id", async () => {
    const definition = { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" };
    const created = await stack.call("PUT", "/v1/flags/audited-flag", {
      token: stack.tokens.admin,
      headers: { "if-none-match": "*" },
      body: { definition, reason: "new banner" },
    });
    expect(created.status).toBe(201);
    const code = await someClientCode(stack.legacy, 7);
    const moved = await stack.call("POST", `/v1/migration/customers/${code}:advance`, {
      token: stack.tokens.admin,
      body: { to: "dualwrite", reason: "pilot volunteer" },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await audit("entity=flag&key=audited-flag")).items).toEqual([
      expect.objectContaining({
        action: "create",
        reason: "new banner",
        correlationId: created.headers.get("x-correlation-id"),
        who: expect.objectContaining({ uid: uidOf(stack.tokens.admin) }),
      }),
    ]);
    expect((await audit(`entity=stage&key=${code}`)).items).toEqual([
      expect.objectContaining({
        action: "advance",
        reason: "pilot volunteer",
        after: { stage: "dualwrite", held: false },
        correlationId: moved.headers.get("x-correlation-id"),
      }),
    ]);
  });
});
