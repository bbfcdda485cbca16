import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { syncSchemaSql } from "./sync-schema.js";

describe("sync capture schema", () => {
  it("is the same text as emulators/legacy/sync-schema.sql, so the DDL reviewed there is what runs", () => {
    const file = readFileSync(
      new URL("../../../../emulators/legacy/sync-schema.sql", import.meta.url),
      "utf8",
    );
    expect(syncSchemaSql).toBe(file);
  });
});
