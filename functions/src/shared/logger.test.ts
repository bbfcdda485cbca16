import { describe, expect, it } from "vitest";
import { JsonLogger, redact } from "./logger.js";

describe("redact", () => {
  it.each([
    ["call 0912345678 now", "call 0912***78 now"],
    ["0912-345-678、089-345678", "0912***78、0893***78"],
    ["landline 089-123456", "landline 0891***56"],
  ])("masks phone numbers in %s", (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it("leaves customer codes, delivery numbers and amounts alone", () => {
    expect(redact("client 0001234 order D11411280007 amount 2100")).toBe(
      "client 0001234 order D11411280007 amount 2100",
    );
  });
});

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
      phone: "0912***78",
    });
  });
});
