import { describe, expect, it } from "vitest";
import { signInTestUsers } from "../support/role-tokens.js";
import { testEnv } from "../support/test-env.js";

describe("api function", () => {
  it("answers /healthz to anyone with ok or degraded only, and admins with the report at /v1/health", async () => {
    const apiUrl = testEnv().API_URL;
    expect(apiUrl, "npm test starts the api function").toBeTruthy();
    const response = await fetch(new URL("/healthz", apiUrl));
    expect(response.status).toBe(200);
    // Which dependency failed, how slowly and with what error is for admins, not for whoever asks.
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("x-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await fetch(new URL("/v1/health", apiUrl))).status).toBe(401);
    const { tokens } = await signInTestUsers("health");
    const details = await fetch(new URL("/v1/health", apiUrl), {
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    expect(await details.json()).toMatchObject({
      status: "ok",
      service: "api",
      checks: { firestore: { ok: true }, legacyDatabase: { ok: true } },
    });
  });

  it("answers an unknown route with an RFC 9457 problem", async () => {
    const response = await fetch(new URL("/v1/nothing-here", testEnv().API_URL));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 404, type: expect.stringContaining("not-found") });
  });
});
