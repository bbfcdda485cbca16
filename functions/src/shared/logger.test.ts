import { describe, expect, it } from "vitest";
import { JsonLogger, redact } from "./logger.js";

describe("redact", () => {
  it.each([
    ["call 0912345678 now", "call 09******78 now"],
    ["0912-345-678、089-345678", "09**-***-*78、089-****78"],
    ["landline 089-123456", "landline 089-****56"],
  ])("masks phone numbers in %s", (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it("leaves customer codes, delivery numbers and amounts alone", () => {
    expect(redact("client 0001234 order D11411280007 amount 2100")).toBe(
      "client 0001234 order D11411280007 amount 2100",
    );
  });
});

function capture(): { logger: JsonLogger; entries: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const logger = new JsonLogger("DEBUG", {}, (line) => lines.push(line));
  return { logger, entries: () => lines.map((line) => JSON.parse(line)) };
}

describe("JsonLogger", () => {
  it("writes Cloud Logging fields, trace included, and drops lines below the minimum", () => {
    const lines: string[] = [];
    const logger = new JsonLogger("INFO", {}, (line) => lines.push(line)).with({
      trace: "projects/p/traces/abc",
    });
    logger.log("DEBUG", "hidden");
    logger.log("WARNING", "shown", { phone: "0912345678" });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? "{}");
    expect(entry).toMatchObject({
      severity: "WARNING",
      message: "shown",
      "logging.googleapis.com/trace": "projects/p/traces/abc",
      phone: "[redacted]",
    });
  });

  it("drops personal-data fields whole, at any depth and whatever their shape", () => {
    const { logger, entries } = capture();
    logger.log("INFO", "customer saved", {
      customer: {
        code: "1000123",
        invoiceTitle: "王小明",
        taxId: { value: "04595257", valid: true },
        address: { raw: "臺東縣臺東市中華路一段1號", parsed: { county: "臺東縣" } },
        phones: { raw: "0912345678", numbers: [{ kind: "mobile", national: "0912345678" }], notes: [] },
        contactTel: 89345678,
      },
      remoteAddress: "10.0.0.7",
      changes: [{ mobile: "0987654321" }],
    });
    expect(entries()[0]).toMatchObject({
      customer: {
        code: "1000123",
        invoiceTitle: "[redacted]",
        taxId: "[redacted]",
        address: "[redacted]",
        phones: "[redacted]",
        contactTel: "[redacted]",
      },
      remoteAddress: "10.0.0.7",
      changes: [{ mobile: "[redacted]" }],
    });
  });

  it("scans messages, error strings and object keys, and leaves numbers, ids and times alone", () => {
    const { logger, entries } = capture();
    logger.log("ERROR", "SMS to +886-912-345-678 failed", {
      error: "gateway: invalid phone number 0912345678\nretry 089-345678",
      attemptsByNumber: { "0912345678": 3 },
      latencyMs: 345678,
      status: 503,
      orderId: "D11511280001",
      correlationId: "123e4567-e89b-12d3-a456-426614174000",
    });
    const [entry] = entries();
    expect(entry).toMatchObject({
      message: "SMS to +886-9**-***-*78 failed",
      error: "gateway: invalid phone number 09******78\nretry 089-****78",
      attemptsByNumber: { "09******78": 3 },
      latencyMs: 345678,
      status: 503,
      orderId: "D11511280001",
      correlationId: "123e4567-e89b-12d3-a456-426614174000",
    });
    expect(String(entry?.time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
