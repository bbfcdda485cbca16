import { describe, expect, it } from "vitest";
import { commands } from "./commands.js";
import { runLuckygas } from "./run-luckygas.js";

/** A fake Auth emulator and API behind one fetch: sign-in answers a token, the API `routes`. */
function fakeServices(routes: Record<string, () => Response>) {
  const requests: string[] = [];
  const fetch = (async (url: URL | string, init: RequestInit) => {
    const text = String(url);
    if (text.includes("accounts:signInWithPassword")) {
      return new Response(JSON.stringify({ idToken: "token", expiresIn: "3600" }));
    }
    const path = new URL(text).pathname;
    requests.push(`${init.method} ${path}`);
    const answer = routes[`${init.method} ${path}`];
    return answer
      ? answer()
      : new Response(
          JSON.stringify({ title: "NotFoundError", status: 404, detail: `No route for ${path}` }),
          {
            status: 404,
          },
        );
  }) as unknown as typeof globalThis.fetch;
  return { fetch, requests };
}

async function run(argv: string[], routes: Record<string, () => Response> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const services = fakeServices(routes);
  const code = await runLuckygas(argv, commands, {
    output: { out: (text) => out.push(text), err: (text) => err.push(text) },
    env: {},
    signal: new AbortController().signal,
    fetch: services.fetch,
  });
  return { code, out: out.join("\n"), err: err.join("\n"), requests: services.requests };
}

describe("runLuckygas", () => {
  it("prints help with exit 0, and refuses a bad option with one line and exit 2 before any request", async () => {
    expect(await run(["--help"])).toMatchObject({ code: 0, err: "" });
    const bad = await run(["conflicts", "list", "--colour"]);
    expect(bad).toMatchObject({ code: 2, out: "", err: "luckygas: unknown option --colour", requests: [] });
  });

  it("prints the API's JSON as it is with --json", async () => {
    const conflicts = { conflicts: [] };
    const result = await run(["conflicts", "list", "--json"], {
      "GET /v1/sync/conflicts": () => new Response(JSON.stringify(conflicts)),
    });
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(JSON.parse(result.out)).toEqual(conflicts);
  });

  it("reports an API problem in one line with exit 1", async () => {
    const result = await run(["cohort", "show", "cmc0ffee0-abc123"]);
    expect(result).toMatchObject({
      code: 1,
      out: "",
      err: "luckygas: 404 NotFoundError: No route for /v1/cohorts/cmc0ffee0-abc123",
    });
  });

  it("exits 1 when a verification finds differences, after showing them", async () => {
    const answer = {
      verified: 2,
      equal: 1,
      unequal: [
        {
          customerCode: "0000002",
          mismatches: [
            { entity: "customer", key: "0000002", field: "balance", legacy: "10.00", new: "12.00" },
          ],
        },
      ],
    };
    const result = await run(["verify", "0000001", "0000002"], {
      "POST /v1/sync/verify": () => new Response(JSON.stringify(answer)),
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain("verified 2: 1 equal, 1 differ");
    expect(result.out).toMatch(/0000002\s+customer\s+0000002\s+balance\s+10\.00\s+12\.00/);
    expect(result.err).toBe("luckygas: 1 of 2 customers differ between legacy and the new system");
  });

  it("posts a wave action with its reason and shows the status it answers", async () => {
    const result = await run(["wave", "pause", "w1", "--reason", "lunch", "--as", "operator"], {
      "POST /v1/waves/w1:pause": () =>
        new Response(JSON.stringify({ id: "w1", stage: "shadow", status: "paused" }), { status: 202 }),
    });
    expect(result).toMatchObject({
      code: 0,
      out: "wave w1: stage shadow, paused",
      requests: ["POST /v1/waves/w1:pause"],
    });
  });

  it("watches a wave as JSON lines until it stops running, and fails when the wave failed", async () => {
    const answers = [
      { id: "w1", stage: "dualwrite", status: "running", progress: { done: 1, total: 2, etaSeconds: 1 } },
      { id: "w1", stage: "dualwrite", status: "failed", progress: { done: 1, total: 2, etaSeconds: null } },
    ];
    const result = await run(["wave", "status", "w1", "--watch", "--json", "--interval", "0.2"], {
      "GET /v1/waves/w1": () => new Response(JSON.stringify(answers.shift())),
    });
    expect(result.code).toBe(1);
    expect(result.out.split("\n").map((line) => JSON.parse(line).status)).toEqual(["running", "failed"]);
    expect(result.err).toBe(
      "luckygas: wave w1 failed at stage dualwrite; its gates say why (luckygas wave status w1)",
    );
  });
});
