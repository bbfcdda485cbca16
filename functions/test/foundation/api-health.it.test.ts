import { describe, expect, it } from "vitest";
import { testEnv } from "../support/test-env.js";

describe("api function", () => {
  it("answers /healthz with every dependency up, as a structured report", async () => {
    const apiUrl = testEnv().API_URL;
    expect(apiUrl, "npm test starts the api function").toBeTruthy();
    const response = await fetch(new URL("/healthz", apiUrl));
    const report = await response.json();
    expect(response.status).toBe(200);
    expect(report).toMatchObject({
      status: "ok",
      service: "api",
      checks: { firestore: { ok: true }, legacyDatabase: { ok: true } },
    });
    expect(response.headers.get("x-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers an unknown route with an RFC 9457 problem", async () => {
    const response = await fetch(new URL("/v1/nothing-here", testEnv().API_URL));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 404, type: expect.stringContaining("not-found") });
  });
});
