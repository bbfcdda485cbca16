import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PreconditionFailedError } from "../shared/errors.js";
import { FakeIdempotencyStore } from "./fake-idempotency-store.js";
import { testRouter } from "./test-router.js";

function withCounter(behaviour: (count: number) => Promise<void> = async () => undefined) {
  const store = new FakeIdempotencyStore();
  const test = testRouter({ idempotency: store });
  let writes = 0;
  test.router.add({
    method: "POST",
    path: "/v1/things",
    access: "operator",
    body: z.strictObject({ name: z.string() }),
    handle: async ({ body }) => {
      writes += 1;
      await behaviour(writes);
      return { status: 201, body: { id: `thing-${writes}`, name: body.name } };
    },
  });
  const post = (key: string | undefined, name = "a", token = "operator") =>
    test.call("POST", "/v1/things", {
      token,
      body: { name },
      headers: key ? { "idempotency-key": key } : {},
    });
  return { post, writes: () => writes, store };
}

describe("Idempotency-Key", () => {
  it("runs a write once per key and answers a retry with the first answer, marked as replayed", async () => {
    const { post, writes } = withCounter();
    const first = await post("k-1");
    const retry = await post("k-1");
    expect(writes()).toBe(1);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect((await post(undefined)).status).toBe(201);
    expect(writes()).toBe(2);
  });

  it("refuses the same key for a different request with 422", async () => {
    const { post, writes } = withCounter();
    await post("k-2", "a");
    const other = await post("k-2", "b");
    expect(other.status).toBe(422);
    expect(writes()).toBe(1);
  });

  it("keeps keys per user: the same key of another user is another request", async () => {
    const { post, writes } = withCounter();
    await post("shared", "a", "operator");
    await post("shared", "a", "admin");
    expect(writes()).toBe(2);
  });

  it("answers a retry while the first attempt runs with 409, never a second write", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { post, writes } = withCounter(() => gate);
    const first = post("k-3");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await post("k-3")).status).toBe(409);
    release();
    expect((await first).status).toBe(201);
    expect(writes()).toBe(1);
  });

  it("releases the key after a 4xx (nothing was written) and keeps a 5xx (unknown) to replay it", async () => {
    const refusing = withCounter(async (count) => {
      if (count === 1) throw new PreconditionFailedError("stale");
    });
    expect((await refusing.post("k-4")).status).toBe(412);
    expect((await refusing.post("k-4")).status).toBe(201);
    const failing = withCounter(async () => {
      throw new Error("crashed after who knows what");
    });
    expect((await failing.post("k-5")).status).toBe(500);
    const retried = await failing.post("k-5");
    expect(retried.status).toBe(500);
    expect(retried.headers["idempotent-replayed"]).toBe("true");
    expect(failing.writes()).toBe(1);
  });

  it("refuses a malformed key with 400 and writes nothing", async () => {
    const { post, writes } = withCounter();
    expect((await post("with space")).status).toBe(400);
    expect((await post("x".repeat(256))).status).toBe(400);
    expect(writes()).toBe(0);
  });
});
