import { describe, expect, it } from "vitest";
import { assertPrecondition } from "../shared/precondition.js";
import { parsePrecondition } from "./if-match.js";

describe("parsePrecondition (RFC 9110 §13.1)", () => {
  it("needs If-Match on an edit (428); If-None-Match: * only where a create is allowed", () => {
    expect(() => parsePrecondition({}, "if-match")).toThrow(
      expect.objectContaining({ code: "PRECONDITION_REQUIRED" }),
    );
    expect(() => parsePrecondition({ "if-none-match": "*" }, "if-match")).toThrow(
      expect.objectContaining({ code: "PRECONDITION_REQUIRED" }),
    );
    expect(parsePrecondition({ "if-none-match": "*" }, "if-match-or-create")).toEqual({ kind: "absent" });
  });

  it("refuses weak and malformed tags with a 400 naming the header", () => {
    for (const value of ['W/"N-3"', "N-3", '"a" "b"', '"N-3", W/"N-4"']) {
      expect(() => parsePrecondition({ "if-match": value }, "if-match"), value).toThrow(
        expect.objectContaining({
          code: "VALIDATION_FAILED",
          issues: [expect.objectContaining({ path: "header.If-Match" })],
        }),
      );
    }
  });

  it("takes a list of strong tags, any of which may match", () => {
    const precondition = parsePrecondition({ "if-match": '"N-3", "N-4"' }, "if-match");
    expect(() => assertPrecondition(precondition, '"N-4"')).not.toThrow();
    expect(() => assertPrecondition(precondition, '"N-5"')).toThrow(
      expect.objectContaining({ code: "PRECONDITION_FAILED" }),
    );
  });

  it("If-Match: * means only that the record exists", () => {
    const any = parsePrecondition({ "if-match": "*" }, "if-match");
    expect(() => assertPrecondition(any, '"N-9"')).not.toThrow();
    expect(() => assertPrecondition(any, undefined)).toThrow(
      expect.objectContaining({ code: "PRECONDITION_FAILED" }),
    );
  });

  it("If-None-Match: * fails when the record exists", () => {
    expect(() => assertPrecondition({ kind: "absent" }, '"N-1"')).toThrow(
      expect.objectContaining({ code: "PRECONDITION_FAILED" }),
    );
    expect(() => assertPrecondition({ kind: "absent" }, undefined)).not.toThrow();
  });
});
