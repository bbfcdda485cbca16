import { describe, expect, it } from "vitest";
import { localStack } from "./local-stack.js";

describe("localStack", () => {
  it("gives the README's default addresses when no port variable is set", () => {
    expect(localStack({})).toEqual({
      apiUrl: "http://127.0.0.1:8080",
      authEmulatorHost: "127.0.0.1:9099",
      legacyDatabaseUrl: "postgres://postgres:legacy-dev@127.0.0.1:5433/legacy",
    });
  });

  it("follows the port variables npm start reads, and ignores its other settings", () => {
    const stack = localStack({
      API_PORT: "9000",
      AUTH_PORT: "9199",
      LEGACY_DB_PORT: "6543",
      PROJECT_ID: "x",
    });
    expect(stack).toEqual({
      apiUrl: "http://127.0.0.1:9000",
      authEmulatorHost: "127.0.0.1:9199",
      legacyDatabaseUrl: "postgres://postgres:legacy-dev@127.0.0.1:6543/legacy",
    });
  });

  it("refuses a port that is not one", () => {
    expect(() => localStack({ API_PORT: "eighty" })).toThrow(/API_PORT/);
  });
});
