import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.js";
import { legacyEtag } from "./record-etag.js";

describe("legacy ETags", () => {
  it("do not depend on key order, and change with any value", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(legacyEtag(reversed)).toBe(legacyEtag(record));
        // Longer than every key, so a key the record does not have yet.
        const freshKey = `${Object.keys(record).join("")}x`;
        expect(legacyEtag({ ...record, [freshKey]: 1 })).not.toBe(legacyEtag(record));
      }),
    );
  });

  it("canonical JSON sorts keys at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
});
