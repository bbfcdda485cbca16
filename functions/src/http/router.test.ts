import { describe, expect, it } from "vitest";
import { z } from "zod";
import { JsonLogger } from "../shared/logger.js";
import { MemoryRequestLimiter } from "./request-limiter.js";
import { Router } from "./router.js";
import { testRouter } from "./test-router.js";

const bodySchema = z.strictObject({ name: z.string().min(1) });

function withRoutes(options: Parameters<typeof testRouter>[0] = {}) {
  const test = testRouter(options);
  const seen: unknown[] = [];
  test.router.add({
    method: "POST",
    path: "/v1/things/{id}:rename",
    access: "operator",
    params: z.strictObject({ id: z.string().regex(/^\w+$/) }),
    body: bodySchema,
    handle: async ({ params, body, principal }) => {
      seen.push({ params, body, uid: principal.uid });
      return { status: 200, body: { ok: true } };
    },
  });
  test.router.add({
    method: "GET",
    path: "/v1/things",
    access: "viewer",
    query: z.strictObject({ colour: z.enum(["red", "blue"]).optional() }),
    page: { key: z.string().regex(/^\d+$/) },
    handle: async ({ query, page }) => {
      const all = Array.from({ length: 5 }, (_, index) => String(index + 1));
      const start = page.after === undefined ? 0 : all.indexOf(page.after) + 1;
      const items = all.slice(start, start + page.size);
      const last = start + page.size < all.length ? items.at(-1) : undefined;
      return { status: 200, body: { colour: query.colour, items, nextPageToken: page.next(last) } };
    },
  });
  return { ...test, seen };
}

