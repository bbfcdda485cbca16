import { describe, expect, it } from "vitest";
import { decodePush } from "./push-envelope.js";
import { replicates } from "./stage-gate.js";

const message = {
  changeId: "0b6f5c3e-8d0a-4c59-9a51-3f1c2d4e5f60",
  source: "legacy",
  entity: "customer",
  key: "0100001",
  customerCode: "0100001",
  op: "upsert",
  sourceVersion: 3,
  committedAt: "2026-11-28T10:00:00.000Z",
  data: { client_code: "0100001" },
};
const push = (data: string | undefined, attributes: Record<string, string> = {}) => ({
  message: { data, attributes, messageId: "42" },
  subscription: "projects/p/subscriptions/s",
});
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

describe("decodePush", () => {
  it("decodes a valid change message", () => {
    const decoded = decodePush(push(b64(message), { customerCode: "0100001" }));
    expect(decoded).toMatchObject({ ok: true, messageId: "42", message: { key: "0100001" } });
  });

  it.each([
    ["no envelope", "nonsense", "push-envelope-invalid"],
    ["empty data", push(undefined), "message-data-empty"],
    ["not JSON", push("%%%"), "message-data-not-json"],
    ["unknown entity", push(b64({ ...message, entity: "invoice" })), "message-schema-invalid"],
    ["unknown field", push(b64({ ...message, extra: 1 })), "message-schema-invalid"],
    [
      "attribute mismatch",
      push(b64(message), { customerCode: "0100002" }),
      "attribute-customer-code-mismatch",
    ],
  ])("gives a reason, never throws, for %s", (_label, data, reason) => {
    const decoded = decodePush(data);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason.startsWith(reason)).toBe(true);
  });
});

describe("stage gate", () => {
  it("replicates legacy → new from dualwrite on and new → legacy until complete", () => {
    expect(replicates("off", "legacy")).toBe(false);
    expect(replicates("dualwrite", "legacy")).toBe(true);
    expect(replicates("complete", "legacy")).toBe(true);
    expect(replicates("off", "new")).toBe(false);
    expect(replicates("rampdown", "new")).toBe(true);
    expect(replicates("complete", "new")).toBe(false);
  });
});
