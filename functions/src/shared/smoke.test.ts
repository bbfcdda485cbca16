import { describe, expect, it } from "vitest";
import { legacyClientColumns } from "../legacy/legacy-rows.js";

describe("legacy row schema", () => {
  it("lists the 36 vendor columns of clients in table order", () => {
    expect(legacyClientColumns[0]).toBe("client_code");
    expect(legacyClientColumns).toHaveLength(36);
  });
});
