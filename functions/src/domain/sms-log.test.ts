import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SmsLog, smsLogSchema } from "./sms-log.js";

const smsLog = (metadata: Record<string, unknown>): SmsLog => ({
  id: "sms-0001",
  recipient: "0912345678",
  template: "delivery-eta",
  message: "您的瓦斯將於今日下午送達",
  provider: "every8d",
  status: "sent",
  cost: "0.75",
  segments: 1,
  retryCount: 0,
  metadata,
  createdAt: "2025-11-28T09:30:00+08:00",
  updatedAt: null,
});

describe("SmsLog metadata", () => {
  it("keeps nested objects and arrays intact through parse and JSON storage", () => {
    const metadata = {
      providerMessageId: "abc-123",
      receipt: { status: "DELIVRD", at: "2025-11-28T09:31:00+08:00", hops: [{ carrier: "CHT", ms: 420 }] },
      tags: ["eta", { nested: { deeper: [1, null, true] } }],
    };
    const parsed = smsLogSchema.parse(smsLog(metadata));
    expect(parsed.metadata).toEqual(metadata);
    expect(smsLogSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });

  it("round-trips any JSON object", () => {
    const jsonObject = fc.dictionary(
      fc.string().filter((key) => key !== "__proto__"),
      fc.jsonValue(),
      { maxKeys: 6 },
    );
    fc.assert(
      fc.property(jsonObject, (metadata) => {
        const stored = JSON.parse(JSON.stringify(metadata)) as Record<string, unknown>;
        expect(smsLogSchema.parse(smsLog(stored)).metadata).toEqual(stored);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ["undefined", { a: { b: undefined } }],
    ["NaN", { a: [Number.NaN] }],
    ["a function", { a: () => 1 }],
    ["a Date", { a: new Date() }],
  ])("rejects %s that Firestore could not store", (_, metadata) => {
    expect(smsLogSchema.safeParse(smsLog(metadata)).success).toBe(false);
  });

  it("refuses a __proto__ key instead of dropping it silently", () => {
    const metadata = JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as Record<string, unknown>;
    expect(smsLogSchema.safeParse(smsLog(metadata)).success).toBe(false);
  });

  it("rejects unknown top-level fields and bad statuses", () => {
    expect(smsLogSchema.safeParse({ ...smsLog({}), extra: 1 }).success).toBe(false);
    expect(smsLogSchema.safeParse({ ...smsLog({}), status: "queued" }).success).toBe(false);
  });
});
