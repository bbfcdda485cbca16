import { createHash } from "node:crypto";
import { PreconditionFailedError, PreconditionRequiredError } from "../shared/errors.js";

/** JSON with object keys sorted, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Legacy rows carry no version, so their ETag is a strong hash of the mapped record: any
 * change to the row, even one made by the vendor application, changes it.
 */
export function legacyEtag(record: unknown): string {
  return `"L-${createHash("sha256").update(canonicalJson(record)).digest("base64url")}"`;
}

/** New-side records carry a version that increments on every write. */
export function versionEtag(version: number): string {
  return `"N-${version}"`;
}

/** The If-Match value of a conditional write; writes without one are refused (428). */
export function requireIfMatch(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || value.trim() === "") {
    throw new PreconditionRequiredError(
      "Send If-Match with the ETag you read, so a concurrent edit is not lost.",
    );
  }
  return value.trim();
}

export function assertEtagMatches(expected: string | undefined, actual: string): void {
  if (expected !== undefined && expected !== "*" && expected !== actual) {
    throw new PreconditionFailedError("The record changed since you read it; read it again and retry.");
  }
}
