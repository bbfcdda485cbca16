import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";

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