describe("Router: one order of checks for every route", () => {
  it("authenticates before it reads the body: an anonymous caller learns nothing of the schema", async () => {
    const { call, seen } = withRoutes();
    const answer = await call("POST", "/v1/things/a:rename", { body: { wrong: 1 } });
    expect(answer.status).toBe(401);
    expect(answer.body).not.toHaveProperty("errors");
    expect((await call("POST", "/v1/things/a:rename", { token: "viewer", body: { wrong: 1 } })).status).toBe(
      403,
    );
    expect(seen).toEqual([]);
  });

  it("validates path, query and body with one path format, then calls the handler", async () => {
    const { call, seen } = withRoutes();
    const bad = await call("POST", "/v1/things/a-b:rename", { token: "operator", body: { name: "" } });
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: { path: string }[] }).errors.map((error) => error.path)).toEqual([
      "path.id",
    ]);
    const badBody = await call("POST", "/v1/things/a:rename", { token: "operator", body: { name: "" } });
    expect((badBody.body as { errors: { path: string }[] }).errors.map((error) => error.path)).toEqual([
      "body.name",
    ]);
    const unknownQuery = await call("GET", "/v1/things", { token: "viewer", query: { shape: "round" } });
    expect(unknownQuery.status).toBe(400);
    const ok = await call("POST", "/v1/things/a:rename", { token: "operator", body: { name: "x" } });
    expect(ok.status).toBe(200);
    expect(seen).toEqual([{ params: { id: "a" }, body: { name: "x" }, uid: "o" }]);
  });

  it("answers a malformed percent-escape in the path with 400, not 500", async () => {
    const { call } = withRoutes();
    const answer = await call("POST", "/v1/things/%E0%A4%A:rename", {
      token: "operator",
      body: { name: "x" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errors: [{ path: "path.id" }] });
  });

  it("refuses a body that is not JSON with 415", async () => {
    const { call } = withRoutes();
    const answer = await call("POST", "/v1/things/a:rename", {
      token: "operator",
      body: Buffer.from("name=x"),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(answer.status).toBe(415);
  });

  it("limits per user with 429 and Retry-After", async () => {
    const limiter = new MemoryRequestLimiter({ perAddressPerMinute: 100, perUserPerMinute: 2 });
    const { call } = withRoutes({ limiter });
    const statuses: number[] = [];
    for (let index = 0; index < 3; index++)
      statuses.push((await call("GET", "/v1/things", { token: "viewer" })).status);
    const refused = await call("GET", "/v1/things", { token: "viewer" });
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect((await call("GET", "/v1/things", { token: "operator" })).status).toBe(200);
  });

  it("limits per client address before any token is checked", async () => {
    const limiter = new MemoryRequestLimiter({ perAddressPerMinute: 1, perUserPerMinute: 100 });
    const { call } = withRoutes({ limiter });
    expect((await call("GET", "/v1/things")).status).toBe(401);
    expect((await call("GET", "/v1/things")).status).toBe(429);
  });
});

describe("Router: an optional reason on operators' data edits", () => {
  it("takes a top-level reason out of the body before the schema sees it, and checks it", async () => {
    const { router, call } = testRouter();
    const seen: unknown[] = [];
    router.add({
      method: "POST",
      path: "/v1/notes",
      access: "operator",
      body: z.strictObject({ text: z.string() }),
      optionalReason: true,
      handle: async ({ body, reason }) => {
        seen.push({ body, reason });
        return { status: 201 };
      },
    });
    expect(
      (await call("POST", "/v1/notes", { token: "operator", body: { text: "a", reason: "why" } })).status,
    ).toBe(201);
    expect((await call("POST", "/v1/notes", { token: "operator", body: { text: "b" } })).status).toBe(201);
    const blank = await call("POST", "/v1/notes", { token: "operator", body: { text: "c", reason: " " } });
    expect(blank.status).toBe(400);
    expect(blank.body).toMatchObject({ errors: [{ path: "body.reason" }] });
    expect(seen).toEqual([
      { body: { text: "a" }, reason: "why" },
      { body: { text: "b" }, reason: undefined },
    ]);
  });
});

describe("Router: signed page tokens bound to the query", () => {
  it("pages through with the token it gave out", async () => {
    const { call } = withRoutes();
    const first = await call("GET", "/v1/things", {
      token: "viewer",
      query: { pageSize: "2", colour: "red" },
    });
    const token = (first.body as { nextPageToken: string }).nextPageToken;
    const second = await call("GET", "/v1/things", {
      token: "viewer",
      query: { pageSize: "2", colour: "red", pageToken: token },
    });
    expect((second.body as { items: string[] }).items).toEqual(["3", "4"]);
  });

  it("refuses a tampered token, a hand-made one and one replayed with other filters", async () => {
    const { call } = withRoutes();
    const first = await call("GET", "/v1/things", {
      token: "viewer",
      query: { pageSize: "2", colour: "red" },
    });
    const token = (first.body as { nextPageToken: string }).nextPageToken;
    const [payload, signature] = token.split(".");
    const forged = `${Buffer.from("4").toString("base64url")}.${signature}`;
    for (const query of [
      { colour: "red", pageToken: forged },
      { colour: "red", pageToken: Buffer.from("2").toString("base64url") },
      { colour: "blue", pageToken: token },
      { colour: "red", pageToken: `${payload}.${signature}x` },
    ]) {
      const answer = await call("GET", "/v1/things", { token: "viewer", query });
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(answer.body).toMatchObject({ errors: [{ path: "query.pageToken" }] });
    }
  });
});

describe("Router: declarations", () => {
  const logger = new JsonLogger("ERROR", {}, () => {});

  it("refuses a role route on a router that cannot authorize, and a write without a body schema", () => {
    const bare = new Router({ logger, projectId: "demo-x" });
    expect(() =>
      bare.add({ method: "GET", path: "/v1/x", access: "viewer", handle: async () => ({ status: 200 }) }),
    ).toThrow(/authorizer/);
    expect(() =>
      bare.add({ method: "POST", path: "/", access: "public", handle: async () => ({ status: 200 }) }),
    ).toThrow(/body/);
  });

  it("lists every route with its access rule", () => {
    const { router } = withRoutes();
    expect(router.routes()).toEqual([
      {
        method: "POST",
        path: "/v1/things/{id}:rename",
        access: "operator",
        paged: false,
        precondition: undefined,
      },
      { method: "GET", path: "/v1/things", access: "viewer", paged: true, precondition: undefined },
    ]);
  });
});
