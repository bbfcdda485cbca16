import { describe, expect, it } from "vitest";
import { HealthService } from "./health-service.js";

describe("HealthService", () => {
  it("is ok only when every dependency answers, and names the one that did not", async () => {
    const health = new HealthService(
      "api",
      [
        { name: "up", ping: async () => undefined },
        { name: "down", ping: async () => Promise.reject(new Error("connection refused")) },
        { name: "slow", ping: () => new Promise((resolve) => setTimeout(resolve, 1_000)) },
      ],
      50,
    );
    const report = await health.check();
    expect(report.status).toBe("degraded");
    expect(report.checks.up?.ok).toBe(true);
    expect(report.checks.down).toMatchObject({ ok: false, error: "Error: connection refused" });
    expect(report.checks.slow?.error).toContain("no answer within 50 ms");
  });
});
